/** LSP-compatible position: zero-based line, character counted in UTF-16 code units. */
export interface Position {
  line: number;
  character: number;
}

/** Half-open range [start, end) in LSP coordinates. */
export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'info';

/** A severity a user can configure for a rule: a severity, or 'off'. */
export type RuleSetting = Severity | 'off';

/** Machine-readable hints a quick fix can use without re-deriving them. */
export type FindingData = Record<string, unknown>;

/** One problem found in a report. The shape every adapter (LSP, CLI formatters) consumes. */
export interface Finding {
  /** Stable rule code, e.g. `section-missing`; documented at docs/rules/<ruleId>.md. */
  ruleId: string;
  severity: Severity;
  message: string;
  range: Range;
  data?: FindingData;
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/**
 * Code-point order, the same on every machine. Not localeCompare: its order depends on the locale, and its
 * first call loads the runtime's collation data (6-9 ms of a cold `increport check`, measured).
 */
export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareFindings(a: Finding, b: Finding): number {
  return comparePositions(a.range.start, b.range.start) || comparePositions(a.range.end, b.range.end) || compareCodePoints(a.ruleId, b.ruleId);
}
