import assert from 'node:assert/strict';
import { test } from 'node:test';
import { oddLengthHashes, oddLengthProblem } from '../../../server/src/engine/iocs/hashLength';
import { check, seedText } from '../../helpers';
import { replaceOnce } from '../features/fixHarness';

/** The seed with its Indicators of Compromise section (line 38) replaced by `body`, from line 39 on. */
const withIocs = (body: string): string =>
  replaceOnce(seedText(), /## Indicators of Compromise\n[\s\S]*?(?=## Response Actions)/, `## Indicators of Compromise\n${body}`);

const SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const HEX_63 = SHA256.slice(1);
const MD5 = 'd41d8cd98f00b204e9800998ecf8427e';

const odd = (text: string) => oddLengthHashes(text, []).map((found) => `${found.start}-${found.end} ${oddLengthProblem(found)}`);

test('ioc-hash-length: an unlabelled value of no hash length where an indicator stands', () => {
  assert.deepEqual(odd(`- ${HEX_63} (dropper.exe)`), ['2-65 probably truncated: 63 hex digits; a SHA-256 hash has 64']);
  assert.deepEqual(odd(`  - \`${HEX_63}\``), ['5-68 probably truncated: 63 hex digits; a SHA-256 hash has 64']);
  assert.deepEqual(odd(`${SHA256}0`), ['0-65 probably extended: 65 hex digits; a SHA-256 hash has 64']);
  assert.deepEqual(odd(`| dropper.exe | ${HEX_63} | seen twice |`), ['16-79 probably truncated: 63 hex digits; a SHA-256 hash has 64']);
  assert.deepEqual(odd(`- **Dropper:** ${HEX_63} - as printed`), ['15-78 probably truncated: 63 hex digits; a SHA-256 hash has 64']);
  assert.deepEqual(odd(`- ${MD5}abcd`), ['2-38 probably truncated or extended: 36 hex digits; an MD5 hash has 32, a SHA-1 hash 40']);
  assert.deepEqual(odd(`- ${MD5.slice(2)}`), ['2-32 probably truncated: 30 hex digits; an MD5 hash has 32']);
});

test('ioc-hash-length: standard lengths, short or long runs, prose, other hashes and named hex are left alone', () => {
  for (const text of [
    `- ${SHA256}`,
    `- ${MD5}`,
    `- ${MD5.slice(3)}`, // 29 digits
    `- ${SHA256}${SHA256}${MD5.slice(0, 9)}`, // 137 digits
    `- ${'1234567890'.repeat(4)}1`, // digits only
    `The loader wrote ${HEX_63} to its configuration.`,
    `- **Imphash:** ${HEX_63}`,
    `- TLSH: ${HEX_63}`,
    `- **Certificate serial:** ${HEX_63}`,
    `- ${HEX_63} (AES key)`,
    `| Session token | ${HEX_63} |`,
    `- Mutex Global\\${HEX_63}`,
    `- powershell.exe -enc ${HEX_63} -nop`,
    `- {A4B2C1D0-7E6F-4A3B-9C8D-1E2F3A4B5C6D}`,
  ])
    assert.deepEqual(odd(text), [], text);
  assert.deepEqual(oddLengthHashes(`- ${HEX_63}`, [{ start: 2, end: 65 }]), [], 'a value the scanner claimed');
});

test('ioc-hash-length: reported in the IOCs at the value; a label of another length is ioc-hash-invalid; not in detection code', () => {
  const text = withIocs(
    [
      `- ${HEX_63} (dropper.exe, as printed in the vendor's alert)`,
      `- **SHA-256:** ${HEX_63}`,
      '',
      '| Type | Indicator |',
      '|---|---|',
      `| TLSH | ${HEX_63} |`,
      `| File | ${HEX_63} |`,
      '',
      '```kql',
      `DeviceFileEvents | where SHA256 == "${HEX_63}"`,
      `${HEX_63}`,
      '```',
      '',
      '```text',
      `${HEX_63}`,
      '```',
      '',
    ].join('\n'),
  );
  assert.deepEqual(check(text), [
    `39:2-39:65 warning ioc-hash-length Hex value '${HEX_63}' listed as an indicator has no hash's length, probably truncated: 63 hex digits; a SHA-256 hash has 64`,
    `40:15-40:78 error ioc-hash-invalid Invalid SHA-256 hash '${HEX_63}': SHA-256 hashes have 64 hex digits; this has 63`,
    `45:9-45:72 warning ioc-hash-length Hex value '${HEX_63}' listed as an indicator has no hash's length, probably truncated: 63 hex digits; a SHA-256 hash has 64`,
    `53:0-53:63 warning ioc-hash-length Hex value '${HEX_63}' listed as an indicator has no hash's length, probably truncated: 63 hex digits; a SHA-256 hash has 64`,
  ]);
});

test('ioc-hash-length: nothing outside the Indicators of Compromise section', () => {
  const text = replaceOnce(seedText(), '## Response Actions\n', `## Response Actions\n- ${HEX_63}\n`);
  assert.deepEqual(
    check(text).filter((line) => line.includes('ioc-hash')),
    [],
  );
});
