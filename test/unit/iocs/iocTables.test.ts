import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildModel } from '../../../server/src/engine/model/buildModel';
import { iocKindOfName } from '../../../server/src/engine/iocs/typedIocs';
import { indicatorsOf } from '../../../server/src/engine/queries/iocQueries';
import { check, engine, seedText } from '../../helpers';
import { applyFix, checked, replaceOnce } from '../features/fixHarness';

/** The seed with its Indicators of Compromise section (line 38) replaced by `body`, from line 39 on. */
const withIocs = (body: string): string =>
  replaceOnce(seedText(), /## Indicators of Compromise\n[\s\S]*?(?=## Response Actions)/, `## Indicators of Compromise\n${body}`);

const HASH_63 = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde';
const MD5 = '0123456789abcdef0123456789abcdef';

test('a column headed with a hash kind makes every cell of it a hash of that kind', () => {
  const text = withIocs(
    [
      '| File | SHA-256 | Notes |',
      '|---|---|---|',
      `| a.exe | \`${HASH_63}\` | dropper |`,
      `| b.exe | ${MD5} | an MD5 in the wrong column |`,
      `| c.exe | ${MD5}${MD5} | ok |`,
      '| d.exe | N/A | no hash known |',
      '',
    ].join('\n'),
  );
  assert.deepEqual(check(text), [
    `41:11-41:74 error ioc-hash-invalid Invalid SHA-256 hash '${HASH_63}': SHA-256 hashes have 64 hex digits; this has 63`,
    `42:10-42:42 error ioc-hash-invalid Invalid SHA-256 hash '${MD5}': SHA-256 hashes have 64 hex digits; this has 32 (the length of an MD5 hash)`,
  ]);
});

test('hash headers in their usual spellings', () => {
  for (const header of ['SHA256', 'SHA-256', 'sha256 hash', 'SHA 256']) assert.equal(iocKindOfName(header), 'sha256', header);
  for (const header of ['MD5', 'SHA-1', 'SHA1', 'SHA-512']) assert.ok(iocKindOfName(header), header);
  assert.equal(iocKindOfName('IP Address'), 'ipv4');
  assert.equal(iocKindOfName('E-mail'), 'email');
  assert.equal(iocKindOfName('Description'), undefined);
  assert.equal(iocKindOfName('Hash'), undefined);
});

test('a Type cell names the kind of the Indicator cell of its row, in any column order and case', () => {
  const text = withIocs(
    [
      '| indicator | KIND | First Seen |',
      '|---|---|---|',
      `| ${HASH_63}f | MD5 | 2026-06-01 |`,
      '| update-check.corp | Domain | 2026-06-01 |',
      '| update-check[.]corp | Domain | defanged: fine |',
      '| 10.0.0.1 | IP | 2026-06-01 |',
      `| ${MD5} | File name | not typed: read by its length |`,
      '',
    ].join('\n'),
  );
  assert.deepEqual(check(text), [
    `41:2-41:66 error ioc-hash-invalid Invalid MD5 hash '${HASH_63}f': MD5 hashes have 32 hex digits; this has 64 (the length of a SHA-256 hash)`,
    "42:2-42:19 warning ioc-live Live domain 'update-check.corp': write it defanged as update-check[.]corp so that nobody opens it by accident",
    "44:2-44:10 info ioc-live-reserved Live private address '10.0.0.1' (10.0.0.0/8, RFC 1918): it is no host on the Internet, so it may stay as it is; write 10[.]0[.]0[.]1 if your reports defang every address",
  ]);
});

test('context cells are scanned but never typed; cells of tables in subsections are typed too', () => {
  const text = withIocs(
    ['### File indicators', '| Type | Value | Description |', '|---|---|---|', `| SHA256 | ${HASH_63} | SHA256 of the loader, see evil.example.com |`, ''].join(
      '\n',
    ),
  );
  assert.deepEqual(check(text), [
    `42:11-42:74 error ioc-hash-invalid Invalid SHA-256 hash '${HASH_63}': SHA-256 hashes have 64 hex digits; this has 63`,
    // A sentence of a context cell mentions it: said at info (ioc-live-prose), not warned about.
    "42:103-42:119 info ioc-live-prose Live domain 'evil.example.com' in a sentence of the indicators: if it is an indicator, write it defanged as evil[.]example[.]com; a legitimate service it names may stay as it is",
  ]);
});

const LIVE_TABLE = withIocs(
  [
    '| Type | Indicator | Context |',
    '|---|---|---|',
    '| URL | http://evil.example.com/a\\|b | C2 \\| beacon |',
    '| Domain | `evil-domain.com` | phishing |',
    '| Email | bad@evil-domain.com | sender |',
    '',
  ].join('\n'),
);

test('defanging a cell keeps the table: pipes, escaped pipes and code spans stay', () => {
  const one = applyFix(LIVE_TABLE, 'ioc-live', "Defang 'evil-domain.com'", { match: (finding) => finding.message.includes("'evil-domain.com'") });
  assert.deepEqual(one.fix.edits, [{ range: { start: { line: 42, character: 12 }, end: { line: 42, character: 27 } }, newText: 'evil-domain[.]com' }]);
  assert.ok(one.text.includes('| Domain | `evil-domain[.]com` | phishing |\n'));
  const all = applyFix(LIVE_TABLE, 'ioc-live', 'Defang all indicators in this file');
  assert.equal(all.fix.fixes.length, 3);
  assert.deepEqual(all.after, []);
  assert.ok(
    all.text.includes(
      '| URL | hxxp[://]evil[.]example[.]com/a\\|b | C2 \\| beacon |\n| Domain | `evil-domain[.]com` | phishing |\n| Email | bad[@]evil-domain[.]com | sender |\n',
    ),
  );
  const before = buildModel(LIVE_TABLE).sections.find((section) => section.heading.text === 'Indicators of Compromise');
  const after = buildModel(all.text).sections.find((section) => section.heading.text === 'Indicators of Compromise');
  assert.deepEqual(
    after?.tables.map((table) => table.rows.map((row) => row.cells.length)),
    before?.tables.map((table) => table.rows.map((row) => row.cells.length)),
  );
  assert.deepEqual(checked(all.text).findings, []);
});

test('SHA-384: a labelled or bare 96-digit hash, and a SHA-384 column', () => {
  const sha384 = MD5.repeat(3);
  const text = withIocs(
    [`- **File indicators:** SHA-384: ${sha384}, bare ${sha384}`, '', '| File | SHA-384 |', '|---|---|', `| a.exe | ${MD5}${MD5} |`, ''].join('\n'),
  );
  assert.deepEqual(check(text), [
    `43:10-43:74 error ioc-hash-invalid Invalid SHA-384 hash '${MD5}${MD5}': SHA-384 hashes have 96 hex digits; this has 64 (the length of a SHA-256 hash)`,
  ]);
  const model = engine().check(text).model;
  assert.deepEqual(
    indicatorsOf(model, engine().schema.spec).map((located) => located.ioc.type),
    ['sha384', 'sha384', 'sha384'],
  );
});
