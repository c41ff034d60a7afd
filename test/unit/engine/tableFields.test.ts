import assert from 'node:assert/strict';
import { test } from 'node:test';
import { complete } from '../../../server/src/engine/features/completion';
import type { FeatureContext } from '../../../server/src/engine/features/featureTypes';
import { hover } from '../../../server/src/engine/features/hover';
import { check, engine, formatRange, seedText, TEST_NOW } from '../../helpers';
import { applyFix, replaceOnce } from '../features/fixHarness';

/** The seed with its Incident Details section (line 3) replaced by `body`, from line 4 on. */
const withDetails = (body: string): string => replaceOnce(seedText(), /## Incident Details\n[\s\S]*?(?=## Timeline of Events)/, `## Incident Details\n${body}`);

const KEY_VALUE = withDetails(
  [
    '| Field | Value |',
    '|-------|-------|',
    '| **Discovery Date** | June 1, 2026, approx. 05:00 AM ET |',
    '| Incident Date: | June 1, 2027 |',
    '| Affected Organisation | Microsoft \\| Azure AD |',
    '| Sector | |',
    '| Geography | Global |',
    '',
  ].join('\n'),
);

test('a | Field | Value | table in Incident Details is read as fields: the date rules and field-empty see its cells', () => {
  assert.deepEqual(check(KEY_VALUE), [
    "6:23-6:56 error date-discovery-before-incident The incident was discovered ('June 1, 2026, approx. 05:00 AM ET' read as about June 1, 2026 09:00 UTC) before it began ('June 1, 2027' read as June 1, 2027): check both dates",
    "7:19-7:31 warning date-future Field 'Incident Date' is in the future: 'June 1, 2027' read as June 1, 2027 is after 2026-11-27, when this check ran",
    "9:2-9:8 warning field-empty Field 'Sector' is empty",
  ]);
  const fields = engine().check(KEY_VALUE).model.sections[1].fields;
  assert.deepEqual(
    fields.map((field) => [field.key, formatRange(field.keyRange), field.value, formatRange(field.valueRange), formatRange(field.range)]),
    [
      ['Discovery Date', '6:4-6:18', 'June 1, 2026, approx. 05:00 AM ET', '6:23-6:56', '6:0-6:58'],
      ['Incident Date', '7:2-7:15', 'June 1, 2027', '7:19-7:31', '7:0-7:33'],
      ['Affected Organisation', '8:2-8:23', 'Microsoft \\| Azure AD', '8:26-8:47', '8:0-8:49'],
      ['Sector', '9:2-9:8', '', '9:11-9:11', '9:0-9:12'],
      ['Geography', '10:2-10:11', 'Global', '10:14-10:20', '10:0-10:22'],
    ],
  );
});

test('a table whose header row is itself a field is read from its header row on; field-missing names the others', () => {
  const text = withDetails(['| Discovery Date | 2026-06-01 |', '|---|---|', '| Incident Date | 2026-05-30 |', ''].join('\n'));
  assert.deepEqual(check(text), ["3:3-3:19 error field-missing Field 'Affected Organization' is missing from section 'Incident Details'"]);
  const fixed = applyFix(text, 'field-missing', "Add field 'Affected Organization'");
  assert.ok(
    fixed.text.includes(
      '| Discovery Date | 2026-06-01 |\n|---|---|\n| Incident Date | 2026-05-30 |\n| Affected Organization | [TODO: affected organization] |\n',
    ),
    fixed.text,
  );
  assert.deepEqual(
    fixed.after.map((finding) => finding.ruleId),
    ['placeholder'],
    'the hole of the added row',
  );
});

test('a missing field is added as a row below the header of a table whose only field is its header row', () => {
  const text = withDetails(['| Incident Date | 2026-05-30 |', '|---|---|', ''].join('\n'));
  const fixed = applyFix(text, 'field-missing', "Add field 'Affected Organization'", { match: (finding) => finding.message.includes('Affected') });
  assert.ok(fixed.text.includes('| Incident Date | 2026-05-30 |\n|---|---|\n| Affected Organization | [TODO: affected organization] |\n'), fixed.text);
});

test('a table that is not key/value-shaped stays a block: its rows are no fields', () => {
  for (const header of ['| Date | Organization |', '| Field | Value | Source |', '| Item | Where |']) {
    const width = header.split('|').length - 2;
    const text = withDetails([header, `|${'---|'.repeat(width)}`, `| Discovery Date | 2026-06-01 |${width > 2 ? ' x |' : ''}`, ''].join('\n'));
    assert.deepEqual(
      check(text).filter((line) => line.includes('field-missing')),
      [
        "3:3-3:19 error field-missing Field 'Discovery Date' is missing from section 'Incident Details'",
        "3:3-3:19 error field-missing Field 'Incident Date' is missing from section 'Incident Details'",
        "3:3-3:19 error field-missing Field 'Affected Organization' is missing from section 'Incident Details'",
      ],
      header,
    );
  }
});

test('Impact Assessment and Response Actions read key/value tables too', () => {
  const text = replaceOnce(
    seedText(),
    /## Response Actions\n[\s\S]*?(?=## Lessons Learned)/,
    '## Response Actions\n| Item | Details |\n|---|---|\n| Containment measures | Traffic redirected. |\n| Eradicaton steps | Patched. |\n| Recovery actions | |\n\n',
  );
  const model = engine().check(text).model;
  const section = model.sections.find((candidate) => candidate.heading.text === 'Response Actions');
  assert.deepEqual(
    section?.fields.map((field) => field.key),
    ['Containment measures', 'Eradicaton steps', 'Recovery actions'],
  );
});

test('hover on a key cell describes its field', () => {
  const { model } = engine().check(KEY_VALUE);
  const context: FeatureContext = { model, spec: engine().schema.spec, catalog: engine().catalog, now: TEST_NOW };
  const hovered = hover(context, { line: 7, character: 5 });
  assert.ok(hovered?.contents.includes('Incident Date'), JSON.stringify(hovered));
  assert.equal(hovered && formatRange(hovered.range), '7:2-7:15');
});

test('a misspelt key in a key cell is renamed inside its bold markers; the table stays', () => {
  const text = withDetails(
    [
      '| Field | Value |',
      '|---|---|',
      '| Discovery Date | June 1, 2026 |',
      '| Incident Date | June 1, 2026 |',
      '| **Afected Organization:** | Microsoft |',
      '',
    ].join('\n'),
  );
  const fixed = applyFix(text, 'field-missing', "Rename the key to 'Affected Organization'");
  assert.deepEqual(fixed.fix.edits, [{ range: { start: { line: 8, character: 4 }, end: { line: 8, character: 24 } }, newText: 'Affected Organization' }]);
  assert.ok(fixed.text.includes('| **Affected Organization:** | Microsoft |\n'));
  assert.deepEqual(fixed.after, []);
});

test('completion in a value cell offers the values of its row’s field', () => {
  const text = withDetails(
    ['| Field | Value |', '|---|---|', '| Discovery Date | |', '| Incident Date | June 1, 2026 |', '| Affected Organization | Microsoft |', ''].join('\n'),
  );
  const { model } = engine().check(text);
  const context: FeatureContext = { model, spec: engine().schema.spec, catalog: engine().catalog, now: TEST_NOW };
  const entries = complete(context, { line: 6, character: 19 });
  assert.equal(entries[0]?.insertText, 'November 27, 2026');
  assert.equal(entries[0] && formatRange(entries[0].range), '6:19-6:19');
  assert.deepEqual(complete(context, { line: 6, character: 5 }), [], 'not in the key cell');
});

test('fields grouped under ### headings of Incident Details count as its fields, as bullets or as a key/value table', () => {
  const grouped = withDetails(
    [
      '### Dates',
      '',
      '| Field | Value |',
      '|---|---|',
      '| Discovery Date | June 1, 2026, approx. 05:00 AM ET |',
      '| Incident Date | June 1, 2027 |',
      '',
      '### Organization',
      '- **Affected Organization:** Microsoft',
      '- **Sector:** Information Technology',
      '- **Geography:** Global',
      '',
    ].join('\n'),
  );
  // No field-missing: the date rules read the grouped cells like the section's own.
  assert.deepEqual(check(grouped), [
    "8:19-8:52 error date-discovery-before-incident The incident was discovered ('June 1, 2026, approx. 05:00 AM ET' read as about June 1, 2026 09:00 UTC) before it began ('June 1, 2027' read as June 1, 2027): check both dates",
    "9:18-9:30 warning date-future Field 'Incident Date' is in the future: 'June 1, 2027' read as June 1, 2027 is after 2026-11-27, when this check ran",
  ]);
  const missing = withDetails(['### Organization', '- **Affected Organization:** Microsoft', ''].join('\n'));
  assert.deepEqual(
    check(missing).filter((line) => line.includes('field-missing')),
    [
      "3:3-3:19 error field-missing Field 'Discovery Date' is missing from section 'Incident Details'",
      "3:3-3:19 error field-missing Field 'Incident Date' is missing from section 'Incident Details'",
    ],
  );
});
