import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import * as protocol from '../../../server/src/lsp/protocol';
import { packageRoot } from '../../../server/src/node/packageRoot';

const CLIENT_SOURCES = join(packageRoot(), 'client', 'src');

function typeScriptFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return typeScriptFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const sources = typeScriptFiles(CLIENT_SOURCES).map((file) => ({ file: relative(packageRoot(), file), text: readFileSync(file, 'utf8') }));

test('client: custom messages are sent and received by the method names of server/src/lsp/protocol.ts, never by string literals', () => {
  const literalCall = /\b(?:sendRequest|sendNotification|onRequest|onNotification)\s*(?:<[^>]*>)?\s*\(\s*['"`]/g;
  const offences = sources.flatMap(({ file, text }) => [...text.matchAll(literalCall)].map((match) => `${file}: ${match[0]}`));
  assert.deepEqual(offences, []);
});

test('client: no method name of the protocol is spelt out in the client', () => {
  const names: string[] = Object.values(protocol).filter((value) => typeof value === 'string');
  assert.ok(names.length >= 5, 'the protocol module exports its method names');
  const offences = sources.flatMap(({ file, text }) => names.filter((name) => text.includes(`'${name}'`)).map((name) => `${file}: '${name}'`));
  assert.deepEqual(offences, []);
});
