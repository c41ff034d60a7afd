import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildModel } from '../../../server/src/engine/model/buildModel';
import type { ContentContainer } from '../../../server/src/engine/model/modelTypes';
import { formatRange } from '../../helpers';

test('model: ATX headings with closing hashes, setext headings, H3 subsections', () => {
  const model = buildModel(
    'Incident Report: Setext\n=======================\n\n##   Executive Summary ##  \ntext\n\nIncident Details\n----------------\n### Phase one #\n',
  );
  assert.equal(model.titles[0].text, 'Incident Report: Setext');
  assert.equal(formatRange(model.titles[0].textRange), '0:0-0:23');
  assert.equal(formatRange(model.titles[0].range), '0:0-1:23');
  assert.deepEqual(
    model.sections.map((section) => [section.heading.text, formatRange(section.heading.textRange)]),
    [
      ['Executive Summary', '3:5-3:22'],
      ['Incident Details', '6:0-6:16'],
    ],
  );
  assert.equal(model.sections[1].subsections[0].heading.text, 'Phase one');
  assert.equal(formatRange(model.sections[1].subsections[0].heading.textRange), '8:4-8:13');
});

test('model: field ranges for both colon styles, every bullet marker, tabs and ordered lists', () => {
  const model = buildModel('## S\n- **Key One:** value one\n* **Key Two**: value two  \n+\t**Tabbed:**\tafter tab\n1. **Ordered:** yes\n');
  const fields = model.sections[0].fields.map((field) => [
    field.key,
    formatRange(field.keyRange),
    field.value,
    formatRange(field.valueRange),
    formatRange(field.range),
  ]);
  assert.deepEqual(fields, [
    ['Key One', '1:4-1:11', 'value one', '1:15-1:24', '1:0-1:24'],
    ['Key Two', '2:4-2:11', 'value two', '2:15-2:24', '2:0-2:24'],
    ['Tabbed', '3:4-3:10', 'after tab', '3:14-3:23', '3:0-3:23'],
    ['Ordered', '4:5-4:12', 'yes', '4:16-4:19', '4:0-4:19'],
  ]);
  // A change of bullet marker starts a new list in CommonMark; the fields are found in each.
  assert.equal(model.sections[0].blocks.filter((block) => block.kind === 'list').length, 4);
});

test('model: tab after the marker and ordered items', () => {
  const model = buildModel('## S\n+\t**Tabbed:**\tafter tab\n\n1. **Ordered:** yes\n');
  assert.deepEqual(
    model.sections[0].fields.map((field) => [field.key, formatRange(field.keyRange), field.value, formatRange(field.valueRange)]),
    [
      ['Tabbed', '1:4-1:10', 'after tab', '1:14-1:23'],
      ['Ordered', '3:5-3:12', 'yes', '3:16-3:19'],
    ],
  );
});

test('model: a value runs over continuation lines and nested items, not trailing blank lines', () => {
  const model = buildModel('## IOCs\n- **Network indicators:**\n  - hxxp[://]a[.]com\n  - 10[.]0[.]0[.]1\n\n- **File indicators:** N/A\n');
  const [network, file] = model.sections[0].fields;
  assert.equal(network.value, '- hxxp[://]a[.]com\n  - 10[.]0[.]0[.]1');
  assert.equal(formatRange(network.valueRange), '1:25-3:18');
  assert.equal(formatRange(file.valueRange), '5:23-5:26');
});

test('model: top-level list items of a section and its subsections, fields among them, nested items part of their parent', () => {
  const model = buildModel('## S\n- **Key:** value\n- T1566 Phishing\n  continued\n  - nested T1078\n\n### Sub\n3) numbered\n-\n  late text\n- \n');
  const items = (container: ContentContainer) => container.items.map((item) => [item.text, formatRange(item.textRange), formatRange(item.range), item.isField]);
  assert.deepEqual(items(model.sections[0]), [
    ['**Key:** value', '1:2-1:16', '1:0-1:16', true],
    ['T1566 Phishing\n  continued\n  - nested T1078', '2:2-4:16', '2:0-4:16', false],
  ]);
  // A marker alone starts an item whose text is on the lines below; an empty item is zero-width after its marker.
  assert.deepEqual(items(model.sections[0].subsections[0]), [
    ['numbered', '7:3-7:11', '7:0-7:11', false],
    ['late text', '8:1-9:11', '8:0-9:11', false],
    ['', '10:2-10:2', '10:0-10:2', false],
  ]);
});

test('model: an empty value is a zero-width range where typing would start', () => {
  const field = buildModel('## S\n- **Empty:**   \n').sections[0].fields[0];
  assert.equal(field.value, '');
  assert.equal(formatRange(field.valueRange), '1:15-1:15');
  assert.equal(formatRange(field.range), '1:0-1:12');
});

test('model: paragraph lines written **Key:** value are fields', () => {
  const model = buildModel('## Timeline\n### Phase\n**Date/Time:** 2026-06-01\n**Details:** first line\ncontinued here\n');
  const fields = model.sections[0].subsections[0].fields;
  assert.deepEqual(
    fields.map((field) => [field.key, field.value, formatRange(field.valueRange)]),
    [
      ['Date/Time', '2026-06-01', '2:15-2:25'],
      ['Details', 'first line\ncontinued here', '3:13-4:14'],
    ],
  );
});

test('model: headings and fields inside code blocks are not structure', () => {
  const model = buildModel('# T\n```\n## Not a section\n- **Key:** no\n```\n    ## indented code\n## Real\n');
  assert.deepEqual(
    model.sections.map((section) => section.heading.text),
    ['Real'],
  );
  assert.deepEqual(
    [...model.verbatimLines].sort((a, b) => a - b),
    [1, 2, 3, 4, 5],
  );
});

test('model: YAML front matter entries with key and value ranges; Markdown lines stay aligned', () => {
  const model = buildModel('---\nid: IR-7\nseverity: high\nauthors:\n  - A\n  - B\n---\n# Incident Report: X\n');
  assert.deepEqual(model.frontMatter?.data, { id: 'IR-7', severity: 'high', authors: ['A', 'B'] });
  assert.deepEqual(
    model.frontMatter?.entries.map((entry) => [entry.key, formatRange(entry.keyRange), formatRange(entry.valueRange)]),
    [
      ['id', '1:0-1:2', '1:4-1:8'],
      ['severity', '2:0-2:8', '2:10-2:14'],
      ['authors', '3:0-3:7', '4:2-5:5'],
    ],
  );
  assert.equal(formatRange(model.titles[0].textRange), '7:2-7:20');
});

test('model: a front matter fence that never closes is not front matter', () => {
  const model = buildModel('---\nid: 1\n# Incident Report: X\n');
  assert.equal(model.frontMatter, undefined);
});

test('model: control comments outside code only', () => {
  const model = buildModel(
    '<!-- increport-disable placeholder, section-order -->\n```\n<!-- increport-enable -->\n```\ntext <!-- increport-disable-line -->\n',
  );
  assert.deepEqual(
    model.controlComments.map((comment) => [comment.directive, comment.ruleIds, formatRange(comment.range)]),
    [
      ['disable', ['placeholder', 'section-order'], '0:0-0:53'],
      ['disable-line', [], '4:5-4:36'],
    ],
  );
});

test('model: link reference definitions (which markdown-it turns into no token) are blocks of their section and extend it', () => {
  const text = '## A\n- **K:** v\n\n[mid]: http://a.example/x\n  "multi-line title"\n\npara\n\n[last]: <http://b.example/y>\n[two]: /z\n\n## B\n[b]: /c\n';
  const model = buildModel(text);
  assert.deepEqual(
    model.sections[0].blocks.map((block) => [block.kind, formatRange(block.range)]),
    [
      ['list', '1:0-1:10'],
      ['reference', '3:0-4:20'],
      ['paragraph', '6:0-6:4'],
      ['reference', '8:0-9:9'],
    ],
  );
  assert.equal(formatRange(model.sections[0].range), '0:0-9:9');
  assert.deepEqual(
    model.sections[1].blocks.map((block) => [block.kind, formatRange(block.range)]),
    [['reference', '12:0-12:7']],
  );
  assert.equal(formatRange(model.sections[1].range), '11:0-12:7');
  assert.deepEqual([...model.referenceLabels].sort(), ['b', 'last', 'mid', 'two']);
  // Front matter lines are not reference definitions, nor is a `[x]: y` line that continues a paragraph.
  const fronted = buildModel('---\nid: x\n---\n## A\ntext\n[no]: http://c.example\n');
  assert.deepEqual(
    fronted.sections[0].blocks.map((block) => block.kind),
    ['paragraph'],
  );
});
