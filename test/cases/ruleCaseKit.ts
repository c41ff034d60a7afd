/**
 * What the shared table of rule cases (ruleCases.ts, contentRuleCases.ts) is made of: each is a report text and the exact findings it must produce
 * (zero-based LSP ranges, severity, rule, message). The engine tests and the CLI tests both run it.
 *
 * No case depends on the calendar: every case is built for a clock the test chooses. The seed's dates
 * (June 2026) are moved to a year that lies in that clock's past, and a date meant to be in the future is
 * written relative to the clock. Expected messages name those years through placeholders: {year} (the
 * report's year), {futureYear} and {today} (the clock's date).
 */
export interface RuleCase {
  name: string;
  /** A date rule case: also run with the clock at other dates, which must give the same findings. */
  dates?: boolean;
  /** Builds the report from the seed report's text, already moved to `clock.year`. */
  build(seed: string, clock: CaseClock): string;
  expected: string[];
}

/** The years a case is built with, for one clock. */
export interface CaseClock {
  now: Date;
  /** A year whose June lies in the clock's past: the seed's 2026 becomes this year. */
  year: number;
  /** The year after the clock's own: any date in it is in the future. */
  futureYear: number;
  /** The clock's date, YYYY-MM-DD (UTC). */
  today: string;
}

const HALF_A_YEAR_MS = 183 * 24 * 60 * 60 * 1000;

export function caseClock(now: Date): CaseClock {
  const year = new Date(now.getTime() - HALF_A_YEAR_MS).getUTCFullYear();
  return { now, year, futureYear: now.getUTCFullYear() + 1, today: now.toISOString().slice(0, 10) };
}

/** The report text and the findings it must produce, for one clock. */
export function caseAt(ruleCase: RuleCase, seed: string, clock: CaseClock): { text: string; expected: string[] } {
  const movedSeed = seed.replace(/\b2026\b/g, String(clock.year));
  const fill = (line: string) =>
    line
      .replace(/\{year\}/g, String(clock.year))
      .replace(/\{futureYear\}/g, String(clock.futureYear))
      .replace(/\{today\}/g, clock.today);
  return { text: ruleCase.build(movedSeed, clock), expected: ruleCase.expected.map(fill) };
}

export const replaceLine = (seed: string, lineText: string, replacement: string): string => {
  if (!seed.includes(lineText)) throw new Error(`seed has no line '${lineText}'`);
  return seed.replace(lineText, replacement);
};
