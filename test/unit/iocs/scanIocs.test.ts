import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scanIocs, type IocMatch } from '../../../server/src/engine/iocs/scanIocs';
import { MD5, SHA256, SEED_LINE, CASES } from './scanIocsCases';

function describe(match: IocMatch): string {
  return `${match.type} ${match.text}`;
}

for (const [input, expected] of CASES) {
  test(`scanIocs: ${JSON.stringify(input).slice(0, 90)}`, () => {
    const matches = scanIocs(input);
    assert.deepEqual(
      matches.map(describe),
      expected.map(([type, text]) => `${type} ${text}`),
    );
    matches.forEach((match, index) => {
      assert.equal(input.slice(match.start, match.end), match.text, 'offsets select the text');
      const detail = expected[index][2];
      if (detail?.refanged !== undefined) assert.equal(match.refanged, detail.refanged);
      if (detail?.defanged !== undefined) assert.equal(match.defanged, detail.defanged);
      if (detail?.problems !== undefined) assert.deepEqual(match.problems, detail.problems);
    });
  });
}

test('scanIocs: the seed line gives exactly one defanged URL with exact offsets', () => {
  assert.deepEqual(scanIocs(SEED_LINE), [
    {
      type: 'url',
      text: 'hxxp[://]mysignins[.]microsoft[.]com',
      start: 26,
      end: 62,
      refanged: 'http://mysignins.microsoft.com',
      defanged: true,
      problems: [],
    },
  ]);
});

test('scanIocs: offsets are UTF-16 code units after emoji, accents and line breaks', () => {
  const text = '🔥🔥 Café — IOC:\r\n* évil: evil[.]com 👉10.0.0.1\n' + `SHA-256: ${SHA256}`;
  const found = scanIocs(text).map((match) => [match.type, match.start, match.end]);
  const domainStart = text.indexOf('evil[.]com');
  const ipStart = text.indexOf('10.0.0.1');
  const hashStart = text.indexOf(SHA256);
  assert.deepEqual(found, [
    ['domain', domainStart, domainStart + 10],
    ['ipv4', ipStart, ipStart + 8],
    ['sha256', hashStart, hashStart + 64],
  ]);
  assert.equal(domainStart, 26);
});

test('scanIocs: a URL host, an e-mail domain and a labelled hash are not reported twice', () => {
  const text = `hxxps[://]cdn[.]evil[.]com/x a[@]evil[.]com MD5: ${MD5}`;
  assert.deepEqual(
    scanIocs(text).map((match) => match.type),
    ['url', 'email', 'md5'],
  );
});

test('scanIocs: includeHashes: false leaves hashes out but keeps everything else', () => {
  const text = `MD5: ${MD5} ${SHA256} evil[.]com CVE-2021-44228`;
  assert.deepEqual(scanIocs(text, { includeHashes: false }).map(describe), ['domain evil[.]com', 'cve CVE-2021-44228']);
  assert.deepEqual(
    scanIocs(text, {}).map((match) => match.type),
    ['md5', 'sha256', 'domain', 'cve'],
  );
});

test('scanIocs: every match is non-overlapping and in order', () => {
  const text = CASES.map(([input]) => input).join('\n');
  const matches = scanIocs(text);
  assert.ok(matches.length > 80);
  for (let i = 1; i < matches.length; i++) assert.ok(matches[i - 1].end <= matches[i].start);
});

test('scanIocs: never throws on odd input', () => {
  assert.deepEqual(scanIocs(''), []);
  assert.deepEqual(scanIocs(undefined as unknown as string), []);
  assert.deepEqual(scanIocs(42 as unknown as string, null as unknown as undefined), []);
  assert.doesNotThrow(() => scanIocs('\uD800hxxp[://]\uDFFF[.]com [:] [.] (at) @ :: ::: ]( \\'));
});

test('scanIocs: 100 KB pathological lines finish in linear time', () => {
  const units = [
    'a.',
    'a[.]',
    '1.',
    '1[.]',
    '1:',
    'a:',
    '[:]',
    'a@',
    'a@a.',
    'http://',
    'hxxp[://]a',
    '(',
    'a',
    'f',
    '1',
    'CVE-',
    'CVE-1',
    'MD5: ',
    'a_',
    'a(dot)',
    'a\\.',
    'http://a)',
    'a-',
    '_a@',
    'a.a@',
    '[at]',
    '1.1.1.1.',
    'a1:',
    '🔥',
    'a.com_',
    'http://x](',
  ];
  for (const unit of units) {
    const line = unit.repeat(Math.ceil(100_000 / unit.length));
    const started = performance.now();
    scanIocs(line);
    scanIocs(`${line}x`);
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 2000, `${JSON.stringify(unit)} took ${elapsed.toFixed(0)} ms`);
  }
});
