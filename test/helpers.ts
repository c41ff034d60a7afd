import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ReportEngine } from '../server/src/engine/engine';
import type { EngineHost } from '../server/src/engine/host';
import type { Finding, Range } from '../server/src/engine/types';
import { createBundledReportSchema, loadBundledCatalog } from '../server/src/node/bundledResources';
import { createNodeHost, type NodeHostOptions } from '../server/src/node/nodeHost';
import { packageRoot } from '../server/src/node/packageRoot';

/** The project root, found from the compiled test's location (out/test/...). */
export function projectRoot(): string {
  return packageRoot(__dirname);
}

export const SEED_PATH = join(projectRoot(), 'examples', 'microsoft-mfa-outage.md');
/** The seed report as the file has it: two of its timeline phases have no date (timeline-undated notes). */
export const rawSeedText = (): string => readFileSync(SEED_PATH, 'utf8');
/**
 * The seed with a date in the text of its two undated timeline phases (on their own lines, so every line
 * and range of the file stays where it is): the report most rule tests start from, without the two
 * timeline-undated notes that the raw seed rightly gets (tested in test/unit/engine/timelineUndated.test.ts).
 */
export const seedText = (): string =>
  rawSeedText()
    .replace('- **Impact:** Administrative', '- **Impact:** From June 1, 2026, administrative')
    .replace('- **Discovery:** Public reports', '- **Discovery:** On June 1, 2026, public reports');

/**
 * The seed as a writer following today's ATT&CK writes it (its `Defense Evasion: N/A` row as Stealth and
 * Defense Impairment rows): a report with no finding at all under the default version, v19.2. The seed
 * itself gets one note there (attack-migration); tests about other things start from this one.
 */
export const cleanReportText = (): string => seedText().replace('- **Defense Evasion:** N/A', '- **Stealth:** N/A\n- **Defense Impairment:** N/A');

/** A fixed clock so that date rules are reproducible. */
export const TEST_NOW = new Date('2026-11-27T12:00:00Z');

/** The Node host on the test clock; pass `fileSystem` to serve files from memory. */
export function testHost(options: NodeHostOptions = {}): EngineHost {
  return createNodeHost({ now: () => TEST_NOW, ...options });
}

let sharedEngine: ReportEngine | undefined;
/**
 * The engine the rule tests use: ATT&CK v18.1 unless a report chooses otherwise (`attack: v19.2`), because
 * the seed and the rule cases are v18-era reports and those tests are about their rules, not the version.
 * What v19.2, the default, does with them is tested in test/unit/attack/attackVersions.test.ts and through
 * the workspace, the CLI and the language server, which use the default.
 */
export function engine(): ReportEngine {
  sharedEngine ??= new ReportEngine({
    schema: createBundledReportSchema(),
    catalog: loadBundledCatalog('18.1'),
    bundledCatalog: loadBundledCatalog,
    now: () => TEST_NOW,
  });
  return sharedEngine;
}

let defaultEngine: ReportEngine | undefined;
/** The engine as the workspace builds it with no configuration: ATT&CK v19.2 by default. */
export function defaultVersionEngine(): ReportEngine {
  defaultEngine ??= new ReportEngine({
    schema: createBundledReportSchema(),
    catalog: loadBundledCatalog(),
    bundledCatalog: loadBundledCatalog,
    now: () => TEST_NOW,
  });
  return defaultEngine;
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
