/**
 * A pure scanner for indicators of compromise (IOCs) in report text: URLs, domains, IPv4 and IPv6
 * addresses, e-mail addresses, MD5/SHA-1/SHA-224/SHA-256/SHA-384/SHA-512 hashes and CVE IDs, live or defanged.
 *
 * Kinds are scanned in priority order — URL, e-mail, CVE, labelled hash, IPv6, IPv4, domain, bare
 * hash — and a match is kept only if it overlaps nothing kept before, so a URL's host is not
 * reported again as a domain, nor an e-mail's domain. Results are sorted by position.
 * Offsets are UTF-16 code units (JavaScript string indices), end exclusive.
 */
import { hasHexRun } from '../text/chars';
import { defang, isDefanged, refang } from './defang';
import { CVE_RE, DASHES, DOMAIN_RE, DOT, EMAIL_RE, HEX_RE, IPV4_RE, IPV6_RE, LABELLED_HASH_RE, URL_RE, VERSION_WORD_BEFORE } from './iocPatterns';
import { combinedLabelType, hostValuesStart, isVersionNumber, labelType, OTHER_HASH_BEFORE, type HashType } from './iocSurroundings';
import { domainProblems, HASH_BY_LENGTH, hashProblems, ipv4Problems, isIpv6, isPlausibleDomain, looksLikeHash } from './iocValues';

export { defang, isDefanged, refang };
export { domainProblems, hashProblems, looksLikeHash };

export type IocType = 'url' | 'domain' | 'ipv4' | 'ipv6' | 'email' | HashType | 'cve';

export interface IocMatch {
  type: IocType;
  /** As written. */
  text: string;
  /** Offsets (UTF-16 code units) in the scanned string, end exclusive. */
  start: number;
  end: number;
  /** Canonical live form (refanged): "http://mysignins.microsoft.com". */
  refanged: string;
  /** Whether it was written defanged (any defang marker present). For hashes/CVEs: true (nothing to defang). */
  defanged: boolean;
  /** Problems with the value itself, in words a report writer understands. Empty if fine. */
  problems: string[];
}

export interface ScanOptions {
  /** Report MD5/SHA-1/SHA-224/SHA-256/SHA-384/SHA-512 hashes (default true). */
  includeHashes?: boolean;
  /**
   * The whole text is where hosts are written (a Domain or Host column): a live name ending in a TLD that
   * is also a file extension or a member name (`contoso-sync.zip`) is a domain. Without it, only the values
   * of a line labelled `Domain:`, `Host:` or `URL:` are read so (iocSurroundings' hostValuesStart).
   */
  hostContext?: boolean;
}

export type { HashType };

export const CVE_FORMAT_PROBLEM = 'CVE IDs look like CVE-2024-12345 (year, then at least 4 digits)';

/** Every match of a global regex, with the regex's state reset first. */
export function* matchesOf(re: RegExp, text: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let match = re.exec(text); match; match = re.exec(text)) {
    if (match[0] === '') re.lastIndex++;
    yield match;
  }
}

/** The written separators between a URL's scheme and host, live and defanged. */
const URL_SEPARATOR = /:\/\/|\[:\/\/\]|\[:\]\/\/|\(:\/\/\)|\{:\/\/\}|:\[\/\/\]|\[:\/\]\//;
/** A live URL's scheme and authority. */
const URL_HEAD = /^([^:]*):\/\/([^/?#]*)/;
/** A live URL's host (without user info and port). */
const URL_HOST = /^[^:]*:\/\/(?:[^@/?#]*@)?([^/?#:[\]]+)/;
const DOTTED_QUAD = /^\d{1,3}(?:\.\d{1,3}){3}$/;

function canonicalUrl(live: string): string {
  const head = URL_HEAD.exec(live);
  if (!head) return live;
  const authority = head[2];
  const at = authority.lastIndexOf('@');
  return `${head[1].toLowerCase()}://${authority.slice(0, at + 1)}${authority.slice(at + 1).toLowerCase()}${live.slice(head[0].length)}`;
}

/** Where a URL match really ends: without trailing punctuation, unbalanced closers or emphasis markers. */
function trimUrlEnd(text: string, start: number, end: number, minimumEnd: number): number {
  // Closers without their opener in the match: a trailing one belongs to the text around it.
  let parens = 0;
  let brackets = 0;
  for (let index = start; index < end; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x29 /* ) */) parens++;
    else if (code === 0x28 /* ( */) parens--;
    else if (code === 0x5d /* ] */) brackets++;
    else if (code === 0x5b /* [ */) brackets--;
  }
  const opener = text[start - 1];
  while (end > minimumEnd) {
    const char = text[end - 1];
    if ('.,;:!?\'"”’»›…'.includes(char)) end--;
    else if (char === ')' && parens > 0) {
      parens--;
      end--;
    } else if (char === ']' && brackets > 0) {
      brackets--;
      end--;
    } else if ('*_~'.includes(char) && opener === char) end--;
    else break;
  }
  return end;
}

// ---------------------------------------------------------------------------------------------
// The scanner

interface Found {
  type: IocType;
  start: number;
  end: number;
  refanged: string;
  defanged: boolean;
  problems: string[];
}

function scanUrls(text: string, add: (found: Found) => void): void {
  for (const match of matchesOf(URL_RE, text)) {
    const start = match.index;
    const separator = URL_SEPARATOR.exec(match[0]);
    const minimumEnd = start + (separator ? separator.index + separator[0].length : 0) + 1;
    const end = trimUrlEnd(text, start, start + match[0].length, minimumEnd);
    const written = text.slice(start, end);
    const refanged = canonicalUrl(refang(written));
    const host = URL_HOST.exec(refanged)?.[1] ?? '';
    const problems = DOTTED_QUAD.test(host) ? ipv4Problems(host) : [];
    // Only the scheme, separator and host make a URL clickable: a marker later in its path does not defang it.
    add({ type: 'url', start, end, refanged, defanged: isDefanged(written.slice(0, urlClickableLength(written))), problems });
  }
}

/** Length of a written URL's scheme, separator and host (and port), where its path, query or fragment starts. */
export function urlClickableLength(written: string): number {
  const separator = URL_SEPARATOR.exec(written);
  const hostStart = separator ? separator.index + separator[0].length : 0;
  const pathStart = written.slice(hostStart).search(/[/?#]/);
  return pathStart < 0 ? written.length : hostStart + pathStart;
}

function scanEmails(text: string, add: (found: Found) => void): void {
  for (const match of matchesOf(EMAIL_RE, text)) {
    let start = match.index;
    const end = start + match[0].length;
    while (text[start] === '_' && text[end] === '_') start++; // _a@b.com_ is Markdown emphasis
    const written = text.slice(start, end);
    const live = refang(written);
    const at = live.lastIndexOf('@');
    const domain = live.slice(at + 1).toLowerCase();
    const defanged = isDefanged(written);
    if (at <= 0 || !isPlausibleDomain(domain, defanged, false)) continue;
    add({ type: 'email', start, end, refanged: `${live.slice(0, at)}@${domain}`, defanged, problems: domainProblems(domain) });
  }
}

const CVE_PARTS = new RegExp(`^cve([${DASHES}_ ]?)(\\d+)(?:([${DASHES}_ ])(\\d+))?$`, 'i');

function scanCves(text: string, add: (found: Found) => void): void {
  for (const match of matchesOf(CVE_RE, text)) {
    const parts = CVE_PARTS.exec(match[0]);
    if (!parts) continue;
    const [, firstSeparator, year, secondSeparator, sequence] = parts;
    if (sequence === undefined && firstSeparator !== '-') continue; // "CVE 2024" in prose, "CVE2024"
    const wellFormed = firstSeparator === '-' && secondSeparator === '-' && year.length === 4 && sequence.length >= 4;
    const problems = wellFormed ? [] : [CVE_FORMAT_PROBLEM];
    if (wellFormed && Number(year) < 1999) problems.push(`CVE IDs start in 1999; this one says ${year}`);
    const refanged = `CVE-${year}${sequence === undefined ? '' : `-${sequence}`}`;
    add({ type: 'cve', start: match.index, end: match.index + match[0].length, refanged, defanged: true, problems });
  }
}

function scanLabelledHashes(text: string, add: (found: Found) => void): void {
  LABELLED_HASH_RE.lastIndex = 0;
  for (let match = LABELLED_HASH_RE.exec(text); match; match = LABELLED_HASH_RE.exec(text)) {
    const token = match[2];
    if (!looksLikeHash(token)) {
      LABELLED_HASH_RE.lastIndex = match.index + match[1].length; // the token may itself be a label
      continue;
    }
    const type = combinedLabelType(text, match.index, labelType(match[1]), token.length);
    const end = match.index + match[0].length;
    add({ type, start: end - token.length, end, refanged: token.toLowerCase(), defanged: true, problems: hashProblems(token, type) });
  }
}

function scanIpv6(text: string, add: (found: Found) => void): void {
  for (const match of matchesOf(IPV6_RE, text)) {
    let written = match[0];
    if (written.endsWith(':') && !written.endsWith('::')) written = written.slice(0, -1); // "…::1:" before prose
    const live = refang(written);
    if (!live.includes(':') || !isIpv6(live)) continue;
    const start = match.index;
    add({ type: 'ipv6', start, end: start + written.length, refanged: live.toLowerCase(), defanged: isDefanged(written), problems: [] });
  }
}

function scanIpv4(text: string, add: (found: Found) => void): void {
  for (const match of matchesOf(IPV4_RE, text)) {
    const start = match.index;
    if (VERSION_WORD_BEFORE.test(text.slice(Math.max(0, start - 20), start))) continue;
    if (!isDefanged(match[0]) && isVersionNumber(text, start, start + match[0].length)) continue;
    const live = refang(match[0]);
    add({ type: 'ipv4', start, end: start + match[0].length, refanged: live, defanged: isDefanged(match[0]), problems: ipv4Problems(live) });
  }
}

function scanDomains(text: string, add: (found: Found) => void, hostContext: boolean): void {
  // Where a label says hosts are written: read once, at the first candidate (most lines have none).
  let hostsFrom: number | undefined = hostContext ? 0 : undefined;
  for (const match of matchesOf(DOMAIN_RE, text)) {
    const live = refang(match[0]);
    const defanged = isDefanged(match[0]);
    hostsFrom ??= hostValuesStart(text);
    if (!isPlausibleDomain(live, defanged, true, hostsFrom >= 0 && match.index >= hostsFrom)) continue;
    const start = match.index;
    add({ type: 'domain', start, end: start + match[0].length, refanged: live.toLowerCase(), defanged, problems: domainProblems(live) });
  }
}

function scanBareHashes(text: string, add: (found: Found) => void): void {
  for (const match of matchesOf(HEX_RE, text)) {
    const type = HASH_BY_LENGTH.get(match[0].length);
    if (!type || !/\d/.test(match[0]) || !/[a-f]/i.test(match[0])) continue;
    if (OTHER_HASH_BEFORE.test(text.slice(Math.max(0, match.index - 24), match.index))) continue;
    add({ type, start: match.index, end: match.index + match[0].length, refanged: match[0].toLowerCase(), defanged: true, problems: [] });
  }
}

type Pass = (text: string, add: (found: Found) => void, hostContext: boolean) => void;

/*
 * Necessary conditions for each pass, tested first: most report lines hold no IOC of a given kind,
 * and one quick test is far cheaper than the full pattern.
 */
const MAY_HAVE_URL = /[:\]][/[]|[:[({]\/\//;
const MAY_HAVE_EMAIL = /@|[[({]at[\])}]/i;
const MAY_HAVE_CVE = /cve/i;
const MAY_HAVE_HASH_LABEL = /md5|sha/i;
/** Two colons with at most four hex digits between them (`::`, `db8:`), or a defanged `[:]`: not `05:00 UTC` or `**Key:** text: more`. */
const MAY_HAVE_IPV6 = /:[0-9a-f]{0,4}:|\[:\]/i;
/** A digit, a dot (or a defanged one), a digit: not the full stop that ends a sentence. */
const MAY_HAVE_IPV4 = new RegExp(String.raw`\d${DOT}\d`, 'i');
/** A letter, digit or hyphen (a label's last character), a dot (or a defanged one), a letter or digit. */
const MAY_HAVE_DOMAIN = new RegExp(String.raw`[a-z0-9-]${DOT}[a-z0-9]`, 'i');
/** 32 hex digits in a row (hasHexRun: one pass, not a match attempt at every position). */
const MAY_HAVE_BARE_HASH = { test: (text: string) => hasHexRun(text, 32) };

/** The passes in the order they claim text (an URL before the domain in it), each with its necessary condition. */
const ALL_PASSES: readonly (readonly [Pass, { test(text: string): boolean }])[] = [
  [scanUrls, MAY_HAVE_URL],
  [scanEmails, MAY_HAVE_EMAIL],
  [scanCves, MAY_HAVE_CVE],
  [scanLabelledHashes, MAY_HAVE_HASH_LABEL],
  [scanIpv6, MAY_HAVE_IPV6],
  [scanIpv4, MAY_HAVE_IPV4],
  [scanDomains, MAY_HAVE_DOMAIN],
  [scanBareHashes, MAY_HAVE_BARE_HASH],
];
const PASSES_WITHOUT_HASHES = ALL_PASSES.filter(([pass]) => pass !== scanLabelledHashes && pass !== scanBareHashes);

/** Up to this many kept matches, a new one is compared with each; beyond, with a character map. */
const FEW_MATCHES = 8;

/**
 * All IOCs in `text`, in order of position and non-overlapping. Never throws: on unexpected input
 * it returns what it found (or nothing).
 */
export function scanIocs(text: string, options: ScanOptions = {}): IocMatch[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  // Which characters a match took: the kept matches themselves while they are few (most lines have none or
  // one), a character map from the ninth on, so that a line of thousands of matches is still read in linear time.
  let claimed: Uint8Array | undefined;
  const results: IocMatch[] = [];
  const add = (found: Found): void => {
    if (found.end <= found.start) return;
    if (claimed === undefined && results.length < FEW_MATCHES) {
      for (const kept of results) if (kept.start < found.end && found.start < kept.end) return;
    } else {
      if (claimed === undefined) {
        claimed = new Uint8Array(text.length);
        for (const kept of results) claimed.fill(1, kept.start, kept.end);
      }
      for (let i = found.start; i < found.end; i++) if (claimed[i]) return;
      claimed.fill(1, found.start, found.end);
    }
    const { type, start, end, refanged, defanged, problems } = found;
    results.push({ type, text: text.slice(start, end), start, end, refanged, defanged, problems });
  };
  const passes = (options?.includeHashes ?? true) ? ALL_PASSES : PASSES_WITHOUT_HASHES;
  try {
    const hostContext = options?.hostContext ?? false;
    for (const [pass, mayMatch] of passes) if (mayMatch.test(text)) pass(text, add, hostContext);
  } catch {
    // A bug here must not take the checker down; keep whatever was found.
  }
  return results.sort((a, b) => a.start - b.start);
}
