import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import { formatters } from '../formatters/allFormatters';
import type { FileResult, FormatContext } from '../../../server/src/cli/formatters/formatterTypes';
import { MAX_HELP_TEXT, inlineToText, ruleHelpFromMarkdown, ruleHelpLookup, truncateAtParagraph } from '../../../server/src/cli/ruleHelp';
import { nodeRuleDocSource, ruleDocsContext } from '../../../server/src/node/ruleDocs';
import { ALL_RULE_META } from '../../../server/src/engine/rules/index';
import { projectRoot } from '../../helpers';

const PAGE = [
  '# sample-rule',
  '',
  'Family: `structure` · Default severity: `error`',
  '',
  '## What it checks',
  '',
  'A **bold** claim, an *emphasised* one, `code with **stars**` and a [link](other-rule.md) or',
  '[an outside one](https://example.org/x). Escaped \\* star; snake_case_name stays.',
  '',
  '## Why it matters',
  '',
  'Left out of the text.',
  '',
  '## Example',
  '',
  '```markdown',
  '## How to fix',
  'not a heading: inside a fence',
  '```',
  '',
  '## How to fix',
  '',
  '- Write `<!-- increport-disable-next-line sample-rule -->`.',
  '',
  '| Form | Meaning |',
  '|---|---|',
  '| `a` | first |',
  '',
  '## Configuration',
  '',
  'Also left out.',
].join('\n');

test('rule help: the Markdown as it is; the text is the lead, What it checks and How to fix, without Markdown syntax', () => {
  const help = ruleHelpFromMarkdown(PAGE);
  assert.equal(help.markdown, PAGE);
  assert.equal(
    help.text,
    [
      'Family: structure · Default severity: error',
      '',
      'What it checks',
      '',
      'A bold claim, an emphasised one, code with **stars** and a link or',
      'an outside one (https://example.org/x). Escaped * star; snake_case_name stays.',
      '',
      'How to fix',
      '',
      '- Write <!-- increport-disable-next-line sample-rule -->.',
      '',
      'Form | Meaning',
      'a | first',
    ].join('\n'),
  );
});

test('rule help: a page without those sections is rendered whole; code blocks are kept, indented', () => {
  const help = ruleHelpFromMarkdown('# other\n\nIntro _text_.\n\n~~~yaml\nrules:\n  x: off\n~~~\n\n> quoted\n');
  assert.equal(help.text, 'other\n\nIntro text.\n\n    rules:\n      x: off\n\nquoted');
});

test('rule help: long text is cut at a paragraph boundary with an ellipsis', () => {
  const paragraph = 'word '.repeat(100).trim();
  const long = Array.from({ length: 20 }, () => paragraph).join('\n\n');
  const text = ruleHelpFromMarkdown(long).text;
  assert.ok(text.length <= MAX_HELP_TEXT, `${text.length}`);
  assert.ok(text.endsWith(`${paragraph}\n…`));
  assert.equal(truncateAtParagraph('short', 10), 'short');
  assert.equal(truncateAtParagraph('x'.repeat(20), 10), `${'x'.repeat(8)}\n…`);
  assert.equal(inlineToText('``a `b` c`` and [x](<y.md>)'), 'a `b` c and x');
});

test('rule help: pages are read once, on demand; an empty or missing page gives no help', () => {
  const reads: string[] = [];
  const lookup = ruleHelpLookup({ readRuleDoc: (id) => (reads.push(id), id === 'known' ? PAGE : id === 'blank' ? '  \n' : undefined) });
  assert.deepEqual(reads, []);
  assert.equal(lookup('known')?.markdown, PAGE);
  assert.equal(lookup('known')?.markdown, PAGE);
  assert.equal(lookup('missing'), undefined);
  assert.equal(lookup('blank'), undefined);
  assert.deepEqual(reads, ['known', 'missing', 'blank']);
});

test('rule help: the Node source reads docs/rules/<id>.md, bounded, and never anything else', () => {
  const folder = mkdtempSync(join(tmpdir(), 'increport-ruledocs-'));
  try {
    writeFileSync(join(folder, 'small.md'), '\ufeff# small\n');
    writeFileSync(join(folder, 'large.md'), 'x'.repeat(101));
    writeFileSync(join(folder, 'exact.md'), 'x'.repeat(100));
    writeFileSync(join(folder, 'latin1.md'), Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    writeFileSync(join(folder, '..secret.md'), 'no');
    const source = nodeRuleDocSource(folder, 100);
    assert.equal(source.readRuleDoc('small'), '# small\n');
    assert.equal(source.readRuleDoc('exact')?.length, 100);
    assert.equal(source.readRuleDoc('large'), undefined);
    assert.equal(source.readRuleDoc('latin1'), undefined);
    assert.equal(source.readRuleDoc('absent'), undefined);
    for (const id of ['..secret', '../small', 'a/b', 'Small', '']) assert.equal(source.readRuleDoc(id), undefined, id);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('rule help: every rule of the engine gets its shipped page as help, of reasonable size', () => {
  const { ruleHelp } = ruleDocsContext(projectRoot());
  assert.ok(ruleHelp);
  for (const meta of ALL_RULE_META) {
    const help = ruleHelp(meta.id);
    assert.ok(help, meta.id);
    assert.equal(help.markdown, readFileSync(join(projectRoot(), 'docs', 'rules', `${meta.id}.md`), 'utf8'));
    assert.ok(help.text.startsWith(`Family: ${meta.family} · Default severity: ${meta.defaultSeverity}\n`), `${meta.id}: ${help.text.slice(0, 80)}`);
    assert.match(help.text, /\nWhat it checks\n[\s\S]*\nHow to fix\n/, meta.id);
    assert.ok(!help.text.includes('## What it checks') && !help.text.includes('```'), meta.id); // heading and fence syntax removed
    assert.ok(help.text.length <= MAX_HELP_TEXT, meta.id);
  }
});

test('sarif: each known rule carries help.text and help.markdown; the log stays valid SARIF 2.1.0', () => {
  const context: FormatContext = {
    cwd: '/work/proj',
    rules: ALL_RULE_META.slice(0, 3),
    color: false,
    toolName: 'increport',
    toolVersion: '0.1.0',
    docsBaseUrl: '',
    ruleHelp: ruleHelpLookup({ readRuleDoc: (id) => (id === ALL_RULE_META[1].id ? undefined : PAGE) }),
  };
  const file: FileResult = {
    path: '/work/proj/a.md',
    displayPath: 'a.md',
    text: 'x\n',
    findings: [{ ruleId: 'custom', severity: 'info', message: 'm', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } }],
  };
  const log = JSON.parse(formatters.sarif([file], context));
  const rules = log.runs[0].tool.driver.rules as { id: string; help?: { text: string; markdown: string }; helpUri?: string }[];
  assert.deepEqual(rules[0].help, ruleHelpFromMarkdown(PAGE));
  assert.equal('help' in rules[1], false, 'a rule whose page cannot be read has no help');
  assert.ok(rules[2].help);
  assert.equal('help' in rules[3], false, 'a rule the table lacks has no help');
  assert.ok(rules.every((rule) => !('helpUri' in rule)));
  const schema = JSON.parse(readFileSync(join(projectRoot(), 'test/fixtures/standards/sarif-schema-2.1.0.json'), 'utf8')) as object;
  const validate = new Ajv({ strict: false, validateFormats: false }).compile(schema);
  assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 3)));
});
