import { KNOWN_TLDS } from './iocPatterns';

/**
 * What the text around an IOC candidate says about it: a dotted quad that is a product's version, and the
 * type of a hash whose label is one of a combination or names no file hash (imphash, ssdeep, JA3…). Each
 * reads a bounded slice before or after the candidate, so a scan stays linear (scanIocs.ts).
 */

export type HashType = 'md5' | 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';
export const HASH_LENGTHS: Record<HashType, number> = { md5: 32, sha1: 40, sha224: 56, sha256: 64, sha384: 96, sha512: 128 };

/** Longest product name looked at before a dotted quad ("Microsoft.Identity.Client"): bounded, so each quad costs at most this. */
const MAX_PRODUCT_NAME = 64;

/**
 * A live dotted quad that is a version number, not an address: one with a suffix of letters joined by a
 * hyphen or plus ("6.5.4.4-44n", "1.2.3.4+build"; "10.0.0.1-254" stays a range of addresses), one after a
 * product token's slash as user agents write them ("Chrome/124.0.0.0", "Edg/124.0.2478.80"), or one
 * right after a product's name written as code writes names: dotted ("Microsoft.Identity.Client 4.61.3.0")
 * or with a capital inside ("SonicOS 6.5.4.4", "FortiOS", "OpenSSL"). A plain word before it ("server
 * 10.0.0.5") keeps it an address.
 */
export function isVersionNumber(text: string, start: number, end: number): boolean {
  if ((text[end] === '-' || text[end] === '+') && /^\d*[a-z]/i.test(text.slice(end + 1, end + 17))) return true;
  if (text[start - 1] === '/') return afterProductToken(text, start - 1);
  let nameEnd = start;
  if (text[nameEnd - 1] !== ' ' && text[nameEnd - 1] !== '\t') return false;
  nameEnd--;
  let nameStart = nameEnd;
  while (nameStart > 0 && nameEnd - nameStart < MAX_PRODUCT_NAME && /[\w.-]/.test(text[nameStart - 1])) nameStart--;
  return looksLikeProductName(text.slice(nameStart, nameEnd));
}

/**
 * Whether the slash at `slash` ends a product token of a user agent or a `name/version` pair: a word that
 * starts with a letter and stands alone (at the start of the text, after a space, "(", ";" or ","), as in
 * "Chrome/124.0.0.0" or "python-requests/2.31.0". A path ("/api/10.0.0.1") or an address range
 * ("10.0.0.0/10.0.0.255") has no such word.
 */
function afterProductToken(text: string, slash: number): boolean {
  let nameStart = slash;
  while (nameStart > 0 && slash - nameStart < MAX_PRODUCT_NAME && /[\w.+-]/.test(text[nameStart - 1])) nameStart--;
  if (nameStart === slash || !/[a-z]/i.test(text[nameStart])) return false;
  return nameStart === 0 || /[\s(;,]/.test(text[nameStart - 1]);
}

function looksLikeProductName(name: string): boolean {
  if (!/^[a-z]/i.test(name) || !/[a-z0-9]$/i.test(name)) return false;
  const parts = name.split('.');
  // Dotted, with a capital, and not a host name ("Evil.Example.com 203.0.113.7" is a host and its address).
  if (parts.length > 1)
    return parts.every((part) => /^[a-z][\w-]*$/i.test(part)) && /[A-Z]/.test(name) && !KNOWN_TLDS.has(parts[parts.length - 1].toLowerCase());
  for (let index = 1; index < name.length; index++) {
    if (/[a-z]/.test(name[index - 1]) && /[A-Z]/.test(name[index])) return true;
  }
  return false;
}

/**
 * Labels of hashes that are not of a file's content: an import hash (imphash, MD5-long), a fuzzy hash
 * (ssdeep, TLSH), a JA3/JA3S/JARM TLS fingerprint. The value after one is not typed as a file hash.
 */
export const OTHER_HASH_BEFORE =
  /(?<![a-z0-9])(?:imphash|import hash|ssdeep|tlsh|ja3s?|jarm|authentihash|vhash|pehash)(?: hash| fingerprint)?[ \t]*(?:(?:\*\*|__)[ \t]*)?[:=|][ \t]*(?:(?:\*\*|__)[ \t]*)?\x60?$/i;

export const labelType = (label: string): HashType => label.toLowerCase().replace(/[- ]/g, '') as HashType;

/** A hash label joined to the one after it ("MD5/SHA256:", "MD5, SHA-256:", "SHA1 | SHA256"): read backwards from that label. */
const LABEL_BEFORE = /(md5|sha-?(?:1|224|256|384|512)|sha (?:1|224|256|384|512))[ \t]*(?:\/|,|\||&|\band\b|\bor\b)[ \t]*$/i;
/** Labels of one combination looked at, at most: each is read from a bounded slice. */
const MAX_COMBINED_LABELS = 4;

/**
 * The type of a labelled hash whose label is the last of a combination ("MD5/SHA256: d41d8…427e / e3b0…b855"):
 * the type of the combination whose length the token has; else the label's own (and the length is wrong).
 */
export function combinedLabelType(text: string, labelStart: number, own: HashType, length: number): HashType {
  if (HASH_LENGTHS[own] === length) return own;
  let at = labelStart;
  for (let count = 0; count < MAX_COMBINED_LABELS; count++) {
    const before = LABEL_BEFORE.exec(text.slice(Math.max(0, at - 24), at));
    if (!before) break;
    const type = labelType(before[1]);
    if (HASH_LENGTHS[type] === length) return type;
    at -= before[0].length;
  }
  return own;
}

/** Line labels that name hosts: "Domain:", "C2 host:", "Hostname:", "FQDN:", "URL:", "Domains:". */
const HOST_LABEL = /\b(?:domain|host|hostname|host name|fqdn|url|uri)s?\b/i;
/** A first table cell that is a host kind ("| Domain | contoso-sync.zip |"). */
const HOST_KIND = /^(?:domain|domain name|host|hostname|host name|fqdn|url|uri)s?$/i;
/** The longest line label or first cell looked at. */
const MAX_LABEL = 48;

/**
 * Where the values of a line that says it lists hosts start, or -1: the values of a `Key: value` line whose
 * key names hosts ("- **C2 domain:** …", "Host: …"), or the cells after a row's first cell naming a host kind
 * ("| Domain | contoso-sync.zip | … |", also where Markdown reads the row as text, after a list without a
 * blank line, or in a code block). From there a live name ending in a TLD that is also a file extension
 * (`contoso-sync.zip`) is a domain. Only the line's first colon or cell is looked at, a bounded slice.
 */
export function hostValuesStart(text: string): number {
  const row = /^[ \t]*\|/.exec(text);
  if (row) {
    const pipe = text.indexOf('|', row[0].length);
    if (pipe < 0 || pipe - row[0].length > MAX_LABEL) return -1;
    return HOST_KIND.test(
      text
        .slice(row[0].length, pipe)
        .replace(/\*\*|__|\x60/g, '')
        .trim(),
    )
      ? pipe + 1
      : -1;
  }
  const colon = text.indexOf(':');
  if (colon < 0 || colon > MAX_LABEL + 8) return -1;
  const label = text
    .slice(0, colon)
    .replace(/^[ \t>]*(?:[-*+][ \t]+|\d{1,3}[.)][ \t]+)?/, '')
    .replace(/\*\*|__|\x60/g, '');
  if (label.length > MAX_LABEL || /[/\\|]/.test(label) || !HOST_LABEL.test(label)) return -1;
  return colon + 1;
}
