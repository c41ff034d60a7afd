import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { exportJson, type ReportExport } from '../../../server/src/engine/export';
import { projectRoot } from '../../helpers';
import { NORTHWIND, SEED, exampleInput, exportInput, readExample } from './exportHelpers';

function exportValidator() {
  const schema = JSON.parse(fs.readFileSync(path.join(projectRoot(), 'schemas', 'report-export.schema.json'), 'utf8')) as { $schema: string };
  assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
  // strict: the schema is ours, so it must pass Ajv's strict mode too (formats are not used).
  return new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true }).compile(schema);
}

const roundTrip = (value: ReportExport): unknown => JSON.parse(JSON.stringify(value));

test('json export: validates against schemas/report-export.schema.json', () => {
  const validate = exportValidator();
  const inputs = [
    exampleInput(NORTHWIND),
    exampleInput(SEED),
    ...['examples/broken', 'examples/dialects', 'examples/dialects/broken'].flatMap((folder) =>
      fs
        .readdirSync(path.join(projectRoot(), folder))
        .filter((name) => name.endsWith('.md'))
        .map((name) => exampleInput(`${folder}/${name}`)),
    ),
    exportInput(''),
    exportInput('---\n: broken: yaml: [\n---\n# Incident Report: Broken front matter\n## Unknown Section\n### Sub\n- **Key:** value\n'),
    exportInput('---\n- a list\n---\n# Incident Report: List front matter\n'),
  ];
  for (const input of inputs) {
    const document = roundTrip(exportJson(input));
    assert.ok(validate(document), `${input.sourcePath}: ${JSON.stringify(validate.errors, null, 2)}`);
  }
  const broken = roundTrip(exportJson(exampleInput(NORTHWIND))) as { sections: { line: number }[] };
  broken.sections[0].line = 0;
  assert.equal(validate(broken), false, 'lines are 1-based');
});

test('json export: northwind content', () => {
  const document = exportJson(exampleInput(NORTHWIND));
  assert.deepEqual([document.format, document.version], ['increport-report', 1]);
  assert.deepEqual(document.source, { path: NORTHWIND, lineCount: readExample(NORTHWIND).split('\n').length });
  assert.deepEqual(document.attack, { version: '18.1', domain: 'enterprise-attack', previousVersion: null });
  assert.deepEqual(document.title, { text: 'Incident Report: Akira-Style Ransomware Intrusion at Northwind Manufacturing', line: 13 });
  assert.equal(document.frontMatter?.data?.id, 'IR-2026-0117');
  assert.deepEqual([document.frontMatter?.line, document.frontMatter?.endLine], [1, 12]);
  assert.equal(document.frontMatter?.dates.created.start, '2026-04-20T00:00:00.000Z');
  assert.equal(document.frontMatter?.dates.updated.end, '2026-05-04T23:59:59.999Z');
  assert.deepEqual(
    document.sections.map((section) => section.key),
    [
      'executiveSummary',
      'incidentDetails',
      'timelineOfEvents',
      'attackMethodology',
      'impactAssessment',
      'indicatorsOfCompromise',
      'responseActions',
      'lessonsLearned',
      'recommendations',
    ],
  );
  assert.deepEqual(document.dates.discovered, {
    text: '2026-04-18 02:47 UTC',
    start: '2026-04-18T02:47:00.000Z',
    end: '2026-04-18T02:47:59.999Z',
    precision: 'minute',
    qualifier: 'exact',
    zone: 'UTC',
  });
  assert.equal(document.dates.began?.start, '2026-04-14T09:12:00.000Z');
  const timeline = document.sections.find((section) => section.key === 'timelineOfEvents')!;
  assert.deepEqual(
    timeline.subsections.map((phase) => [phase.heading, phase.date?.start]),
    [
      ['Initial Access', '2026-04-14T09:12:00.000Z'],
      ['Discovery and Credential Access', '2026-04-14T10:05:00.000Z'],
      ['Lateral Movement', '2026-04-15T21:30:00.000Z'],
      ['Exfiltration', '2026-04-17T01:15:00.000Z'],
      ['Impact', '2026-04-18T02:31:00.000Z'],
      ['Detection & Response', '2026-04-18T02:47:00.000Z'],
    ],
  );
  assert.deepEqual(
    timeline.subsections[0].fields.map((field) => field.key),
    ['dateTime', 'vector', 'details'],
  );
  const initialAccess = document.tactics.find((row) => row.tactic?.id === 'TA0001')!;
  assert.deepEqual(
    initialAccess.techniques.map((t) => [t.id, t.name, t.line, t.column, t.validForTactic]),
    [
      ['T1566.002', 'Spearphishing Link', 61, 23, true],
      ['T1133', 'External Remote Services', 61, 53, true],
    ],
  );
  assert.equal(document.tactics.find((row) => row.row === 'Reconnaissance')?.notApplicable, true);
  const t1566 = document.techniques.find((technique) => technique.id === 'T1566.002')!;
  assert.deepEqual([t1566.tactics, t1566.lines], [['initial-access'], [31, 61]]);
  assert.deepEqual(document.techniques.find((t) => t.id === 'T1078.002')?.tactics, ['persistence', 'privilege-escalation']);
  assert.deepEqual(document.indicators[0], {
    type: 'url',
    value: 'hxxps[://]invoice-northwind[.]com/portal/login',
    refanged: 'https://invoice-northwind.com/portal/login',
    writtenDefanged: true,
    defanged: 'hxxps[://]invoice-northwind[.]com/portal/login',
    line: 82,
    column: 5,
    endColumn: 51,
    problems: [],
    context: 'hxxps[://]invoice-northwind[.]com/portal/login (credential-harvesting page)',
    locations: [
      {
        line: 82,
        column: 5,
        endColumn: 51,
        value: 'hxxps[://]invoice-northwind[.]com/portal/login',
        writtenDefanged: true,
        context: 'hxxps[://]invoice-northwind[.]com/portal/login (credential-harvesting page)',
        evidence: false,
      },
    ],
  });
  assert.deepEqual(
    document.indicators.map((indicator) => indicator.type),
    ['url', 'ipv4', 'ipv6', 'email', 'sha256', 'md5'],
  );
  assert.deepEqual(document.findings, { errors: 0, warnings: 0, infos: 0, byRule: {} });
});

test('json export: a live indicator, findings summary and unknown names', () => {
  const text = [
    '# Incident Report: Live',
    '## Incident Details',
    '- **Discovery Date:** someday',
    '- **Case Owner:** J. Doe',
    '## Indicators of Compromise',
    '- **Network indicators:** http://evil.example.com/x',
    '## Extra Notes',
    'Free text.',
  ].join('\n');
  const input = exportInput(text, 'live.md');
  const document = exportJson(input);
  const [indicator] = document.indicators;
  assert.deepEqual([indicator.value, indicator.writtenDefanged, indicator.defanged], ['http://evil.example.com/x', false, 'hxxp[://]evil[.]example[.]com/x']);
  const details = document.sections.find((section) => section.key === 'incidentDetails')!;
  assert.equal(details.fields[0].date, undefined, 'an unparseable date has no date');
  assert.deepEqual(details.fields[1], { key: null, name: 'Case Owner', value: 'J. Doe', line: 4, endLine: 4 });
  assert.deepEqual(document.sections.at(-1)?.key, null);
  assert.equal(document.sections.at(-1)?.title, 'Extra Notes');
  const counts = { errors: 0, warnings: 0, infos: 0 };
  for (const finding of input.findings) counts[finding.severity === 'error' ? 'errors' : finding.severity === 'warning' ? 'warnings' : 'infos']++;
  assert.deepEqual({ ...document.findings, byRule: undefined }, { ...counts, byRule: undefined });
  assert.equal(document.findings.byRule['ioc-live'], 1);
  assert.deepEqual(Object.keys(document.findings.byRule), Object.keys(document.findings.byRule).sort());
  assert.equal(JSON.stringify(exportJson(input)), JSON.stringify(document), 'deterministic');
});

test("json export: a date under a heading's time-zone qualifier is read in that zone, as the date rules read it", () => {
  const text = readExample(SEED)
    .replace('## Timeline of Events\n', '## Timeline of Events (all times EST)\n')
    .replace('- **Date/Time:** June 1, 2026, prior to 05:00 AM ET', '- **Date/Time:** June 1, 2026 08:00');
  const timeline = exportJson(exportInput(text)).sections.find((section) => section.key === 'timelineOfEvents');
  assert.deepEqual(timeline?.subsections[0].date, {
    text: 'June 1, 2026 08:00',
    start: '2026-06-01T13:00:00.000Z',
    end: '2026-06-01T13:00:59.999Z',
    precision: 'minute',
    qualifier: 'exact',
    zone: 'EST',
  });
  // A zone written with the date wins: "UTC" written with the date.
  const own = exportJson(exportInput(text.replace('June 1, 2026 08:00', 'June 1, 2026 08:00 UTC'))).sections[2].subsections[0].date;
  assert.equal(own?.start, '2026-06-01T08:00:00.000Z');
});
