import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import MarkdownIt from 'markdown-it';
import { parseBlocks, type Token } from '../../../server/src/engine/parse/markdown';
import { projectRoot } from '../../helpers';

/*
 * The engine's table, paragraph and heading rules (server/src/engine/parse/*Rule.ts) are markdown-it's own,
 * adapted to push fewer tokens. They must decide exactly as markdown-it does — which lines are a table, a
 * paragraph, a heading of which level — on every text, including after an upgrade of markdown-it. Here the
 * block structure they give is compared with markdown-it's stock rules', the tokens they leave out aside.
 */
const stock = new MarkdownIt('default', { html: true, linkify: false, typographer: false });
stock.core.ruler.disable(['normalize', 'inline', 'linkify', 'replacements', 'smartquotes', 'text_join'], true);

/** The tokens the adapted rules leave out: the inline token of paragraphs and headings, a table's rows and cells. */
const LEFT_OUT = /^(inline|thead_open|thead_close|tbody_open|tbody_close|tr_open|tr_close|th_open|th_close|td_open|td_close)$/;
const shape = (tokens: readonly Token[]) =>
  tokens
    .filter((token) => !LEFT_OUT.test(token.type))
    .map((token) => `${token.type} ${token.tag} ${token.nesting} L${token.level} ${JSON.stringify(token.map)} ${token.markup}`);

function markdownFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : markdownFiles(path);
    return name.endsWith('.md') ? [path] : [];
  });
}

const TRICKY = [
  '| a | b |\n|---|:-:|\n| 1 | 2 |\n| 3 \\| x | `|` |\nafter\n',
  'para\n| a | b |\n|---|---|\n| 1 | 2 |\n',
  '| a |\n|---|\n| 1 |\n# heading ends it\n| 2 |\n',
  '- item\n  | a | b |\n  |---|---|\n  | 1 | 2 |\n- next\n',
  '> | a | b |\n> |---|---|\n> | 1 | 2 |\n>\n> text\n',
  '| a | b |\n|---|---|\n| 1 | 2 | 3 |\n|4|\n\n|a|\n|-|\n',
  'a | b\n--|--\n1 | 2\n',
  '|a|b|\n|---|---|\n    | indented code? |\n',
  '# Title #\n## Section ##   \n###### six\n####### seven\n#\tTab\n#no space\n  ## indented\n    # code\n',
  'Setext\n===\nSecond\n---\n',
  'para\n# heading interrupts\npara\n- list interrupts\npara\n> quote\npara\n```\nfence\n```\npara\n<div>\nhtml\n</div>\n',
  'lazy\ncontinuation\n    four spaces\n\n- item\nlazy line\n',
  '1. one\n2. two\n   para in item\n\n   second para\n3) three\n',
  '[ref]: https://example.com "title"\npara [ref]\n',
  '- **Tactic:** T1566\n  - nested\n    continuation\n',
  '|||\n|-|-|\n|||\n',
  '| only header |\n|---|\n',
  `${'| a | b |\n|---|---|\n'}${'| x | y |\n'.repeat(70)}`,
];

test('block rules: the adapted table, paragraph and heading rules give markdown-it’s block structure on every Markdown file of the repository and on tricky texts', () => {
  const texts = [
    ...markdownFiles(projectRoot())
      .filter((path) => !path.includes(`${join(projectRoot(), 'out')}`))
      .map((path) => readFileSync(path, 'utf8')),
    ...TRICKY,
  ];
  assert.ok(texts.length > 50, `${texts.length} texts`);
  for (const [index, text] of texts.entries()) {
    const normal = text.replace(/\r\n?/g, '\n').replace(/\0/g, '\uFFFD');
    assert.deepEqual(shape(parseBlocks(text).tokens), shape(stock.parse(normal, {})), `text ${index}: ${JSON.stringify(text.slice(0, 80))}`);
  }
});
