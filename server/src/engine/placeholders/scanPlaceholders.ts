import { isLetterAt, isWhitespaceAt, isWordCharAt } from '../text/chars';
import { isAddress, isHtmlTag } from './htmlTags';

/**
 * Template leftovers in one line of report text, as people leave them: `TBD`, `[Insert date]`, `<Company
 * Name>`, `{{owner}}`, `YYYY-MM-DD`, `lorem ipsum`. docs/rules/placeholder.md lists exactly what is and
 * is not found. Every pattern starts with a literal (or a look-behind and a literal) and its runs exclude
 * the character that starts the next attempt, so a line is read a bounded number of times.
 */

/** One placeholder: `start`…`end` (exclusive) in the line, and its text. */
export interface Placeholder {
  start: number;
  end: number;
  text: string;
}

/**
 * A necessary condition for every pattern below, tested first: most lines hold no placeholder. Only
 * literals and upper-case first letters where it can (`b[cd]` for `tbd`, `:mm` for `hh:mm`): an
 * alternative that starts with a frequent lower-case letter (`[Tt]`, `[Yy]`) makes the test several times
 * slower. `<!` starts no placeholder, so lines holding only HTML comments do not pass.
 */
const MAY_HAVE_MARKED_PLACEHOLDER = /<(?!!)|\[|\{\{|B[CD]|b[cd]|TODO|ToDo|Todo|FIXME|Fixme|fixme|XXX|YYYY|yyyy|:MM|:mm|[Ll][Oo][Rr][Ee][Mm]/;
/** Lower-case `todo` or `xxx` where a value stands (VALUE_WORD): tested only on a line that holds one, since `|` starts many attempts in a table. */
const MAY_HAVE_VALUE_WORD = /[:|][*_]{0,2}[ \t]{0,8}(?:todo|xxx)|^[ \t]{0,8}(?:todo|xxx)/;
export const MAY_HAVE_PLACEHOLDER = {
  test: (text: string): boolean =>
    MAY_HAVE_MARKED_PLACEHOLDER.test(text) || ((text.includes('todo') || text.includes('xxx')) && MAY_HAVE_VALUE_WORD.test(text)),
};

/**
 * `TBD`, `TBC`, `FIXME` in upper, lower or capitalised case; `TODO` and `ToDo`/`Todo` (not `todo`, the
 * noun of "a todo list"); `XXX` in upper case only. Not inside identifiers or file names (`TODO_LIST`,
 * `TODO.md`) or joined by `-` (the redaction `XXX-XX-1234`).
 */
const ABBREVIATION = /(?<![\w-]|\w\.)(?:TB[CD]|Tb[cd]|tb[cd]|TODO|To[Dd]o|FIXME|Fixme|fixme|XXX)(?![\w-]|\.\w)/g;
/**
 * Lower-case `todo` and `xxx` where a value stands, alone: after a key's colon (`Owner: todo`, `**Owner:**
 * todo`), as a table cell (`| todo |`) or as the whole line, and followed by nothing but punctuation. In
 * prose they are words (`the todo list`, `xxx-large`) and not reported.
 */
const VALUE_WORD = /(?<=(?:[:|][*_]{0,2}|^)[ \t]{0,8})(?:todo|xxx)(?=[ \t]*(?:$|\||[.;,!)]))/g;
const ELLIPSIS = /\[(?:\.\.\.|…)\]/g;
const LOREM = /\blorem ipsum\b/gi;
const TEMPLATE_VARIABLE = /\{\{[^{}\n]*\}\}/g;
/** `[Name]`, `[Company Name]`: 1–5 words of letters, the first capitalised (so not `[REDACTED]` or `[T1566]`). */
const CAPITALISED_BRACKET = /\[[A-Z][a-z]+(?: [A-Za-z]+){0,4}\](?![([:])/g;
/** `[insert date]`, `[Enter hostname here]`, `[your name]`, `[TBD: owner]`: any text after a word that asks for content. */
const KEYWORD_BRACKET = /\[ *(?:insert|enter|add|your|describe|specify|tbd|tbc|todo)\b[^[\]\n]*\](?![([:])/gi;
/**
 * Date and time formats, each part in upper or lower case (`YYYY-MM-DD`, `yyyy-MM-dd`, `dd/mm/yyyy`,
 * `YYYY-MM-DDTHH:MM:SSZ`, `YYYY-MM`, `HH:MM`, `hh:mm:ss`).
 */
const DATE_FORMAT =
  /(?<![\w-])(?:(?:YYYY|yyyy)[-/.](?:MM|mm)[-/.](?:DD|dd)(?:[Tt](?:HH|hh):(?:MM|mm)(?::(?:SS|ss))?Z?)?|(?:DD|dd)[-/.](?:MM|mm)[-/.](?:YYYY|yyyy)|(?:MM|mm)[-/.](?:DD|dd)[-/.](?:YYYY|yyyy)|(?:YYYY|yyyy)[-/](?:MM|mm)|(?:HH|hh):(?:MM|mm)(?::(?:SS|ss))?)(?![\w-])/g;
/**
 * `<…>` not after a letter, digit, `/` or `\` (as in `List<T>` or `C:\Users\<user>`) and not a link's
 * destination `](<…>)`, or escaped as `\<…\>`: group 1 is the escaping backslash, group 2 the text inside.
 * `angleKind` tells placeholders from tags, autolinks and other text.
 */
const ANGLE = /(?<![\w/<\\]|\]\()(\\?)<(?![\s/!?])([^<>\n]+)>/g;

const PATTERNS: readonly RegExp[] = [ABBREVIATION, VALUE_WORD, ELLIPSIS, LOREM, TEMPLATE_VARIABLE, CAPITALISED_BRACKET, KEYWORD_BRACKET, DATE_FORMAT, ANGLE];

export interface ScanOptions {
  /** Whether `[label]` is a link: the label (lower-cased) of a link reference definition. */
  isReferenceLabel?: (label: string) => boolean;
}

/**
 * Start and end offsets one after the other (`[start0, end0, start1, end1, …]`, end exclusive), in a typed
 * array that doubles as it fills. A line can hold thousands of placeholders: a growing array of numbers,
 * live while each match allocates, was copied by every young-generation collection, and a long line took
 * time growing faster than its length; a typed array's store is not copied.
 */
class Spans {
  data = new Int32Array(16);
  length = 0;

  push(start: number, end: number): void {
    if (this.length + 2 > this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = start;
    this.data[this.length++] = end;
  }
}

const NO_SPANS = new Spans();

/**
 * The placeholders of `text` (one line, its code spans and comments already blanked), in order, as start
 * and end offsets one after the other (no object per placeholder). A placeholder inside another (`TBD` in
 * `<TBD>` or `[TBD]`) is part of it and not given again; one inside an HTML tag or an autolink
 * (`<a title="TODO">`, `<https://example.com/TODO>`) is not report text; one inside a quotation (`"Action
 * required: TODO list"`) is quoted text and not given, unless it is the whole quotation (`"TBD"`,
 * `"[insert subject]"`). Callers reading many lines test `MAY_HAVE_PLACEHOLDER` first.
 */
export function placeholderSpans(text: string, options: ScanOptions = {}): Int32Array {
  // One run of spans per pattern, each in order; tags and autolinks apart, so that what they hold is dropped.
  const runs: Spans[] = [];
  let markup = NO_SPANS;
  for (const pattern of PATTERNS) {
    let run = NO_SPANS;
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      const start = match.index;
      const end = start + match[0].length;
      const kind = pattern === ANGLE ? angleKind(match[1], match[2], text, end) : 'placeholder';
      if (kind === 'markup') (markup === NO_SPANS ? (markup = new Spans()) : markup).push(start, end);
      if (kind !== 'placeholder') continue;
      if (match[0].startsWith('[') && options.isReferenceLabel?.(match[0].slice(1, -1).toLowerCase())) continue;
      (run === NO_SPANS ? (run = new Spans()) : run).push(start, end);
    }
    if (run !== NO_SPANS) runs.push(run);
  }
  if (runs.length === 0) return NO_SPANS.data.subarray(0, 0);
  // One pattern's matches never overlap: with no other run and no markup, nothing is nested.
  let outermost = runs.length === 1 && markup === NO_SPANS ? runs[0] : withoutNested(runs.length === 1 ? runs[0] : merged(runs), markup);
  if (text.includes('"') || text.includes('“')) outermost = outsideQuotations(text, outermost);
  return outermost.data.subarray(0, outermost.length);
}

/** The placeholders of `text` as objects with their text: see `placeholderSpans`. */
export function findPlaceholders(text: string, options: ScanOptions = {}): Placeholder[] {
  const spans = placeholderSpans(text, options);
  const placeholders: Placeholder[] = [];
  for (let index = 0; index < spans.length; index += 2)
    placeholders.push({ start: spans[index], end: spans[index + 1], text: text.slice(spans[index], spans[index + 1]) });
  return placeholders;
}

/** Whether the line holds a placeholder that starts at `at` (for values: "is this value a placeholder?"). */
export function placeholderAt(text: string, at: number): boolean {
  if (!MAY_HAVE_PLACEHOLDER.test(text)) return false;
  const spans = placeholderSpans(text);
  for (let index = 0; index < spans.length; index += 2) if (spans[index] === at) return true;
  return false;
}

/** The spans of a few ordered runs as one, ordered by start, the longer first (a merge: no sort). */
function merged(runs: readonly Spans[]): Spans {
  const result = new Spans();
  const next = runs.map(() => 0);
  for (;;) {
    let best = -1;
    for (let run = 0; run < runs.length; run++) {
      const at = next[run];
      if (at >= runs[run].length) continue;
      if (best < 0) {
        best = run;
        continue;
      }
      const { data } = runs[run];
      const bestData = runs[best].data;
      if (data[at] < bestData[next[best]] || (data[at] === bestData[next[best]] && data[at + 1] > bestData[next[best] + 1])) best = run;
    }
    if (best < 0) return result;
    result.push(runs[best].data[next[best]], runs[best].data[next[best] + 1]);
    next[best] += 2;
  }
}

/**
 * `spans` (ordered by start, the longer first) without those that lie inside an earlier one or overlap it,
 * or start inside a `markup` span (ordered, none inside another: one pattern's matches).
 */
function withoutNested(spans: Spans, markup: Spans): Spans {
  const kept = new Spans();
  const { data } = spans;
  let end = -1;
  let tag = 0;
  for (let index = 0; index < spans.length; index += 2) {
    // Markup that starts first covers what follows it as a placeholder that starts first would.
    while (tag < markup.length && markup.data[tag] <= data[index]) {
      end = Math.max(end, markup.data[tag + 1]);
      tag += 2;
    }
    if (data[index] < end) continue;
    kept.push(data[index], data[index + 1]);
    end = data[index + 1];
  }
  return kept;
}

/**
 * What `<inside>` (escaped when `backslash` is `\`), ending at `end` in `line`, is: a placeholder (also
 * standing alone on its right: not before a letter, digit, `/` or `\`), `markup` (an HTML tag, an autolink or
 * an address in brackets), or neither (`<- TODO ->`, `<3 days>`: text, read as any other).
 */
function angleKind(backslash: string, inside: string, line: string, end: number): 'placeholder' | 'markup' | undefined {
  // `\<name\>` is escaped on both sides; `\<` alone, or `\>` alone, is not a placeholder written that way.
  if ((backslash === '\\') !== inside.endsWith('\\')) return undefined;
  const text = backslash === '\\' ? inside.slice(0, -1) : inside;
  if (isHtmlTag(text) || isAddress(text)) return 'markup';
  if (isWordCharAt(line, end) || line[end] === '/' || line[end] === '\\') return undefined;
  return isLetterAt(text, 0) || text.startsWith('.') || text.startsWith('…') || text.startsWith('_') ? 'placeholder' : undefined;
}

/**
 * Quotations in the line, as `[open, close]` offsets of their quote marks: a `"` or `“` not after a letter
 * or digit (so not the inch mark of `27"`) and before a non-space, closed by the next `"` or `”` after a
 * non-space. A quotation still open at the end of the line quotes the rest of it: a paragraph's quotation
 * goes on on its next line ("… Apache Santuario [...] could" / "have mitigated …").
 */
function quotations(text: string): Spans {
  const spans = new Spans();
  let open = -1;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (open < 0) {
      if ((code === 0x22 || code === 0x201c) && !isWordCharAt(text, index - 1) && index + 1 < text.length && !isWhitespaceAt(text, index + 1)) open = index;
    } else if ((code === 0x22 || code === 0x201d) && !isWhitespaceAt(text, index - 1)) {
      spans.push(open, index);
      open = -1;
    }
  }
  if (open >= 0) spans.push(open, text.length);
  return spans;
}

/** `spans` (in order, none inside another) without those inside a quotation, unless one is all of it. */
function outsideQuotations(text: string, spans: Spans): Spans {
  const quoted = quotations(text);
  if (quoted.length === 0) return spans;
  const kept = new Spans();
  const { data } = spans;
  let quote = 0;
  for (let index = 0; index < spans.length; index += 2) {
    const start = data[index];
    const end = data[index + 1];
    while (quote < quoted.length && quoted.data[quote + 1] < end) quote += 2;
    const inside = quote < quoted.length && quoted.data[quote] < start && end <= quoted.data[quote + 1];
    const whole = inside && start === quoted.data[quote] + 1 && end === quoted.data[quote + 1];
    if (!inside || whole) kept.push(start, end);
  }
  return kept;
}
