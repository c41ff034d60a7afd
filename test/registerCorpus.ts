import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/*
 * A generated repository of incident reports for the register tests (issue 17): deterministic, and with
 * the expected register values written down as each report is generated, never read back by the code
 * under test. Report i (0-based) has:
 *
 * - severity low/medium/high/critical by i % 4 (none when i % 25 === 7), status by ⌊i/2⌋ % 4, two TLPs;
 * - incident start Jan 1, 2026 + i days at (i % 24):00 UTC, discovery ttd(i) hours later, and a first
 *   containment action ttc(i) hours after discovery: a dated "### Containment" phase (i % 3 === 0), a
 *   "### Response" phase whose details say "isolated" (i % 3 === 1), or a dated "Containment measures"
 *   item of Response Actions (i % 3 === 2); none at all when i % 10 === 9. When i % 5 === 0, an earlier
 *   phase says the attacker "disabled" the EDR agent (before discovery: not a containment action);
 * - an unreadable discovery date ("TBD") when i % 20 === 3, an unreadable incident date when i % 20 === 13;
 * - an invalid severity ("severe", a schema error) when i % 17 === 5 (and it has one): a broken report, included and marked;
 * - techniques T1566.002/T1133/T1190 (Initial Access, by i % 3), T1059.001/T1204.002 (Execution, by i % 2),
 *   T1486 (Impact) when i % 4 === 0;
 * - indicators: a domain shared by the reports with the same i % 7, an IPv4 address shared by i % 11,
 *   and a SHA-256 of its own.
 */

export const CORPUS_SIZE = 200;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const SEVERITIES = ['low', 'medium', 'high', 'critical'];
const STATUSES = ['draft', 'in-review', 'final', 'closed'];

export interface ExpectedReport {
  path: string;
  id: string;
  severity: string | null;
  status: string;
  broken: boolean;
  /** Lines (1-based) of the values, as written. */
  lines: { id: number; severity: number | null; incidentStart: number; discovery: number; containment: number | null };
  incidentStart: string | null;
  discovery: string | null;
  containment: string | null;
  unreadable: ('incidentStart' | 'discovery')[];
  ttdHours: number | null;
  ttcHours: number | null;
  /** The quarter it counts in: its discovery's, else its incident start's. */
  quarter: string;
  techniques: { id: string; tactic: string; line: number }[];
  indicators: { type: string; value: string; line: number }[];
}

export const ttdHours = (i: number): number => ((i * 37) % 200) + 1;
export const ttcHours = (i: number): number => (i * 13) % 48;

const iso = (ms: number) => new Date(ms).toISOString();
/** "2026-03-04 10:00 UTC". */
const written = (ms: number) => `${iso(ms).slice(0, 16).replace('T', ' ')} UTC`;
const quarterOf = (ms: number) => `${new Date(ms).getUTCFullYear()}-Q${Math.floor(new Date(ms).getUTCMonth() / 3) + 1}`;

function sha256Of(i: number): string {
  let state = (i + 1) * 2654435761;
  let hex = '';
  while (hex.length < 64) {
    state = (state * 1103515245 + 12345) % 2147483648;
    hex += (state % 16).toString(16) + ((state >> 8) % 16).toString(16);
  }
  return hex.slice(0, 64);
}

/** One report's text and what the register should say about it. */
export function corpusReport(i: number, path: string): { text: string; expected: ExpectedReport } {
  const lines: string[] = [];
  const add = (line: string) => lines.push(line);
  const start = Date.UTC(2026, 0, 1) + i * DAY_MS + (i % 24) * HOUR_MS;
  const discovery = start + ttdHours(i) * HOUR_MS;
  const containmentKind = i % 10 === 9 ? 'none' : (['phase', 'details', 'response'] as const)[i % 3];
  const containment = containmentKind === 'none' ? null : discovery + ttcHours(i) * HOUR_MS;
  const broken = i % 17 === 5 && i % 25 !== 7;
  const severity = i % 25 === 7 ? null : broken ? 'severe' : SEVERITIES[i % 4];
  const status = STATUSES[Math.floor(i / 2) % 4];
  const id = `IR-2026-${String(i + 1).padStart(4, '0')}`;
  const startUnreadable = i % 20 === 13;
  const discoveryUnreadable = i % 20 === 3;

  add('---');
  add('type: incident-report');
  const idLine = add(`id: ${id}`);
  add(`status: ${status}`);
  const severityLine = severity === null ? null : add(`severity: ${severity}`);
  add(`tlp: ${i % 2 === 0 ? 'TLP:AMBER' : 'TLP:GREEN'}`);
  add('---');
  add(`# Incident Report: Intrusion ${i + 1} at Org ${i % 13}`);
  add('');
  add('## Executive Summary');
  add(`An attacker entered the network of Org ${i % 13} and was found by the security team; the affected hosts were rebuilt.`);
  add('');
  add('## Incident Details');
  const discoveryLine = add(`- **Discovery Date:** ${discoveryUnreadable ? 'TBD' : written(discovery)}`);
  const startLine = add(`- **Incident Date:** ${startUnreadable ? 'sometime that spring' : written(start)}`);
  add(`- **Affected Organization:** Org ${i % 13}`);
  add('- **Sector:** Manufacturing');
  add('- **Geography:** Germany');
  add('');
  add('## Timeline of Events');
  add('### Initial Access');
  add(`- **Date/Time:** ${written(start)}`);
  add('- **Vector:** Phishing e-mail with a link');
  add('- **Details:** A user opened the link and entered their password.');
  add('');
  if (i % 5 === 0) {
    add('### Defense Impairment');
    add(`- **Date/Time:** ${written(start + HOUR_MS / 2)}`);
    add('- **Vector:** Stopped security tooling');
    add('- **Details:** The attacker disabled the EDR agent on the first host.');
    add('');
  }
  add('### Detection');
  add(`- **Date/Time:** ${written(discovery)}`);
  add('- **Vector:** EDR alert');
  add('- **Details:** The SOC saw the alert and opened a case.');
  add('');
  let containmentLine: number | null = null;
  if (containmentKind === 'phase' || containmentKind === 'details') {
    add(containmentKind === 'phase' ? '### Containment' : '### Response');
    containmentLine = add(`- **Date/Time:** ${written(containment!)}`);
    add('- **Vector:** Incident response');
    add(
      containmentKind === 'phase'
        ? '- **Details:** The team took the affected hosts off the network.'
        : '- **Details:** The affected host was isolated by the EDR.',
    );
    add('');
  }
  add('## Attack Methodology');
  const initial = ['T1566.002', 'T1133', 'T1190'][i % 3];
  const execution = ['T1059.001', 'T1204.002'][i % 2];
  const techniques = [
    { id: initial, tactic: 'initial-access', line: add(`- **Initial Access:** ${initial}`) },
    { id: execution, tactic: 'execution', line: add(`- **Execution:** ${execution}`) },
  ];
  if (i % 4 === 0) techniques.push({ id: 'T1486', tactic: 'impact', line: add('- **Impact:** T1486') });
  add('');
  add('## Impact Assessment');
  add('- **Financial:** Recovery work of about EUR 10,000.');
  add('- **Data Breach:** None known.');
  add('- **Operational:** Two hosts were rebuilt.');
  add('- **Reputational:** None.');
  add('');
  add('## Indicators of Compromise');
  const domain = `c2-${i % 7}.bad-example.net`;
  const address = `185.220.101.${(i % 11) + 10}`;
  const hash = sha256Of(i);
  add('- **Network indicators:**');
  const indicators = [
    { type: 'domain', value: domain, line: add(`  - ${domain.replace(/\./g, '[.]')} (command and control)`) },
    { type: 'ipv4', value: address, line: add(`  - ${address.replace(/\./g, '[.]')} (VPN logins)`) },
  ];
  add('- **File indicators:**');
  indicators.push({ type: 'sha256', value: hash, line: add(`  - SHA-256 \`${hash}\` (loader)`) });
  add('');
  add('## Response Actions');
  if (containmentKind === 'response') containmentLine = add(`- **Containment measures:** Affected hosts quarantined on ${written(containment!)}.`);
  else add('- **Containment measures:** Affected hosts taken off the network.');
  add('- **Eradication steps:** Hosts reimaged.');
  add('- **Recovery actions:** Restored from backups.');
  add('');
  add('## Lessons Learned');
  add('Phishing-resistant MFA would have stopped the first login.');
  add('');
  add('## Recommendations');
  add('Roll out phishing-resistant MFA to every user.');

  const discoveryKnown = !discoveryUnreadable;
  const expected: ExpectedReport = {
    path,
    id,
    severity,
    status,
    broken,
    lines: { id: idLine, severity: severityLine, incidentStart: startLine, discovery: discoveryLine, containment: containmentLine },
    incidentStart: startUnreadable ? null : iso(start),
    discovery: discoveryUnreadable ? null : iso(discovery),
    containment: containment === null ? null : iso(containment),
    unreadable: [...(startUnreadable ? (['incidentStart'] as const) : []), ...(discoveryUnreadable ? (['discovery'] as const) : [])],
    ttdHours: startUnreadable || discoveryUnreadable ? null : ttdHours(i),
    ttcHours: discoveryKnown && containment !== null ? ttcHours(i) : null,
    quarter: quarterOf(discoveryKnown ? discovery : start),
    techniques,
    indicators,
  };
  return { text: `${lines.join('\n')}\n`, expected };
}

/** Writes reports `from`..`to` (exclusive) under `folder`, as reports/NNN.md relative to it; returns what each should give. */
export function writeCorpus(folder: string, from = 0, to = CORPUS_SIZE, subfolder = (i: number) => (i % 2 === 0 ? 'even' : 'odd')): ExpectedReport[] {
  const expected: ExpectedReport[] = [];
  for (let i = from; i < to; i++) {
    const path = `reports/${subfolder(i)}/${String(i).padStart(3, '0')}.md`;
    const report = corpusReport(i, path);
    mkdirSync(join(folder, path, '..'), { recursive: true });
    writeFileSync(join(folder, path), report.text);
    expected.push(report.expected);
  }
  return expected.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
