import { buildModel } from '../model/buildModel';
import type { ReportModel } from '../model/modelTypes';
import { addTableFields } from '../model/tableFields';
import type { ReportSpec } from '../schema/reportSpec';

/**
 * A model for completion and hover while the user types, without parsing the whole report again: the
 * text keeps its lines, but only the section around the cursor (from its H1/H2 heading up to the next
 * one; in the timeline, the `###` phase) keeps its content. What the parse needs to see the report's
 * outline stays: front matter, every H1 and H2 heading (so the present sections and the container of the
 * cursor are those of the full model), code fence lines (so a `#` in code stays code) and HTML comment
 * delimiters. Every other line is blanked. Line numbers are the document's, so ranges on the section's lines are exact.
 *
 * The full analysis (rules, diagnostics) is still made per version, debounced; this model is what the
 * editor features read between two of them.
 */
export interface SectionWindow {
  /** The text with lines outside the window blanked. */
  text: string;
  /** First line of the window (its heading, or 0). */
  startLine: number;
  /** Line after the window (the next H1/H2 heading, or the line count). */
  endLine: number;
}

const HEADING = /^ {0,3}(#{1,6})(?:[ \t]|$)/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;

/**
 * The window around `line` and the text with every other line blanked; one pass over the text. `narrow`
 * says, by its heading text, whether a section's window is the `###` subsection of the line (a timeline
 * phase) rather than the whole section; headings of level 3 and below outside the window are blanked.
 */
export function sectionWindow(text: string, line: number, narrow: (heading: string) => boolean = () => false): SectionWindow {
  const lines = text.split('\n');
  const keep = new Uint8Array(lines.length);
  /** Lines of headings outside fences, and their levels. */
  const headings: { line: number; level: number }[] = [];
  let fence: string | undefined;
  let index = 0;
  // YAML front matter: `---` on the first line up to its closing `---` or `...`.
  if (lines[0]?.replace(/\r$/, '') === '---') {
    keep[0] = 1;
    for (index = 1; index < lines.length; index++) {
      keep[index] = 1;
      const trimmed = lines[index].replace(/\r$/, '');
      if (trimmed === '---' || trimmed === '...') {
        index++;
        break;
      }
    }
  }
  for (; index < lines.length; index++) {
    const current = lines[index];
    const fenceMatch = FENCE.exec(current);
    if (fenceMatch) {
      keep[index] = 1;
      const marker = fenceMatch[1];
      if (fence === undefined) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length && current.trim() === marker) fence = undefined;
      continue;
    }
    if (fence !== undefined) continue;
    if (current.includes('<!--') || current.includes('-->')) keep[index] = 1;
    const heading = HEADING.exec(current);
    if (heading) {
      const level = heading[1].length;
      headings.push({ line: index, level });
      if (level <= 2) keep[index] = 1;
    } else if (SETEXT_UNDERLINE.test(current) && index > 0) {
      keep[index] = 1;
      keep[index - 1] = 1;
    }
  }
  const [startLine, endLine] = windowOf(headings, lines, line, narrow);
  for (let kept = startLine; kept < endLine; kept++) keep[kept] = 1;
  for (let blank = 0; blank < lines.length; blank++) if (!keep[blank]) lines[blank] = '';
  return { text: lines.join('\n'), startLine, endLine };
}

/** From the last H1/H2 at or above `line` (or 0) up to the next (or the end); narrowed to the `###` of `line` where `narrow` says. */
function windowOf(
  headings: readonly { line: number; level: number }[],
  lines: readonly string[],
  line: number,
  narrow: (heading: string) => boolean,
): [number, number] {
  let section: number | undefined;
  let subsection: number | undefined;
  let end = lines.length;
  let subsectionEnd: number | undefined;
  for (const heading of headings) {
    if (heading.line <= line) {
      if (heading.level <= 2) [section, subsection] = [heading.line, undefined];
      else if (heading.level === 3) subsection = heading.line;
      continue;
    }
    if (heading.level <= 3 && subsectionEnd === undefined) subsectionEnd = heading.line;
    if (heading.level <= 2) {
      end = heading.line;
      break;
    }
  }
  if (section === undefined) return [0, end];
  if (
    subsection !== undefined &&
    narrow(
      lines[section]
        .replace(/^ {0,3}#+/, '')
        .replace(/[ \t]#+[ \t]*$/, '')
        .trim(),
    )
  )
    return [subsection, subsectionEnd ?? end];
  return [section, end];
}

/** The model of the section window around `line`, with table fields read as the check reads them. */
export function sectionModel(text: string, line: number, spec: ReportSpec): { model: ReportModel; startLine: number; endLine: number } {
  // A timeline phase's fields are its own: its window is the phase (the timeline of a long report is most of it).
  const window = sectionWindow(text, line, (heading) => spec.findSection(heading)?.kind === 'timeline');
  const model = buildModel(window.text);
  addTableFields(model, spec);
  return { model, startLine: window.startLine, endLine: window.endLine };
}
