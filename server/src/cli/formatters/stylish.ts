import { wholeOutput, type FileResult, type FormatContext, type Formatter, type StreamingFormatter } from './formatterTypes';
import { compareFindings, type Finding, type Severity } from '../../engine/types';

/*
 * Human output, eslint "stylish" plus a one-line code frame per finding.
 * Locations are printed as `path:line:column`, both 1-based; the column is the
 * LSP character + 1, i.e. it counts UTF-16 code units (an emoji counts twice),
 * like eslint and VS Code, so the location stays clickable in the terminal.
 * Code frames expand tabs to tab stops and approximate terminal cell widths so
 * the underline lines up under what the user sees.
 */

const TAB_WIDTH = 4;
/** Longer source lines are cropped around the finding so frames stay readable. */
const MAX_FRAME_WIDTH = 100;
const CONTEXT_BEFORE_CROP = 20;
const ELLIPSIS = '…';
const SEVERITY_LABEL_WIDTH = 'warning'.length;

// Report text is untrusted: control characters, lone surrogates and bidi overrides
// could move the cursor, recolour or reorder the terminal (Trojan Source), so they
// are shown as U+FFFD instead.
const UNSAFE_CHAR = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ud800-\udfff]/u;
const UNSAFE_CHARS = new RegExp(UNSAFE_CHAR.source, 'gu');
const ZERO_WIDTH_CHAR = /^[\p{Mn}\p{Me}\u200b-\u200d\u2060\ufeff]$/u;
/** An approximation of East Asian Wide/Fullwidth and emoji presentation: enough for typical reports. */
const DOUBLE_WIDTH_CHAR =
  /^[\p{Emoji_Presentation}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff01-\uff60\uffe0-\uffe6]$/u;

type Paint = (text: string) => string;
interface Palette {
  bold: Paint;
  dim: Paint;
  success: Paint;
  severity: Record<Severity, Paint>;
}

const unpainted: Paint = (text) => text;
const ansi =
  (open: number, close: number): Paint =>
  (text) =>
    `\u001b[${open}m${text}\u001b[${close}m`;

function makePalette(color: boolean): Palette {
  if (!color) {
    return { bold: unpainted, dim: unpainted, success: unpainted, severity: { error: unpainted, warning: unpainted, info: unpainted } };
  }
  return {
    bold: ansi(1, 22),
    dim: ansi(2, 22),
    success: ansi(32, 39),
    severity: { error: ansi(31, 39), warning: ansi(33, 39), info: ansi(34, 39) },
  };
}

/** For one-line fields (messages, paths): no line breaks, tabs or terminal controls. */
function inline(text: string): string {
  return text.replace(/\r\n|[\t\n\r]/g, ' ').replace(UNSAFE_CHARS, '\uFFFD');
}

function cellWidth(char: string): number {
  if (ZERO_WIDTH_CHAR.test(char)) return 0;
  return DOUBLE_WIDTH_CHAR.test(char) ? 2 : 1;
}

interface Cell {
  text: string;
  column: number;
  width: number;
}

interface LaidOutLine {
  cells: Cell[];
  /** Display column of each UTF-16 offset 0..length (a low surrogate maps to its pair's column). */
  columnAt: number[];
  width: number;
}

function layOut(line: string): LaidOutLine {
  const cells: Cell[] = [];
  const columnAt: number[] = [];
  let column = 0;
  for (let offset = 0; offset < line.length;) {
    const codePoint = line.codePointAt(offset) as number;
    const units = codePoint > 0xffff ? 2 : 1;
    const char = String.fromCodePoint(codePoint);
    for (let unit = 0; unit < units; unit++) columnAt.push(column);
    let cell: Cell;
    if (char === '\t') {
      const width = TAB_WIDTH - (column % TAB_WIDTH);
      cell = { text: ' '.repeat(width), column, width };
    } else if (UNSAFE_CHAR.test(char)) {
      cell = { text: '\uFFFD', column, width: 1 };
    } else {
      cell = { text: char, column, width: cellWidth(char) };
    }
    cells.push(cell);
    column += cell.width;
    offset += units;
  }
  columnAt.push(column);
  return { cells, columnAt, width: column };
}

/** The visible slice [from, to) of a laid-out line; cells cut by the edges become spaces so columns stay true. */
function visibleText(line: LaidOutLine, from: number, to: number): string {
  let text = '';
  for (const cell of line.cells) {
    if (cell.width === 0) {
      if (cell.column > from && cell.column <= to) text += cell.text; // combining mark of a shown character
      continue;
    }
    const start = Math.max(cell.column, from);
    const end = Math.min(cell.column + cell.width, to);
    if (end <= start) continue;
    text += start === cell.column && end === cell.column + cell.width ? cell.text : ' '.repeat(end - start);
  }
  return text;
}

const clamp = (value: number, min: number, max: number): number => Math.min(Math.max(value, min), max);

/** Two lines: the source line with a gutter, and a caret underline; multi-line ranges are underlined to the end of the first line. */
function codeFrame(finding: Finding, lines: Readonly<Record<number, string>>, palette: Palette): string[] {
  const { start, end } = finding.range;
  const source = lines[start.line];
  if (source === undefined) return [];
  const line = layOut(source);
  const startColumn = line.columnAt[clamp(start.character, 0, source.length)];
  const endColumn = end.line > start.line ? line.width : line.columnAt[clamp(end.character, start.character, source.length)];

  let from = 0;
  let to = line.width;
  if (line.width > MAX_FRAME_WIDTH) {
    from = clamp(startColumn - CONTEXT_BEFORE_CROP, 0, line.width - MAX_FRAME_WIDTH);
    to = from + MAX_FRAME_WIDTH;
  }
  const lead = from > 0 ? ELLIPSIS : '';
  const trail = to < line.width ? ELLIPSIS : '';
  const caretOffset = startColumn - from + lead.length;
  const caretCount = Math.max(1, Math.min(endColumn, to) - startColumn);

  const lineNumber = String(start.line + 1);
  const shown = `${lead}${visibleText(line, from, to)}${trail}`.trimEnd();
  const gutter = palette.dim(`    ${lineNumber} |`);
  const emptyGutter = palette.dim(`    ${' '.repeat(lineNumber.length)} |`);
  const underline = palette.severity[finding.severity]('^'.repeat(caretCount));
  return [shown === '' ? gutter : `${gutter} ${shown}`, `${emptyGutter} ${' '.repeat(caretOffset)}${underline}`];
}

function formatFile(result: FileResult, palette: Palette): string[] {
  const path = inline(result.displayPath);
  if (result.error !== undefined) {
    return [`${palette.bold(path)}  ${palette.severity.error('error')}  ${inline(result.error)}`];
  }
  const findings = [...result.findings].sort(compareFindings);
  const lines: Readonly<Record<number, string>> = result.frameLines ?? result.text?.split(/\r\n|\r|\n/) ?? [];
  const locations = findings.map((f) => `${path}:${f.range.start.line + 1}:${f.range.start.character + 1}`);
  const locationWidth = locations.reduce((widest, location) => Math.max(widest, location.length), 0);
  const output = [palette.bold(path)];
  findings.forEach((finding, index) => {
    const severity = palette.severity[finding.severity](finding.severity.padEnd(SEVERITY_LABEL_WIDTH));
    const ruleId = palette.dim(inline(finding.ruleId));
    output.push(`  ${locations[index].padEnd(locationWidth)}  ${severity}  ${inline(finding.message)}  ${ruleId}`);
    output.push(...codeFrame(finding, lines, palette));
  });
  return output;
}

const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
/** "2 errors", "1 warning", "3 info" (info is not counted in the plural). */
const countOf = (count: number, severity: Severity): string => (severity === 'info' ? `${count} info` : plural(count, severity));
/** The summary lists at most this many files with findings; the blocks above show them all. */
const MAX_LISTED_FILES = 10;

function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

/** `✖ 31 problems (10 errors, 20 warnings, 1 info) in 4 of the 6 files checked`. */
function problemsLine(counts: Record<Severity, number>, filesWithProblems: number, checked: number, palette: Palette): string {
  const problems = counts.error + counts.warning + counts.info;
  const paint = palette.severity[SEVERITIES.find((severity) => counts[severity] > 0) ?? 'info'];
  const breakdown = SEVERITIES.filter((severity) => counts[severity] > 0)
    .map((severity) => countOf(counts[severity], severity))
    .join(', ');
  const files =
    filesWithProblems < checked
      ? `${filesWithProblems} of the ${plural(checked, 'file')} checked`
      : checked === 1
        ? 'the 1 file checked'
        : `all ${checked} files checked`;
  return palette.bold(paint(`✖ ${plural(problems, 'problem')} (${breakdown}) in ${files}`));
}

/** A file with findings, as the summary lists it. */
interface ListedFile {
  displayPath: string;
  counts: Record<Severity, number>;
}

/** One line per file with findings (when there are several): where to look first. */
function perFileLines(listed: readonly ListedFile[], total: number, palette: Palette): string[] {
  const paths = listed.map((file) => inline(file.displayPath));
  const width = Math.min(
    60,
    paths.reduce((widest, path) => Math.max(widest, path.length), 0),
  );
  const lines = listed.map((file, index) => {
    const { counts } = file;
    const parts = SEVERITIES.filter((severity) => counts[severity] > 0).map((severity) => palette.severity[severity](countOf(counts[severity], severity)));
    return `    ${paths[index].padEnd(width)}  ${parts.join(', ')}`;
  });
  if (total > listed.length) lines.push(`    … and ${plural(total - listed.length, 'more file')}`);
  return lines;
}

/** Where to read about a rule, without naming the folder increport is installed in. */
function rulesHint(docsBaseUrl: string, palette: Palette): string {
  const page = docsBaseUrl === '' ? "increport's docs/rules/<code>.md" : `${docsBaseUrl}<code>.md`;
  return palette.dim(`Each problem ends with its rule code: \`increport rules\` lists them; ${page} explains each.`);
}

/** "3 warnings and 1 info not shown: --quiet shows errors only", or '' when --quiet hid nothing. */
function hiddenNote(hidden: FormatContext['hiddenByQuiet']): string {
  if (!hidden || hidden.warning + hidden.info === 0) return '';
  const parts = [hidden.warning > 0 ? countOf(hidden.warning, 'warning') : '', hidden.info > 0 ? countOf(hidden.info, 'info') : ''].filter(Boolean);
  return `${parts.join(' and ')} not shown: --quiet shows errors only`;
}

/** What the summary needs of the files seen so far: counts and the first files with findings, not the results. */
interface Tally {
  counts: Record<Severity, number>;
  withProblems: number;
  listed: ListedFile[];
  unreadable: number;
  results: number;
}

function summary(tally: Tally, context: FormatContext, palette: Palette): string[] {
  const { counts, withProblems, unreadable } = tally;
  const checked = tally.results - unreadable;
  const lines: string[] = [];
  const hidden = hiddenNote(context.hiddenByQuiet);
  if (withProblems > 0) {
    lines.push(problemsLine(counts, withProblems, checked, palette));
    if (hidden) lines.push(palette.dim(`  (${hidden})`));
    if (withProblems > 1) lines.push(...perFileLines(tally.listed, withProblems, palette));
    lines.push(rulesHint(context.docsBaseUrl, palette));
  } else if (checked > 0 && hidden) {
    lines.push(palette.success(`✔ No errors (${plural(checked, 'file')} checked; ${hidden})`));
  } else if (checked > 0) {
    lines.push(palette.success(`✔ No problems (${plural(checked, 'file')} checked)`));
  } else if (unreadable === 0) {
    lines.push('No files were checked');
  }
  if (unreadable > 0) {
    lines.push(palette.bold(palette.severity.error(`✖ ${plural(unreadable, 'file')} could not be checked`)));
  }
  return lines;
}

/**
 * The stylish output one file at a time (`increport check` writes each file's block as soon as it is
 * checked): a block per file with findings or an error, each followed by a blank line, then the summary.
 * The context is read again at the end, for `hiddenByQuiet`.
 */
export const stylishStream: StreamingFormatter = (context) => {
  const palette = makePalette(context.color);
  const tally: Tally = { counts: { error: 0, warning: 0, info: 0 }, withProblems: 0, listed: [], unreadable: 0, results: 0 };
  return {
    file(result) {
      tally.results++;
      if (result.error !== undefined) tally.unreadable++;
      if (result.findings.length > 0) {
        const counts = countBySeverity(result.findings);
        for (const severity of SEVERITIES) tally.counts[severity] += counts[severity];
        if (tally.withProblems++ < MAX_LISTED_FILES) tally.listed.push({ displayPath: result.displayPath, counts });
      }
      return result.error !== undefined || result.findings.length > 0 ? `${formatFile(result, palette).join('\n')}\n\n` : '';
    },
    end: () => `${summary(tally, context, palette).join('\n')}\n`,
  };
};

export const stylish: Formatter = wholeOutput(stylishStream);
