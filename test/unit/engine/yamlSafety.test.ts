import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ConfigError } from '../../../server/src/engine/config/configTypes';
import { describeJsonError } from '../../../server/src/engine/text/jsonData';
import { MAX_YAML_ALIASES, parseYamlData } from '../../../server/src/engine/text/yamlData';
import { ReportWorkspace } from '../../../server/src/engine/workspace';
import { createNodeHost } from '../../../server/src/node/nodeHost';
import { check, seedText } from '../../helpers';

const root = mkdtempSync(join(tmpdir(), 'increport-yaml-safety-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** `count` uses of one anchor. The anchor counts as one expansion: 100 uses make 101, past MAX_YAML_ALIASES. */
function aliases(count: number, indent = ''): string {
  let text = `${indent}status: &s draft\n`;
  for (let index = 0; index < count; index++) text += `${indent}k${index}: *s\n`;
  return text;
}

function configError(files: Record<string, string>): string {
  const base = mkdtempSync(join(root, 'case-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(base, path, '..'), { recursive: true });
    writeFileSync(join(base, path), text);
  }
  try {
    new ReportWorkspace({ host: createNodeHost(), baseDirectory: base }).analyse(join(base, 'r.md'), seedText());
  } catch (error) {
    if (error instanceof ConfigError) return error.toString().replace(base, '<base>');
    throw error;
  }
  return 'no error';
}

test('yaml safety: too many aliases in front matter are a front-matter-invalid finding at the first alias', () => {
  assert.equal(MAX_YAML_ALIASES, 100);
  const report = (frontMatter: string) => `---\n${frontMatter}---\n# Incident Report: X\n`;
  const frontMatterFindings = (text: string) => check(text).filter((finding) => finding.includes('front-matter-invalid'));
  assert.deepEqual(frontMatterFindings(report(aliases(100))), [
    '2:4-2:6 error front-matter-invalid The front matter is not valid YAML: Too many alias expansions (the limit is 100)',
  ]);
  assert.deepEqual(frontMatterFindings(report(aliases(99))), []);
  assert.deepEqual(frontMatterFindings(report('status: *nowhere\n')), [
    '1:8-1:16 error front-matter-invalid The front matter is not valid YAML: An alias refers to no anchor before it',
  ]);
});

test('yaml safety: too many aliases in .increport.yaml are a config error with file, line and column', () => {
  assert.equal(
    configError({ '.increport.yaml': `files:\n  include: ['**/*.md']\n${aliases(100)}` }),
    '<base>/.increport.yaml:4:5: Invalid YAML: Too many alias expansions (the limit is 100)',
  );
});

test('yaml safety: a schema extension with too many aliases is a config error at schema.extend', () => {
  assert.equal(
    configError({ '.increport.yaml': 'schema:\n  extend: ./ext.yaml\n', 'ext.yaml': `properties:\n${aliases(100, '  ')}` }),
    "<base>/.increport.yaml:2:11: Schema extension './ext.yaml' cannot be read: invalid YAML at line 3, column 7: too many alias expansions (the limit is 100)",
  );
});

const SECRETS = ['AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'ghp_R8x2Lq0Zt5Vw9Yb3Nc7Md1Kf4Hj6Gs2Pa8Ue', 'root:x:0:0'];
const CREDENTIALS = `[default]\naws_access_key_id = ${SECRETS[0]}\naws_secret_access_key = ${SECRETS[1]}\n`;

test('yaml safety: YAML errors in a named file give kind and place only', () => {
  assert.deepEqual(parseYamlData(CREDENTIALS), { problem: { message: 'Unexpected text', offset: 10, end: 115, line: 2, column: 1 } });
  assert.deepEqual(parseYamlData(`token: "${SECRETS[2]}\\q"\n`), {
    problem: { message: 'An invalid escape sequence in a double-quoted string', offset: 48, end: 49, line: 1, column: 49 },
  });
  assert.deepEqual(parseYamlData('a: 1\na: 2\n'), { problem: { message: 'A key written twice', offset: 5, end: 6, line: 2, column: 1 } });
  assert.deepEqual(parseYamlData('a: [1, 2]\n'), { data: { a: [1, 2] } });
});

test('yaml safety: JSON errors keep what was expected and where, never the text', () => {
  const cases: [string, string][] = [
    [SECRETS[0], 'Unexpected character'],
    [`{"key": ${SECRETS[0]}}`, 'Unexpected character'],
    ['{"a": 1\n  "b": 2}', "Expected ',' or '}' after property value at line 2, column 3"],
    [`"${SECRETS[2]}\n"`, 'Bad control character in string literal at line 1, column 42'],
    ['[1, 2', "Expected ',' or ']' after array element at the end of the file"],
    ['', 'the file ends before the JSON value does'],
  ];
  for (const [text, expected] of cases) {
    let message = '';
    try {
      JSON.parse(text);
    } catch (error) {
      message = (error as Error).message;
    }
    assert.equal(describeJsonError(message, text), expected, text);
  }
  // The message V8 would give for an unknown token, on a long line, quotes the text around it:
  assert.equal(describeJsonError(`Unexpected token 'A', ..."ey_id = AKIAIOSFOD"... is not valid JSON`, ''), 'Unexpected character');
});

test('yaml safety: a secrets file named as schema.extend or attack.bundle is not quoted in the config error', () => {
  const errors = [
    configError({ '.increport.yaml': 'schema:\n  extend: ./credentials\n', credentials: CREDENTIALS }),
    configError({ '.increport.yaml': 'attack:\n  bundle: ./credentials\n', credentials: CREDENTIALS }),
    configError({ '.increport.yaml': 'schema:\n  extend: ./token\n', token: `${SECRETS[2]}\n` }),
    configError({ '.increport.yaml': 'attack:\n  bundle: ./passwd\n', passwd: 'root:x:0:0:root:/root:/bin/bash\n' }),
    // Schema-shaped files: ajv would quote a $ref or a pattern.
    configError({ '.increport.yaml': 'schema:\n  extend: ./ref.yaml\n', 'ref.yaml': `properties:\n  x:\n    $ref: "#/$defs/${SECRETS[0]}"\n` }),
    configError({ '.increport.yaml': 'schema:\n  extend: ./re.yaml\n', 're.yaml': `properties:\n  x:\n    pattern: "(${SECRETS[2]}"\n` }),
  ];
  assert.deepEqual(
    errors.map((error) => error.replace(/\/\S*\/(credentials|passwd)/, '…/$1')),
    [
      "<base>/.increport.yaml:2:11: Schema extension './credentials' cannot be read: invalid YAML at line 2, column 1: unexpected text",
      '<base>/.increport.yaml:2:11: attack.bundle: ATT&CK bundle …/credentials is not valid JSON: Unexpected character',
      "<base>/.increport.yaml:2:11: Schema extension './token' cannot be read: it is not a JSON Schema object (it is a string)",
      '<base>/.increport.yaml:2:11: attack.bundle: ATT&CK bundle …/passwd is not valid JSON: Unexpected character',
      '<base>/.increport.yaml:1:1: The schema extension makes the report schema invalid: The report schema is not valid JSON Schema: a $ref that cannot be resolved',
      '<base>/.increport.yaml:1:1: The schema extension makes the report schema invalid: The report schema is not valid JSON Schema: an invalid regular expression in a pattern (Unterminated group)',
    ],
  );
});
