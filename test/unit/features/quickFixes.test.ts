import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codeActions, fixAll } from '../../../server/src/engine/features/codeActions';
import { defangAllEdits } from '../../../server/src/engine/queries/iocQueries';
import type { Range } from '../../../server/src/engine/types';
import { check, describeFinding, seedText } from '../../helpers';
import {
  applyEdits,
  applyFix,
  assertOnlyResolvedGone,
  assertOutsideUnchanged,
  checked,
  northwindText,
  replaceOnce,
  titles,
  withoutSection,
} from './fixHarness';

const LIVE = replaceOnce(
  seedText(),
  '- **File indicators:** N/A.',
  '- **File indicators:** http://evil.example.com/a, evil-domain.com, 185.0.113.7, bad@evil-domain.com, 10[.]0[.]0[.]1',
);

test('ioc-live: "Defang" one indicator, or all of them', () => {
  const one = applyFix(LIVE, 'ioc-live', "Defang 'evil-domain.com'", { match: (finding) => finding.message.includes("'evil-domain.com'") });
  assert.deepEqual(one.fix.edits, [{ range: { start: { line: 40, character: 50 }, end: { line: 40, character: 65 } }, newText: 'evil-domain[.]com' }]);
  assert.equal(one.fix.isPreferred, true);
  assertOnlyResolvedGone(one);
  const all = applyFix(LIVE, 'ioc-live', 'Defang all indicators in this file');
  assert.equal(all.fix.fixes.length, 4);
  const start0 = checked(LIVE);
  assert.deepEqual(all.fix.edits, defangAllEdits(start0.context.model, start0.context.spec));
  assert.deepEqual(all.after, []);
  assert.ok(all.text.includes('hxxp[://]evil[.]example[.]com/a, evil-domain[.]com, 185[.]0[.]113[.]7, bad[@]evil-domain[.]com, 10[.]0[.]0[.]1'));
  // Asked for the whole line: one "Defang all", resolving every finding, however many findings offer it.
  const start = checked(LIVE);
  const line = { start: { line: 40, character: 0 }, end: { line: 40, character: 200 } };
  const offered = codeActions(start.context, start.findings, line);
  assert.equal(offered.filter((fix) => fix.title === 'Defang all indicators in this file').length, 1);
  assert.deepEqual(
    offered.filter((fix) => fix.title.startsWith('Disable')).map((fix) => [fix.title, fix.fixes.length]),
    [['Disable ioc-live for this line', 4]],
  );
});

test('attack-technique-revoked: the ID is replaced, and the revoked name with it when it was written', () => {
  const same = applyFix(
    replaceOnce(seedText(), '- **Initial Access:** N/A', '- **Initial Access:** T1193 Spearphishing Attachment'),
    'attack-technique-revoked',
    'Replace T1193 with T1566.001 (Spearphishing Attachment)',
  );
  assert.deepEqual(same.fix.edits, [{ range: { start: { line: 23, character: 22 }, end: { line: 23, character: 27 } }, newText: 'T1566.001' }]);
  assert.deepEqual(same.after, []);
  const renamed = applyFix(
    replaceOnce(seedText(), '- **Collection:** N/A', '- **Collection:** T1002 Data Compressed, then staged'),
    'attack-technique-revoked',
    'Replace T1002 with T1560 (Archive Collected Data)',
  );
  assert.ok(renamed.text.includes('- **Collection:** T1560 Archive Collected Data, then staged\n'));
  assert.deepEqual(renamed.after, []);
  const prose = applyFix(
    replaceOnce(seedText(), '- **Collection:** N/A', '- **Collection:** T1002 (Data Compressed used to stage files)'),
    'attack-technique-revoked',
    'Replace T1002 with T1560 (Archive Collected Data)',
  );
  assert.ok(prose.text.includes('- **Collection:** T1560 (Archive Collected Data used to stage files)\n'));
  const other = applyFix(
    replaceOnce(seedText(), '- **Collection:** N/A', '- **Collection:** T1002 via 7-Zip'),
    'attack-technique-revoked',
    'Replace T1002 with T1560 (Archive Collected Data)',
  );
  assert.ok(other.text.includes('- **Collection:** T1560 via 7-Zip\n'));
});

test('attack-tactic-unknown: "Change to" each suggestion; preferred only when there is one', () => {
  const one = applyFix(
    replaceOnce(seedText(), '- **Privilege Escalation:** N/A', '- **Priviledge Escalation:** N/A'),
    'attack-tactic-unknown',
    "Change to 'Privilege Escalation'",
  );
  assert.equal(one.fix.isPreferred, true);
  assert.equal(one.text, seedText());
  const text = replaceOnce(seedText(), '- **Collection:** N/A', '- **Selection:** N/A');
  const two = applyFix(text, 'attack-tactic-unknown', "Change to 'Collection'");
  assert.equal(two.text, seedText());
  assert.deepEqual(
    two.offered.filter((fix) => fix.title.startsWith('Change')).map((fix) => [fix.title, fix.isPreferred ?? false]),
    [
      ["Change to 'Execution'", false],
      ["Change to 'Collection'", false],
    ],
  );
});

test('attack-technique-name: change the written name, or the ID the name belongs to', () => {
  const text = replaceOnce(seedText(), '- **Initial Access:** N/A', '- **Initial Access:** T1566.002 Spearphishing Attachment');
  const name = applyFix(text, 'attack-technique-name', "Change the name to 'Spearphishing Link'");
  assert.equal(name.fix.isPreferred, true);
  assert.ok(name.text.includes('- **Initial Access:** T1566.002 Spearphishing Link\n'));
  assert.deepEqual(name.after, []);
  const id = applyFix(text, 'attack-technique-name', 'Change the ID to T1566.001');
  assert.ok(id.text.includes('- **Initial Access:** T1566.001 Spearphishing Attachment\n'));
  assert.deepEqual(id.after, []);
  const northwind = applyFix(
    replaceOnce(northwindText(), 'T1003.001 LSASS Memory', 'T1003.001 Security Account Manager'),
    'attack-technique-name',
    "Change the name to 'LSASS Memory'",
  );
  assert.equal(northwind.text, northwindText());
});

test('attack-technique-name: a wrong name before a description is reported, and changed, up to the separator', () => {
  const text = replaceOnce(
    seedText(),
    '- **Initial Access:** N/A',
    '- **Initial Access:** T1078 Valid Acounts — reused VPN credentials; T1566.001 Spearphising Attachment: invoice.docm',
  );
  const fixed = applyFix(text, 'attack-technique-name', "Change the name to 'Valid Accounts'");
  assert.deepEqual(fixed.before.filter((finding) => finding.ruleId === 'attack-technique-name').map(describeFinding), [
    "23:28-23:41 warning attack-technique-name T1078 is 'Valid Accounts' in ATT&CK v18.1, not 'Valid Acounts'",
    "23:78-23:101 warning attack-technique-name T1566.001 is 'Spearphishing Attachment' in ATT&CK v18.1, not 'Spearphising Attachment'",
  ]);
  assert.ok(fixed.text.includes('T1078 Valid Accounts — reused VPN credentials; T1566.001 Spearphising Attachment: invoice.docm\n'));
});

test('suppression-unknown-rule: "Change to" the rule id the message suggests', () => {
  const text = replaceOnce(
    seedText(),
    '- **Sector:** Information Technology / Cloud Service Provider',
    '<!-- increport-disable-next-line date-invalid,placeholders -->\n- **Sector:** TBD',
  );
  const applied = applyFix(text, 'suppression-unknown-rule', "Change to 'placeholder'");
  assert.ok(applied.text.includes('<!-- increport-disable-next-line date-invalid,placeholder -->\n- **Sector:** TBD\n'));
  assert.deepEqual(applied.after, []);
});

test('disable-next-line: a comment above the line, indented like it, silences exactly that finding', () => {
  const text = replaceOnce(seedText(), '- **Sector:** Information Technology / Cloud Service Provider', '- **Sector:** TBD, [Sector Name]');
  const applied = applyFix(text, 'placeholder', 'Disable placeholder for this line', { match: (finding) => finding.message.includes('TBD') });
  assert.deepEqual(applied.fix.edits, [
    { range: { start: { line: 7, character: 0 }, end: { line: 7, character: 0 } }, newText: '<!-- increport-disable-next-line placeholder -->\n' },
  ]);
  assert.deepEqual(applied.before.length, 2);
  assert.deepEqual(applied.after, [], 'both placeholders of the line are silenced, nothing else changes');
  assert.equal(applied.fix.fixes.length, 2);
  // A nested item (Northwind's IOC list): the comment takes the item's indentation, above the item.
  const nested = replaceOnce(northwindText(), '  - 185[.]220[.]101[.]47 (VPN logins)', '  - 185.220.101.47 (VPN logins)');
  const silenced = applyFix(nested, 'ioc-live', 'Disable ioc-live for this line');
  assert.ok(
    silenced.text.includes(
      '- **Network indicators:**\n  - hxxps[://]invoice-northwind[.]com/portal/login (credential-harvesting page)\n  <!-- increport-disable-next-line ioc-live -->\n  - 185.220.101.47 (VPN logins)\n',
    ),
  );
  assert.deepEqual(silenced.after, []);
  // A comment already there gets the rule added.
  const commented = replaceOnce(
    seedText(),
    '- **Sector:** Information Technology / Cloud Service Provider',
    '<!-- increport-disable-next-line date-invalid -->\n- **Sector:** TBD',
  );
  const added = applyFix(commented, 'placeholder', 'Disable placeholder for this line');
  assert.ok(added.text.includes('<!-- increport-disable-next-line date-invalid placeholder -->\n- **Sector:** TBD\n'));
  assert.deepEqual(added.after, []);
});

test('disable-next-line: offered for every finding in range except inside front matter or code', () => {
  const text = `---\nseverity: catastrophic\n---\n${LIVE.replace('- **Behavioral indicators:**', '```\nhttp://code.example.org/x\n```\n- **Behavioral indicators:**')}`;
  const start = checked(text);
  const inFrontMatter = start.findings.find((finding) => finding.ruleId === 'value-invalid')!;
  assert.deepEqual(codeActions(start.context, start.findings, inFrontMatter.range), []);
  const inCode = start.findings.find((finding) => finding.message.includes('code.example.org'))!;
  assert.deepEqual(titles(codeActions(start.context, start.findings, inCode.range)), [
    "Defang 'http://code.example.org/x'",
    'Defang all indicators in this file',
  ]);
  const everything = { start: { line: 0, character: 0 }, end: { line: 9999, character: 0 } };
  const disables = codeActions(start.context, start.findings, everything).filter((fix) => fix.title.startsWith('Disable'));
  assert.deepEqual(
    disables.map((fix) => fix.title),
    ['Disable ioc-live for this line'],
  );
});

test('fixAll: applies every safe fix once, touches nothing else, and leaves content decisions alone', () => {
  const text = replaceOnce(
    replaceOnce(LIVE, '- **Initial Access:** N/A', '- **Initial Access:** T1566.002 Spearphishing Attachment, T1193 Spearphishing Attachment'),
    '- **Privilege Escalation:** N/A',
    '- **Priviledge Escalation:** N/A',
  )
    .replace('- **Collection:** N/A', '- **Selection:** N/A')
    .replace('- **Incident Date:** June 1, 2026\n', '')
    .replace('- **Sector:** Information Technology / Cloud Service Provider', '- **Sector:** TBD')
    .replace('## Response Actions', '### Response Actions')
    .replace(/## Lessons Learned\n(?:- .*\n)+/, '');
  const start = checked(text);
  const all = fixAll(start.context, start.findings);
  assert.ok(all);
  assert.equal(all.kind, 'source.fixAll');
  assert.equal(all.title, 'Fix all safe increport problems');
  const after = applyEdits(text, all.edits);
  assertOutsideUnchanged(text, after, all.edits);
  const left = checked(after).findings;
  const safe = new Set(['ioc-live', 'attack-technique-revoked', 'heading-level']);
  assert.deepEqual(left.filter((finding) => safe.has(finding.ruleId)).map(describeFinding), []);
  assert.deepEqual(
    left.map((finding) => `${finding.ruleId} ${finding.message}`),
    [
      "field-missing Field 'Incident Date' is missing from section 'Incident Details'",
      "placeholder Placeholder 'TBD' left in the report: replace it with the real content",
      // The name or the ID is wrong: "Change the name" and "Change the ID" are both offered, and Fix All does not guess.
      "attack-technique-name T1566.002 is 'Spearphishing Link' in ATT&CK v18.1, not 'Spearphishing Attachment'; 'Spearphishing Attachment' is T1566.001",
      "attack-tactic-unknown 'Selection' is not a tactic in ATT&CK v18.1; did you mean 'Execution' or 'Collection'?",
      "section-missing Section 'Lessons Learned' is missing: add it before 'Recommendations'",
    ],
  );
  const resolvedRules = all.fixes.map((finding) => finding.ruleId);
  assert.ok(!resolvedRules.includes('placeholder') && !resolvedRules.includes('field-missing'));
  assert.ok(resolvedRules.includes('section-missing'), 'raising ### Response Actions also resolves its section-missing');
  assert.ok(after.includes('- **Initial Access:** T1566.002 Spearphishing Attachment, T1566.001 Spearphishing Attachment\n'));
  assert.equal(fixAll(checked(seedText()).context, checked(seedText()).findings), undefined, 'nothing to fix');
});

test('fixAll: hundreds of indicators are all defanged, each once', () => {
  const many = Array.from({ length: 400 }, (_, index) => `  - evil${index}.example.com and 185.0.${index % 250}.${index % 200}`).join('\n');
  const text = replaceOnce(seedText(), '- **File indicators:** N/A.', `- **File indicators:**\n${many}`);
  const start = checked(text);
  assert.equal(start.findings.length, 800);
  const all = fixAll(start.context, start.findings);
  assert.ok(all);
  assert.equal(all.edits.length, 800);
  assert.equal(all.fixes.length, 800);
  assert.deepEqual(checked(applyEdits(text, all.edits)).findings, []);
});

test('fixAll: fixes whose edits would overlap are not both taken', () => {
  const start = checked(LIVE);
  const duplicate = start.findings.find((finding) => finding.ruleId === 'ioc-live')!;
  const all = fixAll(start.context, [...start.findings, { ...duplicate }]);
  assert.ok(all);
  assert.equal(all.edits.length, 4);
  assert.deepEqual(checked(applyEdits(LIVE, all.edits)).findings, []);
});

test('stale findings get no fix that would edit the wrong text; CRLF text gets CRLF lines', () => {
  const old = checked(LIVE);
  const shifted = checked(replaceOnce(LIVE, '- **File indicators:** http', '- **File indicators:** see http'));
  const finding = old.findings.find((candidate) => candidate.ruleId === 'ioc-live')!;
  assert.deepEqual(titles(codeActions(shifted.context, old.findings, finding.range)), ['Disable ioc-live for this line']);
  const crlf = withoutSection(seedText(), 'Lessons Learned').replace(/\n/g, '\r\n');
  const applied = applyFix(crlf, 'section-missing', "Add section 'Lessons Learned'");
  assert.ok(!/[^\r]\n/.test(applied.text), 'only CRLF line breaks');
  assert.deepEqual(
    applied.after.map((finding) => finding.ruleId),
    ['placeholder'],
    'the hole of the added section',
  );
});

test('cancellation: a cancelled request returns nothing', () => {
  const start = checked(LIVE);
  const cancelled = { isCancellationRequested: true };
  const everything: Range = { start: { line: 0, character: 0 }, end: { line: 9999, character: 0 } };
  assert.deepEqual(codeActions(start.context, start.findings, everything, cancelled), []);
  assert.equal(fixAll(start.context, start.findings, cancelled), undefined);
  assert.ok(codeActions(start.context, start.findings, everything).length > 0);
  const elsewhere: Range = { start: { line: 2, character: 0 }, end: { line: 2, character: 5 } };
  assert.deepEqual(codeActions(start.context, start.findings, elsewhere), [], 'no finding there');
});

test('a misspelt heading, field key or tactic ID: renamed in place, numbering and qualifier kept', () => {
  const heading = applyFix(
    replaceOnce(seedText(), '## Lessons Learned\n', '## 8. Lesons Learned (draft)\n'),
    'section-missing',
    "Rename the heading to 'Lessons Learned'",
  );
  assert.deepEqual(heading.fix.edits, [{ range: { start: { line: 46, character: 6 }, end: { line: 46, character: 20 } }, newText: 'Lessons Learned' }]);
  assert.deepEqual(titles(heading.offered.filter((fix) => !fix.title.startsWith('Disable'))), ["Rename the heading to 'Lessons Learned'"]);
  assert.deepEqual(heading.after, []);
  const key = applyFix(replaceOnce(seedText(), '**Discovery Date:**', '**Discovry Date:**'), 'field-missing', "Rename the key to 'Discovery Date'");
  assert.deepEqual(key.fix.edits, [{ range: { start: { line: 4, character: 4 }, end: { line: 4, character: 17 } }, newText: 'Discovery Date' }]);
  assert.deepEqual(key.after, []);
  const mismatch = replaceOnce(seedText(), '- **Initial Access:** N/A', '- **Initial Access (TA0002):** N/A');
  const id = applyFix(mismatch, 'attack-tactic-id-mismatch', "Change the ID to TA0001 ('Initial Access')");
  assert.ok(id.text.includes('- **Initial Access (TA0001):** N/A\n'));
  assert.deepEqual(id.after, []);
  const name = applyFix(mismatch, 'attack-tactic-id-mismatch', "Change the name to 'Execution' (TA0002)");
  assert.ok(name.text.includes('- **Execution (TA0002):** N/A\n'));
  assert.equal(name.fix.isPreferred, undefined);
});

test("attack-technique-name: a short name followed by words that make another technique's name is that technique's", () => {
  const row = (value: string) => replaceOnce(seedText(), '- **Lateral Movement:** N/A', `- **Lateral Movement:** ${value}`);
  assert.equal(seedText().split('\n')[29], '- **Lateral Movement:** N/A');
  assert.deepEqual(
    check(row('T1021.004 SSH Hijacking of admin sessions')).filter((line) => line.includes('attack-')),
    ["29:34-29:47 warning attack-technique-name T1021.004 is 'SSH' in ATT&CK v18.1, not 'SSH Hijacking'; 'SSH Hijacking' is T1563.001"],
  );
  // Words that make no other name go on after the name as before.
  assert.deepEqual(
    check(row('T1021.004 SSH sessions to the build server')).filter((line) => line.includes('attack-')),
    [],
  );
  const byId = applyFix(row('T1021.004 SSH Hijacking of admin sessions'), 'attack-technique-name', 'Change the ID to T1563.001');
  assert.ok(byId.text.includes('- **Lateral Movement:** T1563.001 SSH Hijacking of admin sessions\n'));
  assert.deepEqual(byId.after, []);
});
