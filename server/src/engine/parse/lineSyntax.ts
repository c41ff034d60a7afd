/**
 * Column finders for the few line shapes the model needs, applied to one source line. They follow
 * CommonMark's syntax for the construct the block parser already identified on that line, so positions
 * are derived, never searched for.
 */

/** Start of an ATX heading's text and end of it (closing `#` sequence and spaces excluded). */
export function atxHeadingText(line: string): { start: number; end: number } | undefined {
  const open = /^ {0,3}(#{1,6})(?=[ \t]|$)[ \t]*/.exec(line);
  if (!open) return undefined;
  const start = open[0].length;
  let end = line.length;
  while (end > start && isBlank(line.charCodeAt(end - 1))) end--;
  // An optional closing sequence: spaces then only '#' characters.
  let hashes = end;
  while (hashes > start && line[hashes - 1] === '#') hashes--;
  if (hashes < end && (hashes === start || isBlank(line.charCodeAt(hashes - 1)))) {
    end = hashes;
    while (end > start && isBlank(line.charCodeAt(end - 1))) end--;
  }
  return { start, end: Math.max(start, end) };
}

/** Trimmed content span of a line. */
export function trimmedSpan(line: string): { start: number; end: number } {
  // A scan with JavaScript's white space (what trim() removes), without the two copies trim would make.
  let end = line.length;
  while (end > 0 && isTrimmed(line.charCodeAt(end - 1))) end--;
  let start = 0;
  while (start < end && isTrimmed(line.charCodeAt(start))) start++;
  return { start, end };
}

/** A space or a tab. */
function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/**
 * Whether trim() removes the character (what `\s` matches): ASCII blanks and line breaks by code, others as
 * `\s` says. By code rather than `\s.test(line[i])`: no one-character string and no regex call per test.
 */
function isTrimmed(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return code >= 0x80 && WHITE.test(String.fromCharCode(code));
}

/**
 * Where a list item's content starts on its first line: after block-quote prefixes, indentation,
 * the marker (`-`, `*`, `+`, `1.` or `1)`) and the spaces that follow it.
 */
export function listItemContentStart(line: string): number | undefined {
  let index = skipBlanks(line, quotePrefixEnd(line));
  if (line[index] === '-' || line[index] === '*' || line[index] === '+') {
    index++;
  } else {
    let digits = index;
    while (digits < line.length && digits - index < 10 && line[digits] >= '0' && line[digits] <= '9') digits++;
    if (digits === index || digits - index > 9 || (line[digits] !== '.' && line[digits] !== ')')) return undefined;
    index = digits + 1;
  }
  if (index === line.length) return index;
  return line[index] === ' ' || line[index] === '\t' ? skipBlanks(line, index) : undefined;
}

/** The end of the line's block-quote prefixes (`> > `), each with one space or tab after its `>`. */
function quotePrefixEnd(line: string): number {
  // An explicit scan: as a pattern, `(?:[ \t]*>[ \t]?)*[ \t]*` can split the spaces of `> > > x` between
  // the quantifiers in exponentially many ways before it fails.
  let index = 0;
  for (;;) {
    const marker = skipBlanks(line, index);
    if (line[marker] !== '>') return index;
    index = marker + 1;
    if (line[index] === ' ' || line[index] === '\t') index++;
  }
}

/** The end of the run of spaces and tabs starting at `from`. */
export function skipBlanks(line: string, from: number): number {
  let index = from;
  while (line[index] === ' ' || line[index] === '\t') index++;
  return index;
}

export interface FieldSyntax {
  keyStart: number;
  keyEnd: number;
  /** Where the value begins (after the closing emphasis and colon, and spaces). */
  valueStart: number;
}

/**
 * `**Key:** value`, `**Key**: value`, and the same with `__`, starting at `from`. The key must be
 * non-empty and the colon must be directly inside or directly after the strong emphasis.
 */
export function fieldAt(line: string, from: number): FieldSyntax | undefined {
  // Most lines are no field: a key opens with ** or __.
  const open = line.charCodeAt(from);
  if ((open !== 0x2a && open !== 0x5f) || line.charCodeAt(from + 1) !== open) return undefined;
  // A key holds no `*` or `_`: the emphasis closes at the first of them, which must open the same pair.
  const keyStart = from + 2;
  let close = keyStart;
  while (close < line.length && line.charCodeAt(close) !== 0x2a && line.charCodeAt(close) !== 0x5f) close++;
  if (close === keyStart || line.charCodeAt(close) !== open || line.charCodeAt(close + 1) !== open || isTrimmed(line.charCodeAt(keyStart))) return undefined;
  // Inside the emphasis: the key (first and last character not white space), spaces or tabs, a colon or not.
  let keyEnd = close;
  let colonInside = false;
  if (line.charCodeAt(close - 1) === 0x3a /* : */) {
    const end = blankRunStart(line, keyStart, close - 1);
    // `**:**` or a key ending in other white space: the colon is the key's last character.
    if (end > keyStart && !isTrimmed(line.charCodeAt(end - 1))) {
      keyEnd = end;
      colonInside = true;
    }
  } else {
    keyEnd = blankRunStart(line, keyStart, close);
    if (isTrimmed(line.charCodeAt(keyEnd - 1))) return undefined;
  }
  const colonOutside = line.charCodeAt(close + 2) === 0x3a;
  if (colonInside === colonOutside) return undefined;
  const valueStart = skipBlanks(line, close + 2 + (colonOutside ? 1 : 0));
  return { keyStart, keyEnd, valueStart };
}

const WHITE = /\s/;

/** Where the run of spaces and tabs that ends at `end` starts, not before `floor`. */
function blankRunStart(line: string, floor: number, end: number): number {
  while (end > floor && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
  return end;
}

/**
 * Where a line's own words start: after block-quote prefixes, indentation, a list marker and a field key
 * (`**Key:**`); the start of what the IOC table and the exports quote as an indicator's context.
 */
export function lineContentStart(line: string): number {
  const start = listItemContentStart(line) ?? skipBlanks(line, quotePrefixEnd(line));
  return fieldAt(line, start)?.valueStart ?? start;
}
