import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { defang, isDefanged, refang } from '../../../server/src/engine/iocs/defang';
import { scanIocs, type IocType } from '../../../server/src/engine/iocs/scanIocs';

const MD5 = 'd41d8cd98f00b204e9800998ecf8427e';
const SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** Live value, its type, and the defanged form we write. */
const DEFANG_CASES: Array<[string, IocType, string]> = [
  ['http://evil.com/a', 'url', 'hxxp[://]evil[.]com/a'],
  ['https://mysignins.microsoft.com', 'url', 'hxxps[://]mysignins[.]microsoft[.]com'],
  ['HTTP://EVIL.COM/A.B', 'url', 'HXXP[://]EVIL[.]COM/A.B'],
  ['ftp://files.evil.com/x', 'url', 'fxp[://]files[.]evil[.]com/x'],
  ['https://user@evil.com:8443/p?q=a.b#f', 'url', 'hxxps[://]user[@]evil[.]com:8443/p?q=a.b#f'],
  ['http://10.0.0.1/x.php', 'url', 'hxxp[://]10[.]0[.]0[.]1/x.php'],
  ['http://[2001:db8::1]:8080/', 'url', 'hxxp[://][2001[:]db8[:][:]1]:8080/'],
  ['evil.com', 'domain', 'evil[.]com'],
  ['login.evil.co.uk', 'domain', 'login[.]evil[.]co[.]uk'],
  ['10.0.0.1', 'ipv4', '10[.]0[.]0[.]1'],
  ['a@evil.com', 'email', 'a[@]evil[.]com'],
  ['first.last@evil.com', 'email', 'first.last[@]evil[.]com'],
  ['2001:db8::1', 'ipv6', '2001[:]db8[:][:]1'],
  ['::ffff:10.0.0.1', 'ipv6', '[:][:]ffff[:]10[.]0[.]0[.]1'],
  [MD5, 'md5', MD5],
  [SHA256, 'sha256', SHA256],
  ['CVE-2021-44228', 'cve', 'CVE-2021-44228'],
];

for (const [live, type, defanged] of DEFANG_CASES) {
  test(`defang ${type}: ${live}`, () => {
    assert.equal(defang(live, type), defanged);
    assert.equal(refang(defanged), live, 'refang undoes defang');
    assert.equal(defang(defanged, type), defanged, 'defanging twice changes nothing');
    assert.equal(isDefanged(defanged), type !== 'md5' && type !== 'sha256' && type !== 'cve');
  });
}

test('defang: scanning the defanged form finds one IOC of the same type whose refanged form is the live value', () => {
  for (const [live, type, defanged] of DEFANG_CASES) {
    const found = scanIocs(defanged);
    assert.deepEqual(
      found.map((match) => [match.type, match.text, match.refanged]),
      [[type, defanged, live.startsWith('HTTP') ? 'http://evil.com/A.B' : live]],
      defanged,
    );
  }
});

test('refang: every recognised marker', () => {
  const cases: Array<[string, string]> = [
    ['hxxp[://]mysignins[.]microsoft[.]com', 'http://mysignins.microsoft.com'],
    ['hXXps[:]//evil(.)com', 'hTTps://evil.com'],
    ['HXXP://EVIL{.}COM', 'HTTP://EVIL.COM'],
    ['fxp(://)files[dot]evil(dot)com', 'ftp://files.evil.com'],
    ['hxxps{://}evil{dot}com[/]a', 'https://evil.com/a'],
    ['hxxp:[//]evil[DOT]com', 'http://evil.com'],
    ['hxxp[:/]/evil\\.com', 'http://evil.com'],
    ['a[@]b a(@)b a{@}b a[at]b a(at)b a{at}b a[AT]b', 'a@b a@b a@b a@b a@b a@b a@b'],
    ['10[.]0[.]0[.]1 2001[:]db8[:][:]1', '10.0.0.1 2001:db8::1'],
    ['plain text, hxxp as a word, [brackets] and (parentheses)', 'plain text, hxxp as a word, [brackets] and (parentheses)'],
  ];
  for (const [input, expected] of cases) assert.equal(refang(input), expected, input);
});

test('isDefanged: markers present or not', () => {
  for (const text of ['evil[.]com', 'hxxp://evil.com', 'http[://]evil.com', 'a(at)b.com', '10.0.0[.]1', 'fe80[:]:1', 'evil\\.com', 'EVIL[DOT]COM']) {
    assert.equal(isDefanged(text), true, text);
  }
  for (const text of ['evil.com', 'http://evil.com', 'a@b.com', '10.0.0.1', '2001:db8::1', MD5, 'CVE-2021-44228', 'hxxp', '']) {
    assert.equal(isDefanged(text), false, text);
  }
});

test('defang/refang never throw on odd input', () => {
  assert.equal(defang(undefined as unknown as string, 'url'), '');
  assert.equal(refang(null as unknown as string), '');
  assert.equal(isDefanged(undefined as unknown as string), false);
  assert.equal(defang('not a url', 'url'), 'not a url');
  assert.equal(defang('weird', 'bogus' as IocType), 'weird');
});

const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?$/);
const domain = fc
  .tuple(fc.array(label, { minLength: 1, maxLength: 3 }), fc.constantFrom('com', 'net', 'org', 'io', 'co', 'uk', 'ru'))
  .map(([labels, tld]) => [...labels, tld].join('.'));
const octet = fc.integer({ min: 0, max: 255 });
const ipv4 = fc.tuple(octet, octet, octet, octet).map((parts) => parts.join('.'));

test('property: refang(defang(x)) === x, and the defanged form scans back to x', () => {
  fc.assert(
    fc.property(domain, fc.constantFrom('', '/a', '/x.php?id=1'), ipv4, (host, path, ip) => {
      const url = `https://${host}${path}`;
      for (const [live, type] of [
        [host, 'domain'],
        [url, 'url'],
        [`user@${host}`, 'email'],
        [ip, 'ipv4'],
        [`http://${ip}${path}`, 'url'],
      ] as const) {
        const defanged = defang(live, type);
        assert.equal(refang(defanged), live);
        assert.ok(isDefanged(defanged));
        const found = scanIocs(`IOC: ${defanged}.`);
        assert.deepEqual(
          found.map((match) => [match.type, match.refanged, match.defanged]),
          [[type, live, true]],
        );
      }
    }),
    { numRuns: 300 },
  );
});
