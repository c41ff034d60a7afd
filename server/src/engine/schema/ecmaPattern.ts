/**
 * Translates a JSON Schema `pattern` (an ECMAScript regular expression, as ajv compiles it: flag `u`) into
 * the syntax of RE2, the linear-time engine that runs schema patterns (re2js), with the same meaning.
 *
 * The pattern must already have compiled as an ECMAScript `RegExp` with flag `u`, so its syntax is known to
 * be valid: this is a rewrite of each atom, not a validator. Where the two dialects differ, the ECMAScript
 * meaning is spelt out for RE2:
 * - `.` excludes all four ECMAScript line terminators (RE2's `.` excludes only `\n`);
 * - `\s` and `\S` are ECMAScript's white space and line terminators (RE2's `\s` lacks `\v` and Unicode spaces);
 * - every literal character is written as `\x{…}` (RE2 reads `[[:alpha:]]`, `\Q…\E`, `\z` … differently);
 * - `[]` matches nothing and `[^]` any character; `[\b]` is a backspace;
 * - named groups become non-capturing groups (only whether the pattern matches is asked);
 * - `\p{…}` is mapped to RE2's names for general categories and scripts.
 * `^`, `$`, `\b`, `\B`, `\d`, `\D`, `\w`, `\W`, repetitions and lazy quantifiers mean the same in both.
 * What cannot be run in linear time (look-around, back-references) or that RE2 lacks is refused with
 * {@link UnsupportedSyntax}, naming the construct.
 */

/** A construct of the pattern that the linear-time engine cannot run. `construct` describes it in words. */
export class UnsupportedSyntax extends Error {
  constructor(
    readonly construct: string,
    readonly linearTime: boolean,
  ) {
    super(construct);
  }
}

type Range = readonly [number, number];

const MAX_CODE_POINT = 0x10ffff;
/** RE2's largest repetition count. */
const MAX_REPEAT = 1000;
/** ECMAScript's WhiteSpace and LineTerminator code points: what `\s` matches. */
const SPACE: readonly Range[] = [
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
];
const NOT_SPACE = complement(SPACE);
const LINE_TERMINATORS: readonly Range[] = [
  [0x0a, 0x0a],
  [0x0d, 0x0d],
  [0x2028, 0x2029],
];
const ANY: readonly Range[] = [[0, MAX_CODE_POINT]];

/** ECMAScript's long General_Category names, by RE2's short ones. */
const CATEGORY_ALIASES = new Map<string, string>(
  Object.entries({
    Other: 'C',
    Control: 'Cc',
    cntrl: 'Cc',
    Format: 'Cf',
    Private_Use: 'Co',
    Surrogate: 'Cs',
    Letter: 'L',
    Lowercase_Letter: 'Ll',
    Modifier_Letter: 'Lm',
    Other_Letter: 'Lo',
    Titlecase_Letter: 'Lt',
    Uppercase_Letter: 'Lu',
    Mark: 'M',
    Combining_Mark: 'M',
    Spacing_Mark: 'Mc',
    Enclosing_Mark: 'Me',
    Nonspacing_Mark: 'Mn',
    Number: 'N',
    Decimal_Number: 'Nd',
    digit: 'Nd',
    Letter_Number: 'Nl',
    Other_Number: 'No',
    Punctuation: 'P',
    punct: 'P',
    Connector_Punctuation: 'Pc',
    Dash_Punctuation: 'Pd',
    Close_Punctuation: 'Pe',
    Final_Punctuation: 'Pf',
    Initial_Punctuation: 'Pi',
    Other_Punctuation: 'Po',
    Open_Punctuation: 'Ps',
    Symbol: 'S',
    Currency_Symbol: 'Sc',
    Modifier_Symbol: 'Sk',
    Math_Symbol: 'Sm',
    Other_Symbol: 'So',
    Separator: 'Z',
    Line_Separator: 'Zl',
    Paragraph_Separator: 'Zp',
    Space_Separator: 'Zs',
  }),
);
/** The short names themselves (`Lu`): every alias's value, so the two cannot drift apart. */
const CATEGORIES = new Set(CATEGORY_ALIASES.values());
/** Binary properties that are plain ranges. */
const RANGE_PROPERTIES = new Map<string, readonly Range[]>([
  ['Any', ANY],
  ['ASCII', [[0, 0x7f]]],
  [
    'ASCII_Hex_Digit',
    [
      [0x30, 0x39],
      [0x41, 0x46],
      [0x61, 0x66],
    ],
  ],
]);

const LOOK_AHEAD = new UnsupportedSyntax('a look-ahead ((?= or (?!)', true);
const LOOK_BEHIND = new UnsupportedSyntax('a look-behind ((?<= or (?<!)', true);
const BACK_REFERENCE = new UnsupportedSyntax('a back-reference (\\1 or \\k<name>)', true);
const MODIFIERS = new UnsupportedSyntax('an inline modifier group such as (?i:…)', false);
const PROPERTY = new UnsupportedSyntax('a Unicode property other than a general category (\\p{Lu}) or a script (\\p{Script=Greek})', false);
const REPEAT = new UnsupportedSyntax(`a repetition count above ${MAX_REPEAT}`, false);

/** The RE2 pattern that matches what `source` (valid with flag `u`) matches. Throws UnsupportedSyntax. */
export function toRe2Syntax(source: string): string {
  return new Translator(source).translate();
}

class Translator {
  private index = 0;
  private out = '';

  constructor(private readonly source: string) {}

  translate(): string {
    const { source } = this;
    while (this.index < source.length) {
      const char = source[this.index];
      if (char === '\\') this.out += this.escapeOutsideClass();
      else if (char === '[') this.out += this.characterClass();
      else if (char === '(') this.out += this.groupOpening();
      else if (char === '{') this.out += this.repetition();
      else if (char === '.') {
        this.out += classOf(LINE_TERMINATORS, true);
        this.index++;
      } else if ('^$|)*+?'.includes(char)) {
        this.out += char;
        this.index++;
      } else {
        this.out += literal(this.codePoint());
      }
    }
    return this.out;
  }

  /** The code point at the index, consumed. */
  private codePoint(): number {
    const value = this.source.codePointAt(this.index) ?? 0;
    this.index += value > 0xffff ? 2 : 1;
    return value;
  }

  private startsWith(text: string): boolean {
    return this.source.startsWith(text, this.index);
  }

  private groupOpening(): string {
    this.index++;
    if (!this.startsWith('?')) return '(';
    if (this.startsWith('?:')) {
      this.index += 2;
      return '(?:';
    }
    if (this.startsWith('?=') || this.startsWith('?!')) throw LOOK_AHEAD;
    if (this.startsWith('?<=') || this.startsWith('?<!')) throw LOOK_BEHIND;
    if (this.startsWith('?<')) {
      this.index = this.source.indexOf('>', this.index) + 1;
      return '(?:';
    }
    throw MODIFIERS;
  }

  /** `{n}`, `{n,}` or `{n,m}` (with flag `u`, a brace is always a repetition). */
  private repetition(): string {
    const end = this.source.indexOf('}', this.index);
    const body = this.source.slice(this.index + 1, end);
    this.index = end + 1;
    for (const count of body.split(',')) if (count !== '' && Number(count) > MAX_REPEAT) throw REPEAT;
    return `{${body}}`;
  }

  private escapeOutsideClass(): string {
    const next = this.source[this.index + 1];
    if (next !== undefined && 'bBdDwW'.includes(next)) {
      this.index += 2;
      return `\\${next}`;
    }
    if (next === 's' || next === 'S') {
      this.index += 2;
      return classOf(SPACE, next === 'S');
    }
    if (next === 'p' || next === 'P') {
      const property = this.property();
      return typeof property === 'string' ? property : classOf(property, false);
    }
    if (next === 'k' || (next !== undefined && next >= '1' && next <= '9')) throw BACK_REFERENCE;
    return literal(this.characterEscape());
  }

  /** `\p{…}` or `\P{…}`: RE2's `\p{Name}` or `\P{Name}`, or the ranges it stands for (complemented for `\P`). */
  private property(): string | readonly Range[] {
    const negated = this.source[this.index + 1] === 'P';
    const end = this.source.indexOf('}', this.index);
    const body = this.source.slice(this.index + 3, end);
    this.index = end + 1;
    const ranges = RANGE_PROPERTIES.get(body);
    if (ranges) return negated ? complement(ranges) : ranges;
    const [name, value] = body.includes('=') ? body.split('=') : ['General_Category', body];
    let re2Name: string | undefined;
    if (name === 'General_Category' || name === 'gc') re2Name = CATEGORIES.has(value) ? value : CATEGORY_ALIASES.get(value);
    else if (name === 'Script' || name === 'sc') re2Name = value;
    if (re2Name === undefined) throw PROPERTY;
    return `\\${negated ? 'P' : 'p'}{${re2Name}}`;
  }

  /** A character escape (after the backslash): `\n`, `\cJ`, `\x0a`, `\u000a`, `\u{a}`, `\0`, `\/`, …; consumed. */
  private characterEscape(): number {
    this.index++;
    const char = this.source[this.index];
    const simple = { t: 0x09, n: 0x0a, v: 0x0b, f: 0x0c, r: 0x0d, '0': 0 }[char];
    if (simple !== undefined) {
      this.index++;
      return simple;
    }
    if (char === 'c') {
      this.index += 2;
      return this.source.charCodeAt(this.index - 1) % 32;
    }
    if (char === 'x') return this.hex(1, 2);
    if (char === 'u' && this.source[this.index + 1] === '{') {
      const end = this.source.indexOf('}', this.index);
      const value = parseInt(this.source.slice(this.index + 2, end), 16);
      this.index = end + 1;
      return value;
    }
    if (char === 'u') {
      const lead = this.hex(1, 4);
      // With flag `u`, an escaped surrogate pair is one character.
      if (lead >= 0xd800 && lead <= 0xdbff && this.startsWith('\\u') && !this.startsWith('\\u{')) {
        const trail = parseInt(this.source.slice(this.index + 2, this.index + 6), 16);
        if (trail >= 0xdc00 && trail <= 0xdfff) {
          this.index += 6;
          return 0x10000 + ((lead - 0xd800) << 10) + (trail - 0xdc00);
        }
      }
      return lead;
    }
    return this.codePoint(); // an identity escape: \. \/ \- \\ …
  }

  private hex(skip: number, digits: number): number {
    const start = this.index + skip;
    this.index = start + digits;
    return parseInt(this.source.slice(start, start + digits), 16);
  }

  /** `[…]` or `[^…]`, as an RE2 class of `\x{…}` ranges, Perl classes and properties. */
  private characterClass(): string {
    this.index++;
    const negated = this.startsWith('^');
    if (negated) this.index++;
    const items: string[] = [];
    while (!this.startsWith(']')) {
      const set = this.classSet();
      if (set !== undefined) {
        items.push(set);
        continue;
      }
      const low = this.classCharacter();
      if (this.startsWith('-') && !this.startsWith('-]')) {
        this.index++;
        items.push(`${hexEscape(low)}-${hexEscape(this.classCharacter())}`);
      } else {
        items.push(hexEscape(low));
      }
    }
    this.index++;
    if (items.length === 0) return classOf(ANY, !negated);
    return `[${negated ? '^' : ''}${items.join('')}]`;
  }

  /** A class escape that stands for a set (`\d`, `\s`, `\p{…}` …), as the text of class items; undefined for a character. */
  private classSet(): string | undefined {
    if (!this.startsWith('\\')) return undefined;
    const next = this.source[this.index + 1];
    if (next !== undefined && 'dDwW'.includes(next)) {
      this.index += 2;
      return `\\${next}`;
    }
    if (next === 's' || next === 'S') {
      this.index += 2;
      return rangeItems(next === 's' ? SPACE : NOT_SPACE);
    }
    if (next === 'p' || next === 'P') {
      const property = this.property();
      return typeof property === 'string' ? property : rangeItems(property);
    }
    return undefined;
  }

  private classCharacter(): number {
    if (!this.startsWith('\\')) return this.codePoint();
    if (this.source[this.index + 1] === 'b') {
      this.index += 2;
      return 0x08;
    }
    return this.characterEscape();
  }
}

function hexEscape(codePoint: number): string {
  return `\\x{${codePoint.toString(16)}}`;
}

function literal(codePoint: number): string {
  const isAlphanumeric = (codePoint >= 0x30 && codePoint <= 0x39) || (codePoint >= 0x41 && codePoint <= 0x5a) || (codePoint >= 0x61 && codePoint <= 0x7a);
  return isAlphanumeric ? String.fromCodePoint(codePoint) : hexEscape(codePoint);
}

function rangeItems(ranges: readonly Range[]): string {
  return ranges.map(([low, high]) => (low === high ? hexEscape(low) : `${hexEscape(low)}-${hexEscape(high)}`)).join('');
}

function classOf(ranges: readonly Range[], negated: boolean): string {
  return `[${negated ? '^' : ''}${rangeItems(ranges)}]`;
}

/** The code points not in `ranges` (sorted, disjoint). */
function complement(ranges: readonly Range[]): Range[] {
  const result: Range[] = [];
  let next = 0;
  for (const [low, high] of ranges) {
    if (low > next) result.push([next, low - 1]);
    next = high + 1;
  }
  if (next <= MAX_CODE_POINT) result.push([next, MAX_CODE_POINT]);
  return result;
}
