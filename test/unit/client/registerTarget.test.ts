import assert from 'node:assert/strict';
import { test } from 'node:test';
import { registerTarget } from '../../../client/src/register/registerTarget';
import { OriginalUris, type SchemeUri } from '../../../client/src/web/originalUris';

/** A URI as VS Code's Uri shows it to the mapping: its scheme, path and text. */
class FakeUri implements SchemeUri {
  constructor(
    readonly scheme: string,
    readonly path: string,
    private readonly text: string,
  ) {}
  toString(): string {
    return this.text;
  }
}
const parse = (value: string): FakeUri => new FakeUri(/^([^:]+):/.exec(value)![1], new URL(value).pathname, value);
const webConverter = () => new OriginalUris<FakeUri>((path) => `file://${path}`, parse);

test('register target: in a browser workbench a row opens the document’s own URI, not the server’s file: URI', () => {
  const converter = webConverter();
  const original = parse('vscode-remote://host/ws/report.md');
  // The language client sends the open document to the server as the file: URI of its path…
  assert.equal(converter.code2Protocol(original), 'file:///ws/report.md');
  // …the register row carries that URI back, and opening the row goes through the same converter.
  const target = registerTarget((value) => converter.protocol2Code(value), 'file:///ws/report.md', 12);
  assert.equal(target?.uri, original, 'the original vscode-remote: URI, the very object the editor gave');
  assert.equal(target?.uri.toString(), 'vscode-remote://host/ws/report.md');
  assert.equal(target?.line, 12);
});

test('register target: URIs the client never sent are parsed as they are; untitled documents keep their URI', () => {
  const converter = webConverter();
  assert.equal(converter.protocol2Code('file:///ws/other.md').scheme, 'file');
  assert.equal(converter.code2Protocol(parse('untitled:Untitled-1')), 'untitled:Untitled-1');
  // On the desktop the converter is Uri.parse itself: the same file: URI as before.
  assert.equal(registerTarget(parse, 'file:///home/ana/r.md', 0)?.uri.toString(), 'file:///home/ana/r.md');
});

test('register target: the command’s arguments are checked (a line is a whole number from 0; no URI, nothing opens)', () => {
  const asUri = (value: string) => value;
  assert.deepEqual(registerTarget(asUri, 'file:///r.md', undefined), { uri: 'file:///r.md', line: 0 });
  assert.deepEqual(registerTarget(asUri, 'file:///r.md', -3), { uri: 'file:///r.md', line: 0 });
  assert.deepEqual(registerTarget(asUri, 'file:///r.md', 1.5), { uri: 'file:///r.md', line: 0 });
  assert.equal(registerTarget(asUri, undefined, 3), undefined);
  assert.equal(registerTarget(asUri, { uri: 'file:///r.md' }, 3), undefined);
});
