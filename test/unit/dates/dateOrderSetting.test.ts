import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { inferNumericOrder } from '../../../server/src/engine/dates/numericOrder';
import { parseReportDate } from '../../../server/src/engine/dates/parseDate';
import type { DateOrderSetting } from '../../../server/src/engine/dates/numericOrder';
import { ReportWorkspace } from '../../../server/src/engine/workspace';
import { describeFinding, engine, seedText, testHost, TEST_NOW } from '../../helpers';
import { tempTree } from '../../tempTree';

const root = mkdtempSync(join(tmpdir(), 'increport-date-order-'));
after(() => rmSync(root, { recursive: true, force: true }));

test('numeric order: dotted and dashed dates count too; a dotted date is always day first', () => {
  assert.deepEqual(inferNumericOrder('Seen 30.07.2026, then 05.08.2026.'), { dayFirst: true, source: 'inferred', example: { text: '30.07.2026', offset: 5 } });
  assert.deepEqual(inferNumericOrder('Seen 28-07-2026.'), { dayFirst: true, source: 'inferred', example: { text: '28-07-2026', offset: 5 } });
  assert.deepEqual(inferNumericOrder('Seen 07-28-2026.'), { dayFirst: false, source: 'inferred', example: { text: '07-28-2026', offset: 5 } });
  assert.deepEqual(inferNumericOrder('Seen 07.28.2026.'), { dayFirst: false, source: 'default' }, 'a dotted date is never month first');
  assert.deepEqual(inferNumericOrder('IR-28-07-2026 and 1.28.07.2026'), { dayFirst: false, source: 'default' }, 'glued to other numbers: no dates');
  const dashed = parseReportDate('05-08-2026', undefined, true);
  assert.ok(dashed.kind === 'date');
  assert.deepEqual([new Date(dashed.date.earliest).toISOString().slice(0, 10), dashed.date.ambiguousOrder], ['2026-08-05', true]);
  const dotted = parseReportDate('05.08.2026');
  assert.ok(dotted.kind === 'date');
  assert.deepEqual([new Date(dotted.date.earliest).toISOString().slice(0, 10), dotted.date.ambiguousOrder], ['2026-08-05', undefined]);
});

/** The seed with discovery 02/03/2026 and incident 03/02/2026: an error month first (Feb 3 before Mar 2), none day first. */
const ambiguous = (frontMatter = '', summary = '') =>
  `${frontMatter ? `---\n${frontMatter}\n---\n` : ''}${seedText()}`
    .replace('- **Discovery Date:** June 1, 2026, approx. 05:00 AM ET', '- **Discovery Date:** 02/03/2026')
    .replace('- **Incident Date:** June 1, 2026', '- **Incident Date:** 03/02/2026')
    .replace('## Incident Details', `${summary}## Incident Details`);

const dateFindings = (text: string, dateOrder?: DateOrderSetting) =>
  engine()
    .check(text, {}, TEST_NOW, { dateOrder })
    .findings.filter((finding) => finding.ruleId.startsWith('date-'))
    .map(describeFinding);

test("numeric order: the front matter dateOrder wins over dates.order, which wins over the report's own dates", () => {
  assert.deepEqual(dateFindings(ambiguous('dateOrder: dmy')), []);
  assert.deepEqual(dateFindings(ambiguous('dateOrder: dmy'), 'mdy'), [], 'the front matter wins');
  assert.deepEqual(dateFindings(ambiguous(), 'dmy'), []);
  assert.deepEqual(dateFindings(ambiguous('', 'Seen 28/07/2026.\n')), [], 'inferred from a date that can only be day first');
  assert.deepEqual(dateFindings(ambiguous('dateOrder: mdy'), 'dmy'), [
    "7:22-7:32 error date-discovery-before-incident The incident was discovered ('02/03/2026' read as February 3, 2026 (month first, set by dateOrder in the front matter)) before it began ('03/02/2026' read as March 2, 2026 (month first, set by dateOrder in the front matter)): check both dates",
  ]);
  assert.deepEqual(dateFindings(ambiguous(), 'mdy'), [
    "4:22-4:32 error date-discovery-before-incident The incident was discovered ('02/03/2026' read as February 3, 2026 (month first, set by dates.order in the configuration)) before it began ('03/02/2026' read as March 2, 2026 (month first, set by dates.order in the configuration)): check both dates",
  ]);
  assert.deepEqual(dateFindings(ambiguous('', 'Seen 07/28/2026.\n')), [
    "5:22-5:32 error date-discovery-before-incident The incident was discovered ('02/03/2026' read as February 3, 2026 (month first, as in 07/28/2026 on line 4)) before it began ('03/02/2026' read as March 2, 2026 (month first, as in 07/28/2026 on line 4)): check both dates",
  ]);
  assert.deepEqual(dateFindings(ambiguous()), [
    "4:22-4:32 error date-discovery-before-incident The incident was discovered ('02/03/2026' read as February 3, 2026 (month first, the default: no date of the report can only be day first)) before it began ('03/02/2026' read as March 2, 2026 (month first, the default: no date of the report can only be day first)): check both dates",
  ]);
  const unknown = engine().check(ambiguous('dateOrder: ymd'), {}, TEST_NOW).findings;
  assert.deepEqual(
    unknown.filter((finding) => finding.range.start.line === 1).map((finding) => finding.ruleId),
    ['value-invalid'],
    "an unknown value is the schema's to report; the report is then read by its own dates",
  );
});

test('numeric order: dates.order in .increport.yaml reaches the check; a wrong value is a configuration error', () => {
  const base = tempTree(root, { '.increport.yaml': 'root: true\ndates:\n  order: dmy\n', 'us/.increport.yaml': 'dates:\n  order: mdy\n' });
  const workspace = new ReportWorkspace({ host: testHost(), baseDirectory: base });
  const findingsIn = (folder: string) =>
    workspace.analyse(join(base, folder, 'r.md'), ambiguous()).findings.filter((finding) => finding.ruleId.startsWith('date-'));
  assert.equal(workspace.configFor(join(base, 'r.md')).dates?.order, 'dmy');
  assert.deepEqual(findingsIn('.'), []);
  assert.deepEqual(
    findingsIn('us').map((finding) => finding.ruleId),
    ['date-discovery-before-incident'],
  );
  const wrong = tempTree(root, { '.increport.yaml': 'root: true\ndates:\n  order: ymd\n' });
  assert.throws(
    () => new ReportWorkspace({ host: testHost(), baseDirectory: wrong }).configFor(join(wrong, 'r.md')),
    /Setting 'dates.order' must be equal to one of the allowed values/,
  );
});
