import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { formatNames, isFormatName, loadFormatter } from '../../../server/src/cli/formatters/index';
import { formatters } from './allFormatters';
import type { FileResult, FormatContext } from '../../../server/src/cli/formatters/formatterTypes';
import type { Finding, Severity } from '../../../server/src/engine/types';
import type { RuleMeta } from '../../../server/src/engine/rules/ruleTypes';
import { projectRoot } from '../../helpers';

const ESC = '\u001b';

function finding(ruleId: string, severity: Severity, message: string, range: [number, number, number, number], data?: Record<string, unknown>): Finding {
  const [startLine, startChar, endLine, endChar] = range;
  const result: Finding = {
    ruleId,
    severity,
    message,
    range: { start: { line: startLine, character: startChar }, end: { line: endLine, character: endChar } },
  };
  if (data) result.data = data;
  return result;
}

const rules: RuleMeta[] = [
  { id: 'section-missing', family: 'structure', defaultSeverity: 'error', summary: 'A required section is missing.' },
  { id: 'value-invalid', family: 'values', defaultSeverity: 'error', summary: 'A field value is not one of the allowed values.' },
  { id: 'placeholder', family: 'placeholders', defaultSeverity: 'warning', summary: 'A template placeholder was left in the report.' },
  { id: 'attack-technique-unknown', family: 'attack', defaultSeverity: 'warning', summary: 'An ATT&CK technique id is not in the catalog.' },
  { id: 'timeline-order', family: 'dates', defaultSeverity: 'info', summary: 'Timeline entries are out of order.' },
];

function context(overrides: Partial<FormatContext> = {}): FormatContext {
  return { cwd: '/work/proj', rules, color: false, toolName: 'increport', toolVersion: '0.1.0', docsBaseUrl: 'https://example.org/docs/rules/', ...overrides };
}

// A small file for exact-output comparisons.
const smallFile: FileResult = {
  path: '/work/proj/reports/a.md',
  displayPath: 'reports/a.md',
  text: '# Incident IR-1\nSeverity: Sev5\nStatus: TBD\n',
  findings: [
    finding('placeholder', 'warning', 'Placeholder "TBD" left in report', [2, 8, 2, 11]),
    finding('value-invalid', 'error', 'Severity "Sev5" is not allowed', [1, 10, 1, 14], { allowed: ['Low', 'High'] }),
  ],
};

// Line 4 mixes tabs and an emoji (a UTF-16 surrogate pair): "T1059" is UTF-16 characters 9..14.
const tabEmojiLine = '\tTTP:\t🔥 T1059\tfoo';
const richFile: FileResult = {
  path: '/work/proj/reports/incident 1.md',
  displayPath: 'reports/incident 1.md',
  text: ['# Incident', '', '## Timeline', '- 10:00 start', tabEmojiLine, 'Summary: é', 'Owner:'].join('\r\n'),
  findings: [
    finding('timeline-order', 'info', 'Entry is out of order', [3, 2, 5, 3]), // multi-line
    finding('attack-technique-unknown', 'warning', 'Unknown technique T1059', [4, 9, 4, 14]),
    finding('placeholder', 'warning', 'Trailing text', [4, 15, 4, 18]),
    finding('section-missing', 'error', 'Missing "Impact" section', [6, 6, 6, 6]), // zero-width, end of line
    finding('value-invalid', 'error', 'Summary is too short', [5, 9, 5, 10]),
    finding('custom-rule', 'info', 'Not in the rule table', [0, 0, 0, 10]),
  ],
};
const unreadableFile: FileResult = { path: '/work/proj/missing.md', displayPath: 'missing.md', findings: [], error: 'ENOENT: no such file or directory' };
const cleanFile: FileResult = { path: '/work/proj/clean.md', displayPath: 'clean.md', findings: [], text: '# Clean\n' };
const allResults = [richFile, unreadableFile, cleanFile];

test('registry lists stylish, json and sarif and rejects unknown names', async () => {
  assert.deepEqual([...formatNames], ['stylish', 'json', 'sarif', 'junit', 'github']);
  for (const name of formatNames) assert.equal(await loadFormatter(name), formatters[name]);
  for (const name of ['xml', 'constructor', '__proto__']) {
    assert.equal(isFormatName(name), false);
    assert.equal(await loadFormatter(name), undefined);
  }
});

test('stylish: exact output for a small file, sorted by position', () => {
  const expected = [
    'reports/a.md',
    '  reports/a.md:2:11  error    Severity "Sev5" is not allowed  value-invalid',
    '    2 | Severity: Sev5',
    '      |           ^^^^',
    '  reports/a.md:3:9   warning  Placeholder "TBD" left in report  placeholder',
    '    3 | Status: TBD',
    '      |         ^^^',
    '',
    '✖ 2 problems (1 error, 1 warning) in the 1 file checked',
    'Each problem ends with its rule code: `increport rules` lists them; https://example.org/docs/rules/<code>.md explains each.',
    '',
  ].join('\n');
  assert.equal(formatters.stylish([smallFile], context()), expected);
});

test('stylish: tabs and emoji keep the underline aligned; multi-line and zero-width ranges', () => {
  const output = formatters.stylish(allResults, context());
  const lines = output.split('\n');
  const frameOf = (location: string): string[] => {
    const index = lines.findIndex((line) => line.includes(location));
    assert.ok(index >= 0, `no line for ${location}`);
    return lines.slice(index + 1, index + 3);
  };
  // Tabs expand to 4-column stops; the emoji takes two cells; columns printed are UTF-16 + 1.
  assert.deepEqual(frameOf('incident 1.md:5:10 '), ['    5 |     TTP:    🔥 T1059    foo', '      |                ^^^^^']);
  assert.deepEqual(frameOf('incident 1.md:5:16 '), ['    5 |     TTP:    🔥 T1059    foo', '      |                         ^^^']);
  // Multi-line: the first line is underlined to its end (CRLF line breaks are not shown).
  assert.deepEqual(frameOf('incident 1.md:4:3 '), ['    4 | - 10:00 start', '      |   ^^^^^^^^^^^']);
  // Zero-width at end of line: one caret just after the text.
  assert.deepEqual(frameOf('incident 1.md:7:7 '), ['    7 | Owner:', '      |       ^']);
  // Non-ASCII in the BMP is one cell.
  assert.deepEqual(frameOf('incident 1.md:6:10 '), ['    6 | Summary: é', '      |          ^']);
});

test('stylish: unreadable files, clean files and the summary', () => {
  const output = formatters.stylish(allResults, context());
  assert.match(output, /^missing\.md {2}error {2}ENOENT: no such file or directory$/m);
  assert.doesNotMatch(output, /clean\.md/);
  assert.ok(output.startsWith('reports/incident 1.md\n'));
  assert.ok(
    output.endsWith(
      [
        '\n\n✖ 6 problems (2 errors, 2 warnings, 2 info) in 1 of the 2 files checked',
        'Each problem ends with its rule code: `increport rules` lists them; https://example.org/docs/rules/<code>.md explains each.',
        '✖ 1 file could not be checked\n',
      ].join('\n'),
    ),
    output,
  );
  const findingLines = output.split('\n').filter((line) => line.startsWith('  reports/'));
  assert.deepEqual(
    findingLines.map((line) => /:(\d+:\d+)/.exec(line)?.[1]),
    ['1:1', '4:3', '5:10', '5:16', '6:10', '7:7'],
  );
  assert.equal(formatters.stylish([cleanFile, cleanFile], context()), '✔ No problems (2 files checked)\n');
  assert.equal(formatters.stylish([], context()), 'No files were checked\n');
});

test('stylish: ANSI colour only when context.color is true', () => {
  const plain = formatters.stylish(allResults, context({ color: false }));
  assert.doesNotMatch(plain, new RegExp(ESC));
  const coloured = formatters.stylish(allResults, context({ color: true }));
  assert.ok(coloured.includes(`${ESC}[31merror  ${ESC}[39m`), 'red error label');
  assert.ok(coloured.includes(`${ESC}[33mwarning${ESC}[39m`), 'yellow warning label');
  assert.ok(coloured.includes(`${ESC}[34minfo   ${ESC}[39m`), 'blue info label');
  assert.ok(coloured.includes(`${ESC}[1mreports/incident 1.md${ESC}[22m`), 'bold path');
  assert.ok(coloured.includes(`${ESC}[2m    5 |${ESC}[22m`), 'dim gutter');
  // Colour is purely additive: removing the escapes gives back the plain output.
  assert.equal(coloured.replace(/\u001b\[\d+m/g, ''), plain);
});

test('stylish: terminal control characters from the report are neutralised', () => {
  const hostile: FileResult = {
    path: '/work/proj/x.md',
    displayPath: 'x.md',
    text: 'Name: \u001b[2Jevil\u202e',
    findings: [finding('value-invalid', 'error', 'Bad value "\u001b[31mx"\nsecond line', [0, 6, 0, 10])],
  };
  const output = formatters.stylish([hostile], context());
  assert.doesNotMatch(output, new RegExp(`${ESC}|\u202e`));
  assert.ok(output.includes('Bad value "\uFFFD[31mx" second line'));
  assert.ok(output.includes('    1 | Name: \uFFFD[2Jevil\uFFFD\n      |       ^^^^\n'));
});

test('stylish: long lines are cropped around the finding', () => {
  const long = `${'a'.repeat(200)}TARGET${'b'.repeat(200)}`;
  const file: FileResult = { path: '/p/l.md', displayPath: 'l.md', text: long, findings: [finding('value-invalid', 'error', 'm', [0, 200, 0, 206])] };
  const [, , source, underline] = formatters.stylish([file], context()).split('\n');
  assert.ok(source.startsWith('    1 | …') && source.endsWith('…'), source);
  assert.ok(source.length < 120, `${source.length}`);
  assert.equal(source.indexOf('TARGET'), underline.indexOf('^^^^^^'));
  assert.ok(underline.endsWith('^^^^^^'));
});

test('json: stable, versioned document with 0-based and 1-based positions', () => {
  const output = formatters.json([smallFile, ...allResults], context());
  assert.ok(output.startsWith('{\n  "version": 1,\n  "tool": {\n    "name": "increport",'));
  assert.ok(output.endsWith('}\n'));
  const doc = JSON.parse(output);
  assert.deepEqual(Object.keys(doc), ['version', 'tool', 'files', 'summary']);
  assert.deepEqual(doc.tool, { name: 'increport', version: '0.1.0' });
  assert.deepEqual(doc.summary, { errors: 3, warnings: 3, infos: 2, files: 4 });
  assert.deepEqual(
    doc.files.map((f: { path: string }) => f.path),
    ['reports/a.md', 'reports/incident 1.md', 'missing.md', 'clean.md'],
  );
  assert.deepEqual(doc.files[0].findings[0], {
    ruleId: 'value-invalid',
    severity: 'error',
    message: 'Severity "Sev5" is not allowed',
    range: { start: { line: 1, character: 10 }, end: { line: 1, character: 14 } },
    line: 2,
    column: 11,
    endLine: 2,
    endColumn: 15,
    data: { allowed: ['Low', 'High'] },
  });
  assert.equal('data' in doc.files[0].findings[1], false);
  assert.deepEqual(doc.files[2], { path: 'missing.md', error: 'ENOENT: no such file or directory', findings: [] });
  assert.deepEqual(doc.files[3], { path: 'clean.md', findings: [] });
  const multiLine = doc.files[1].findings.find((f: { ruleId: string }) => f.ruleId === 'timeline-order');
  assert.deepEqual([multiLine.line, multiLine.column, multiLine.endLine, multiLine.endColumn], [4, 3, 6, 4]);
  assert.equal(formatters.json([smallFile, ...allResults], context()), output, 'deterministic');
});

function sarifValidator() {
  const schema = JSON.parse(fs.readFileSync(path.join(projectRoot(), 'test/fixtures/standards/sarif-schema-2.1.0.json'), 'utf8'));
  assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#', 'fixture dialect changed: pick the matching Ajv class');
  // The default Ajv export implements draft-07, the fixture's dialect. strict:false because the schema
  // uses keywords/defaults strict mode rejects; validateFormats:false because ajv-formats (uri,
  // date-time) is not a dependency — structure, enums and required properties are still checked.
  const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
  return ajv.compile(schema);
}

test('sarif: valid SARIF 2.1.0 per the OASIS schema, and a broken log is rejected', () => {
  const validate = sarifValidator();
  for (const results of [allResults, [cleanFile], []]) {
    const log = JSON.parse(formatters.sarif(results, context()));
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  }
  const broken = JSON.parse(formatters.sarif(allResults, context()));
  broken.runs[0].results[0].level = 'info';
  assert.equal(validate(broken), false, 'level "info" must be rejected');
  const missingMessage = JSON.parse(formatters.sarif(allResults, context()));
  delete missingMessage.runs[0].results[0].message;
  assert.equal(validate(missingMessage), false, 'result without message must be rejected');
});

test('sarif: rules, results, locations and invocations', () => {
  const output = formatters.sarif(allResults, context());
  assert.ok(output.endsWith('}\n'));
  const log = JSON.parse(output);
  assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
  assert.equal(log.version, '2.1.0');
  assert.equal(log.runs.length, 1);
  const run = log.runs[0];
  const driver = run.tool.driver;
  assert.equal(driver.name, 'increport');
  assert.equal(driver.version, '0.1.0');
  assert.deepEqual(driver.rules[0], {
    id: 'section-missing',
    name: 'SectionMissing',
    shortDescription: { text: 'A required section is missing.' },
    helpUri: 'https://example.org/docs/rules/section-missing.md',
    defaultConfiguration: { level: 'error' },
  });
  assert.equal(driver.rules[4].defaultConfiguration.level, 'note');
  // Rule ids a finding uses but the table lacks are appended, so every ruleIndex is valid.
  assert.deepEqual(driver.rules[5], { id: 'custom-rule', name: 'CustomRule' });
  for (const result of run.results) assert.equal(driver.rules[result.ruleIndex].id, result.ruleId);

  assert.equal(run.columnKind, 'utf16CodeUnits');
  assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: 'file:///work/proj/' } });
  assert.deepEqual(
    run.artifacts.map((a: { location: { uri: string } }) => a.location.uri),
    ['reports/incident%201.md', 'missing.md', 'clean.md'],
  );
  assert.deepEqual(
    run.results.map((r: { level: string }) => r.level),
    ['note', 'note', 'warning', 'warning', 'error', 'error'],
  );

  const byRule = (id: string) => run.results.find((r: { ruleId: string }) => r.ruleId === id);
  const technique = byRule('attack-technique-unknown');
  assert.deepEqual(technique.message, { text: 'Unknown technique T1059' });
  assert.deepEqual(technique.locations[0].physicalLocation, {
    artifactLocation: { uri: 'reports/incident%201.md', uriBaseId: '%SRCROOT%', index: 0 },
    // UTF-16 columns: the emoji before T1059 counts as two.
    region: { startLine: 5, startColumn: 10, endLine: 5, endColumn: 15 },
  });
  assert.deepEqual(byRule('section-missing').locations[0].physicalLocation.region, { startLine: 7, startColumn: 7, endLine: 7, endColumn: 7 });
  assert.deepEqual(byRule('timeline-order').locations[0].physicalLocation.region, { startLine: 4, startColumn: 3, endLine: 6, endColumn: 4 });

  const unreadable = { physicalLocation: { artifactLocation: { uri: 'missing.md', uriBaseId: '%SRCROOT%', index: 1 } } };
  const notification = { level: 'error', message: { text: 'ENOENT: no such file or directory' }, locations: [unreadable] };
  assert.deepEqual(run.invocations, [{ executionSuccessful: false, toolExecutionNotifications: [notification] }]);
  assert.equal(formatters.sarif(allResults, context()), output, 'deterministic');
});

test('sarif: clean run, URI escaping and absolute paths', () => {
  const clean = JSON.parse(formatters.sarif([cleanFile], context({ docsBaseUrl: '' })));
  assert.deepEqual(clean.runs[0].invocations, [{ executionSuccessful: true }]);
  assert.deepEqual(clean.runs[0].results, []);
  assert.equal('helpUri' in clean.runs[0].tool.driver.rules[0], false);
  const odd: FileResult[] = [
    { path: '/x', displayPath: 'dir with space/ré#1?.md', findings: [finding('value-invalid', 'error', 'm', [0, 0, 0, 1])] },
    { path: '/x', displayPath: 'C:/elsewhere/a b.md', findings: [] },
    { path: '/x', displayPath: 'a:b.md', findings: [] },
    // The same path twice (e.g. listed twice) must not produce duplicate artifacts: the schema requires unique items.
    { path: '/x', displayPath: 'a:b.md', findings: [finding('value-invalid', 'error', 'm', [0, 0, 0, 1])] },
  ];
  const output = formatters.sarif(odd, context({ rules: [...rules, rules[0]] }));
  assert.ok(sarifValidator()(JSON.parse(output)));
  const run = JSON.parse(output).runs[0];
  assert.equal(run.tool.driver.rules.length, rules.length);
  assert.equal(run.results[1].locations[0].physicalLocation.artifactLocation.index, 2);
  assert.deepEqual(
    run.artifacts.map((a: { location: object }) => a.location),
    [
      { uri: 'dir%20with%20space/r%C3%A9%231%3F.md', uriBaseId: '%SRCROOT%' },
      { uri: 'file:///C:/elsewhere/a%20b.md' },
      { uri: 'a%3Ab.md', uriBaseId: '%SRCROOT%' },
    ],
  );
});
