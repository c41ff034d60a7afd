import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ReportEngine } from '../../../server/src/engine/engine';
import { methodologyRows } from '../../../server/src/engine/queries/methodologyRows';
import { timelineEntries } from '../../../server/src/engine/queries/timelineEntries';
import type { ReportSpec, SchemaNode } from '../../../server/src/engine/schema/reportSpec';
import { renderText, reportTemplate, sectionTemplate } from '../../../server/src/engine/templates/skeleton';
import { tableHeaders } from '../../../server/src/engine/templates/tables';
import { createBundledReportSchema, loadBundledCatalog } from '../../../server/src/node/bundledResources';
import { defaultVersionEngine as engine, describeFinding, TEST_NOW } from '../../helpers';

const tactics = () => engine().catalog.tactics;
const tablesReport = (spec: ReportSpec = engine().schema.spec) => renderText(reportTemplate(spec, tactics(), { style: 'tables' }));

test('table skeleton: nothing to fix but its holes, each of its tables read as the rows it replaces', () => {
  const spec = engine().schema.spec;
  const { model, findings } = engine().check(tablesReport());
  assert.deepEqual(findings.filter((finding) => finding.ruleId !== 'placeholder').map(describeFinding), []);
  const section = (key: string) => {
    const found = model.sections.find((candidate) => spec.findSection(candidate.heading.text)?.key === key);
    assert.ok(found, key);
    return found;
  };
  for (const key of ['incidentDetails', 'impactAssessment', 'responseActions']) {
    assert.deepEqual(
      section(key).fields.map((field) => [field.key, field.inTable]),
      spec.sectionByKey(key)?.fields.map((field) => [field.title, 'row']),
      key,
    );
  }
  const rows = methodologyRows(section('attackMethodology'), spec.sectionByKey('attackMethodology')!);
  assert.deepEqual(
    rows.map((row) => [row.key, row.value, row.table !== undefined]),
    tactics().map((tactic) => [tactic.name, '[TODO: techniques used, or N/A]', true]),
    'one table row per tactic of the catalog, in matrix order',
  );
  const entries = timelineEntries(model.lines, section('timelineOfEvents'), spec.sectionByKey('timelineOfEvents')!);
  assert.deepEqual(
    entries.map((entry) => [entry.dialect, entry.dateText, entry.title, entry.details]),
    [['table', '[TODO: YYYY-MM-DD HH:MM UTC]', '[TODO: phase name]', '[TODO: details]']],
  );
});

test('table skeleton: headers are the first x-columns name of each role; sections whose schema reads no table are as in the bullet flavour', () => {
  const spec = engine().schema.spec;
  const headers: Record<string, string | undefined> = Object.fromEntries(spec.sections.map((section) => [section.key, tableHeaders(section)?.join(' | ')]));
  assert.deepEqual(
    { ...headers },
    {
      executiveSummary: undefined,
      incidentDetails: 'Field | Value',
      timelineOfEvents: 'Date/Time | Phase | Details',
      attackMethodology: 'Tactic | Technique',
      impactAssessment: 'Field | Value',
      indicatorsOfCompromise: undefined, // its x-columns are read, but its x-dialects has no table
      responseActions: 'Field | Value',
      lessonsLearned: undefined,
      recommendations: undefined,
    },
  );
  for (const section of spec.sections) {
    const tables = sectionTemplate(section, tactics(), 'tables');
    if (headers[section.key] === undefined) assert.deepEqual(tables, sectionTemplate(section, tactics(), 'bullets'), section.key);
    else assert.equal(renderText(tables).split('\n')[1], `| ${headers[section.key]} |`, section.key);
  }
});

test('table skeleton: a schema extension decides, not code: a field section it gives the table dialect is a table of its headers', () => {
  const evidence: SchemaNode = {
    title: 'Evidence',
    'x-kind': 'fields',
    'x-dialects': ['rows', 'table'],
    'x-columns': { key: ['Item'], value: ['Where'] },
    properties: {
      fields: {
        properties: {
          location: { title: 'Location', type: 'string', 'x-example': 's3 | eu-west-1', minLength: 1 },
          collected: { title: 'Collected', type: 'string', 'x-kind': 'date', minLength: 1 },
        },
        required: ['location'],
      },
    },
  };
  // A section whose x-columns name no value column cannot be read as a key/value table: it stays bullets.
  const custody: SchemaNode = { ...evidence, title: 'Chain of Custody', 'x-columns': { key: ['Item'] } };
  const schema = createBundledReportSchema([{ properties: { sections: { properties: { evidence, custody } } } }]);
  const text = tablesReport(schema.spec);
  // The example (`s3 | eu-west-1`) is documentation, never inserted: each value is a hole.
  assert.match(text, /\n## Evidence\n\| Item \| Where \|\n\|---\|---\|\n\| Location \| \[TODO: location\] \|\n\| Collected \| \[TODO: YYYY-MM-DD\] \|\n/);
  assert.match(text, /\n## Chain of Custody\n- \*\*Location:\*\* \[TODO: location\]\n- \*\*Collected:\*\* \[TODO: YYYY-MM-DD\]\n/);
  const extended = new ReportEngine({ schema, catalog: loadBundledCatalog(), bundledCatalog: loadBundledCatalog, now: () => TEST_NOW });
  const { model, findings } = extended.check(text);
  assert.deepEqual(findings.filter((finding) => finding.ruleId !== 'placeholder').map(describeFinding), []);
  assert.deepEqual(
    model.sections.find((section) => section.heading.text === 'Evidence')?.fields.map((field) => [field.key, field.value]),
    [
      ['Location', '[TODO: location]'],
      ['Collected', '[TODO: YYYY-MM-DD]'],
    ],
  );
});
