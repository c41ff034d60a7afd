import { ConfigError } from '../engine/config/configTypes';
import type { Finding } from '../engine/types';
import type { ReportWorkspace } from '../engine/workspace';
import type { ReadOutcome } from '../node/readReport';
import type { FileResult } from './formatters/formatterTypes';

/*
 * Checking one file, the same in process and in a worker thread (checkPool.ts): the outcome is data (a
 * result or a skip, and what to say on standard error), so that the main thread can replay outcomes in
 * the order of the targets whichever thread made them, and one job and many give the same bytes.
 */

export const NOT_A_REPORT = 'not an incident report (no "# Incident Report" title, report front matter or report sections)';

/** Something to print on standard error, in target order: an invalid configuration (said once per run) or a --verbose note. */
export type CheckEvent = { kind: 'configError'; message: string } | { kind: 'verbose'; message: string };

export interface CheckOutcome {
  /** The file's result, or its display path when it was skipped as not a report. */
  result: FileResult | string;
  events: CheckEvent[];
}

export interface CheckFileOptions {
  /** A file found in a folder or by a glob (or named with --only-reports): skipped when it is not a report. */
  mayBeSkipped: boolean;
  verbose: boolean;
  /** How a configuration file's place is shown: relative to the working directory. */
  display: (path: string) => string;
}

/** Analyses one read file. Keeps only what the output needs: findings, and the source lines they point at. */
export function checkReadFile(workspace: ReportWorkspace, path: string, displayPath: string, read: ReadOutcome, options: CheckFileOptions): CheckOutcome {
  const events: CheckEvent[] = [];
  if ('error' in read) return { result: { path, displayPath, findings: [], error: read.error }, events };
  let checked;
  try {
    checked = workspace.analyse(path, read.text);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    events.push({ kind: 'configError', message: error.toString() });
    if (options.mayBeSkipped && !workspace.isReportWithoutConfig(read.text)) return { result: displayPath, events };
    const place = `${options.display(error.file)}:${error.line + 1}:${error.character + 1}`;
    return { result: { path, displayPath, findings: [], error: `not checked: its configuration is invalid (${place})` }, events };
  }
  if (options.mayBeSkipped && !checked.isReport) {
    if (options.verbose) events.push({ kind: 'verbose', message: `increport: skipped ${displayPath}: ${NOT_A_REPORT}\n` });
    return { result: displayPath, events };
  }
  // A copy of the findings: as the engine returns them they can hold on to the report's text and model.
  return { result: { path, displayPath, findings: structuredClone(checked.findings), frameLines: frameLinesOf(read.text, checked.findings) }, events };
}

/**
 * The lines findings start on, by index: all a code frame shows. Holding these instead of the whole text
 * keeps a folder check's memory to its findings, not to the size of every report read.
 */
export function frameLinesOf(text: string, findings: readonly Finding[]): Record<number, string> {
  const wanted = new Set(findings.map((finding) => finding.range.start.line));
  const kept: Record<number, string> = {};
  if (wanted.size === 0) return kept;
  const last = Math.max(...wanted);
  const lineBreak = /\r\n|\r|\n/g;
  let line = 0;
  let start = 0;
  while (line <= last) {
    const match = lineBreak.exec(text);
    const end = match ? match.index : text.length;
    // A copy, not a slice: V8 would keep the whole report alive behind a sliced string.
    if (wanted.has(line)) kept[line] = JSON.parse(JSON.stringify(text.slice(start, end))) as string;
    if (!match) break;
    start = match.index + match[0].length;
    line++;
  }
  return kept;
}
