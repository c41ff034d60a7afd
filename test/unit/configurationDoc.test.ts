import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { packageRoot } from '../../server/src/node/packageRoot';

interface SchemaNode {
  properties?: Record<string, SchemaNode>;
}

const root = packageRoot();
const schema = JSON.parse(readFileSync(join(root, 'schemas', 'increport-config.schema.json'), 'utf8')) as SchemaNode;
const doc = readFileSync(join(root, 'docs', 'configuration.md'), 'utf8');

/** Every setting of the schema as a dotted path: `root`, `schema`, `schema.extend`, … */
function settingPaths(node: SchemaNode, prefix = ''): string[] {
  return Object.entries(node.properties ?? {}).flatMap(([key, child]) => [`${prefix}${key}`, ...settingPaths(child, `${prefix}${key}.`)]);
}

/** The document's lines outside fenced code blocks (whose `#` lines are YAML comments or example reports). */
function proseLines(text: string): string[] {
  const lines: string[] = [];
  let fence: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    const marker = /^(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = undefined;
    } else if (marker) fence = marker;
    else lines.push(line);
  }
  return lines;
}

const backticked = (text: string) => [...text.matchAll(/`([^`]+)`/g)].map((match) => match[1]);
const prose = proseLines(doc);
const headingNames = prose.filter((line) => /^#{2,3} /.test(line)).flatMap(backticked);
/** The first column of the table of top-level settings, the reference at the top of the page. */
const tableStart = prose.findIndex((line) => /^\| Setting \| What it does \|$/.test(line));
const tableRows = prose.slice(tableStart + 2).filter((line, index, rows) => rows.slice(0, index + 1).every((row) => row.startsWith('|')));
const tableNames = tableRows.flatMap((row) => backticked(row.split('|')[1]));
const documented = new Set([...headingNames, ...tableNames]);
const paths = settingPaths(schema);

test('configuration doc: the reference table of top-level settings is found', () => {
  assert.ok(tableStart >= 0 && tableRows.length > 0);
});

test('configuration doc: every setting of the config schema is documented (a heading or a row of the reference table)', () => {
  const missing = paths.filter((path) => ![...documented].some((name) => name === path || name.startsWith(`${path}.`)));
  assert.deepEqual(missing, []);
});

test('configuration doc: every setting the doc documents exists in the config schema', () => {
  const known = new Set(paths);
  assert.deepEqual(
    [...documented].filter((name) => !known.has(name)),
    [],
  );
});

test("configuration doc: the number of top-level settings it gives is the schema's", () => {
  const numbers = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
  const said = /has (\w+) top-level settings/.exec(doc)?.[1];
  assert.equal(said, numbers[Object.keys(schema.properties ?? {}).length]);
});
