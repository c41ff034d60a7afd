import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, defaultVersionEngine, cleanReportText, seedText } from '../../helpers';

/*
 * The placeholder rule on whole reports: each form found, at its exact range, and each form deliberately
 * not found. docs/rules/placeholder.md says the same in prose.
 */

const SECTOR = '- **Sector:** Information Technology / Cloud Service Provider';
/** The seed with `value` as its Sector field: line 7, the value from column 14. */
const withSector = (value: string): string => seedText().replace(SECTOR, `- **Sector:** ${value}`);
/** The seed with `text` in place of `from`, which must be in it. */
function edited(from: string, text: string): string {
  assert.ok(seedText().includes(from), from);
  return seedText().replace(from, text);
}
const finding = (range: string, placeholder: string): string =>
  `${range} warning placeholder Placeholder '${placeholder}' left in the report: replace it with the real content`;

test('placeholder: bracketed requests for content, in any case', () => {
  assert.deepEqual(check(withSector('[insert date], [Insert date] [insert] [ENTER owner here] [add screenshot] [your name] [TBD] [tbd: owner]')), [
    finding('7:14-7:27', '[insert date]'),
    finding('7:29-7:42', '[Insert date]'),
    finding('7:43-7:51', '[insert]'),
    finding('7:52-7:70', '[ENTER owner here]'),
    finding('7:71-7:87', '[add screenshot]'),
    finding('7:88-7:99', '[your name]'),
    finding('7:100-7:105', '[TBD]'),
    finding('7:106-7:118', '[tbd: owner]'),
  ]);
});

test('placeholder: placeholders in angle brackets, escaped ones too, that are no HTML element', () => {
  assert.deepEqual(check(withSector('<TBD> <date> <Company Name> <insert hostname> \\<Company Name\\> <Title> <summary of the incident> <...>')), [
    finding('7:14-7:19', '<TBD>'),
    finding('7:20-7:26', '<date>'),
    finding('7:27-7:41', '<Company Name>'),
    finding('7:42-7:59', '<insert hostname>'),
    finding('7:60-7:76', '\\<Company Name\\>'),
    finding('7:77-7:84', '<Title>'),
    finding('7:85-7:110', '<summary of the incident>'),
    finding('7:111-7:116', '<...>'),
  ]);
});

test('placeholder: TBD, TBC and FIXME in upper, lower or capitalised case; TODO, Todo and ToDo; XXX', () => {
  assert.deepEqual(check(withSector('TBD tbd Tbd TBC tbc FIXME fixme Fixme TODO Todo ToDo XXX')), [
    finding('7:14-7:17', 'TBD'),
    finding('7:18-7:21', 'tbd'),
    finding('7:22-7:25', 'Tbd'),
    finding('7:26-7:29', 'TBC'),
    finding('7:30-7:33', 'tbc'),
    finding('7:34-7:39', 'FIXME'),
    finding('7:40-7:45', 'fixme'),
    finding('7:46-7:51', 'Fixme'),
    finding('7:52-7:56', 'TODO'),
    finding('7:57-7:61', 'Todo'),
    finding('7:62-7:66', 'ToDo'),
    finding('7:67-7:70', 'XXX'),
  ]);
});

test('placeholder: date and time formats, lorem ipsum, template variables and elisions', () => {
  assert.deepEqual(check(withSector('YYYY-MM-DD yyyy-MM-dd dd/mm/yyyy MM/DD/YYYY DD.MM.YYYY YYYY-MM-DDTHH:MM:SSZ YYYY-MM HH:MM hh:mm:ss')), [
    finding('7:14-7:24', 'YYYY-MM-DD'),
    finding('7:25-7:35', 'yyyy-MM-dd'),
    finding('7:36-7:46', 'dd/mm/yyyy'),
    finding('7:47-7:57', 'MM/DD/YYYY'),
    finding('7:58-7:68', 'DD.MM.YYYY'),
    finding('7:69-7:89', 'YYYY-MM-DDTHH:MM:SSZ'),
    finding('7:90-7:97', 'YYYY-MM'),
    finding('7:98-7:103', 'HH:MM'),
    finding('7:104-7:112', 'hh:mm:ss'),
  ]);
  assert.deepEqual(check(withSector('Lorem ipsum {{owner}} [...] […]')), [
    finding('7:14-7:25', 'Lorem ipsum'),
    finding('7:26-7:35', '{{owner}}'),
    finding('7:36-7:41', '[...]'),
    finding('7:42-7:45', '[…]'),
  ]);
});

test('placeholder: a placeholder inside another is reported once, as the whole', () => {
  assert.deepEqual(check(withSector('<TBD> [TBD] [insert YYYY-MM-DD] {{TODO}}')), [
    finding('7:14-7:19', '<TBD>'),
    finding('7:20-7:25', '[TBD]'),
    finding('7:26-7:45', '[insert YYYY-MM-DD]'),
    finding('7:46-7:54', '{{TODO}}'),
  ]);
});

test('placeholder: quoted text is not read, unless the quotation is nothing but a placeholder', () => {
  const line = 'Subject "Action required: TODO list" and “Invoice <date> attached”, owner "TBD", "<Company Name>"';
  assert.deepEqual(check(withSector(line)), [finding('7:89-7:92', 'TBD'), finding('7:96-7:110', '<Company Name>')]);
});

test('placeholder: HTML tags and comments are not placeholders, nor is what is inside them', () => {
  const line =
    '<br> <br/> <BR> </details> <details open> <kbd>Ctrl</kbd> <a href="https://example.com/TODO">advisory</a> <img src="x.png" alt="TBD"> <span class="x">y</span> <title> <!-- TODO -->';
  assert.deepEqual(check(withSector(line)), []);
});

test('placeholder: autolinks and bracketed addresses are not placeholders, nor is what is inside them', () => {
  assert.deepEqual(check(withSector('<https://example.com/TODO> <mailto:soc@example.com> <soc@example.com> <www.example.com>')), []);
});

test('placeholder: identifiers, file names, redactions, paths, generics, links and defanged dots are not placeholders', () => {
  const line =
    'TODO_LIST TODO-list TODO.md fix_TBD XXX-XX-1234 XXX.XXX.XXX.XXX xxx todo list List<String> C:\\Users\\<user>\\AppData a < b > c <3 ' +
    '[report](<my report.pdf>) [REDACTED] [T1566] [address] 10[.]0[.]0[.]1 [insert link](https://example.com)';
  assert.deepEqual(check(withSector(line)), []);
});

test('placeholder: a bracketed label with a link reference definition is a link', () => {
  const text = withSector('[Your Portal] and [insert]') + '\n[Your Portal]: https://example.com/portal\n[insert]: https://example.com/insert\n';
  assert.deepEqual(check(text), []);
});

test('placeholder: code spans and code blocks are not read', () => {
  const text = withSector('`TBD` `<TBD>` ``[insert date]``') + '\n```\nTODO <TBD> [insert date]\n```\n\n    TBD <date> YYYY-MM-DD\n';
  assert.deepEqual(check(text), []);
  // The same text outside code is found.
  assert.deepEqual(check(withSector('TBD <TBD> [insert date]')), [
    finding('7:14-7:17', 'TBD'),
    finding('7:18-7:23', '<TBD>'),
    finding('7:24-7:37', '[insert date]'),
  ]);
});

test('placeholder: an HTML block opened by a placeholder is report text; a block of real HTML is not read', () => {
  // Markdown takes `<Brief summary of the incident>` on a line of its own for a tag, and its paragraph for HTML.
  const opened = edited('## Incident Details\n', '## Incident Details\n<Brief summary of the incident>\nFirst seen TBD.\n\n');
  assert.deepEqual(check(opened), [finding('4:0-4:31', '<Brief summary of the incident>'), finding('5:11-5:14', 'TBD')]);
  const html = edited('## Incident Details\n', '## Incident Details\n<details>\n<summary>TBD</summary>\n<TBD>\n</details>\n\n');
  assert.deepEqual(check(html), []);
});

test('placeholder: a date field holding a placeholder gets that finding only, not a date finding too', () => {
  for (const [value, range] of [
    ['<date>', '5:21-5:27'],
    ['yyyy-mm-dd', '5:21-5:31'],
    ['[insert date]', '5:21-5:34'],
    ['Tbd', '5:21-5:24'],
  ]) {
    assert.deepEqual(check(edited('- **Incident Date:** June 1, 2026', `- **Incident Date:** ${value}`)), [finding(range, value)]);
  }
});

test('placeholder: the seed and the clean report have none', () => {
  assert.deepEqual(check(seedText()), []);
  assert.deepEqual(defaultVersionEngine().check(cleanReportText()).findings, []);
});
