import type { Register, RegisterDate, RegisterRow, Sourced } from '../../engine/register';

/*
 * The register as CSV, one record per report (RFC 4180: comma-separated, CRLF line ends, a field with a
 * comma, a double quote, CR or LF is quoted and its quotes doubled). Report text is untrusted and CSV files
 * are opened in spreadsheets: a cell that starts with = + - @ (or a tab or CR, which some spreadsheets skip
 * before reading a formula) is written with a leading apostrophe, so it is shown as text and never run as
 * a formula (OWASP "CSV injection"). Negative numbers are never written (durations are ≥ 0).
 */

const FORMULA_START = /^[=+\-@\t\r]/;

export const CSV_COLUMNS = [
  'path',
  'id',
  'title',
  'status',
  'severity',
  'tlp',
  'organization',
  'incident_start',
  'incident_start_line',
  'discovery',
  'discovery_line',
  'containment',
  'containment_line',
  'time_to_detect_hours',
  'time_to_contain_hours',
  'errors',
  'warnings',
  'infos',
  'has_errors',
  'techniques',
  'indicators',
] as const;

/** One CSV field: neutralised against formulas, then quoted when RFC 4180 needs it. */
export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function registerCsv(register: Register): string {
  const hours = (samples: Register['metrics']['timeToDetect']['samples']) => new Map(samples.map((sample) => [sample.path, sample.hours]));
  const detect = hours(register.metrics.timeToDetect.samples);
  const contain = hours(register.metrics.timeToContain.samples);
  const records = [CSV_COLUMNS.join(',')];
  for (const row of register.reports) {
    const cells = [
      row.path,
      text(row.id),
      text(row.title),
      text(row.status),
      text(row.severity),
      text(row.tlp),
      text(row.organization),
      ...date(row.dates.incidentStart),
      ...date(row.dates.discovery),
      ...date(row.dates.containment),
      number(detect.get(row.path)),
      number(contain.get(row.path)),
      String(row.findings.error),
      String(row.findings.warning),
      String(row.findings.info),
      row.hasErrors ? 'yes' : 'no',
      techniques(row),
      String(row.indicators.length),
    ];
    records.push(cells.map(csvField).join(','));
  }
  return `${records.join('\r\n')}\r\n`;
}

const text = (value: Sourced | null): string => value?.value ?? '';

/** The date as an ISO instant (the start of what it means), or "unreadable: <as written>"; and its line. */
function date(value: RegisterDate | null): [string, string] {
  if (value === null) return ['', ''];
  return ['start' in value ? value.start : `unreadable: ${value.text}`, String(value.line)];
}

function number(value: number | undefined): string {
  return value === undefined ? '' : String(Math.round(value * 100) / 100);
}

function techniques(row: RegisterRow): string {
  return [...new Set(row.techniques.map((technique) => technique.id))].join(' ');
}
