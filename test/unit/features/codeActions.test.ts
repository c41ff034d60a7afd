import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ReportEngine } from '../../../server/src/engine/engine';
import { codeActions, fixAll } from '../../../server/src/engine/features/codeActions';
import type { FeatureContext, QuickFix, TextEdit } from '../../../server/src/engine/features/featureTypes';
import { defangAllEdits } from '../../../server/src/engine/queries/iocQueries';
import { createReportSchema } from '../../../server/src/engine/schema/reportSchema';
import { LineIndex } from '../../../server/src/engine/text/lineIndex';
import type { Finding, Range } from '../../../server/src/engine/types';
import { describeFinding, engine, projectRoot, seedText, TEST_NOW } from '../../helpers';

const northwindText = (): string => readFileSync(join(projectRoot(), 'examples', 'northwind-ransomware-intrusion.md'), 'utf8');

function replaceOnce(text: string, find: string | RegExp, replacement: string): string {
  const changed = text.replace(find, replacement);
  assert.notEqual(changed, text, `text has no '${String(find)}'`);
  return changed;
}

/** Applies LSP edits from last to first, at the offsets of the text's own line table; refuses overlapping edits. */
function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const located = edits
    .map((edit) => ({ start: lines.offsetAt(edit.range.start), end: lines.offsetAt(edit.range.end), newText: edit.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  located.forEach((edit, index) => {
    assert.ok(edit.start <= edit.end, 'reversed edit');
    if (index > 0) assert.ok(edit.end <= located[index - 1].start, 'overlapping edits');
  });
  return located.reduce((result, edit) => result.slice(0, edit.start) + edit.newText + result.slice(edit.end), text);
}

interface Checked {
  text: string;
  context: FeatureContext;
  findings: Finding[];
}

function checked(text: string, checker: ReportEngine = engine()): Checked {
  const { model, findings } = checker.check(text);
  return { text, context: { model, spec: checker.schema.spec, catalog: checker.catalog, now: TEST_NOW }, findings };
}

const key = (finding: Finding) => `${finding.severity} ${finding.ruleId} ${finding.message}`;
const titles = (fixes: readonly QuickFix[]) => fixes.map((fix) => fix.title);

/** The text outside the edited span is unchanged: same prefix before the first edit, same suffix after the last. */
function assertOutsideUnchanged(before: string, after: string, edits: readonly TextEdit[]): void {
  const lines = new LineIndex(before);
  const first = Math.min(...edits.map((edit) => lines.offsetAt(edit.range.start)));
  const last = Math.max(...edits.map((edit) => lines.offsetAt(edit.range.end)));
  assert.ok(after.startsWith(before.slice(0, first)), 'text before the first edit changed');
  assert.ok(after.endsWith(before.slice(last)), 'text after the last edit changed');
}

interface Applied {
  fix: QuickFix;
  text: string;
  before: Finding[];
  after: Finding[];
  offered: QuickFix[];
}

/**
 * Finds the finding, asks for code actions at its range, applies the fix titled `title`, and re-checks.
 * Asserts (a) the finding is gone, (b) no error appears that was not there, (c) the text outside the
 * edits is unchanged, and returns the rest for case-specific checks.
 */
function applyFix(text: string, ruleId: string, title: string, options: { match?: (finding: Finding) => boolean; checker?: ReportEngine } = {}): Applied {
  const start = checked(text, options.checker);
  const finding = start.findings.find((candidate) => candidate.ruleId === ruleId && (options.match?.(candidate) ?? true));
  assert.ok(finding, `no ${ruleId} finding in:\n${start.findings.map(describeFinding).join('\n')}`);
  const offered = codeActions(start.context, start.findings, finding.range);
  const fix = offered.find((candidate) => candidate.title === title);
  assert.ok(fix, `no fix '${title}' among ${JSON.stringify(titles(offered))}`);
  assert.ok(fix.fixes.includes(finding), 'the fix names the finding it resolves');
  assert.equal(fix.kind, 'quickfix');
  const after = applyEdits(text, fix.edits);
  const end = checked(after, options.checker).findings;
  assert.ok(!end.some((candidate) => key(candidate) === key(finding)), `still there: ${describeFinding(finding)}`);
  const errorsBefore = new Set(start.findings.filter((candidate) => candidate.severity === 'error').map(key));
  assert.deepEqual(end.filter((candidate) => candidate.severity === 'error' && !errorsBefore.has(key(candidate))).map(describeFinding), [], 'new errors');
  assertOutsideUnchanged(text, after, fix.edits);
  return { fix, text: after, before: start.findings, after: end, offered };
}

/** The findings after a fix are the ones before it, less those it resolved (ranges aside: lines may shift). */
function assertOnlyResolvedGone(applied: Applied): void {
  const resolved = new Set(applied.fix.fixes.map(key));
  const expected = applied.before.filter((finding) => !resolved.has(key(finding))).map(key);
  assert.deepEqual(applied.after.map(key).sort(), expected.sort());
}

const withoutSection = (text: string, heading: string): string => {
  const start = text.indexOf(`## ${heading}\n`);
  assert.ok(start >= 0, `no section ${heading}`);
  const next = text.indexOf('\n## ', start + 1);
  return next < 0 ? text.slice(0, start) : text.slice(0, start) + text.slice(next + 1);
};

const SECTIONS = ['Executive Summary', 'Incident Details', 'Timeline of Events', 'Attack Methodology', 'Impact Assessment', 'Indicators of Compromise', 'Response Actions', 'Lessons Learned', 'Recommendations'];

test('section-missing: "Add section" inserts the schema skeleton where the section belongs, and the report is clean again', () => {
  for (const [name, original] of [['seed', seedText()], ['northwind', northwindText()]]) {
    for (const heading of SECTIONS) {
      const applied = applyFix(withoutSection(original, heading), 'section-missing', `Add section '${heading}'`);
      assert.equal(applied.fix.isPreferred, true);
      assert.deepEqual(applied.after.map(describeFinding), [], `${name} without ${heading}`);
      const lines = applied.text.split('\n');
      const index = lines.indexOf(`## ${heading}`);
      assert.ok(index > 0, `${name}: heading inserted`);
      // The order of the sections is the original one.
      assert.deepEqual(lines.filter((line) => line.startsWith('## ')), original.split('\n').filter((line) => line.startsWith('## ')));
      if (name === 'northwind') {
        assert.equal(lines[index - 1], '', `${name}: blank line above ${heading}`);
        assert.ok(applied.text.endsWith('\n') && !applied.text.endsWith('\n\n\n'));
      } else {
        assert.notEqual(lines[index - 1], '', `${name}: no blank line added above ${heading}`);
      }
    }
  }
});

test('section-missing: the skeleton is the schema\'s, with examples and today\'s date, never placeholder text', () => {
  const applied = applyFix(withoutSection(seedText(), 'Incident Details'), 'section-missing', "Add section 'Incident Details'");
  assert.deepEqual(applied.fix.edits, [{
    range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } },
    newText: '## Incident Details\n- **Discovery Date:** 2026-11-27\n- **Incident Date:** 2026-11-27\n- **Affected Organization:** Example Corp\n- **Sector:** Financial Services\n- **Geography:** Global\n',
  }]);
  const last = applyFix(withoutSection(seedText(), 'Recommendations'), 'section-missing', "Add section 'Recommendations'");
  assert.ok(last.text.endsWith('\n## Recommendations\nConcrete actions to prevent a recurrence or reduce its impact, ideally with owners.\n'));
  const noFinalBreak = withoutSection(seedText(), 'Recommendations').replace(/\n$/, '');
  const appended = applyFix(noFinalBreak, 'section-missing', "Add section 'Recommendations'");
  assert.ok(appended.text.endsWith('expectations.\n## Recommendations\nConcrete actions to prevent a recurrence or reduce its impact, ideally with owners.'));
});

test('section-missing: a section written at the wrong level is raised, not added twice', () => {
  const text = replaceOnce(seedText(), '## Response Actions', '### Response Actions');
  const applied = applyFix(text, 'section-missing', "Make the heading 'Response Actions' on line 43 a level-2 heading");
  assert.ok(!titles(applied.offered).includes("Add section 'Response Actions'"));
  assert.deepEqual(applied.after, []);
  assert.equal(applied.text, seedText());
});

test('heading-level: "Make it a level-2 heading" replaces the markers only (ATX H3, ATX H1, setext H1)', () => {
  const h3 = applyFix(replaceOnce(seedText(), '## Response Actions', '### Response Actions'), 'heading-level', 'Make it a level-2 heading');
  assert.equal(h3.text, seedText());
  assert.deepEqual(h3.fix.fixes.map((finding) => finding.ruleId).sort(), ['heading-level', 'section-missing']);
  assert.deepEqual(h3.fix.edits, [{ range: { start: { line: 42, character: 0 }, end: { line: 42, character: 3 } }, newText: '##' }]);
  const h1 = applyFix(replaceOnce(seedText(), '## Response Actions', '# Response Actions #'), 'heading-level', 'Make it a level-2 heading');
  assert.equal(h1.text, replaceOnce(seedText(), '## Response Actions', '## Response Actions #'));
  assert.deepEqual(h1.after, []);
  assert.deepEqual(h1.fix.fixes.map((finding) => finding.ruleId).sort(), ['heading-level', 'section-missing', 'title-multiple']);
  const setext = applyFix(replaceOnce(seedText(), '## Response Actions\n', '\nResponse Actions\n================\n'), 'heading-level', 'Make it a level-2 heading');
  assert.equal(setext.text, replaceOnce(seedText(), '## Response Actions\n', '\nResponse Actions\n----------------\n'));
  assert.deepEqual(setext.after, []);
});

test('field-missing: "Add field" inserts the item in schema order, with its example, in the list\'s own style', () => {
  const incident = applyFix(replaceOnce(seedText(), '- **Incident Date:** June 1, 2026\n', ''), 'field-missing', "Add field 'Incident Date'");
  assert.deepEqual(incident.fix.edits, [{ range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, newText: '- **Incident Date:** Not yet determined\n' }]);
  assert.deepEqual(incident.after, []);
  const discovery = applyFix(replaceOnce(seedText(), '- **Discovery Date:** June 1, 2026, approx. 05:00 AM ET\n', ''), 'field-missing', "Add field 'Discovery Date'");
  assert.ok(discovery.text.includes('## Incident Details\n- **Discovery Date:** Not yet determined\n- **Incident Date:** June 1, 2026\n'));
  assert.deepEqual(discovery.after, []);
  const organization = applyFix(replaceOnce(northwindText(), /- \*\*Affected Organization:\*\* .*\n/, ''), 'field-missing', "Add field 'Affected Organization'");
  assert.ok(organization.text.includes('- **Incident Date:** 2026-04-14 09:12 UTC\n- **Affected Organization:** Example Corp\n- **Sector:**'));
  assert.deepEqual(organization.after, []);
  const starred = applyFix(replaceOnce(seedText(), /- \*\*Incident Date:\*\* .*\n/, '').replace(/^- \*\*/gm, '* **'), 'field-missing', "Add field 'Incident Date'");
  assert.ok(starred.text.includes('* **Discovery Date:** June 1, 2026, approx. 05:00 AM ET\n* **Incident Date:** Not yet determined\n'));
});

test('field-missing: a section without fields gets the item under its heading, kept apart from the prose', () => {
  const text = replaceOnce(seedText(), /(## Incident Details\n)(?:- .*\n)+/, '$1The details are being collected.\n');
  const start = checked(text);
  assert.equal(start.findings.filter((finding) => finding.ruleId === 'field-missing').length, 3);
  const applied = applyFix(text, 'field-missing', "Add field 'Affected Organization'", { match: (finding) => finding.message.includes('Affected Organization') });
  assert.ok(applied.text.includes('## Incident Details\n- **Affected Organization:** Example Corp\n\nThe details are being collected.\n'));
  assertOnlyResolvedGone(applied);
});

test('field-missing: a required front matter key is added inside the front matter, or in a new one', () => {
  const strict = new ReportEngine({ schema: createReportSchema([{ properties: { frontMatter: { required: ['status', 'id'] } } }]), catalog: engine().catalog, now: () => TEST_NOW });
  const created = applyFix(seedText(), 'field-missing', "Add field 'status' to the front matter", { checker: strict, match: (finding) => finding.data?.frontMatterKey === 'status' });
  assert.ok(created.text.startsWith('---\nstatus: draft\n---\n# Incident Report:'));
  assert.deepEqual(created.fix.edits[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  const id = applyFix(created.text, 'field-missing', "Add field 'id' to the front matter", { checker: strict });
  assert.ok(id.text.startsWith('---\nstatus: draft\nid: ""\n---\n# Incident Report:'));
  assert.deepEqual(id.after, []);
  const northwind = applyFix(replaceOnce(northwindText(), 'status: final\n', ''), 'field-missing', "Add field 'status' to the front matter", { checker: strict });
  assert.ok(northwind.text.startsWith('---\ntype: incident-report\nid: IR-2026-0117\nseverity: critical\n'));
  assert.ok(northwind.text.includes('updated: 2026-05-04\nstatus: draft\n---\n# Incident Report'));
  assert.deepEqual(northwind.after, []);
});

test('field-missing: a field of a timeline phase goes in its subsection, above the fields it precedes', () => {
  const phases = new ReportEngine({
    schema: createReportSchema([{ properties: { sections: { properties: { timelineOfEvents: { properties: { subsections: { items: { properties: { fields: { required: ['dateTime', 'vector'] } } } } } } } } } }]),
    catalog: engine().catalog,
    now: () => TEST_NOW,
  });
  const text = replaceOnce(northwindText(), '### Lateral Movement\n- **Date/Time:** 2026-04-15 21:30 UTC\n', '### Lateral Movement\n');
  const applied = applyFix(text, 'field-missing', "Add field 'Date/Time'", { checker: phases });
  assert.ok(applied.text.includes('### Lateral Movement\n- **Date/Time:** Not yet determined\n- **Vector:** RDP'));
  assert.deepEqual(applied.after, []);
});

const LIVE = replaceOnce(seedText(), '- **File indicators:** N/A.', '- **File indicators:** http://evil.example.com/a, evil-domain.com, 203.0.113.7, bad@evil-domain.com, 10[.]0[.]0[.]1');

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
  assert.ok(all.text.includes('hxxp[://]evil[.]example[.]com/a, evil-domain[.]com, 203[.]0[.]113[.]7, bad[@]evil-domain[.]com, 10[.]0[.]0[.]1'));
  // Asked for the whole line: one "Defang all", resolving every finding, however many findings offer it.
  const start = checked(LIVE);
  const line = { start: { line: 40, character: 0 }, end: { line: 40, character: 200 } };
  const offered = codeActions(start.context, start.findings, line);
  assert.equal(offered.filter((fix) => fix.title === 'Defang all indicators in this file').length, 1);
  assert.deepEqual(offered.filter((fix) => fix.title.startsWith('Disable')).map((fix) => [fix.title, fix.fixes.length]), [['Disable ioc-live for this line', 4]]);
});

test('attack-technique-revoked: the ID is replaced, and the revoked name with it when it was written', () => {
  const same = applyFix(replaceOnce(seedText(), '- **Initial Access:** N/A', '- **Initial Access:** T1193 Spearphishing Attachment'), 'attack-technique-revoked', 'Replace T1193 with T1566.001 (Spearphishing Attachment)');
  assert.deepEqual(same.fix.edits, [{ range: { start: { line: 23, character: 22 }, end: { line: 23, character: 27 } }, newText: 'T1566.001' }]);
  assert.deepEqual(same.after, []);
  const renamed = applyFix(replaceOnce(seedText(), '- **Collection:** N/A', '- **Collection:** T1002 Data Compressed, then staged'), 'attack-technique-revoked', 'Replace T1002 with T1560 (Archive Collected Data)');
  assert.ok(renamed.text.includes('- **Collection:** T1560 Archive Collected Data, then staged\n'));
  assert.deepEqual(renamed.after, []);
  const prose = applyFix(replaceOnce(seedText(), '- **Collection:** N/A', '- **Collection:** T1002 (Data Compressed used to stage files)'), 'attack-technique-revoked', 'Replace T1002 with T1560 (Archive Collected Data)');
  assert.ok(prose.text.includes('- **Collection:** T1560 (Archive Collected Data used to stage files)\n'));
  const other = applyFix(replaceOnce(seedText(), '- **Collection:** N/A', '- **Collection:** T1002 via 7-Zip'), 'attack-technique-revoked', 'Replace T1002 with T1560 (Archive Collected Data)');
  assert.ok(other.text.includes('- **Collection:** T1560 via 7-Zip\n'));
});

test('attack-tactic-unknown: "Change to" each suggestion; preferred only when there is one', () => {
  const one = applyFix(replaceOnce(seedText(), '- **Privilege Escalation:** N/A', '- **Priviledge Escalation:** N/A'), 'attack-tactic-unknown', "Change to 'Privilege Escalation'");
  assert.equal(one.fix.isPreferred, true);
  assert.equal(one.text, seedText());
  const text = replaceOnce(seedText(), '- **Collection:** N/A', '- **Selection:** N/A');
  const two = applyFix(text, 'attack-tactic-unknown', "Change to 'Collection'");
  assert.equal(two.text, seedText());
  assert.deepEqual(two.offered.filter((fix) => fix.title.startsWith('Change')).map((fix) => [fix.title, fix.isPreferred ?? false]), [["Change to 'Execution'", false], ["Change to 'Collection'", false]]);
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
  const northwind = applyFix(replaceOnce(northwindText(), 'T1003.001 LSASS Memory', 'T1003.001 Security Account Manager'), 'attack-technique-name', "Change the name to 'LSASS Memory'");
  assert.equal(northwind.text, northwindText());
});

test('section-order: "Move section" moves it whole, before the section it precedes or after the one it follows', () => {
  const summary = seedText().match(/## Executive Summary\n.*\n/)![0];
  const late = replaceOnce(seedText(), summary, '').replace('## Recommendations', `${summary}## Recommendations`);
  const before = applyFix(late, 'section-order', "Move section 'Executive Summary' before 'Incident Details'");
  assert.equal(before.text, seedText());
  const lessons = seedText().match(/## Lessons Learned\n(?:- .*\n)+/)![0];
  const early = replaceOnce(seedText(), lessons, '').replace('## Executive Summary', `${lessons}## Executive Summary`);
  assert.equal(applyFix(early, 'section-order', "Move section 'Lessons Learned' before 'Recommendations'").text, seedText());
  // The last section, with blank lines between sections.
  const impact = northwindText().match(/## Impact Assessment\n(?:- .*\n)+\n/)![0];
  const atEnd = `${replaceOnce(northwindText(), impact, '')}\n${impact.trimEnd()}\n`;
  const moved = applyFix(atEnd, 'section-order', "Move section 'Impact Assessment' before 'Indicators of Compromise'");
  assert.equal(moved.text, northwindText());
});

test('suppression-unknown-rule: "Change to" the rule id the message suggests', () => {
  const text = replaceOnce(seedText(), '- **Sector:** Information Technology / Cloud Service Provider', '<!-- increport-disable-next-line date-invalid,placeholders -->\n- **Sector:** TBD');
  const applied = applyFix(text, 'suppression-unknown-rule', "Change to 'placeholder'");
  assert.ok(applied.text.includes('<!-- increport-disable-next-line date-invalid,placeholder -->\n- **Sector:** TBD\n'));
  assert.deepEqual(applied.after, []);
});

test('disable-next-line: a comment above the line, indented like it, silences exactly that finding', () => {
  const text = replaceOnce(seedText(), '- **Sector:** Information Technology / Cloud Service Provider', '- **Sector:** TBD, [Sector Name]');
  const applied = applyFix(text, 'placeholder', 'Disable placeholder for this line', { match: (finding) => finding.message.includes('TBD') });
  assert.deepEqual(applied.fix.edits, [{ range: { start: { line: 7, character: 0 }, end: { line: 7, character: 0 } }, newText: '<!-- increport-disable-next-line placeholder -->\n' }]);
  assert.deepEqual(applied.before.length, 2);
  assert.deepEqual(applied.after, [], 'both placeholders of the line are silenced, nothing else changes');
  assert.equal(applied.fix.fixes.length, 2);
  // A nested item (Northwind's IOC list): the comment takes the item's indentation, above the item.
  const nested = replaceOnce(northwindText(), '  - 185[.]220[.]101[.]47 (VPN logins)', '  - 185.220.101.47 (VPN logins)');
  const silenced = applyFix(nested, 'ioc-live', 'Disable ioc-live for this line');
  assert.ok(silenced.text.includes('- **Network indicators:**\n  - hxxps[://]invoice-northwind[.]com/portal/login (credential-harvesting page)\n  <!-- increport-disable-next-line ioc-live -->\n  - 185.220.101.47 (VPN logins)\n'));
  assert.deepEqual(silenced.after, []);
  // A comment already there gets the rule added.
  const commented = replaceOnce(seedText(), '- **Sector:** Information Technology / Cloud Service Provider', '<!-- increport-disable-next-line date-invalid -->\n- **Sector:** TBD');
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
  assert.deepEqual(titles(codeActions(start.context, start.findings, inCode.range)), ["Defang 'http://code.example.org/x'", 'Defang all indicators in this file']);
  const everything = { start: { line: 0, character: 0 }, end: { line: 9999, character: 0 } };
  const disables = codeActions(start.context, start.findings, everything).filter((fix) => fix.title.startsWith('Disable'));
  assert.deepEqual(disables.map((fix) => fix.title), ['Disable ioc-live for this line']);
});

test('fixAll: applies every safe fix once, touches nothing else, and leaves content decisions alone', () => {
  const text = replaceOnce(
    replaceOnce(LIVE, '- **Initial Access:** N/A', '- **Initial Access:** T1566.002 Spearphishing Attachment, T1193 Spearphishing Attachment'),
    '- **Privilege Escalation:** N/A', '- **Priviledge Escalation:** N/A',
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
  const safe = new Set(['ioc-live', 'attack-technique-revoked', 'attack-technique-name', 'heading-level']);
  assert.deepEqual(left.filter((finding) => safe.has(finding.ruleId)).map(describeFinding), []);
  assert.deepEqual(left.map((finding) => `${finding.ruleId} ${finding.message}`), [
    "field-missing Field 'Incident Date' is missing from section 'Incident Details'",
    "placeholder Placeholder 'TBD' left in the report: replace it with the real content",
    "attack-tactic-unknown 'Selection' is not a tactic in ATT&CK v18.1; did you mean 'Execution' or 'Collection'?",
    "section-missing Section 'Lessons Learned' is missing: add it before 'Recommendations'",
  ]);
  const resolvedRules = all.fixes.map((finding) => finding.ruleId);
  assert.ok(!resolvedRules.includes('placeholder') && !resolvedRules.includes('field-missing'));
  assert.ok(resolvedRules.includes('section-missing'), 'raising ### Response Actions also resolves its section-missing');
  assert.ok(after.includes('- **Initial Access:** T1566.002 Spearphishing Link, T1566.001 Spearphishing Attachment\n'));
  assert.equal(fixAll(checked(seedText()).context, checked(seedText()).findings), undefined, 'nothing to fix');
});

test('fixAll: hundreds of indicators are all defanged, each once', () => {
  const many = Array.from({ length: 400 }, (_, index) => `  - evil${index}.example.com and 10.0.${index % 250}.${index % 200}`).join('\n');
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
  assert.deepEqual(applied.after, []);
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
