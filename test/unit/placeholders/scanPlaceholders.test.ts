import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { isAddress, isHtmlTag } from '../../../server/src/engine/placeholders/htmlTags';
import { findPlaceholders, MAY_HAVE_PLACEHOLDER, placeholderAt } from '../../../server/src/engine/placeholders/scanPlaceholders';

/** `start-end text` of each placeholder in a line. */
const scan = (line: string, options?: Parameters<typeof findPlaceholders>[1]) => findPlaceholders(line, options).map((p) => `${p.start}-${p.end} ${p.text}`);

test('placeholder scan: the prefilter is a necessary condition for every placeholder found', () => {
  // One set of pieces per kind of placeholder, each with the pieces that make or break it, in several cases.
  const pieceSets = [
    [
      'TBD',
      'tbd',
      'Tbd',
      'tBd',
      'TB',
      'tb',
      'Tb',
      'B',
      'b',
      'c',
      'C',
      'd',
      'D',
      'TODO',
      'ToDo',
      'Todo',
      'todo',
      'FIXME',
      'Fixme',
      'fixme',
      'fiXme',
      'XXX',
      ' ',
      '-',
      '.',
      '_',
    ],
    ['YYYY-', 'yyyy/', 'YyYy-', 'YYYY', 'yyyy', 'MM-', 'mm/', 'Mm.', 'MM', 'mm', 'DD', 'dd', 'DD/', 'dd.', 'HH:', 'hh:', ':SS', ':ss', 'T', 'Z', ' ', 'x'],
    ['<', '>', '\\<', '\\>', '\\', '/', '!', '=', '"', '@', ':', ' ', 'a', 'TBD', 'Company', ' Name', 'br', 'summary', ' open', ' of', '...', '…', '3', '.com'],
    ['[', ']', '(', ')', ':', ' ', 'insert', 'Insert', 'your', 'ENTER', 'Company', ' Name', 'TBD', 'x', '...', '…', '.'],
    [':', '|', '**', '_', ' ', '\t', 'todo', 'xxx', 'TODO', 'x', 'to', 'do', '.', ')', 'a', '-'],
    ['{{', '}}', '{', '}', 'lorem', 'Lorem', ' ipsum', ' IPSUM', 'LOREM', 'x', ' ', '"', '“', '”', 'TBD', '<date>'],
  ];
  const firstCharacters = new Set<string>();
  pieceSets.forEach((pieces, index) => {
    const lines = fc.array(fc.constantFrom(...pieces), { maxLength: 12 }).map((chosen) => chosen.join(''));
    for (const line of fc.sample(lines, { numRuns: 8000, seed: 31 + index })) {
      const found = findPlaceholders(line);
      if (found.length === 0) continue;
      found.forEach((placeholder) => firstCharacters.add(placeholder.text[0]));
      assert.ok(MAY_HAVE_PLACEHOLDER.test(line), JSON.stringify(line));
    }
  });
  // Every kind was generated: abbreviations, value words, dates in upper and lower case, brackets, angles, escapes, variables, lorem.
  assert.deepEqual([...firstCharacters].sort().join(''), '<DFHLMTXY[\\dfhlmtxy{');
});

test('placeholder scan: each form, at its exact offsets', () => {
  assert.deepEqual(scan('[insert] [Insert date] [ ENTER owner ] [add a screenshot] [your name] [Describe impact] [specify] [TBD: owner] [tbc] [todo]'), [
    '0-8 [insert]',
    '9-22 [Insert date]',
    '23-38 [ ENTER owner ]',
    '39-57 [add a screenshot]',
    '58-69 [your name]',
    '70-87 [Describe impact]',
    '88-97 [specify]',
    '98-110 [TBD: owner]',
    '111-116 [tbc]',
    '117-123 [todo]',
  ]);
  assert.deepEqual(scan('<TBD> <date> <Company Name> <insert hostname> \\<Company Name\\> <Title> <time of detection> <…> <_name_>'), [
    '0-5 <TBD>',
    '6-12 <date>',
    '13-27 <Company Name>',
    '28-45 <insert hostname>',
    '46-62 \\<Company Name\\>',
    '63-70 <Title>',
    '71-90 <time of detection>',
    '91-94 <…>',
    '95-103 <_name_>',
  ]);
  assert.deepEqual(scan('(TBD), TBD. TBD: TBD/TBC **TODO** XXX'), ['1-4 TBD', '7-10 TBD', '12-15 TBD', '17-20 TBD', '21-24 TBC', '27-31 TODO', '34-37 XXX']);
  assert.deepEqual(scan('yyyy-mm-ddThh:mm YYYY/MM/DD mm-dd-yyyy yyyy/MM hh:MM:ss'), [
    '0-16 yyyy-mm-ddThh:mm',
    '17-27 YYYY/MM/DD',
    '28-38 mm-dd-yyyy',
    '39-46 yyyy/MM',
    '47-55 hh:MM:ss',
  ]);
  assert.deepEqual(scan('LOREM IPSUM {{ owner }} {{}}'), ['0-11 LOREM IPSUM', '12-23 {{ owner }}', '24-28 {{}}']);
  // Lower-case todo and xxx where a value stands: after a key, as a cell, as the whole line.
  assert.deepEqual(scan('- **Owner:** todo'), ['13-17 todo']);
  assert.deepEqual(scan('Owner: xxx. Root cause:todo'), ['7-10 xxx', '23-27 todo']);
  assert.deepEqual(scan('| Host | todo | xxx |'), ['9-13 todo', '16-19 xxx']);
  assert.deepEqual(scan('  todo'), ['2-6 todo']);
});

test('placeholder scan: a placeholder inside another is part of it, given once', () => {
  assert.deepEqual(scan('<TBD> [TBD] [insert YYYY-MM-DD] {{TODO}} <insert date: YYYY-MM-DD> [Owner TBD]'), [
    '0-5 <TBD>',
    '6-11 [TBD]',
    '12-31 [insert YYYY-MM-DD]',
    '32-40 {{TODO}}',
    '41-66 <insert date: YYYY-MM-DD>',
    '67-78 [Owner TBD]',
  ]);
});

test('placeholder scan: not inside identifiers, file names, redactions, paths or generics, nor in lower-case todo', () => {
  for (const line of [
    'TODO_LIST my_TBD TODO-list pre-TBD TODO.md config.TODO TBDs XXXL',
    'SSN XXX-XX-1234, IP XXX.XXX.XXX.XXX, card XXXX-XXXX, xxx, the todo list',
    'Status: todo list under review | todo items remain | xxx-large: todos',
    'List<String> Map<K, V> C:\\Users\\<user>\\AppData /home/<user>/.ssh <dir>/file a < b > c x <- y -> z <3 <1 hour>',
    '[REDACTED] [T1566] [CVE-2024-1234] [address] [Insertion point](#x) [your docs][ref] [.] 10[.]0[.]0[.]1 [x] [ ]',
    'yyyy-mm-dd-report.pdf file_YYYY-MM-DD HH:MMZ 2026-06-01 12:30',
  ]) {
    assert.deepEqual(scan(line), [], line);
  }
});

test('placeholder scan: HTML tags, comments, autolinks and addresses are not placeholders, nor is what is inside them', () => {
  for (const line of [
    '<br> <br/> <br /> <BR> <hr> <wbr> </details> <details> <details open> <summary> <kbd>Ctrl</kbd>+<kbd>C</kbd> <sup>1</sup>',
    '<a href="https://example.com/TODO">advisory</a> <img src="x.png" alt="TBD"> <span class="TBD">x</span> <input disabled>',
    '<https://example.com/TODO> <mailto:soc@example.com> <soc@example.com> <www.example.com> <evil[.]com> <payload.exe>',
    '<!DOCTYPE html> <?xml version="1.0"?> <custom-tag data-x="TBD">',
    '[report](<my report.pdf>)',
  ]) {
    assert.deepEqual(scan(line), [], line);
  }
  // A known element name followed by words that are not attributes is a placeholder, as is one in title case.
  assert.deepEqual(scan('<summary of the incident> <select one> <Address> <Time>'), [
    '0-25 <summary of the incident>',
    '26-38 <select one>',
    '39-48 <Address>',
    '49-55 <Time>',
  ]);
});

test('placeholder scan: HTML tags and addresses, one by one', () => {
  const tags = ['br', 'BR', 'details open', 'video controls autoplay', 'h1', 'a href="x"', 'x/', 'custom-tag data-x=1'];
  const notTags = ['Title', 'TBD', 'date', 'hostname', 'summary of the incident', 'time of detection', 'Company Name', 'insert hostname'];
  assert.deepEqual(
    tags.filter((inside) => !isHtmlTag(inside)),
    [],
  );
  assert.deepEqual(
    notTags.filter((inside) => isHtmlTag(inside)),
    [],
  );
  const addresses = ['https://example.com', 'mailto:a@b.c', 'soc@example.com', 'www.example.com', 'evil[.]com', 'payload.exe'];
  const notAddresses = ['TBD', '...', 'Company Name', 'insert date: YYYY-MM-DD', 'name@ company'];
  assert.deepEqual(
    addresses.filter((inside) => !isAddress(inside)),
    [],
  );
  assert.deepEqual(
    notAddresses.filter((inside) => isAddress(inside)),
    [],
  );
});

test('placeholder scan: a quotation is quoted text, unless it is nothing but a placeholder', () => {
  assert.deepEqual(scan('Subject "Action required: TODO list" from <Sender Name>'), ['42-55 <Sender Name>']);
  assert.deepEqual(scan('Lure “Invoice <date> attached” and “TBD”'), ['36-39 TBD']);
  assert.deepEqual(scan('"TBD" "[insert subject line]" "<Company Name>" " TBD " "TBD'), [
    '1-4 TBD',
    '7-28 [insert subject line]',
    '31-45 <Company Name>',
    '49-52 TBD',
    '56-59 TBD',
  ]);
  // An inch mark opens nothing; a quote after a letter closes nothing it did not open.
  assert.deepEqual(scan('a 27" screen, TBD" and TODO'), ['14-17 TBD', '23-27 TODO']);
  // A quotation open at the line's end goes on on the next line: what follows its quote mark is quoted.
  assert.deepEqual(scan('TBD: while "usage of a more recent version [...] could'), ['0-3 TBD']);
});

test('placeholder scan: reference labels are links, not placeholders; the value test', () => {
  const isReferenceLabel = (label: string) => label === 'your portal';
  assert.deepEqual(scan('[Your Portal] [Your Name] [your portal]', { isReferenceLabel }), ['14-25 [Your Name]']);
  assert.equal(placeholderAt('<date>', 0), true);
  assert.equal(placeholderAt('June 1, 2026 (TBD)', 0), false);
  assert.equal(placeholderAt('yyyy-mm-dd', 0), true);
});
