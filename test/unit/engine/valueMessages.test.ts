import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { createNodeHost } from '../../../server/src/node/nodeHost';
import { ReportEngine } from '../../../server/src/engine/engine';
import { SchemaCompileError } from '../../../server/src/engine/schema/compileSchema';
import type { SchemaNode } from '../../../server/src/engine/schema/reportSpec';
import { ReportWorkspace } from '../../../server/src/engine/workspace';
import { defaultVersionEngine, describeFinding, projectRoot, cleanReportText, TEST_NOW } from '../../helpers';
import { createBundledReportSchema, loadBundledCatalog } from '../../../server/src/node/bundledResources';

const root = mkdtempSync(join(tmpdir(), 'increport-values-'));
after(() => rmSync(root, { recursive: true, force: true }));

const withFrontMatter = (...lines: string[]) => `---\n${lines.join('\n')}\n---\n${cleanReportText()}`;
const withDetail = (line: string) => cleanReportText().replace('## Incident Details\n', `## Incident Details\n${line}\n`);

/** The findings of `text` as the workspace checks it with no configuration (ATT&CK v19.2). */
const check = (text: string): string[] => defaultVersionEngine().check(text).findings.map(describeFinding);

/** The findings of `text` under the bundled schema extended by `extension`. */
function checkExtended(extension: SchemaNode, text: string): string[] {
  const engine = new ReportEngine({ schema: createBundledReportSchema([extension]), catalog: loadBundledCatalog(), now: () => TEST_NOW });
  return engine.check(text).findings.map(describeFinding);
}

/** An extension adding `field` to the Incident Details fields. */
const detailField = (field: SchemaNode, definitions?: Record<string, SchemaNode>): SchemaNode => ({
  properties: {
    sections: {
      properties: { incidentDetails: { properties: { fields: { properties: { caseId: { title: 'Case ID', 'x-aliases': ['Case'], ...field } } } } } },
    },
  },
  ...(definitions ? { $defs: definitions } : {}),
});

test('value-invalid: an organization extension with x-hint and examples on a new field shows the expected form', () => {
  const base = mkdtempSync(join(root, 'org-'));
  writeFileSync(join(base, '.increport.yaml'), 'schema:\n  extend: ./org-schema.yaml\n');
  writeFileSync(
    join(base, 'org-schema.yaml'),
    [
      'properties:',
      '  frontMatter:',
      '    properties:',
      '      id:',
      '        type: string',
      '        pattern: "^IR-\\\\d{4}-\\\\d{4}$"',
      '        x-hint: IR-YYYY-NNNN (year, then a four-digit number)',
      '        examples: [IR-2026-0042]',
    ].join('\n'),
  );
  const workspace = new ReportWorkspace({ host: createNodeHost(), baseDirectory: base });
  const findings = workspace.analyse(join(base, 'r.md'), withFrontMatter('id: IR 42')).findings.map(describeFinding);
  assert.deepEqual(findings, [
    "1:4-1:9 error value-invalid Front matter field 'id' is 'IR 42'; expected the form IR-YYYY-NNNN (year, then a four-digit number), e.g. 'IR-2026-0042'",
  ]);
  assert.deepEqual(workspace.analyse(join(base, 'r.md'), withFrontMatter('id: IR-2026-0042')).findings, []);
});

test('value-invalid: a pattern with examples only, x-example only, a hint on a $ref, or nothing but a description', () => {
  const pattern = '^IR-\\d{4}-\\d{4}$';
  const text = withDetail('- **Case:** 2026-17');
  assert.deepEqual(checkExtended(detailField({ type: 'string', pattern, examples: ['IR-2026-0042', 'IR-2025-0007', 'IR-2024-0001'] }), text), [
    "4:12-4:19 error value-invalid Field 'Case' is '2026-17'; expected a value like 'IR-2026-0042' or 'IR-2025-0007'",
  ]);
  assert.deepEqual(checkExtended(detailField({ type: 'string', pattern, 'x-example': 'IR-2026-0042' }), text), [
    "4:12-4:19 error value-invalid Field 'Case' is '2026-17'; expected a value like 'IR-2026-0042'",
  ]);
  // The pattern lives in a definition; the hint is on the field that refers to it.
  const viaRef = detailField({ $ref: '#/$defs/caseNumber', 'x-hint': 'IR-YYYY-NNNN' }, { caseNumber: { type: 'string', pattern } });
  assert.deepEqual(checkExtended(viaRef, text), ["4:12-4:19 error value-invalid Field 'Case' is '2026-17'; expected the form IR-YYYY-NNNN"]);
  const described = detailField({ type: 'string', pattern, description: 'The ticket in the case management system.' });
  assert.deepEqual(checkExtended(described, text), [
    "4:12-4:19 error value-invalid Field 'Case' is '2026-17'; expected a value matching the pattern ^IR-\\d{4}-\\d{4}$ (The ticket in the case management system)",
  ]);
});

test('value-invalid: long values are shortened in the message, not in the range', () => {
  const value = `CASE ${'x'.repeat(70)}`;
  assert.deepEqual(checkExtended(detailField({ type: 'string', pattern: '^IR-', 'x-hint': 'IR-…' }), withDetail(`- **Case:** ${value}`)), [
    `4:12-4:87 error value-invalid Field 'Case' is 'CASE ${'x'.repeat(52)}…'; expected the form IR-…`,
  ]);
});

test('value-invalid: bundled enums and const name the allowed values once, with a suggestion for near misses', () => {
  assert.deepEqual(check(withFrontMatter('tlp: amber', 'status: in review', 'severity: Critical', 'type: Incident-Report')), [
    "1:5-1:10 error value-invalid Front matter field 'tlp' is 'amber'; expected one of: TLP:CLEAR, TLP:GREEN, TLP:AMBER, TLP:AMBER+STRICT, TLP:RED (the 'TLP:' prefix may be left out); did you mean 'AMBER'? (values are case-sensitive)",
    "2:8-2:17 error value-invalid Front matter field 'status' is 'in review'; expected one of: draft, in-review, final, closed; did you mean 'in-review'?",
    "3:10-3:18 error value-invalid Front matter field 'severity' is 'Critical'; expected one of: informational, low, medium, high, critical; did you mean 'critical'? (values are case-sensitive)",
    "4:6-4:21 error value-invalid Front matter field 'type' is 'Incident-Report'; expected 'incident-report' (values are case-sensitive)",
  ]);
  assert.deepEqual(check(withFrontMatter('tlp: TLP:PURPLE', 'type: report', 'severity: critcal', 'status: |', '  a draft', '  in two lines')), [
    "1:5-1:15 error value-invalid Front matter field 'tlp' is 'TLP:PURPLE'; expected one of: TLP:CLEAR, TLP:GREEN, TLP:AMBER, TLP:AMBER+STRICT, TLP:RED (the 'TLP:' prefix may be left out)",
    "2:6-2:12 error value-invalid Front matter field 'type' is 'report'; expected 'incident-report'",
    "3:10-3:17 error value-invalid Front matter field 'severity' is 'critcal'; expected one of: informational, low, medium, high, critical; did you mean 'critical'?",
    "4:8-6:14 error value-invalid Front matter field 'status' is 'a draft in two lines'; expected one of: draft, in-review, final, closed",
  ]);
});

test('value-invalid: an extension enum with case variants lists each value once; a long list is cut short', () => {
  const level = { properties: { frontMatter: { properties: { level: { enum: ['High', 'high', 'HIGH', 'Low', 'low'] } } } } };
  assert.deepEqual(checkExtended(level, withFrontMatter('level: medium')), [
    "1:7-1:13 error value-invalid Front matter field 'level' is 'medium'; expected one of: High, Low",
  ]);
  const codes = Array.from({ length: 25 }, (_, index) => `C${index + 1}`);
  const long = { properties: { frontMatter: { properties: { code: { enum: codes } } } } };
  assert.deepEqual(checkExtended(long, withFrontMatter('code: D')), [
    `1:6-1:7 error value-invalid Front matter field 'code' is 'D'; expected one of: ${codes.slice(0, 20).join(', ')}, … (5 more)`,
  ]);
});

test('value-invalid: type errors say what YAML read, and how to make it text', () => {
  assert.deepEqual(check(withFrontMatter('title: true', 'authors: [Ann, 7]', 'id: [a, b]', 'created:')), [
    '1:7-1:11 error value-invalid Front matter field \'title\' is true (read as true/false); expected text (write it in quotes, "true", to make it text)',
    '2:9-2:17 error value-invalid Front matter field \'authors\' (item 2) is 7 (read as a number); expected text (write it in quotes, "7", to make it text)',
    "3:4-3:10 error value-invalid Front matter field 'id' is a list of 2 items: 'a', 'b'; expected text or a number",
    "4:8-4:8 error value-invalid Front matter field 'created' is empty; expected text",
  ]);
});

test('value-invalid: numbers, lengths, list sizes, duplicates and `not` say what is accepted', () => {
  const extension: SchemaNode = {
    properties: {
      frontMatter: {
        properties: {
          count: { type: 'integer', minimum: 1, maximum: 9 },
          ratio: { type: 'number', exclusiveMaximum: 1, multipleOf: 0.25 },
          code: { type: 'string', maxLength: 3 },
          tags: { type: 'array', minItems: 4, uniqueItems: true },
          owner: { not: { const: 'TBD' }, 'x-hint': "a person's name" },
        },
      },
    },
  };
  assert.deepEqual(checkExtended(extension, withFrontMatter('count: 0', 'ratio: 1.1', 'code: ABCD', 'tags: [a, b, a]', 'owner: TBD')), [
    "1:7-1:8 error value-invalid Front matter field 'count' is 0 (read as a number); expected at least 1",
    "2:7-2:10 error value-invalid Front matter field 'ratio' is 1.1 (read as a number); expected less than 1",
    "2:7-2:10 error value-invalid Front matter field 'ratio' is 1.1 (read as a number); expected a multiple of 0.25",
    "3:6-3:10 error value-invalid Front matter field 'code' is too long: 4 characters, expected at most 3 ('ABCD')",
    "4:6-4:15 error value-invalid Front matter field 'tags' is a list of 3 items: 'a', 'b', 'a'; expected at least 4 items",
    "4:6-4:15 error value-invalid Front matter field 'tags' lists 'a' twice (items 1 and 3); expected each item once",
    "5:7-5:10 error value-invalid Front matter field 'owner' is 'TBD', which is not accepted here; expected the form a person's name",
  ]);
});

test('schema: x-hint must be text; ajv accepts it and examples in strict mode', () => {
  assert.doesNotThrow(() => createBundledReportSchema([detailField({ type: 'string', pattern: '^x', 'x-hint': 'x…', examples: ['xy'] })]));
  const numericHint: SchemaNode = { type: 'string', pattern: '^x' };
  (numericHint as Record<string, unknown>)['x-hint'] = 42; // as a hand-written YAML extension might have it
  assert.throws(() => createBundledReportSchema([detailField(numericHint)]), SchemaCompileError);
});

test('schema: every pattern in the bundled schema comes with examples or an x-hint', () => {
  const schema = JSON.parse(readFileSync(join(projectRoot(), 'schemas', 'incident-report.schema.json'), 'utf8')) as unknown;
  const bare: string[] = [];
  const walk = (node: unknown, pointer: string): void => {
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    if (typeof record.pattern === 'string' && record['x-hint'] === undefined && !Array.isArray(record.examples)) bare.push(pointer);
    for (const [key, child] of Object.entries(record)) walk(child, `${pointer}/${key}`);
  };
  walk(schema, '');
  assert.deepEqual(bare, []);
});

test('field-unknown: unevaluatedProperties: false closes the front matter like additionalProperties does', () => {
  const closed: SchemaNode = { properties: { frontMatter: { unevaluatedProperties: false } } };
  assert.deepEqual(checkExtended(closed, withFrontMatter('status: draft', 'owner: Ann')), [
    "2:0-2:5 error field-unknown Front matter field 'owner' is not expected in the front matter",
  ]);
});
