import { KNOWN_TLDS } from './iocPatterns';

/**
 * What the text around an IOC candidate says about it: a dotted quad that is a product's version, and the
 * type of a hash whose label is one of a combination or names no file hash (imphash, ssdeep, JA3…). Each
 * reads a bounded slice before or after the candidate, so a scan stays linear (scanIocs.ts).
 */

export type HashType = 'md5' | 'sha1' | 'sha256' | 'sha384' | 'sha512';
export const HASH_LENGTHS: Record<HashType, number> = { md5: 32, sha1: 40, sha256: 64, sha384: 96, sha512: 128 };

/** Longest product name looked at before a dotted quad ("Microsoft.Identity.Client"): bounded, so each quad costs at most this. */
const MAX_PRODUCT_NAME = 64;

/**
 * A live dotted quad that is a version number, not an address: one with a suffix of letters joined by a
 * hyphen or plus ("6.5.4.4-44n", "1.2.3.4+build"; "10.0.0.1-254" stays a range of addresses), or one
 * right after a product's name written as code writes names: dotted ("Microsoft.Identity.Client 4.61.3.0")
 * or with a capital inside ("SonicOS 6.5.4.4", "FortiOS", "OpenSSL"). A plain word before it ("server
 * 10.0.0.5") keeps it an address.
 */
export function isVersionNumber(text: string, start: number, end: number): boolean {
  if ((text[end] === '-' || text[end] === '+') && /^\d*[a-z]/i.test(text.slice(end + 1, end + 17))) return true;
  let nameEnd = start;
  if (text[nameEnd - 1] !== ' ' && text[nameEnd - 1] !== '\t') return false;
  nameEnd--;
  let nameStart = nameEnd;
  while (nameStart > 0 && nameEnd - nameStart < MAX_PRODUCT_NAME && /[\w.-]/.test(text[nameStart - 1])) nameStart--;
  return looksLikeProductName(text.slice(nameStart, nameEnd));
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
export const OTHER_HASH_BEFORE = /\b(?:imphash|import hash|ssdeep|tlsh|ja3s?|jarm|authentihash|vhash|pehash)(?: hash| fingerprint)?[ \t]*[:=|][ \t]*\x60?$/i;

export const labelType = (label: string): HashType => label.toLowerCase().replace(/[- ]/g, '') as HashType;

/** A hash label joined to the one after it ("MD5/SHA256:", "MD5, SHA-256:", "SHA1 | SHA256"): read backwards from that label. */
const LABEL_BEFORE = /(md5|sha-?(?:1|256|384|512)|sha (?:1|256|384|512))[ \t]*(?:\/|,|\||&|\band\b|\bor\b)[ \t]*$/i;
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
