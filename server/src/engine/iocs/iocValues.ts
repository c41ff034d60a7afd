/**
 * Checks of an IOC candidate's value: whether a dotted name is a domain, an IPv6 shape, and the problems of
 * an IPv4 address, a domain or a hash of a given type, in words a report writer understands.
 */
import { CODE_WORD_TLDS, FILE_EXTENSION_TLDS, KNOWN_TLDS } from './iocPatterns';
import { HASH_LENGTHS, type HashType } from './iocSurroundings';

export const HASH_NAMES: Record<HashType, string> = {
  md5: 'MD5',
  sha1: 'SHA-1',
  sha224: 'SHA-224',
  sha256: 'SHA-256',
  sha384: 'SHA-384',
  sha512: 'SHA-512',
};
export const HASH_BY_LENGTH = new Map<number, HashType>(Object.entries(HASH_LENGTHS).map(([type, length]) => [length, type as HashType]));

/** "an MD5 hash", "a SHA-256 hash". */
export const aHashName = (type: HashType): string => `${type === 'md5' ? 'an' : 'a'} ${HASH_NAMES[type]} hash`;

export function ipv4Problems(live: string): string[] {
  const problems = new Set<string>();
  for (const octet of live.split('.')) {
    if (Number(octet) > 255) problems.add(`IPv4 octet ${octet} is out of range (0–255)`);
    else if (octet.length > 1 && octet.startsWith('0')) problems.add(`IPv4 octet ${octet} has a leading zero; some tools read it as octal`);
  }
  return [...problems];
}

export function domainProblems(live: string): string[] {
  const problems: string[] = [];
  if (live.length > 253) problems.push(`a domain name has at most 253 characters; this has ${live.length}`);
  for (const label of live.split('.')) {
    if (label.length > 63) problems.push(`domain label '${label.slice(0, 20)}…' is longer than 63 characters`);
    if (label.startsWith('-') || label.endsWith('-')) problems.push(`domain label '${label}' starts or ends with a hyphen`);
  }
  return problems;
}

/**
 * Whether a dotted name is taken as a domain: its TLD must be alphabetic (or punycode). Written live it
 * must also end in a TLD of the root zone, and — for a stand-alone name — neither look like a file name
 * (`invoice.zip`) or a member access (`user.name`) unless `hostContext` says it is a host, nor have a
 * capitalised TLD in a mixed-case name (`System.IO`, `done.It`).
 */
export function isPlausibleDomain(live: string, defanged: boolean, standAlone: boolean, hostContext = false): boolean {
  const labels = live.split('.');
  const tld = labels[labels.length - 1];
  const lowerTld = tld.toLowerCase();
  if (!/^(?:[a-z]{2,63}|xn--[a-z0-9-]+)$/i.test(tld)) return false;
  if (defanged) return true;
  if (!KNOWN_TLDS.has(lowerTld) && !lowerTld.startsWith('xn--')) return false;
  if (!standAlone || hostContext) return true;
  // A live name ending in a file extension is a file name ("invoice.zip", "loader.x64.so"); one ending in a member name is code ("user.name").
  if (FILE_EXTENSION_TLDS.has(lowerTld) || CODE_WORD_TLDS.has(lowerTld)) return false;
  return tld === lowerTld || live === live.toUpperCase();
}

/** Shape check for an IPv6 address (refanged, without brackets or zone). */
export function isIpv6(live: string): boolean {
  if (!/\d/.test(live)) return false; // "::", "dead::beef", "abc::def" are more likely code than addresses
  let address = live;
  if (address.includes('.')) {
    const embedded = /^([0-9a-f:]*:)(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
    if (!embedded || embedded[2].split('.').some((octet) => Number(octet) > 255)) return false;
    address = `${embedded[1]}0:0`;
  }
  if (!/^[0-9a-f:]+$/i.test(address) || address.includes(':::')) return false;
  const halves = address.split('::');
  const validGroups = (part: string): string[] | undefined => {
    if (part === '') return [];
    const groups = part.split(':');
    return groups.every((group) => /^[0-9a-f]{1,4}$/i.test(group)) ? groups : undefined;
  };
  if (halves.length > 2) return false;
  const groups = halves.map(validGroups);
  if (groups.some((group) => group === undefined)) return false;
  const count = groups.reduce((sum, group) => sum + (group?.length ?? 0), 0);
  return halves.length === 2 ? count <= 7 : count === 8;
}

export function hashProblems(token: string, type: HashType): string[] {
  const problems: string[] = [];
  const expected = HASH_LENGTHS[type];
  if (token.length !== expected) {
    const other = HASH_BY_LENGTH.get(token.length);
    const hint = other ? ` (the length of ${aHashName(other)})` : '';
    problems.push(`${HASH_NAMES[type]} hashes have ${expected} hex digits; this has ${token.length}${hint}`);
  }
  const bad = /[^0-9a-f]/i.exec(token);
  if (bad) problems.push(`not a hex string: '${bad[0]}' at position ${bad.index + 1}`);
  return problems;
}

/** A token after a hash label that is meant as a hash: long enough and mostly hex digits. */
export function looksLikeHash(token: string): boolean {
  if (token.length < 16) return false;
  const hexDigits = token.replace(/[^0-9a-f]/gi, '').length;
  return hexDigits * 4 >= token.length * 3 && /\d/.test(token);
}
