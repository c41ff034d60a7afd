/** Input → the IOCs expected in it, for scanIocs.test.ts (a table of its own: the cases outnumber the tests). */
import { CVE_FORMAT_PROBLEM, type IocType } from '../../../server/src/engine/iocs/scanIocs';

export const MD5 = 'd41d8cd98f00b204e9800998ecf8427e';
export const SHA1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709';
export const SHA224 = 'd14a028c2a3a2bc9476102bb288234c415a2b01f828ea62ac5b3e42f';
export const SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
export const SHA512 = 'cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e';
export const SEED_LINE = '- **Network indicators:** hxxp[://]mysignins[.]microsoft[.]com (Returning 504 status codes).';

export interface Detail {
  refanged?: string;
  defanged?: boolean;
  problems?: string[];
}
export type Expected = [IocType, string] | [IocType, string, Detail];

/** Input → the IOCs expected in it, in order: type, text as written, and optionally more. */
export const CASES: Array<[string, Expected[]]> = [
  // URLs
  [SEED_LINE, [['url', 'hxxp[://]mysignins[.]microsoft[.]com', { refanged: 'http://mysignins.microsoft.com', defanged: true, problems: [] }]]],
  ['http://evil.com/a', [['url', 'http://evil.com/a', { refanged: 'http://evil.com/a', defanged: false }]]],
  ['hxxps://evil[.]example/path', [['url', 'hxxps://evil[.]example/path', { refanged: 'https://evil.example/path', defanged: true }]]],
  ['hxxp[:]//evil[.]com/x.php?id=1', [['url', 'hxxp[:]//evil[.]com/x.php?id=1', { refanged: 'http://evil.com/x.php?id=1' }]]],
  ['http://evil[.]com/login', [['url', 'http://evil[.]com/login', { defanged: true }]]],
  ['HXXPS[://]EVIL[.]COM/Path', [['url', 'HXXPS[://]EVIL[.]COM/Path', { refanged: 'https://evil.com/Path' }]]],
  [
    'ftp://files.evil.com/x fxp[://]files[.]evil[.]com',
    [
      ['url', 'ftp://files.evil.com/x', { defanged: false }],
      ['url', 'fxp[://]files[.]evil[.]com', { refanged: 'ftp://files.evil.com', defanged: true }],
    ],
  ],
  ['http://[2001:db8::1]:8080/x', [['url', 'http://[2001:db8::1]:8080/x']]],
  ['hxxp[://]10[.]0[.]0[.]1/payload.bin', [['url', 'hxxp[://]10[.]0[.]0[.]1/payload.bin', { refanged: 'http://10.0.0.1/payload.bin' }]]],
  ['[report](https://evil.com/a?b=1)', [['url', 'https://evil.com/a?b=1']]],
  [
    '[https://evil.com](https://evil.com)',
    [
      ['url', 'https://evil.com'],
      ['url', 'https://evil.com'],
    ],
  ],
  [
    'visit http://evil.com. Or http://evil.com, or "http://evil.com"!',
    [
      ['url', 'http://evil.com'],
      ['url', 'http://evil.com'],
      ['url', 'http://evil.com'],
    ],
  ],
  [
    '**http://evil.com/a_b** and _http://evil.com_',
    [
      ['url', 'http://evil.com/a_b'],
      ['url', 'http://evil.com'],
    ],
  ],
  ['(see https://en.wikipedia.org/wiki/Foo_(bar))', [['url', 'https://en.wikipedia.org/wiki/Foo_(bar)']]],
  ['<http://evil.com>', [['url', 'http://evil.com']]],
  ['https://user:pw@evil.com/', [['url', 'https://user:pw@evil.com/']]],
  ['http://300.1.1.1/x', [['url', 'http://300.1.1.1/x', { problems: ['IPv4 octet 300 is out of range (0–255)'] }]]],
  // Domains
  ['evil.com', [['domain', 'evil.com', { refanged: 'evil.com', defanged: false, problems: [] }]]],
  ['evil[.]com', [['domain', 'evil[.]com', { refanged: 'evil.com', defanged: true }]]],
  [
    'evil(.)com evil[dot]com evil{.}com evil(dot)com evil\\.com',
    [
      ['domain', 'evil(.)com'],
      ['domain', 'evil[dot]com'],
      ['domain', 'evil{.}com'],
      ['domain', 'evil(dot)com'],
      ['domain', 'evil\\.com'],
    ],
  ],
  ['See **evil.com**.', [['domain', 'evil.com']]],
  [
    'login-microsoft.live and x.y.evil.co.uk',
    [
      ['domain', 'login-microsoft.live'],
      ['domain', 'x.y.evil.co.uk'],
    ],
  ],
  ['invoice[.]zip', [['domain', 'invoice[.]zip', { refanged: 'invoice.zip' }]]],
  ['EVIL.COM', [['domain', 'EVIL.COM', { refanged: 'evil.com' }]]],
  ['xn--80ak6aa92e.com', [['domain', 'xn--80ak6aa92e.com']]],
  [
    'evil.com/path?x=1 and evil.com:8443',
    [
      ['domain', 'evil.com'],
      ['domain', 'evil.com'],
    ],
  ],
  ['evil-.com', [['domain', 'evil-.com', { problems: ["domain label 'evil-' starts or ends with a hyphen"] }]]],
  // E-mail
  ['attacker@evil.com', [['email', 'attacker@evil.com', { refanged: 'attacker@evil.com', defanged: false }]]],
  ['attacker[@]evil[.]com', [['email', 'attacker[@]evil[.]com', { refanged: 'attacker@evil.com', defanged: true }]]],
  [
    'john(at)evil(.)com john[at]Evil.com',
    [
      ['email', 'john(at)evil(.)com', { refanged: 'john@evil.com' }],
      ['email', 'john[at]Evil.com', { refanged: 'john@evil.com', defanged: true }],
    ],
  ],
  ['first.last@corp.com', [['email', 'first.last@corp.com']]],
  ['_a@evil.com_', [['email', 'a@evil.com']]],
  // IPv4
  ['10.0.0.1', [['ipv4', '10.0.0.1', { refanged: '10.0.0.1', defanged: false, problems: [] }]]],
  ['10[.]0[.]0[.]1', [['ipv4', '10[.]0[.]0[.]1', { refanged: '10.0.0.1', defanged: true }]]],
  ['10.0.0[.]1', [['ipv4', '10.0.0[.]1', { defanged: true }]]],
  ['(192.168.1.10)', [['ipv4', '192.168.1.10']]],
  [
    '1.2.3.4-1.2.3.9',
    [
      ['ipv4', '1.2.3.4'],
      ['ipv4', '1.2.3.9'],
    ],
  ],
  ['300.1.1.1', [['ipv4', '300.1.1.1', { problems: ['IPv4 octet 300 is out of range (0–255)'] }]]],
  ['256.256.256.256', [['ipv4', '256.256.256.256', { problems: ['IPv4 octet 256 is out of range (0–255)'] }]]],
  ['010.1.1.1', [['ipv4', '010.1.1.1', { problems: ['IPv4 octet 010 has a leading zero; some tools read it as octal'] }]]],
  [
    '10.0.0.1:8080 and 192.168.1.0/24.',
    [
      ['ipv4', '10.0.0.1'],
      ['ipv4', '192.168.1.0'],
    ],
  ],
  // IPv6
  ['2001:db8::1', [['ipv6', '2001:db8::1', { refanged: '2001:db8::1', defanged: false }]]],
  ['2001[:]db8[:][:]1', [['ipv6', '2001[:]db8[:][:]1', { refanged: '2001:db8::1', defanged: true }]]],
  ['fe80[:]:1', [['ipv6', 'fe80[:]:1', { refanged: 'fe80::1' }]]],
  ['::1', [['ipv6', '::1']]],
  ['::ffff:10.0.0.1', [['ipv6', '::ffff:10.0.0.1']]],
  ['IP 2001:DB8::1: blocked', [['ipv6', '2001:DB8::1', { refanged: '2001:db8::1' }]]],
  ['1:2:3:4:5:6:7:8', [['ipv6', '1:2:3:4:5:6:7:8']]],
  // Hashes
  [`md5 ${MD5}`, [['md5', MD5, { refanged: MD5, defanged: true, problems: [] }]]],
  [SHA1, [['sha1', SHA1]]],
  [`\`${SHA256.toUpperCase()}\``, [['sha256', SHA256.toUpperCase(), { refanged: SHA256 }]]],
  [SHA512, [['sha512', SHA512]]],
  [`MD5: ${MD5.slice(0, 31)}`, [['md5', MD5.slice(0, 31), { problems: ['MD5 hashes have 32 hex digits; this has 31'] }]]],
  [`SHA256: ${SHA256.slice(1)}`, [['sha256', SHA256.slice(1), { problems: ['SHA-256 hashes have 64 hex digits; this has 63'] }]]],
  [`MD5: d41d8g${MD5.slice(6)}`, [['md5', `d41d8g${MD5.slice(6)}`, { problems: ["not a hex string: 'g' at position 6"] }]]],
  [`**SHA-1:** \`${MD5}\``, [['sha1', MD5, { problems: ['SHA-1 hashes have 40 hex digits; this has 32 (the length of an MD5 hash)'] }]]],
  [`| SHA256 hash | ${SHA256} |`, [['sha256', SHA256, { problems: [] }]]],
  // CVE IDs
  ['CVE-2021-44228', [['cve', 'CVE-2021-44228', { refanged: 'CVE-2021-44228', defanged: true, problems: [] }]]],
  ['cve-2024-12345', [['cve', 'cve-2024-12345', { refanged: 'CVE-2024-12345', problems: [] }]]],
  ['(CVE-2024-0001)', [['cve', 'CVE-2024-0001', { problems: [] }]]],
  ['CVE-2024-123', [['cve', 'CVE-2024-123', { problems: [CVE_FORMAT_PROBLEM] }]]],
  ['CVE-24-1234', [['cve', 'CVE-24-1234', { problems: [CVE_FORMAT_PROBLEM] }]]],
  ['CVE 2024 1234', [['cve', 'CVE 2024 1234', { refanged: 'CVE-2024-1234', problems: [CVE_FORMAT_PROBLEM] }]]],
  ['CVE–2024–1234', [['cve', 'CVE–2024–1234', { refanged: 'CVE-2024-1234', problems: [CVE_FORMAT_PROBLEM] }]]],
  ['CVE-2024', [['cve', 'CVE-2024', { problems: [CVE_FORMAT_PROBLEM] }]]],
  ['https://nvd.nist.gov/vuln/detail/CVE-2021-44228', [['url', 'https://nvd.nist.gov/vuln/detail/CVE-2021-44228']]],
  // Several kinds on one line, in order
  [
    `Beacon to 203.0.113[.]7 and evil[.]com, dropped ${MD5} (CVE-2023-23397).`,
    [
      ['ipv4', '203.0.113[.]7'],
      ['domain', 'evil[.]com'],
      ['md5', MD5],
      ['cve', 'CVE-2023-23397'],
    ],
  ],
  // False alarms: no IOC at all
  ['Attached file.exe and config.yaml, run setup.ps1', []],
  ['e.g. this, i.e. that; U.S. a.m. Ph.D. Fig. 1', []],
  ['Node.js v1.2.3, v1.2.3.4, version 1.2.3.4, build 10.0.19045.1', []],
  ['Chrome 120.0.6099.109 on Windows 10.0.19045; 1.2.3.4.5', []],
  ['T1566.001 Spearphishing Attachment, sub-technique.name', []],
  ['504 Gateway Timeout', []],
  ['M365 outage since 05:00 UTC until 12:30:45', []],
  ['MAC 00:1a:2b:3c:4d:5e', []],
  ['*emphasis* and __bold__ _text_ **more**', []],
  ['invoice.zip README.md install.sh main.py lib.rs Calculator.app', []],
  // Combined labels: each value is the hash of the label its length matches.
  [
    `MD5/SHA256: ${MD5} / ${SHA256}`,
    [
      ['md5', MD5],
      ['sha256', SHA256],
    ],
  ],
  [
    `SHA256, MD5: ${SHA256}, ${MD5}`,
    [
      ['sha256', SHA256],
      ['md5', MD5],
    ],
  ],
  // Hashes that are not of a file's content: not typed as file hashes.
  [`imphash: ${MD5}; JA3: ${MD5}; ssdeep = ${MD5}`, []],
  // File names of more than two parts whose last is a file extension; versions after a product's name or with a suffix.
  ['loader.x64.so helper.arm64.so firmware-src.tar.zip backup.2024.zip', []],
  ['SonicOS 6.5.4.4-44n, Microsoft.Identity.Client 4.61.3.0, FortiOS 7.2.4.1, iOS 17.1.2.3, pkg 1.2.3.4+build', []],
  // ... but an address after a plain word or a host name, and a range of addresses, stay addresses.
  [
    'server 10.0.0.5, evil.example.com 203.0.113.7, Evil.Example.com 198.51.100.1, 10.0.0.1-254',
    [
      ['ipv4', '10.0.0.5'],
      ['domain', 'evil.example.com'],
      ['ipv4', '203.0.113.7'],
      ['domain', 'Evil.Example.com'],
      ['ipv4', '198.51.100.1'],
      ['ipv4', '10.0.0.1'],
    ],
  ],
  ['System.IO failed.It was done.In short', []],
  ['std::vector, dead::beef, abc::def and a[:]', []],
  ['lodash@4.17.21, img@2x.png, @scope/pkg', []],
  ['foo.bar user.email spring.security dc01.corp.local', []],
  ['bücher.de 例え.jp', []],
  ['MD5 hashes have 32 hex digits; SHA256: TBD', []],
  ['CVE-2024-XXXX, the CVE 2024 report, CVEs, CVE2024', []],
  ['GUID 550e8400-e29b-41d4-a716-446655440000, zeros 00000000000000000000000000000000', []],
  ['deadline abcdef 1234567890 cafe', []],
  // Domains by the IANA root zone: new gTLDs are domains; a name ending in no real TLD is not.
  [
    'files.contoso-sync.credit login.micros0ft.support cdn.evil.top update.contoso.co.uk',
    [
      ['domain', 'files.contoso-sync.credit'],
      ['domain', 'login.micros0ft.support'],
      ['domain', 'cdn.evil.top'],
      ['domain', 'update.contoso.co.uk'],
    ],
  ],
  ['foo.bar.baz WS-FIN-042.corp.local DC01.contoso.internal config.json app.exe', []],
  // File names: no real TLD (exe, msi, pdf, docm), or a TLD that is also a file extension.
  ['update.exe setup.msi report.pdf invoice.docm loader.x64.so helper.arm64.so firmware-src.tar.zip notes.one Main.java', []],
  // Member names and dotted identifiers of code.
  ['user.name user.email sub-technique.name event.data foo.bar System.Net.Http Microsoft.Identity.Client', []],
  // A file-extension TLD is a host where the context says so: a host label, a Domain row, defanged, a URL, an e-mail address.
  [
    '- **C2 domain:** contoso-sync.zip, second.mov',
    [
      ['domain', 'contoso-sync.zip'],
      ['domain', 'second.mov'],
    ],
  ],
  ['Host: build.contoso.app', [['domain', 'build.contoso.app']]],
  ['| Domain | contoso-sync.zip | second stage |', [['domain', 'contoso-sync.zip']]],
  ['| File | invoice.zip | attachment |', []],
  ['- **Attachment:** invoice.zip (from contoso-sync[.]zip)', [['domain', 'contoso-sync[.]zip']]],
  [
    'get https://contoso-sync.zip/a or mail ops@contoso-sync.zip',
    [
      ['url', 'https://contoso-sync.zip/a'],
      ['email', 'ops@contoso-sync.zip'],
    ],
  ],
  ['- **Dropped file:** contoso-sync.zip', []],
  // User agents: a dotted quad after a product's slash is its version.
  ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.80', []],
  ['Version/17.4.1 Mobile/15E148 Safari/604.1 python-requests/2.31.0 curl/8.4.0.1', []],
  [
    '/api/10.0.0.1 and 10.0.0.0/10.0.0.255',
    [
      ['ipv4', '10.0.0.1'],
      ['ipv4', '10.0.0.0'],
      ['ipv4', '10.0.0.255'],
    ],
  ],
  // SHA-224: labelled and bare.
  [
    `SHA-224: ${SHA224}, SHA224 ${SHA224.slice(1)}, bare ${SHA224}`,
    [
      ['sha224', SHA224, { problems: [] }],
      ['sha224', SHA224.slice(1), { problems: ['SHA-224 hashes have 56 hex digits; this has 55'] }],
      ['sha224', SHA224],
    ],
  ],
  // Other hashes after emphasised labels are not file hashes.
  [`- **Imphash:** ${MD5}\n- **TLSH**: ${SHA256}\n- __ssdeep:__ \`${MD5}\``, []],
];
