import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { complete } from '../../../server/src/engine/features/completion';
import type { CompletionEntry, FeatureContext } from '../../../server/src/engine/features/featureTypes';
import { buildModel } from '../../../server/src/engine/model/buildModel';
import type { Position } from '../../../server/src/engine/types';
import { engine, formatRange, projectRoot, seedText, TEST_NOW } from '../../helpers';

// TEST_NOW is 2026-11-27T12:00Z: "today" is November 27, 2026 in any zone from UTC-11 to UTC+11.

const CURSOR = '‸';
const northwindText = readFileSync(join(projectRoot(), 'examples', 'northwind-ransomware-intrusion.md'), 'utf8');

function contextOf(text: string): FeatureContext {
  return { model: buildModel(text), spec: engine().schema.spec, catalog: engine().catalog, now: TEST_NOW };
}

function replaceOnce(text: string, find: string, replacement: string): string {
  assert.ok(text.includes(find), `text has no '${find}'`);
  return text.replace(find, replacement);
}

/** Completion where `‸` is written in the text (the marker is removed first). */
function completeAt(marked: string): { entries: CompletionEntry[]; position: Position } {
  const offset = marked.indexOf(CURSOR);
  assert.ok(offset >= 0 && marked.indexOf(CURSOR, offset + 1) < 0, 'exactly one cursor marker');
  const before = marked.slice(0, offset).split('\n');
  const position = { line: before.length - 1, character: before[before.length - 1].length };
  const entries = complete(contextOf(marked.replace(CURSOR, '')), position);
  for (const entry of entries) assertRangeAtCursor(entry, position);
  return { entries, position };
}

function assertRangeAtCursor(entry: CompletionEntry, position: Position): void {
  const { start, end } = entry.range;
  assert.ok(start.line === position.line && end.line === position.line, `${entry.label}: range ${formatRange(entry.range)} is not on line ${position.line}`);
  assert.ok(
    end.character === position.character && start.character <= end.character,
    `${entry.label}: range ${formatRange(entry.range)} does not end at ${position.character}`,
  );
}

/** `range label => insertText` per entry, in sortText order. */
function describe(entries: readonly CompletionEntry[]): string[] {
  return [...entries].sort((a, b) => (a.sortText < b.sortText ? -1 : 1)).map((e) => `${formatRange(e.range)} ${e.label} => ${JSON.stringify(e.insertText)}`);
}
const labels = (entries: readonly CompletionEntry[]) => [...entries].sort((a, b) => (a.sortText < b.sortText ? -1 : 1)).map((e) => e.label);

/** The seed without the named H2 sections (heading to the next H2). */
function withoutSections(text: string, ...titles: string[]): string {
  const lines = text.split('\n');
  const kept: string[] = [];
  let skipping = false;
  for (const line of lines) {
    if (line.startsWith('## ')) skipping = titles.includes(line.slice(3));
    if (!skipping) kept.push(line);
  }
  return kept.join('\n');
}

const seedRow = (tactic: string, value: string) => replaceOnce(seedText(), `- **${tactic}:** N/A`, `- **${tactic}:** ${value}`);

test('completion: on a "##" line, the missing sections in schema order, each a snippet with its body', () => {
  const text = replaceOnce(
    withoutSections(seedText(), 'Attack Methodology', 'Lessons Learned'),
    '## Impact Assessment',
    `## Att${CURSOR}\n## Impact Assessment`,
  );
  const { entries } = completeAt(text);
  assert.deepEqual(labels(entries), ['Attack Methodology', 'Lessons Learned']);
  const [attack, lessons] = [...entries].sort((a, b) => (a.sortText < b.sortText ? -1 : 1));
  assert.equal(formatRange(attack.range), '21:0-21:6');
  assert.equal(attack.kind, 'section');
  assert.equal(attack.isSnippet, true);
  assert.equal(attack.sortText, '0003');
  assert.equal(attack.detail, 'required section');
  assert.equal(attack.documentation, engine().schema.spec.sectionByKey('attackMethodology')?.description);
  const rows = attack.insertText.split('\n');
  assert.equal(rows[0], '## Attack Methodology');
  assert.deepEqual(rows.slice(1, 3), [
    '- **Reconnaissance:** ${1:[TODO: techniques used, or N/A]}',
    '- **Resource Development:** ${2:[TODO: techniques used, or N/A]}',
  ]);
  assert.equal(rows.length, 1 + engine().catalog.tactics.length, 'one row per tactic of the catalog');
  assert.ok(attack.filterText?.startsWith('## Attack Methodology') && attack.filterText.includes('TTPs'), 'aliases are kept for filtering');
  assert.equal(lessons.insertText, '## Lessons Learned\n${1:[TODO: What the incident taught: what worked, what did not, and what should change]}');
});

test('completion: a single "#" (indented) is replaced from the "#" on; every value, dates too, is a [TODO: …] hole', () => {
  const text = replaceOnce(withoutSections(seedText(), 'Incident Details'), '## Timeline of Events', `  #${CURSOR}\n## Timeline of Events`);
  const { entries } = completeAt(text);
  assert.deepEqual(
    describe(entries).map((line) => line.split(' => ')[0]),
    ['3:2-3:3 Incident Details'],
  );
  assert.equal(
    entries[0].insertText,
    [
      '## Incident Details',
      '- **Discovery Date:** ${1:[TODO: YYYY-MM-DD]}',
      '- **Incident Date:** ${2:[TODO: YYYY-MM-DD]}',
      '- **Affected Organization:** ${3:[TODO: affected organization]}',
      '- **Sector:** ${4:[TODO: sector]}',
      '- **Geography:** ${5:[TODO: geography]}',
    ].join('\n'),
  );
});

test('completion: sections already present are not offered; the heading being retyped is not counted', () => {
  assert.deepEqual(completeAt(replaceOnce(seedText(), '## Impact Assessment', `## ${CURSOR}\n## Impact Assessment`)).entries, [], 'the seed has every section');
  const retyped = completeAt(replaceOnce(seedText(), '## Impact Assessment', `## Impact Assessment${CURSOR}`));
  assert.deepEqual(
    describe(retyped.entries).map((line) => line.split(' => ')[0]),
    ['33:0-33:20 Impact Assessment'],
  );
  assert.deepEqual(completeAt(replaceOnce(seedText(), 'Service Outage\n', `Service Outage${CURSOR}\n`)).entries, [], 'not on the report title');
  assert.deepEqual(completeAt(`### Phase${CURSOR}\n`).entries, [], 'not on an H3');
});

test('completion: a blank line offers the section’s missing fields first, then the missing sections', () => {
  const text = replaceOnce(withoutSections(seedText(), 'Recommendations'), '- **Sector:** Information Technology / Cloud Service Provider\n', `${CURSOR}\n`);
  const { entries } = completeAt(text);
  assert.deepEqual(
    describe(entries).map((line) => line.split('\\n')[0]),
    ['7:0-7:0 Sector => "- **Sector:** "', '7:0-7:0 Recommendations => "## Recommendations'],
  );
  assert.deepEqual(
    entries.map((e) => e.sortText),
    ['010003', '10008'],
    'fields before sections',
  );
  assert.deepEqual(
    labels(completeAt(`# Incident Report: X\n\n${CURSOR}\n`).entries),
    engine().schema.spec.sections.map((s) => s.title),
    'every section under a bare title',
  );
});

test('completion: field keys of the section, not yet written, required first, replacing a typed "**Dis"', () => {
  const text = replaceOnce(
    replaceOnce(seedText(), '- **Discovery Date:** June 1, 2026, approx. 05:00 AM ET\n', ''),
    '- **Sector:** Information Technology / Cloud Service Provider',
    `- **Dis${CURSOR}`,
  );
  const { entries } = completeAt(text);
  assert.deepEqual(describe(entries), ['6:2-6:7 Discovery Date => "**Discovery Date:** "', '6:2-6:7 Sector => "**Sector:** "']);
  const discovery = entries.find((e) => e.label === 'Discovery Date');
  assert.equal(discovery?.kind, 'field');
  assert.equal(discovery?.detail, 'required');
  assert.equal(entries.find((e) => e.label === 'Sector')?.detail, 'optional');
  assert.equal(discovery?.filterText, '**Discovery Date');
  assert.match(discovery?.documentation ?? '', /^When the incident was discovered.*\n\nExample: `2026-06-01 05:00 UTC`$/s);
});

test('completion: field keys after "- ", a bare "-", "__", and in a timeline phase', () => {
  const noSector = (line: string) => replaceOnce(seedText(), '- **Sector:** Information Technology / Cloud Service Provider', line);
  assert.deepEqual(describe(completeAt(noSector(`- ${CURSOR}`)).entries), ['7:2-7:2 Sector => "**Sector:** "']);
  assert.deepEqual(describe(completeAt(noSector(`-${CURSOR}`)).entries), ['7:1-7:1 Sector => " **Sector:** "']);
  assert.deepEqual(describe(completeAt(noSector(`- __Se${CURSOR}`)).entries), ['7:2-7:6 Sector => "__Sector:__ "']);
  assert.deepEqual(describe(completeAt(noSector(`**Se${CURSOR}`)).entries), ['7:0-7:4 Sector => "**Sector:** "'], 'a paragraph field');
  // Timeline fields belong to each H3 phase: "Lateral Movement" has none of them yet, "Initial Access" has all.
  const phase = completeAt(replaceOnce(seedText(), '### Data Exfiltration/Impact', `- **${CURSOR}\n### Data Exfiltration/Impact`));
  assert.deepEqual(describe(phase.entries), [
    '16:2-16:4 Date/Time => "**Date/Time:** "',
    '16:2-16:4 Vector => "**Vector:** "',
    '16:2-16:4 Details => "**Details:** "',
  ]);
  assert.deepEqual(completeAt(replaceOnce(seedText(), '### Lateral Movement', `- **${CURSOR}\n### Lateral Movement`)).entries, []);
});

test('completion: ATT&CK tactics not yet listed, in matrix order, in the Attack Methodology section', () => {
  const { entries } = completeAt(replaceOnce(seedText(), '## Impact Assessment', `- **${CURSOR}\n## Impact Assessment`));
  assert.deepEqual(describe(entries), [
    '33:2-33:4 Reconnaissance => "**Reconnaissance:** "',
    '33:2-33:4 Resource Development => "**Resource Development:** "',
    '33:2-33:4 Execution => "**Execution:** "',
    '33:2-33:4 Command and Control => "**Command and Control:** "',
  ]);
  assert.deepEqual(
    entries.map((e) => [e.kind, e.detail]),
    [
      ['tactic', 'TA0043'],
      ['tactic', 'TA0042'],
      ['tactic', 'TA0002'],
      ['tactic', 'TA0011'],
    ],
  );
  assert.equal(entries[2].documentation, `ATT&CK v${engine().catalog.version} tactic **Execution** (TA0002)`);
  const northwind = completeAt(replaceOnce(northwindText, '## Impact Assessment', `- **${CURSOR}\n## Impact Assessment`)).entries;
  assert.deepEqual(labels(northwind), ['Resource Development'], 'the only tactic Northwind does not list');
});

test('completion: technique IDs by ID prefix, with name and tactics, replacing the typed word', () => {
  const { entries } = completeAt(seedRow('Initial Access', `T1566${CURSOR}`));
  assert.deepEqual(describe(entries), [
    '23:22-23:27 T1566 => "T1566 Phishing"',
    '23:22-23:27 T1566.001 => "T1566.001 Spearphishing Attachment"',
    '23:22-23:27 T1566.002 => "T1566.002 Spearphishing Link"',
    '23:22-23:27 T1566.003 => "T1566.003 Spearphishing via Service"',
    '23:22-23:27 T1566.004 => "T1566.004 Spearphishing Voice"',
  ]);
  const attachment = entries.find((e) => e.label === 'T1566.001');
  assert.equal(attachment?.kind, 'technique');
  assert.equal(attachment?.detail, 'Spearphishing Attachment, Initial Access');
  assert.equal(attachment?.filterText, 'T1566.001 Spearphishing Attachment Phishing');
  assert.match(
    attachment?.documentation ?? '',
    /^\*\*T1566\.001 Spearphishing Attachment\*\*\n\n.+\n\n\[ATT&CK v[\d.]+\]\(https:\/\/attack\.mitre\.org\/techniques\/T1566\/001/s,
  );
  assert.equal(completeAt(seedRow('Initial Access', `T1${CURSOR}`)).entries.length, 50, 'at most 50');
  assert.deepEqual(
    labels(completeAt(seedRow('Initial Access', `t1566.00${CURSOR}`)).entries),
    ['T1566.001', 'T1566.002', 'T1566.003', 'T1566.004'],
    'any case',
  );
});

test('completion: name words rank the row’s tactic first: spearphishing under Initial Access, Lateral Movement, Reconnaissance', () => {
  const initialAccess = completeAt(seedRow('Initial Access', `spearphishing${CURSOR}`)).entries;
  assert.deepEqual(labels(initialAccess).slice(0, 5), ['T1566.001', 'T1566.002', 'T1566.004', 'T1566.003', 'T1534']);
  assert.equal(formatRange(initialAccess[0].range), '23:22-23:35');
  assert.equal(labels(completeAt(seedRow('Lateral Movement', `spearphishing${CURSOR}`)).entries)[0], 'T1534', 'Internal Spearphishing');
  const recon = replaceOnce(seedText(), '- **Initial Access:** N/A', `- **Reconnaissance:** spearph${CURSOR}\n- **Initial Access:** N/A`);
  assert.deepEqual(labels(completeAt(recon).entries).slice(0, 4), ['T1598.001', 'T1598.002', 'T1598.003', 'T1598.004']);
  const words = completeAt(seedRow('Initial Access', `spear phish${CURSOR}`)).entries;
  assert.equal(formatRange(words[0].range), '23:22-23:33', 'several name words are replaced together');
  assert.ok(labels(words).includes('T1566.001'), 'a parent name word matches');
});

test('completion: technique lists after a comma, over N/A, after an ID, on a nested line; revoked only when exact', () => {
  const afterComma = completeAt(seedRow('Initial Access', `T1566.001 Spearphishing Attachment,${CURSOR}`)).entries;
  assert.equal(describe(afterComma)[0], '23:57-23:57 T1078 => " T1078 Valid Accounts"', 'nothing typed: the tactic’s techniques by ID');
  assert.ok(afterComma.every((e) => e.detail?.includes('Initial Access')));
  assert.ok(!labels(afterComma).includes('T1566.001') && labels(afterComma).includes('T1566.002'), 'not the technique already in the row');
  const overNa = completeAt(replaceOnce(seedText(), '- **Initial Access:** N/A', `- **Initial Access:** N/A${CURSOR}`)).entries;
  assert.equal(describe(overNa)[0], '23:22-23:25 T1078 => "T1078 Valid Accounts"');
  assert.equal(overNa[0].filterText, 'N/A T1078 Valid Accounts', 'the replaced N/A stays matchable');
  assert.deepEqual(describe(completeAt(seedRow('Initial Access', `T1566.002 ${CURSOR}`)).entries), ['23:22-23:32 T1566.002 => "T1566.002 Spearphishing Link"']);
  const nested = completeAt(replaceOnce(seedText(), '- **Initial Access:** N/A', `- **Initial Access:**\n  - T1566.00${CURSOR}`)).entries;
  assert.equal(describe(nested)[0], '24:4-24:12 T1566.001 => "T1566.001 Spearphishing Attachment"');
  const revoked = completeAt(seedRow('Initial Access', `T1193${CURSOR}`)).entries;
  assert.deepEqual(
    revoked.map((e) => [e.label, e.detail]),
    [['T1193', 'Spearphishing Attachment (revoked: use T1566.001), Initial Access']],
  );
  assert.ok(!labels(completeAt(seedRow('Initial Access', `T119${CURSOR}`)).entries).includes('T1193'), 'revoked IDs are not offered for a prefix');
  assert.deepEqual(
    completeAt(replaceOnce(seedText(), '- **Initial Access:** N/A', `- **Initial Acces:** ${CURSOR}`)).entries,
    [],
    'unknown tactic, nothing typed',
  );
});

test('completion: front matter enum values after "key: ", a quote, or a bare colon', () => {
  const status = completeAt(replaceOnce(northwindText, 'status: final', `status: fi${CURSOR}`)).entries;
  assert.deepEqual(describe(status), [
    '3:8-3:10 draft => "draft"',
    '3:8-3:10 in-review => "in-review"',
    '3:8-3:10 final => "final"',
    '3:8-3:10 closed => "closed"',
  ]);
  assert.deepEqual(status.map((e) => [e.kind, e.detail]).slice(0, 1), [['value', 'Status']]);
  const tlp = completeAt(replaceOnce(northwindText, 'tlp: TLP:AMBER', `tlp: "TLP:A${CURSOR}`)).entries;
  assert.equal(describe(tlp)[0], '5:6-5:11 TLP:CLEAR => "TLP:CLEAR"');
  assert.equal(tlp.length, 10);
  assert.equal(
    describe(completeAt(replaceOnce(northwindText, 'severity: critical', `severity:${CURSOR}`)).entries)[0],
    '4:9-4:9 informational => " informational"',
  );
  assert.deepEqual(completeAt(replaceOnce(northwindText, 'id: IR-2026-0117', `id: IR${CURSOR}`)).entries, [], 'no values for a free field');
});

test('completion: today’s date in the report’s style: "November 27, 2026" in the seed, ISO in an ISO report', () => {
  const seedDate = completeAt(replaceOnce(seedText(), '- **Incident Date:** June 1, 2026', `- **Incident Date:** ${CURSOR}`)).entries;
  assert.deepEqual(describe(seedDate), ['5:21-5:21 November 27, 2026 => "November 27, 2026"']);
  assert.equal(seedDate[0].kind, 'date');
  const qualified = completeAt(replaceOnce(seedText(), '- **Incident Date:** June 1, 2026', `- **Incident Date:** approx. Nov${CURSOR}`)).entries;
  assert.deepEqual(describe(qualified), ['5:29-5:32 November 27, 2026 => "November 27, 2026"'], 'the qualifier stays');
  assert.deepEqual(describe(completeAt(replaceOnce(seedText(), '- **Incident Date:** June 1, 2026', `- **Incident Date:**${CURSOR}`)).entries), [
    '5:20-5:20 November 27, 2026 => " November 27, 2026"',
  ]);
  const iso = completeAt(replaceOnce(northwindText, '- **Incident Date:** 2026-04-14 09:12 UTC', `- **Incident Date:** 2026-${CURSOR}`)).entries;
  assert.deepEqual(describe(iso), ['22:21-22:26 2026-11-27 => "2026-11-27"']);
});

test('completion: a datetime field adds an ISO date-time in UTC; front matter dates are ISO first', () => {
  const dateTime = completeAt(replaceOnce(seedText(), '- **Date/Time:** June 1, 2026, prior to 05:00 AM ET', `- **Date/Time:** ${CURSOR}`)).entries;
  assert.deepEqual(describe(dateTime), ['11:17-11:17 November 27, 2026 => "November 27, 2026"', '11:17-11:17 2026-11-27 12:00 UTC => "2026-11-27 12:00 UTC"']);
  const isoDateTime = completeAt(replaceOnce(northwindText, '- **Date/Time:** 2026-04-14 09:12 UTC', `- **Date/Time:** ${CURSOR}`)).entries;
  assert.deepEqual(labels(isoDateTime), ['2026-11-27', '2026-11-27 12:00 UTC']);
  assert.deepEqual(labels(completeAt(`---\ncreated: ${CURSOR}\n---\n${seedText()}`).entries), ['2026-11-27', 'November 27, 2026']);
  assert.deepEqual(labels(completeAt(replaceOnce(northwindText, 'updated: 2026-05-04', `updated: ${CURSOR}`)).entries), ['2026-11-27']);
});

test('completion: nothing in prose, in code blocks, inside a written key, in a section without fields, or on the front matter fence', () => {
  const nothing = (marked: string, why: string) => assert.deepEqual(completeAt(marked).entries, [], why);
  nothing(replaceOnce(seedText(), 'On June 1, 2026, Microsoft', `On June 1, 2026, Micro${CURSOR}soft`), 'prose');
  const fenced = replaceOnce(seedText(), '## Lessons Learned', `\`\`\`\n## ${CURSOR}\n- **\n\`\`\`\n## Lessons Learned`);
  nothing(fenced, 'a heading line in a code block');
  nothing(replaceOnce(fenced, `## ${CURSOR}\n- **`, `##\n- **${CURSOR}`), 'a bullet in a code block');
  nothing(replaceOnce(seedText(), '- **Incident Date:**', `- **Incid${CURSOR}ent Date:**`), 'inside an existing key');
  nothing(replaceOnce(seedText(), '- **Infrastructure Redundancy:**', `- **Infra${CURSOR}`), 'Lessons Learned has no schema fields');
  nothing(replaceOnce(seedText(), 'administrative and security', `admin${CURSOR}istrative and security`), 'a field without a schema spec');
  nothing(`---${CURSOR}\nstatus: draft\n---\n# T\n`, 'the front matter fence');
  nothing(replaceOnce(seedText(), 'Global (Impact', `Glo${CURSOR}bal (Impact`), 'a free-text field value');
});

test('completion: a cancelled request returns nothing', () => {
  const context = contextOf(seedRow('Initial Access', 'T1566'));
  const position = { line: 23, character: 27 };
  assert.ok(complete(context, position).length > 0);
  assert.deepEqual(complete(context, position, { isCancellationRequested: true }), []);
  let checks = 0;
  const cancelledAfterStart = {
    get isCancellationRequested() {
      return ++checks > 1;
    },
  };
  assert.deepEqual(complete(context, position, cancelledAfterStart), [], 'cancelled between phases');
});

test('completion: at every position of the seed and an edited report, every range lies on the cursor line and ends at the cursor', () => {
  const edited = replaceOnce(
    withoutSections(seedText(), 'Recommendations'),
    '- **Persistence:** N/A',
    '- **Persistence:** T1053.005 Scheduled Task, T15, spear',
  );
  for (const text of [seedText(), edited, northwindText]) {
    const context = contextOf(text);
    text.split('\n').forEach((line, lineNumber) => {
      for (let character = 0; character <= line.length; character++) {
        for (const entry of complete(context, { line: lineNumber, character })) assertRangeAtCursor(entry, { line: lineNumber, character });
      }
    });
  }
});
