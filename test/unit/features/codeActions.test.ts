import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ReportEngine } from '../../../server/src/engine/engine';
import { describeFinding, engine, seedText, TEST_NOW } from '../../helpers';
import { createBundledReportSchema } from '../../../server/src/node/bundledResources';
import { applyFix, assertOnlyResolvedGone, checked, northwindText, replaceOnce, titles, withoutSection, withoutPlaceholders } from './fixHarness';

const SECTIONS = [
  'Executive Summary',
  'Incident Details',
  'Timeline of Events',
  'Attack Methodology',
  'Impact Assessment',
  'Indicators of Compromise',
  'Response Actions',
  'Lessons Learned',
  'Recommendations',
];

test('section-missing: "Add section" inserts the schema skeleton where the section belongs, and the report is clean again but for its holes', () => {
  for (const [name, original] of [
    ['seed', seedText()],
    ['northwind', northwindText()],
  ]) {
    for (const heading of SECTIONS) {
      const applied = applyFix(withoutSection(original, heading), 'section-missing', `Add section '${heading}'`);
      assert.equal(applied.fix.isPreferred, true);
      assert.deepEqual(withoutPlaceholders(applied.after).map(describeFinding), [], `${name} without ${heading}`);
      const lines = applied.text.split('\n');
      const index = lines.indexOf(`## ${heading}`);
      assert.ok(index > 0, `${name}: heading inserted`);
      // The order of the sections is the original one.
      assert.deepEqual(
        lines.filter((line) => line.startsWith('## ')),
        original.split('\n').filter((line) => line.startsWith('## ')),
      );
      if (name === 'northwind') {
        assert.equal(lines[index - 1], '', `${name}: blank line above ${heading}`);
        assert.ok(applied.text.endsWith('\n') && !applied.text.endsWith('\n\n\n'));
      } else {
        assert.notEqual(lines[index - 1], '', `${name}: no blank line added above ${heading}`);
      }
    }
  }
});

test("section-missing: the skeleton is the schema's, with a [TODO: …] hole for every value, never an example or a date", () => {
  const applied = applyFix(withoutSection(seedText(), 'Incident Details'), 'section-missing', "Add section 'Incident Details'");
  assert.deepEqual(applied.fix.edits, [
    {
      range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } },
      newText:
        '## Incident Details\n- **Discovery Date:** [TODO: YYYY-MM-DD]\n- **Incident Date:** [TODO: YYYY-MM-DD]\n- **Affected Organization:** [TODO: affected organization]\n- **Sector:** [TODO: sector]\n- **Geography:** [TODO: geography]\n',
    },
  ]);
  const last = applyFix(withoutSection(seedText(), 'Recommendations'), 'section-missing', "Add section 'Recommendations'");
  assert.ok(last.text.endsWith('\n## Recommendations\n[TODO: Concrete actions to prevent a recurrence or reduce its impact, ideally with owners]\n'));
  const noFinalBreak = withoutSection(seedText(), 'Recommendations').replace(/\n$/, '');
  const appended = applyFix(noFinalBreak, 'section-missing', "Add section 'Recommendations'");
  assert.ok(
    appended.text.endsWith('expectations.\n## Recommendations\n[TODO: Concrete actions to prevent a recurrence or reduce its impact, ideally with owners]'),
  );
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
  const setext = applyFix(
    replaceOnce(seedText(), '## Response Actions\n', '\nResponse Actions\n================\n'),
    'heading-level',
    'Make it a level-2 heading',
  );
  assert.equal(setext.text, replaceOnce(seedText(), '## Response Actions\n', '\nResponse Actions\n----------------\n'));
  assert.deepEqual(setext.after, []);
});

test('field-missing: "Add field" inserts the item in schema order, with a hole for its value, in the list\'s own style', () => {
  const incident = applyFix(replaceOnce(seedText(), '- **Incident Date:** June 1, 2026\n', ''), 'field-missing', "Add field 'Incident Date'");
  assert.deepEqual(incident.fix.edits, [
    { range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, newText: '- **Incident Date:** [TODO: YYYY-MM-DD]\n' },
  ]);
  assert.deepEqual(withoutPlaceholders(incident.after), []);
  const discovery = applyFix(
    replaceOnce(seedText(), '- **Discovery Date:** June 1, 2026, approx. 05:00 AM ET\n', ''),
    'field-missing',
    "Add field 'Discovery Date'",
  );
  assert.ok(discovery.text.includes('## Incident Details\n- **Discovery Date:** [TODO: YYYY-MM-DD]\n- **Incident Date:** June 1, 2026\n'));
  assert.deepEqual(withoutPlaceholders(discovery.after), []);
  const organization = applyFix(
    replaceOnce(northwindText(), /- \*\*Affected Organization:\*\* .*\n/, ''),
    'field-missing',
    "Add field 'Affected Organization'",
  );
  assert.ok(organization.text.includes('- **Incident Date:** 2026-04-14 09:12 UTC\n- **Affected Organization:** [TODO: affected organization]\n- **Sector:**'));
  assert.deepEqual(withoutPlaceholders(organization.after), []);
  const starred = applyFix(
    replaceOnce(seedText(), /- \*\*Incident Date:\*\* .*\n/, '').replace(/^- \*\*/gm, '* **'),
    'field-missing',
    "Add field 'Incident Date'",
  );
  assert.ok(starred.text.includes('* **Discovery Date:** June 1, 2026, approx. 05:00 AM ET\n* **Incident Date:** [TODO: YYYY-MM-DD]\n'));
});

test('field-missing: a section without fields gets the item under its heading, kept apart from the prose', () => {
  const text = replaceOnce(seedText(), /(## Incident Details\n)(?:- .*\n)+/, '$1The details are being collected.\n');
  const start = checked(text);
  assert.equal(start.findings.filter((finding) => finding.ruleId === 'field-missing').length, 3);
  const applied = applyFix(text, 'field-missing', "Add field 'Affected Organization'", {
    match: (finding) => finding.message.includes('Affected Organization'),
  });
  assert.ok(applied.text.includes('## Incident Details\n- **Affected Organization:** [TODO: affected organization]\n\nThe details are being collected.\n'));
  assertOnlyResolvedGone(applied);
});

test('field-missing: a required front matter key is added inside the front matter, or in a new one', () => {
  const strict = new ReportEngine({
    schema: createBundledReportSchema([{ properties: { frontMatter: { required: ['status', 'id'] } } }]),
    catalog: engine().catalog,
    now: () => TEST_NOW,
  });
  // An allowed value is a choice the writer makes: until then the hole is no allowed value (value-invalid).
  const created = applyFix(seedText(), 'field-missing', "Add field 'status' to the front matter", {
    checker: strict,
    allowNewErrors: true,
    match: (finding) => finding.data?.frontMatterKey === 'status',
  });
  assert.ok(created.text.startsWith('---\nstatus: "[TODO: status]"\n---\n# Incident Report:'));
  assert.deepEqual(created.fix.edits[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  const id = applyFix(created.text, 'field-missing', "Add field 'id' to the front matter", { checker: strict, allowNewErrors: true });
  assert.ok(id.text.startsWith('---\nstatus: "[TODO: status]"\nid: "[TODO: id]"\n---\n# Incident Report:'));
  // The holes are reported (and status's is no allowed value yet): nothing else.
  assert.deepEqual(id.after.map((finding) => finding.ruleId).sort(), ['placeholder', 'placeholder', 'value-invalid']);
  const northwind = applyFix(replaceOnce(northwindText(), 'status: final\n', ''), 'field-missing', "Add field 'status' to the front matter", {
    checker: strict,
    allowNewErrors: true,
  });
  assert.ok(northwind.text.startsWith('---\ntype: incident-report\nid: IR-2026-0117\nseverity: critical\n'));
  assert.ok(northwind.text.includes('updated: 2026-05-04\nstatus: "[TODO: status]"\n---\n# Incident Report'));
  assert.deepEqual(northwind.after.map((finding) => finding.ruleId).sort(), ['placeholder', 'value-invalid']);
});

test('field-missing: a field of a timeline phase goes in its subsection, above the fields it precedes', () => {
  const phases = new ReportEngine({
    schema: createBundledReportSchema([
      {
        properties: {
          sections: {
            properties: { timelineOfEvents: { properties: { subsections: { items: { properties: { fields: { required: ['dateTime', 'vector'] } } } } } } },
          },
        },
      },
    ]),
    catalog: engine().catalog,
    now: () => TEST_NOW,
  });
  const text = replaceOnce(northwindText(), '### Lateral Movement\n- **Date/Time:** 2026-04-15 21:30 UTC\n', '### Lateral Movement\n');
  const applied = applyFix(text, 'field-missing', "Add field 'Date/Time'", { checker: phases });
  assert.ok(applied.text.includes('### Lateral Movement\n- **Date/Time:** [TODO: YYYY-MM-DD HH:MM UTC]\n- **Vector:** RDP'));
  assert.deepEqual(withoutPlaceholders(applied.after), []);
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
