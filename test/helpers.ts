import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ReportEngine } from '../server/src/engine/engine';
import { createReportSchema } from '../server/src/engine/schema/reportSchema';
import { loadBundledCatalog } from '../server/src/engine/attack/catalog';
import type { Finding, Range } from '../server/src/engine/types';

/** The project root, found from the compiled test's location (out/test/...). */
export function projectRoot(): string {
  for (let directory = __dirname; dirname(directory) !== directory; directory = dirname(directory)) {
    const manifest = join(directory, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'incident-report-studio') return directory;
  }
  throw new Error('project root not found');
}

export const SEED_PATH = join(projectRoot(), 'examples', 'microsoft-mfa-outage.md');
export const seedText = (): string => readFileSync(SEED_PATH, 'utf8');

/** A fixed clock so that date rules are reproducible. */
export const TEST_NOW = new Date('2026-11-27T12:00:00Z');

let sharedEngine: ReportEngine | undefined;
export function engine(): ReportEngine {
  sharedEngine ??= new ReportEngine({ schema: createReportSchema(), catalog: loadBundledCatalog(), now: () => TEST_NOW });
  return sharedEngine;
}

/** `line:char-line:char` in zero-based LSP coordinates, the form every expected range is written in. */
export function formatRange(range: Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

/** One line per finding: `range severity ruleId message`. */
export function describeFinding(finding: Finding): string {
  return `${formatRange(finding.range)} ${finding.severity} ${finding.ruleId} ${finding.message}`;
}

export function check(text: string): string[] {
  return engine().check(text).findings.map(describeFinding);
}

/** Every range inside the text's bounds, with start before end. */
export function assertRangeInside(range: Range, text: string): void {
  const lines = text.split(/\r\n|\r|\n/);
  const valid = (line: number, character: number) => line >= 0 && line < lines.length && character >= 0 && character <= lines[line].length;
  const ordered = range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character);
  if (!valid(range.start.line, range.start.character) || !valid(range.end.line, range.end.character) || !ordered) {
    throw new Error(`range ${formatRange(range)} is outside the document (${lines.length} lines) or reversed`);
  }
}
