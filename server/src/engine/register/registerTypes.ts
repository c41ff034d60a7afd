/**
 * The incident register: one row per report and what is computed over the rows (metrics, ATT&CK
 * frequency, indicator index). Plain JSON data, described by schemas/register.schema.json. Lines are
 * 1-based; every number of the register can be traced to a report and a line through the rows.
 *
 * A row carries the raw values (the dates as written and read, the techniques and indicators with their
 * lines), so that a register can be rebuilt from rows alone: `increport summary --from-json` merges the
 * rows of sharded runs and recomputes everything else (buildRegister).
 */

/** A value as the report writes it, and the line it is on. */
export interface Sourced {
  value: string;
  line: number;
}

/** A date the register reads: the interval it means (ISO 8601, UTC, both inclusive), or why it could not be read. */
export type RegisterDate =
  | { text: string; line: number; start: string; end: string; precision: 'year' | 'month' | 'day' | 'minute' | 'second' }
  | { text: string; line: number; unreadable: string };

/** Where the first containment action was found (containment.ts). */
export interface ContainmentSource {
  /** `timeline`: an entry or a dated phase of the timeline; `response-actions`: a dated item of a response section. */
  from: 'timeline' | 'response-actions';
  /** The entry's title, the phase heading or the item's key: what named the action. */
  action: string;
}

export interface RowTechnique {
  /** The ATT&CK ID as the catalog writes it ("T1566.002"); a revoked technique is entered as its replacement. */
  id: string;
  name: string;
  /** The tactics it is listed under in the report's row, as ATT&CK names them. */
  tactics: { shortname: string; name: string }[];
  line: number;
}

export interface RowIndicator {
  type: string;
  /** The live form (what a detection tool matches); the index key. */
  refanged: string;
  /** The form safe to show. */
  defanged: string;
  line: number;
}

export interface RegisterRow {
  /** The report's path as users see it (relative to the working directory, '/' separators). */
  path: string;
  title: Sourced | null;
  id: Sourced | null;
  status: Sourced | null;
  severity: Sourced | null;
  tlp: Sourced | null;
  organization: Sourced | null;
  dates: {
    /** The date the schema marks `x-date-role: began`. */
    incidentStart: RegisterDate | null;
    /** The date the schema marks `x-date-role: discovered`. */
    discovery: RegisterDate | null;
    /** The first containment action at or after discovery (containment.ts). */
    containment: (RegisterDate & { source: ContainmentSource }) | null;
  };
  findings: { error: number; warning: number; info: number };
  /** At least one finding at error severity: the row is in the register, marked. */
  hasErrors: boolean;
  /** The ATT&CK release the report was checked against. */
  attackVersion: string;
  techniques: RowTechnique[];
  indicators: RowIndicator[];
}

/** A file that was named or found but could not be read or checked. */
export interface NotChecked {
  path: string;
  reason: string;
}

/** One report's contribution to a metric. */
export interface Sample {
  path: string;
  hours: number;
  /** The lines of the two dates it is the difference of. */
  fromLine: number;
  toLine: number;
}

export interface Statistic {
  count: number;
  /** null when count is 0. */
  median: number | null;
  p90: number | null;
  /** The paths of the reports it is computed from, in the order of their rows. */
  reports: string[];
}

export interface Metric {
  /** Always 'hours'. */
  unit: 'hours';
  overall: Statistic;
  /** By the incident's quarter ("2026-Q2"): the quarter (UTC) of its discovery date, else of its incident start. */
  byQuarter: Record<string, Statistic>;
  /** By severity as written, lower-cased; 'unknown' when the report gives none. */
  bySeverity: Record<string, Statistic>;
  samples: Sample[];
  /** Reports left out, and why: a date missing or unreadable, or the second date before the first. */
  excluded: { path: string; reason: string }[];
}

export interface TechniqueFrequency {
  id: string;
  name: string;
  tactics: string[];
  /** The number of reports that list it. */
  incidents: number;
  reports: { path: string; lines: number[] }[];
}

export interface TacticFrequency {
  shortname: string;
  name: string;
  /** The number of reports that list at least one technique under it. */
  incidents: number;
  reports: string[];
}

export interface IndicatorEntry {
  type: string;
  value: string;
  defanged: string;
  /** The number of reports that mention it. */
  incidents: number;
  reports: { path: string; lines: number[] }[];
}

export interface Register {
  format: 'increport-register';
  formatVersion: 1;
  tool: { name: string; version: string };
  totals: { reports: number; withErrors: number; notChecked: number; bySeverity: Record<string, number>; byStatus: Record<string, number> };
  reports: RegisterRow[];
  notChecked: NotChecked[];
  metrics: { timeToDetect: Metric; timeToContain: Metric };
  attack: { techniques: TechniqueFrequency[]; tactics: TacticFrequency[] };
  indicators: IndicatorEntry[];
}
