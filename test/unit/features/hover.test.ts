import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { FeatureContext } from '../../../server/src/engine/features/featureTypes';
import { hover } from '../../../server/src/engine/features/hover';
import { assertRangeInside, engine, formatRange, projectRoot, seedText, TEST_NOW } from '../../helpers';

const northwindText = readFileSync(join(projectRoot(), 'examples', 'northwind-ransomware-intrusion.md'), 'utf8');
const contextOf = (text: string): FeatureContext => ({
  model: engine().check(text).model,
  spec: engine().schema.spec,
  catalog: engine().catalog,
  now: TEST_NOW,
});
const northwind = contextOf(northwindText);
const seed = contextOf(seedText());
const version = engine().catalog.version;

/** The seed with ATT&CK references written into its Attack Methodology and a code block in Lessons Learned. */
const edited = contextOf(
  seedText()
    .replace('- **Persistence:** N/A', '- **Persistence:** T1193 via APT28 (G0007) with Cobalt Strike, cmd.exe and Snake; S0154, TA0003, T1043')
    .replace('- **Discovery:** N/A', '- **Discovery:** T1003, T1566.001 and T9999')
    .replace('## Lessons Learned', '## Lessons Learned\n\n```\nT1566.001 used by APT28\n```'),
);
// Line 24: "- **Persistence:** T1193 via APT28 (G0007) with Cobalt Strike, cmd.exe and Snake; S0154, TA0003, T1043"
// Line 28: "- **Discovery:** T1003, T1566.001 and T9999"; lines 48-50: the code block.

const at = (context: FeatureContext, line: number, character: number) => hover(context, { line, character });

test('hover: a sub-technique ID shows name, parent, tactics, platforms, description, mitigations, link and version', () => {
  const result = at(northwind, 30, 97);
  assert.equal(formatRange(result!.range), '30:95-30:104');
  assert.equal(
    result!.contents,
    [
      '**T1566.002 Spearphishing Link** (sub-technique of T1566 Phishing)',
      '**Tactics:** Initial Access  \n**Platforms:** Identity Provider, Linux, macOS, Office Suite, SaaS, Windows',
      'Adversaries may send spearphishing emails with a malicious link in an attempt to gain access to victim systems. Spearphishing with a link is a specific variant of spearphishing. It is different from other forms of spearphishing in that it employs the use of links to download malware contained in email, instead of attaching malicious files to the email itself, to avoid defenses that may inspect email attachments. Spearphishing may also involve social engineering techniques, such as posing as a trusted source.',
      '**Mitigations:** M1017 User Training, M1018 User Account Management, M1021 Restrict Web-Based Content, M1047 Audit, M1054 Software Configuration',
      `[attack.mitre.org](https://attack.mitre.org/techniques/T1566/002) · MITRE ATT&CK v${version}`,
    ].join('\n\n'),
  );
  // Both ends of the ID count; the same ID in the Attack Methodology row.
  assert.equal(formatRange(at(northwind, 30, 95)!.range), '30:95-30:104');
  assert.equal(formatRange(at(northwind, 30, 104)!.range), '30:95-30:104');
  assert.equal(formatRange(at(northwind, 60, 25)!.range), '60:22-60:31');
});

test('hover: a revoked ID names its replacement; description links are kept; deprecated and mitigation limits', () => {
  const revoked = at(edited, 24, 21)!;
  assert.equal(formatRange(revoked.range), '24:19-24:24');
  const parts = revoked.contents.split('\n\n');
  assert.equal(parts[0], '**T1193 Spearphishing Attachment**');
  assert.equal(parts[1], '**Revoked: use T1566.001 Spearphishing Attachment instead.**');
  assert.ok(revoked.contents.includes('[User Execution](https://attack.mitre.org/techniques/T1204)'), 'markdown links of the description kept');
  assert.equal(parts.at(-1), `[attack.mitre.org](https://attack.mitre.org/techniques/T1193) · MITRE ATT&CK v${version}`);

  const deprecated = at(edited, 24, 100)!;
  assert.equal(formatRange(deprecated.range), '24:97-24:102');
  assert.ok(deprecated.contents.startsWith('**T1043 Commonly Used Port**\n\n**Deprecated:** ATT&CK no longer maintains this technique.'));

  const many = at(edited, 28, 19)!; // T1003 has 9 mitigations
  assert.ok(
    many.contents.includes(
      '\n\n**Mitigations:** M1015 Active Directory Configuration, M1017 User Training, M1025 Privileged Process Integrity, M1026 Privileged Account Management, M1027 Password Policies, M1028 Operating System Configuration, M1040 Behavior Prevention on Endpoint, M1041 Encrypt Sensitive Information (+1 more)\n\n',
    ),
    'at most 8 mitigations, then a count',
  );
  assert.ok(at(edited, 28, 27)!.contents.startsWith('**T1566.001 Spearphishing Attachment** (sub-technique of T1566 Phishing)'));
  assert.equal(at(edited, 28, 40), undefined, 'an unknown ID has no hover');
});

test('hover: a tactic key of Attack Methodology and a TA id', () => {
  const tactic = at(northwind, 60, 8)!;
  assert.equal(formatRange(tactic.range), '60:4-60:18');
  assert.equal(
    tactic.contents,
    [
      '**TA0001 Initial Access** (ATT&CK tactic)',
      'Column 3 of 14 in the ATT&CK matrix, with 11 techniques and 11 sub-techniques.',
      `[attack.mitre.org](https://attack.mitre.org/tactics/TA0001/) · MITRE ATT&CK v${version}`,
    ].join('\n\n'),
  );
  assert.ok(at(northwind, 69, 4)!.contents.startsWith('**TA0011 Command and Control** (ATT&CK tactic)\n\nColumn 12 of 14'));
  const byId = at(edited, 24, 90)!;
  assert.equal(formatRange(byId.range), '24:89-24:95');
  assert.ok(byId.contents.startsWith('**TA0003 Persistence** (ATT&CK tactic)'));
  // A tactic-named key outside Attack Methodology is a field, not a tactic: the seed's Detection & Response "Discovery".
  assert.equal(at(seed, 19, 6), undefined);
});

test('hover: groups and software by ID anywhere, by distinctive name only in Attack Methodology and the timeline', () => {
  const byId = at(edited, 24, 38)!;
  assert.equal(formatRange(byId.range), '24:36-24:41');
  assert.equal(
    byId.contents,
    [
      '**G0007 APT28** (ATT&CK group)',
      '**Also known as:** IRON TWILIGHT, SNAKEMACKEREL, Swallowtail, Group 74, Sednit, Sofacy, Pawn Storm, Fancy Bear, STRONTIUM, Tsar Team, Threat Group-4127, TG-4127 (+3 more)',
      `[attack.mitre.org](https://attack.mitre.org/groups/G0007/) · MITRE ATT&CK v${version}`,
    ].join('\n\n'),
  );
  assert.equal(at(edited, 24, 31)!.contents, byId.contents, 'the name APT28');
  assert.equal(formatRange(at(edited, 24, 31)!.range), '24:29-24:34');
  const cobalt = at(edited, 24, 55)!;
  assert.equal(formatRange(cobalt.range), '24:48-24:61');
  assert.equal(
    cobalt.contents,
    `**S0154 Cobalt Strike** (ATT&CK software, malware)\n\n[attack.mitre.org](https://attack.mitre.org/software/S0154/) · MITRE ATT&CK v${version}`,
  );
  assert.equal(at(edited, 24, 84)!.contents, cobalt.contents, 'S0154 by ID');
  assert.ok(at(edited, 24, 65)!.contents.startsWith('**S0106 cmd** (ATT&CK software, tool)'), 'cmd.exe, an alias');
  assert.equal(at(edited, 24, 75), undefined, '"Snake" could be a word: not hovered');
  assert.equal(formatRange(at(northwind, 35, 50)!.range), '35:48-35:54', 'AdFind in a timeline vector');
  assert.equal(at(northwind, 45, 14), undefined, 'Rclone is a plain capitalized word: not hovered by name');
  const prose = contextOf(seedText().replace('Microsoft mitigated the issue', 'APT28 mitigated the issue'));
  assert.equal(
    at(prose, 2, prose.model.lines.lineText(2).indexOf('APT28') + 2),
    undefined,
    'names outside Attack Methodology and the timeline are not hovered',
  );
});

test('hover: a section heading, a field key and a front matter key show the schema', () => {
  const section = at(northwind, 14, 0)!;
  assert.equal(formatRange(section.range), '14:3-14:20');
  assert.equal(
    section.contents,
    [
      '**Executive Summary** (report section)',
      'A short account of what happened, when, to whom, and how it was resolved, written for readers who will read nothing else.',
      'Required · section 1 of 9 in the template order',
      'Also accepted as: Summary, Overview, Executive Overview, TL;DR',
    ].join('\n\n'),
  );
  const field = at(northwind, 21, 8)!;
  assert.equal(formatRange(field.range), '21:4-21:18');
  assert.equal(
    field.contents,
    "**Discovery Date** (field of Incident Details)\n\nWhen the incident was discovered or first reported. Qualifiers such as 'approx.' or 'prior to' are allowed.\n\nRequired · Example: `2026-06-01 05:00 UTC`",
  );
  const phaseField = at(seed, 12, 6)!;
  assert.equal(formatRange(phaseField.range), '12:4-12:10');
  assert.ok(phaseField.contents.startsWith('**Vector** (field of a Timeline of Events subsection)'));
  const key = at(northwind, 3, 2)!;
  assert.equal(formatRange(key.range), '3:0-3:6');
  assert.equal(
    key.contents,
    '**Status** (front matter key)\n\nWhere the report is in its life cycle.\n\nOptional · Allowed values: `draft`, `in-review`, `final`, `closed`',
  );
  assert.equal(formatRange(at(northwind, 12, 0)!.range), '12:2-12:78', 'the H1 shows the report title');
  assert.equal(at(northwind, 3, 10), undefined, 'a front matter value');
  assert.equal(at(northwind, 0, 1), undefined, 'the front matter fence');
  assert.equal(at(contextOf('---\nowner: me\n---\n# T\n'), 1, 2), undefined, 'an unknown front matter key');
  assert.equal(at(seed, 15, 5), undefined, 'a field key the schema does not know');
  assert.equal(at(contextOf('# T\n## Notes\n- **Owner:** x\n'), 1, 5), undefined, 'a heading that is not a template section');
});

test('hover: nothing in prose, code blocks, blank lines, or outside the document', () => {
  assert.equal(at(seed, 2, 10), undefined);
  assert.equal(at(northwind, 15, 10), undefined);
  assert.equal(at(northwind, 13, 0), undefined, 'a blank line');
  assert.equal(at(edited, 49, 3), undefined, 'a technique ID in a code block');
  assert.equal(at(edited, 49, 20), undefined, 'a group name in a code block');
  const lastLine = northwind.model.lines.lineCount - 1;
  for (const [line, character] of [
    [-1, 0],
    [0, -1],
    [lastLine + 1, 0],
    [10_000, 5],
    [30, 10_000],
    [30, 0.5],
    [Number.NaN, 0],
    [30, Number.POSITIVE_INFINITY],
  ]) {
    assert.equal(at(northwind, line, character), undefined, `${line}:${character}`);
  }
  assert.equal(at(contextOf(''), 0, 0), undefined, 'an empty document');
});

test('hover: never throws, and every range holds the position and lies inside the document', () => {
  for (const context of [seed, northwind, edited, contextOf('## \n### \n- ****: \n---\n# \n\r\n<!--\nT1566 -->\nT1566')]) {
    const text = context.model.lines.text;
    for (let line = -1; line <= context.model.lines.lineCount; line++) {
      const length = line >= 0 && line < context.model.lines.lineCount ? context.model.lines.lineText(line).length : 2;
      for (let character = -1; character <= length + 1; character++) {
        const result = at(context, line, character);
        if (!result) continue;
        assertRangeInside(result.range, text);
        const { start, end } = result.range;
        assert.ok(start.line <= line && line <= end.line, `${line}:${character} in ${formatRange(result.range)}`);
      }
    }
  }
});

test('hover: a cancelled request returns undefined', () => {
  assert.equal(hover(northwind, { line: 30, character: 97 }, { isCancellationRequested: true }), undefined);
  assert.equal(hover(northwind, { line: 60, character: 8 }, { isCancellationRequested: true }), undefined);
});
