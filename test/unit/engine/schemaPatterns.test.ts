import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ConfigError } from '../../../server/src/engine/config/configTypes';
import { patternLocation } from '../../../server/src/engine/schema/compileSchema';
import type { SchemaNode } from '../../../server/src/engine/schema/reportSpec';
import { ReportWorkspace } from '../../../server/src/engine/workspace';
import { createNodeHost } from '../../../server/src/node/nodeHost';
import { describeFinding, cleanReportText } from '../../helpers';

/*
 * Issue 11, item 6: a schema extension's pattern runs on a linear-time engine. `^(a+)+$` against
 * 'aaa…a!' took 5.6 s at 26 characters and over 30 s at 30 with JavaScript's RegExp.
 */

const root = mkdtempSync(join(tmpdir(), 'increport-patterns-'));
after(() => rmSync(root, { recursive: true, force: true }));

const withFrontMatter = (...lines: string[]) => `---\n${lines.join('\n')}\n---\n${cleanReportText()}`;

/** A workspace whose .increport.yaml extends the schema with `extension` (YAML text). */
function workspaceWith(extension: string): { workspace: ReportWorkspace; base: string } {
  const base = mkdtempSync(join(root, 'case-'));
  mkdirSync(base, { recursive: true });
  writeFileSync(join(base, '.increport.yaml'), 'schema:\n  extend: ./org-schema.yaml\n');
  writeFileSync(join(base, 'org-schema.yaml'), extension);
  return { workspace: new ReportWorkspace({ host: createNodeHost(), baseDirectory: base }), base };
}

const idPattern = (pattern: string) =>
  `properties:\n  frontMatter:\n    properties:\n      id:\n        type: string\n        pattern: ${JSON.stringify(pattern)}\n`;

function configError(extension: string): string {
  const { workspace, base } = workspaceWith(extension);
  try {
    workspace.analyse(join(base, 'r.md'), cleanReportText());
  } catch (error) {
    if (error instanceof ConfigError) return error.toString().replace(base, '<base>');
    throw error;
  }
  return 'no error';
}

test('schema patterns: pathological extension patterns on 30 and 10,000 characters finish fast with the usual value-invalid finding', () => {
  for (const pattern of ['^(a+)+$', '^(a|a)*$', '^(.*a){20}$', '(.*a){20}']) {
    const { workspace, base } = workspaceWith(idPattern(pattern));
    for (const length of [30, 10_000]) {
      // (.*a){20} fails on 19 a's, after any number of other characters.
      const value = pattern === '(.*a){20}' ? `${'b'.repeat(length - 19)}${'a'.repeat(19)}` : `${'a'.repeat(length - 1)}!`;
      const start = performance.now();
      const findings = workspace.analyse(join(base, 'r.md'), withFrontMatter(`id: ${value}`)).findings;
      const elapsed = performance.now() - start;
      assert.ok(elapsed < 2000, `${pattern} on ${length} characters: ${elapsed.toFixed(0)} ms`);
      assert.deepEqual(
        findings.map((finding) => finding.ruleId),
        ['value-invalid'],
        `${pattern} on ${length} characters`,
      );
      assert.match(findings[0].message, /^Front matter field 'id' is '.*'; expected a value matching the pattern /);
    }
  }
});

test('schema patterns: a pattern that matches the long value is no finding, and fast', () => {
  const { workspace, base } = workspaceWith(idPattern('(a|a)*$'));
  const start = performance.now();
  assert.deepEqual(workspace.analyse(join(base, 'r.md'), withFrontMatter(`id: ${'a'.repeat(9_999)}!`)).findings, []);
  assert.ok(performance.now() - start < 2000);
});

test('schema patterns: an ordinary extension pattern gives the same findings as before', () => {
  const { workspace, base } = workspaceWith(`${idPattern('^IR-\\d{4}-\\d{4}$')}        x-hint: IR-YYYY-NNNN\n        examples: [IR-2026-0042]\n`);
  const check = (value: string) => workspace.analyse(join(base, 'r.md'), withFrontMatter(`id: ${value}`)).findings.map(describeFinding);
  assert.deepEqual(check('IR-2026-0042'), []);
  assert.deepEqual(check('IR 42'), ["1:4-1:9 error value-invalid Front matter field 'id' is 'IR 42'; expected the form IR-YYYY-NNNN, e.g. 'IR-2026-0042'"]);
  // `$` is the end of the value, not of a line, and `.` is no line terminator: as with JavaScript's RegExp.
  const { workspace: dotted, base: dottedBase } = workspaceWith(idPattern('^IR-.+$'));
  assert.deepEqual(
    dotted.analyse(join(dottedBase, 'r.md'), withFrontMatter('id: "IR-1\\n"')).findings.map((finding) => finding.ruleId),
    ['value-invalid'],
  );
  assert.deepEqual(dotted.analyse(join(dottedBase, 'r.md'), withFrontMatter('id: "IR-1"')).findings, []);
});

test('schema patterns: unsupported syntax is a configuration error naming where the pattern is, and why', () => {
  const linearTime = 'which increport does not support in patterns because it cannot be checked in linear time';
  const at = 'properties.frontMatter.properties.id.pattern';
  assert.equal(
    configError(idPattern('^IR-(?=\\d)')),
    `<base>/.increport.yaml:1:1: The schema extension cannot be used: the pattern at ${at} uses a look-ahead ((?= or (?!), ${linearTime}`,
  );
  assert.equal(
    configError(idPattern('(?<!x)y')),
    `<base>/.increport.yaml:1:1: The schema extension cannot be used: the pattern at ${at} uses a look-behind ((?<= or (?<!), ${linearTime}`,
  );
  assert.equal(
    configError(idPattern('(a)\\1')),
    `<base>/.increport.yaml:1:1: The schema extension cannot be used: the pattern at ${at} uses a back-reference (\\1 or \\k<name>), ${linearTime}`,
  );
  assert.equal(
    configError('properties:\n  frontMatter:\n    patternProperties:\n      "^x-(?!y)": {type: string}\n'),
    `<base>/.increport.yaml:1:1: The schema extension cannot be used: the pattern at properties.frontMatter.patternProperties.(a pattern property) uses a look-ahead ((?= or (?!), ${linearTime}`,
  );
  // An invalid pattern is reported as before.
  assert.equal(
    configError(idPattern('(x')),
    '<base>/.increport.yaml:1:1: The schema extension makes the report schema invalid: The report schema is not valid JSON Schema: an invalid regular expression in a pattern (Unterminated group)',
  );
});

test('schema patterns: the error never quotes the pattern, nor a key that does not look like a property name', () => {
  const secret = 'ghp_0123456789abcdefghijklmnopqrstuvwxyzAB';
  const error = configError(`properties:\n  frontMatter:\n    properties:\n      "${secret} key":\n        pattern: "(?=${secret})"\n`);
  assert.ok(!error.includes(secret), error);
  assert.match(error, /the pattern at properties\.frontMatter\.properties\.\(a key of 46 characters\)\.pattern uses a look-ahead/);
  // A `pattern` key inside data (an enum, an example) is not where a pattern is.
  const schema = {
    properties: { a: { enum: [{ pattern: '(?=x)' }], 'x-example': { pattern: '(?=x)' } }, b: { items: [{ pattern: '(?=x)' }] } },
  } as unknown as SchemaNode;
  assert.equal(patternLocation(schema, '(?=x)'), 'properties.b.items.0.pattern');
  assert.equal(patternLocation(schema, 'elsewhere'), 'an unknown place');
});
