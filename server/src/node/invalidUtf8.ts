import { LineIndex } from '../engine/text/lineIndex';

/** The first ill-formed sequence of a byte string, located as the WHATWG UTF-8 decoder finds it. */
export interface InvalidUtf8 {
  /** Byte offset of its first byte (zero-based). */
  offset: number;
  /** Its bytes: the maximal subpart of a well-formed sequence (one byte when it cannot start one). */
  bytes: number[];
  /** 1-based line, and 1-based column in UTF-16 code units, of the same place in the text before it (a leading BOM is not counted). */
  line: number;
  column: number;
  /** What is wrong, in words: "an overlong encoding", "an encoded surrogate (U+D800–U+DFFF)", … */
  reason: string;
}

/**
 * The first ill-formed sequence in `bytes`, or undefined if they are well-formed UTF-8.
 *
 * The rules are the WHATWG Encoding Standard's UTF-8 decoder (and Unicode's "maximal subpart" practice):
 * the lead byte sets the range of the first continuation byte (E0: A0–BF, so no overlong 3-byte form;
 * ED: 80–9F, so no surrogate; F0: 90–BF, no overlong 4-byte form; F4: 80–8F, nothing above U+10FFFF), and a
 * sequence ends at the first byte that does not fit, that byte not included. A valid prefix of a
 * sequence cut off by another byte or by the end of the bytes is the bad sequence.
 */
export function findInvalidUtf8(bytes: Uint8Array): InvalidUtf8 | undefined {
  for (let index = 0; index < bytes.length;) {
    const lead = bytes[index];
    if (lead < 0x80) {
      index++;
      continue;
    }
    const needed = lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : 0;
    if (needed === 0) return located(bytes, index, 1, leadReason(lead));
    let lower = 0x80;
    let upper = 0xbf;
    if (lead === 0xe0) lower = 0xa0;
    else if (lead === 0xed) upper = 0x9f;
    else if (lead === 0xf0) lower = 0x90;
    else if (lead === 0xf4) upper = 0x8f;
    for (let seen = 1; seen <= needed; seen++) {
      if (index + seen >= bytes.length) return located(bytes, index, seen, 'the text ends in the middle of a character');
      const byte = bytes[index + seen];
      if (byte < lower || byte > upper) {
        const reason = seen === 1 && byte >= 0x80 && byte <= 0xbf ? rangeReason(lead) : `a character cut short by byte 0x${hex(byte)}`;
        return located(bytes, index, seen, reason);
      }
      lower = 0x80;
      upper = 0xbf;
    }
    index += needed + 1;
  }
  return undefined;
}

/** "line 3, column 9 (byte offset 41): an encoded surrogate …, bytes ED" */
export function describeInvalidUtf8(found: InvalidUtf8): string {
  const shown = found.bytes.map(hex).join(' ');
  return `line ${found.line}, column ${found.column} (byte offset ${found.offset}): ${found.reason} (byte${found.bytes.length === 1 ? '' : 's'} ${shown})`;
}

function leadReason(lead: number): string {
  if (lead <= 0xbf) return 'a continuation byte with no character to continue';
  if (lead <= 0xc1) return 'an overlong encoding (a character that has a shorter form)';
  return 'a byte that never occurs in UTF-8';
}

/** The first continuation byte is a continuation byte, but out of the range the lead byte allows. */
function rangeReason(lead: number): string {
  if (lead === 0xe0 || lead === 0xf0) return 'an overlong encoding (a character that has a shorter form)';
  if (lead === 0xed) return 'an encoded surrogate (U+D800–U+DFFF are not characters)';
  return 'a code point above U+10FFFF';
}

function located(bytes: Uint8Array, offset: number, length: number, reason: string): InvalidUtf8 {
  let before = new TextDecoder('utf-8').decode(bytes.subarray(0, offset));
  if (before.charCodeAt(0) === 0xfeff) before = before.slice(1);
  const lines = new LineIndex(before);
  const line = lines.lineCount - 1;
  return { offset, bytes: [...bytes.subarray(offset, offset + length)], line: line + 1, column: before.length - lines.lineStart(line) + 1, reason };
}

const hex = (byte: number): string => byte.toString(16).toUpperCase().padStart(2, '0');
