import type { AnalysedReport } from '../analysedReport';
import { headingZone } from '../dates/headingZone';
import { reportWritesDayFirst } from '../dates/numericOrder';
import { tacticRows } from '../export/tacticRows';
import { indicatorsOf } from '../queries/iocQueries';
import { sectionFields } from '../queries/sectionFields';
import type { FieldSpec } from '../schema/reportSpec';
import { firstContainment } from './containment';
import { readRegisterDate } from './registerDate';
import type { RegisterDate, RegisterRow, RowIndicator, RowTechnique, Sourced } from './registerTypes';

/** What a register row needs of a report: the analysed report and the path users see. */
export type RowInput = Pick<AnalysedReport, 'model' | 'spec' | 'catalog' | 'now' | 'findings'> & { displayPath: string };

/**
 * The columns of a row and the schema key each is read from, in the front matter or in any section's
 * fields (a dialect names them its own way through `x-aliases`; the register reads the key, not the
 * English title). The dates are found by the schema's `x-date-role` instead.
 */
export const COLUMN_KEYS = { title: 'title', id: 'id', status: 'status', severity: 'severity', tlp: 'tlp', organization: 'affectedOrganization' } as const;
type Column = keyof typeof COLUMN_KEYS;

/** The register row of one analysed report. Reads the model only: no clock, no file system. */
export function registerRow(input: RowInput): RegisterRow {
  const { model, spec } = input;
  const dayFirst = reportWritesDayFirst(model.lines);
  const values: Partial<Record<Column, Sourced>> = {};
  const dates: { began?: RegisterDate; discovered?: RegisterDate } = {};
  const columnOf = new Map<string, Column>(Object.entries(COLUMN_KEYS).map(([column, key]) => [key, column as Column]));

  const take = (fieldSpec: FieldSpec | undefined, value: string, line: number, zone: Parameters<typeof readRegisterDate>[2]) => {
    if (!fieldSpec || value.trim() === '') return;
    const role = fieldSpec.dateRole;
    if ((role === 'began' || role === 'discovered') && !dates[role]) dates[role] = readRegisterDate(value, line, zone, dayFirst);
    const column = columnOf.get(fieldSpec.key);
    if (column && !values[column]) values[column] = { value: value.trim(), line };
  };

  const frontMatter = model.frontMatter;
  if (frontMatter?.data) {
    for (const entry of frontMatter.entries) {
      const value = scalarText(frontMatter.data[entry.key]);
      if (value !== undefined) take(spec.findFrontMatterField(entry.key), value, entry.keyRange.start.line + 1, undefined);
    }
  }
  for (const section of model.sections) {
    const sectionSpec = spec.sectionOf(section);
    if (!sectionSpec) continue;
    const zone = headingZone(section.heading.text);
    for (const field of sectionFields(section, sectionSpec)) take(sectionSpec.findField(field.key), field.value, field.range.start.line + 1, zone);
  }
  const heading = model.titles[0];
  if (!values.title && heading && heading.text.trim() !== '') values.title = { value: heading.text.trim(), line: heading.range.start.line + 1 };

  const findings = { error: 0, warning: 0, info: 0 };
  for (const finding of input.findings) findings[finding.severity]++;
  const discovery = dates.discovered ?? null;
  return {
    path: input.displayPath,
    title: values.title ?? null,
    id: values.id ?? null,
    status: values.status ?? null,
    severity: values.severity ?? null,
    tlp: values.tlp ?? null,
    organization: values.organization ?? null,
    dates: { incidentStart: dates.began ?? null, discovery, containment: firstContainment(model, spec, discovery, dayFirst) },
    findings,
    hasErrors: findings.error > 0,
    attackVersion: input.catalog.version,
    techniques: rowTechniques(input),
    indicators: rowIndicators(input),
  };
}

/** A front matter value the register can show: a string, a number, a YAML date. */
function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
  return undefined;
}

/**
 * The techniques of the Attack Methodology rows (export/tacticRows.ts, over queries/methodologyRows.ts and
 * attackQueries.ts) that ATT&CK lists under the row's tactic, as the Navigator export takes them: unknown
 * and deprecated ones are left out (the rules report them), a technique revoked since the previous release
 * is entered as its replacement, one per technique and line.
 */
function rowTechniques(input: RowInput): RowTechnique[] {
  const { catalog } = input;
  const tacticNames = new Map(catalog.tactics.map((tactic) => [tactic.shortname, tactic.name]));
  const seen = new Set<string>();
  const techniques: RowTechnique[] = [];
  for (const row of tacticRows(input)) {
    for (const technique of row.techniques) {
      if (!technique.known || technique.deprecated || technique.validForTactic === false) continue;
      const replaced = technique.revoked && technique.revokedSincePrevious ? technique.replacedBy : null;
      if (technique.revoked && replaced === null) continue;
      const id = replaced ?? technique.id;
      const name = catalog.technique(id)?.name ?? technique.name ?? id;
      if (seen.has(`${id} ${technique.line}`)) continue;
      seen.add(`${id} ${technique.line}`);
      const tactics = technique.tactics.map((shortname) => ({ shortname, name: tacticNames.get(shortname) ?? shortname }));
      techniques.push({ id, name, tactics, line: technique.line });
    }
  }
  return techniques;
}

/** Every indicator of the Indicators of Compromise section(s) (queries/iocQueries.ts), one per value and line. */
function rowIndicators(input: RowInput): RowIndicator[] {
  const seen = new Set<string>();
  const indicators: RowIndicator[] = [];
  for (const { ioc, range, defanged } of indicatorsOf(input.model, input.spec)) {
    const line = range.start.line + 1;
    const key = `${ioc.type} ${ioc.refanged} ${line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    indicators.push({ type: ioc.type, refanged: ioc.refanged, defanged, line });
  }
  return indicators;
}
