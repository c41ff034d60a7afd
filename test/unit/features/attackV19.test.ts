import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { complete } from '../../../server/src/engine/features/completion';
import type { CompletionEntry, FeatureContext } from '../../../server/src/engine/features/featureTypes';
import { hover } from '../../../server/src/engine/features/hover';
import { documentLinks } from '../../../server/src/engine/features/links';
import { buildModel } from '../../../server/src/engine/model/buildModel';
import { defaultVersionEngine, formatRange, projectRoot, TEST_NOW } from '../../helpers';

/** Hover and completion under the default ATT&CK version, v19.2, on v18-era rows and v19 techniques. */

const CURSOR = '‸';
const contextOf = (text: string): FeatureContext => ({
  model: buildModel(text),
  spec: defaultVersionEngine().schema.spec,
  catalog: defaultVersionEngine().catalog,
  now: TEST_NOW,
});
const northwind = contextOf(readFileSync(join(projectRoot(), 'examples', 'northwind-ransomware-intrusion.md'), 'utf8'));
// Line 64: "- **Defense Evasion:** T1562.001 Disable or Modify Tools"

const V19 = contextOf(
  [
    '# Incident Report: V',
    '## Attack Methodology',
    '- **Stealth:** T1211 Exploitation for Stealth, T1112 Modify Registry',
    '- **Defense Impairment:** T1685 Disable or Modify Tools, T1070.001',
    '- **Initial Access:** T1193',
  ].join('\n'),
);

const at = (context: FeatureContext, line: number, character: number) => {
  const result = hover(context, { line, character });
  assert.ok(result, `no hover at ${line}:${character}`);
  return { range: formatRange(result.range), contents: result.contents };
};
const FOOTER = (path: string) => `[attack.mitre.org](https://attack.mitre.org/${path}) · MITRE ATT&CK v19.2`;

describe('hover under ATT&CK v19.2', () => {
  test("a legacy row's tactic key: the v18.1 tactic, what v19.2 made of it, and how the row is read", () => {
    assert.deepEqual(at(northwind, 64, 8), {
      range: '64:4-64:19',
      contents: [
        '**TA0005 Defense Evasion** (ATT&CK v18.1 tactic)',
        'ATT&CK v19.2 renamed TA0005 Stealth and split TA0112 Defense Impairment from it.',
        'This row is read as Stealth or Defense Impairment: each technique counts under those of them ATT&CK v19.2 lists it for.',
        '**v19.2 tactics:** TA0005 Stealth (column 7 of 15), TA0112 Defense Impairment (column 8 of 15)',
        FOOTER('tactics/TA0005/'),
      ].join('\n\n'),
    });
  });

  test('a technique revoked since v18.1: the replacement with its v19.2 tactic, its tactics when current, the version', () => {
    const { range, contents } = at(northwind, 64, 26);
    assert.equal(range, '64:23-64:32');
    const parts = contents.split('\n\n');
    assert.deepEqual(parts.slice(0, 3), [
      '**T1562.001 Disable or Modify Tools** (sub-technique of T1562 Impair Defenses)',
      '**Revoked in ATT&CK v19.2** (current in v18.1): use T1685 Disable or Modify Tools (Defense Impairment) instead.',
      '**Tactics when current:** Defense Evasion  \n**Platforms:** Containers, IaaS, Linux, macOS, Network Devices, Windows',
    ]);
    assert.equal(parts.at(-1), FOOTER('techniques/T1562/001'));
    // A technique revoked long before v18.1 keeps the plain notice.
    assert.equal(at(V19, 4, 22).contents.split('\n\n')[1], '**Revoked: use T1566.001 Spearphishing Attachment instead.**');
  });

  test('a new v19 technique: name, tactics and link, and plainly no description', () => {
    assert.deepEqual(at(V19, 3, 27), {
      range: '3:26-3:31',
      contents: [
        '**T1685 Disable or Modify Tools**',
        '**Tactics:** Defense Impairment',
        'The bundled ATT&CK v19.2 catalog has no description for this technique.',
        FOOTER('techniques/T1685'),
      ].join('\n\n'),
    });
  });

  test('renamed and moved techniques say what v19.2 changed', () => {
    assert.deepEqual(at(V19, 2, 16), {
      range: '2:15-2:20',
      contents: [
        '**T1211 Exploitation for Stealth**',
        '**Renamed in ATT&CK v19.2:** v18.1 called it Exploitation for Defense Evasion.',
        '**Tactics:** Stealth',
        'The bundled ATT&CK v19.2 catalog has no description for this technique.',
        FOOTER('techniques/T1211'),
      ].join('\n\n'),
    });
    const moved = at(V19, 2, 50);
    assert.equal(moved.range, '2:47-2:52');
    assert.deepEqual(moved.contents.split('\n\n').slice(0, 3), [
      '**T1112 Modify Registry**',
      '**Moved in ATT&CK v19.2:** v18.1 listed it under Persistence, Defense Evasion.',
      '**Tactics:** Persistence, Defense Impairment  \n**Platforms:** Windows',
    ]);
  });

  test("the renamed tactic's key (Stealth) says its v18.1 name", () => {
    const stealth = at(V19, 2, 6);
    assert.equal(stealth.range, '2:4-2:11');
    assert.deepEqual(stealth.contents.split('\n\n').slice(0, 1).concat(stealth.contents.split('\n\n').slice(2)), [
      '**TA0005 Stealth** (ATT&CK tactic)',
      'ATT&CK v18.1 called it Defense Evasion.',
      FOOTER('tactics/TA0005/'),
    ]);
    assert.ok(!at(V19, 3, 6).contents.includes('called it'), 'Defense Impairment is new: no earlier name');
  });
});

/** Completion where `‸` is written in the text. */
function completeAt(marked: string): CompletionEntry[] {
  const offset = marked.indexOf(CURSOR);
  const before = marked.slice(0, offset).split('\n');
  return complete(contextOf(marked.replace(CURSOR, '')), { line: before.length - 1, character: before[before.length - 1].length });
}
const row = (value: string) => `# Incident Report: X\n## Attack Methodology\n- **Defense Evasion:** ${value}`;
const describeEntry = (entry: CompletionEntry) => `${formatRange(entry.range)} ${entry.label} | ${entry.detail}`;

describe('completion under ATT&CK v19.2', () => {
  test('a legacy row, nothing typed: Stealth techniques then Defense Impairment ones, half the list each, less those written', () => {
    const entries = completeAt(row(`T1027, ${CURSOR}`));
    assert.equal(entries.length, 50);
    assert.deepEqual(entries.slice(0, 2).map(describeEntry), ['2:30-2:30 T1006 | Direct Volume Access, Stealth', '2:30-2:30 T1014 | Rootkit, Stealth']);
    assert.deepEqual(entries.slice(25, 27).map(describeEntry), [
      '2:30-2:30 T1112 | Modify Registry, Persistence, Defense Impairment',
      '2:30-2:30 T1207 | Rogue Domain Controller, Defense Impairment',
    ]);
    assert.ok(entries.slice(0, 25).every((entry) => entry.detail?.includes('Stealth')));
    assert.ok(entries.slice(25).every((entry) => entry.detail?.includes('Defense Impairment')));
    assert.ok(!entries.some((entry) => entry.label === 'T1027'), 'T1027 is written already');
  });

  test('a legacy row, words typed: techniques of both successors rank first', () => {
    const entries = completeAt(row(`exploitation${CURSOR}`));
    assert.deepEqual(entries.slice(0, 3).map(describeEntry), [
      '2:23-2:35 T1211 | Exploitation for Stealth, Stealth',
      '2:23-2:35 T1687 | Exploitation for Defense Impairment, Defense Impairment',
      '2:23-2:35 T1068 | Exploitation for Privilege Escalation, Privilege Escalation',
    ]);
    assert.equal(
      entries[1].documentation,
      '**T1687 Exploitation for Defense Impairment**\n\nNo description in the bundled ATT&CK v19.2 catalog.\n\n[ATT&CK v19.2](https://attack.mitre.org/techniques/T1687)',
    );
    // Under Impact the same words rank Impact's technique first: the boost above comes from the legacy row.
    assert.equal(completeAt(`# Incident Report: X\n## Attack Methodology\n- **Impact:** exploitation${CURSOR}`)[0].label, 'T1499.004');
  });

  test('tactic keys: the 15 v19.2 tactics in matrix order', () => {
    const entries = completeAt(`# Incident Report: X\n## Attack Methodology\n- ${CURSOR}`);
    assert.deepEqual(
      entries.map((entry) => `${entry.detail} ${entry.label}`),
      [
        'TA0043 Reconnaissance',
        'TA0042 Resource Development',
        'TA0001 Initial Access',
        'TA0002 Execution',
        'TA0003 Persistence',
        'TA0004 Privilege Escalation',
        'TA0005 Stealth',
        'TA0112 Defense Impairment',
        'TA0006 Credential Access',
        'TA0007 Discovery',
        'TA0008 Lateral Movement',
        'TA0009 Collection',
        'TA0011 Command and Control',
        'TA0010 Exfiltration',
        'TA0040 Impact',
      ],
    );
    assert.deepEqual(
      entries.map((entry) => entry.sortText),
      [...entries.map((entry) => entry.sortText)].sort(),
    );
  });
});

test('links under ATT&CK v19.2: a legacy tactic key links to its first successor, the tooltip naming both', () => {
  const links = documentLinks(northwind).filter((link) => link.range.start.line === 64);
  assert.deepEqual(
    links.map((link) => `${formatRange(link.range)} ${link.target} ${link.tooltip}`),
    [
      '64:4-64:19 https://attack.mitre.org/tactics/TA0005/ Defense Evasion (ATT&CK v18.1): in ATT&CK v19.2 TA0005 Stealth and TA0112 Defense Impairment',
      '64:23-64:32 https://attack.mitre.org/techniques/T1562/001 T1562.001 Disable or Modify Tools (ATT&CK v19.2)',
    ],
  );
  assert.equal(documentLinks(northwind).filter((link) => link.target.includes('/tactics/')).length, 13, 'every tactic key, the legacy one too');
});
