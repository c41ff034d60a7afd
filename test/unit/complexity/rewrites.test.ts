import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findTechniqueMentions, type TechniqueMention } from '../../../server/src/engine/attack/techniqueMentions';
import { withoutTrailingParenthetical } from '../../../server/src/engine/export/exportStix';
import { joinLines } from '../../../server/src/engine/model/buildModel';
import { findControlComments } from '../../../server/src/engine/model/controlComments';
import { listItemContentStart } from '../../../server/src/engine/parse/lineSyntax';
import { LineIndex } from '../../../server/src/engine/text/lineIndex';
import { blankSpans, codeAndCommentSpans, withoutHtmlComments } from '../../../server/src/engine/text/spans';

/*
 * The scanners rewritten for linear time give exactly what the patterns they replace gave. The old
 * patterns are kept here as oracles and run on short generated lines (where their cost does not matter).
 */

/** Deterministic lines from pieces that exercise each scanner's delimiters. */
function* generatedLines(pieces: readonly string[], count: number, seed: number): Generator<string> {
  let state = seed;
  const next = () => ((state = (state * 1103515245 + 12345) & 0x7fffffff), state);
  for (let i = 0; i < count; i++) {
    let line = '';
    const length = next() % 12;
    for (let j = 0; j < length; j++) line += pieces[next() % pieces.length];
    yield line;
  }
}

function oldTechniqueMentions(text: string): TechniqueMention[] {
  if (!/T\d\d/.test(text)) return [];
  const mentions: TechniqueMention[] = [];
  for (const match of text.matchAll(/(?<![\w./-])T\d{2,5}(?:[./]\d{1,4})?(?![\w./]?\w)/g)) {
    const start = match.index ?? 0;
    const end = start + match[0].length;
    const mention: TechniqueMention = { id: match[0], start, end, wellFormed: /^T\d{4}(?:\.\d{3})?$/.test(match[0]) };
    const lead = /^[ \t]*(?:[:–—-][ \t]*|\([ \t]*)?/.exec(text.slice(end))?.[0] ?? '';
    const rest = text.slice(end + lead.length);
    const stop = /[,;)\]|]|\s+(?:and|or|&)\s+T\d|\s+T\d{4}\b|\s+\(/.exec(rest);
    const name = (stop ? rest.slice(0, stop.index) : rest).replace(/[\s.*_]+$/, '');
    if (name && lead.length > 0 && /^[\p{L}]/u.test(name)) mention.name = { text: name, start: end + lead.length, end: end + lead.length + name.length };
    mentions.push(mention);
  }
  return mentions;
}

test('rewrites: technique mentions and their names are those of the old patterns', () => {
  const pieces = [
    'T1566',
    'T1566.001',
    'T12',
    'T12345',
    ' ',
    '  ',
    '\t',
    '\u00a0',
    'Phishing',
    'a',
    'and',
    'or',
    '&',
    ',',
    ';',
    ')',
    '(',
    ']',
    '|',
    ':',
    ' - ',
    '—',
    '.',
    '*',
    '_',
    'T1059 ',
    'Valid Accounts',
  ];
  for (const line of generatedLines(pieces, 20000, 7)) assert.deepEqual(findTechniqueMentions(line), oldTechniqueMentions(line), JSON.stringify(line));
});

test('rewrites: technique names, exact ranges', () => {
  const line = '- **Initial Access:** T1566.001 - Spearphishing Attachment and T1078 Valid Accounts (cloud), T1059: PowerShell.';
  assert.deepEqual(
    findTechniqueMentions(line).map((m) => [m.id, m.start, m.end, m.name?.text, m.name?.start, m.name?.end]),
    [
      ['T1566.001', 22, 31, 'Spearphishing Attachment', 34, 58],
      ['T1078', 63, 68, 'Valid Accounts', 69, 83],
      ['T1059', 93, 98, 'PowerShell', 100, 110],
    ],
  );
  // A name is read for at most 200 characters (then trimmed: character 205 is a space).
  const long = `T1566 ${'Word '.repeat(100)}`;
  assert.deepEqual(findTechniqueMentions(long)[0].name, { text: long.slice(6, 205), start: 6, end: 205 });
});

test('rewrites: heading lines joined as by /\\s*\\r?\\n\\s*/g', () => {
  const pieces = ['x', ' ', '\t', '\n', '\r\n', '\r', '\u00a0', 'Title'];
  for (const text of generatedLines(pieces, 20000, 11)) assert.equal(joinLines(text), text.replace(/\s*\r?\n\s*/g, ' '), JSON.stringify(text));
});

test('rewrites: the STIX victim name drops a final parenthetical as /\\s*\\([^()]*\\)\\s*$/ did', () => {
  const pieces = ['Northwind', ' ', '(', ')', 'GmbH', '\t', '\u3000', 'x'];
  for (const text of generatedLines(pieces, 20000, 13))
    assert.equal(withoutTrailingParenthetical(text), text.replace(/\s*\([^()]*\)\s*$/, ''), JSON.stringify(text));
  assert.equal(withoutTrailingParenthetical('Northwind Manufacturing GmbH (corporate IT and two plants) '), 'Northwind Manufacturing GmbH');
});

test('rewrites: list item content start as /^(?:[ \\t]*>[ \\t]?)*[ \\t]*(?:[-*+]|\\d{1,9}[.)])(?:[ \\t]+|$)/', () => {
  const pieces = ['>', ' ', '\t', '-', '*', '+', '1', '1234567890', '.', ')', 'x', '> '];
  const old = /^(?:[ \t]*>[ \t]?)*[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)/;
  for (const line of generatedLines(pieces, 20000, 17)) assert.equal(listItemContentStart(line), old.exec(line)?.[0].length, JSON.stringify(line));
});

test('rewrites: code spans and comments blanked as /`+[^`]*`+|<!--.*?-->/g, comments removed as /<!--[\\s\\S]*?-->/g', () => {
  const pieces = ['`', '``', 'a', ' ', '<!--', '-->', '<!-->', '-', '>', '\u2028', 'TBD'];
  const blank = (span: string) => ' '.repeat(span.length);
  for (const line of generatedLines(pieces, 20000, 19)) {
    assert.equal(blankSpans(line, codeAndCommentSpans(line, true)), line.replace(/`+[^`]*`+|<!--.*?-->/g, blank), JSON.stringify(line));
    assert.equal(blankSpans(line, codeAndCommentSpans(line, false)), line.replace(/`+[^`]*`+/g, blank), JSON.stringify(line));
    assert.equal(withoutHtmlComments(line), line.replace(/<!--[\s\S]*?-->/g, ''), JSON.stringify(line));
  }
  // Many spans go through the chunked path.
  const many = '`a` b '.repeat(5000);
  assert.equal(blankSpans(many, codeAndCommentSpans(many, false)), many.replace(/`+[^`]*`+/g, blank));
});

test('rewrites: control comments as /<!--\\s*increport-(…)\\b([^>]*?)\\s*-->/g', () => {
  const pieces = ['<!--', ' ', 'increport-', 'disable', '-next-line', '-line', 'enable', 'x', 'placeholder', ',', '-->', '>', '-', '`'];
  const old = /<!--\s*increport-(disable-next-line|disable-line|disable|enable)\b([^>]*?)\s*-->/g;
  for (const line of generatedLines(pieces, 20000, 23)) {
    const visible = line.includes('`') ? line.replace(/`+[^`]*`+/g, (span) => ' '.repeat(span.length)) : line;
    const expected = [...visible.matchAll(old)].map((match) => ({
      directive: match[1],
      ruleIds: match[2].split(/[\s,]+/).filter(Boolean),
      range: { start: { line: 0, character: match.index }, end: { line: 0, character: (match.index ?? 0) + match[0].length } },
    }));
    assert.deepEqual(findControlComments(new LineIndex(line), new Set()), expected, JSON.stringify(line));
  }
});
