import { exportReportText, type ExportFormat } from '../../../server/src/engine/export';
import { complete } from '../../../server/src/engine/features/completion';
import type { FeatureContext } from '../../../server/src/engine/features/featureTypes';
import { hover } from '../../../server/src/engine/features/hover';
import { ReportEngine } from '../../../server/src/engine/engine';
import { renderReportBody } from '../../../server/src/engine/render/renderReport';
import { TEST_NOW, engine, seedText } from '../../helpers';
import type { Prepared } from './measure';
import type { Finding } from '../../../server/src/engine/types';
import { createBundledReportSchema, loadBundledCatalog } from '../../../server/src/node/bundledResources';

/**
 * Worst cases, one or more per scanner family: each builds an input of size n (outside the timing) and
 * returns the operation to time. `n` is chosen so that the operation at 8n takes roughly 20–300 ms on a
 * 2-core machine; cases that allocate one object per item (technique mentions) stay below ~40k items at
 * 8n, where V8 starts promoting them out of the young generation and the time jumps once (not a growth rate).
 * A few cases whose fixed code is constant-time at the line end (completion after a space, in front
 * matter) take under a millisecond: they are there because the code they replaced was quadratic.
 */
export interface ComplexityCase {
  family: string;
  name: string;
  n: number;
  prepare: (n: number) => Prepared;
}

/** The seed report with `text` as its Executive Summary paragraph. */
export function reportWithSummary(text: string): string {
  return seedText().replace(/(## Executive Summary\n)[^\n]*/, (_, heading: string) => `${heading}${text}`);
}

/** The seed report with `line` added after the Incident Details heading (e.g. a field item). */
export function reportWithDetail(line: string): string {
  return seedText().replace('## Incident Details\n', `## Incident Details\n${line}\n`);
}

export function contextOf(text: string): FeatureContext {
  return { model: engine().check(text).model, spec: engine().schema.spec, catalog: engine().catalog, now: TEST_NOW };
}

export const check =
  (text: string): Prepared =>
  () =>
    engine().check(text);
export const checkSummary = (build: (n: number) => string) => (n: number) => check(reportWithSummary(build(n)));

export function render(text: string): Prepared {
  const result = engine().check(text);
  const context: FeatureContext = { model: result.model, spec: engine().schema.spec, catalog: engine().catalog, now: TEST_NOW };
  return () => renderReportBody({ ...context, findings: result.findings });
}

export function exported(format: ExportFormat, text: string): Prepared {
  const result = engine().check(text);
  const context: FeatureContext = { model: result.model, spec: engine().schema.spec, catalog: engine().catalog, now: TEST_NOW };
  return () => exportReportText(format, { ...context, findings: result.findings, sourcePath: 'report.md' });
}

/** Completion and hover at the end of the first line starting with `prefix`. */
export function atLineEnd(text: string, prefix: string, feature: 'completion' | 'hover'): Prepared {
  const context = contextOf(text);
  const line = context.model.lines.text.split('\n').findIndex((candidate) => candidate.startsWith(prefix));
  if (line < 0) throw new Error(`no line starts with ${prefix}`);
  const position = { line, character: context.model.lines.lineText(line).length };
  return feature === 'completion' ? () => complete(context, position) : () => hover(context, position);
}

/** A check under an extension whose front matter `id` has `pattern`: the value is 'a' × n + '!', which no such pattern matches. */
export function checkIdPattern(pattern: string): (n: number) => Prepared {
  const extension = { properties: { frontMatter: { properties: { id: { type: 'string', pattern } } } } };
  return (n) => {
    const extended = new ReportEngine({ schema: createBundledReportSchema([extension]), catalog: loadBundledCatalog(), now: () => TEST_NOW });
    const text = `---\nid: ${'a'.repeat(n)}!\n---\n${seedText()}`;
    return () => extended.check(text);
  };
}

/** `n` distinct IPv4 addresses, defanged as the project writes them (`203.0.113[.]7`) or live, joined by ', '. */
export function manyIps(n: number, live = false): string {
  return Array.from({ length: n }, (_, i) => `${10 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}${live ? '.' : '[.]'}${1 + (i % 250)}`).join(', ');
}

/** The seed report with a Network indicators item of `n` IPs on one line (issue 11: 4,000 of them made 266 MB of HTML). */
export function reportWithManyIps(n: number, live = false): string {
  return seedText().replace(
    '- **File indicators:** N/A.',
    `- **File indicators:** N/A.\n- **Scanner sources:** seen in the firewall logs: ${manyIps(n, live)} (all blocked).`,
  );
}

/** An editor feature over the whole report (`feature` gets the context and the check's findings). */
export function feature(text: string, run: (context: FeatureContext, findings: Finding[]) => unknown): Prepared {
  const result = engine().check(text);
  const context: FeatureContext = { model: result.model, spec: engine().schema.spec, catalog: engine().catalog, now: TEST_NOW };
  return () => run(context, result.findings);
}

export const WHOLE_DOCUMENT = { start: { line: 0, character: 0 }, end: { line: 1_000_000, character: 0 } };

/** A STIX bundle of one tactic and `n` techniques, each with a description of a few sentences (what a newer ATT&CK release looks like, at scale). */
export function stixBundle(n: number, description = 'Adversaries may do this. (Citation: Vendor)\n\nMore text.'): string {
  const reference = (kind: string, id: string) => ({ source_name: 'mitre-attack', external_id: id, url: `https://attack.mitre.org/${kind}/${id}` });
  const tactic = {
    type: 'x-mitre-tactic',
    id: 'x-mitre-tactic--1',
    name: 'Impact',
    x_mitre_shortname: 'impact',
    external_references: [reference('tactics', 'TA0040')],
  };
  const techniques = Array.from({ length: n }, (_, i) => ({
    type: 'attack-pattern',
    id: `attack-pattern--${String(i).padStart(12, '0')}`,
    name: `Technique number ${i}`,
    description,
    kill_chain_phases: [{ kill_chain_name: 'mitre-attack', phase_name: 'impact' }],
    external_references: [reference('techniques', `T${1000 + (i % 9000)}${i >= 9000 ? `.${String(Math.floor(i / 9000)).padStart(3, '0')}` : ''}`)],
  }));
  return JSON.stringify({ type: 'bundle', id: 'bundle--1', spec_version: '2.0', objects: [tactic, ...techniques] });
}

export const misnamedRow = (n: number) =>
  seedText().replace('- **Initial Access:** N/A', `- **Initial Access:** ${'T1566 Fishing, T1086 PowerShell, '.repeat(n)}`);
export const techniqueRow = (n: number) => `- **Initial Access:** ${'T1566 Phishing, '.repeat(n)}T1078`;
export const withTechniqueRow = (n: number) => seedText().replace('- **Initial Access:** N/A', techniqueRow(n));
/** The seed with an Attack Methodology table of n rows (a tactic, an ID, a name and a procedure) after its bullet rows. */
export const withMethodologyTable = (n: number) =>
  seedText().replace(
    '## Impact Assessment',
    `\n| Tactic | ID | Name | Procedure |\n|---|---|---|---|\n${'| Initial Access | T1566 | Phishing | `a | b` \\| T1078 |\n'.repeat(n)}\n## Impact Assessment`,
  );

/** The seed with a Timeline of Events table of n rows, each dated a minute after the one before, then n dated bullets. */
export const withTimelineTable = (n: number) =>
  seedText().replace(
    /## Timeline of Events\n[\s\S]*?(?=## Attack Methodology)/,
    `## Timeline of Events (all times UTC)\n| Time | Event | Details |\n|---|---|---|\n${Array.from({ length: n }, (_, i) => `| 2026-05-${String(1 + Math.floor(i / 1440)).padStart(2, '0')} ${String(Math.floor(i / 60) % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} | Step | |  |\n`).join('')}\n${'- **2026-06-01 05:00** — later\n\ntext\n\n'.repeat(n)}`,
  );

export const MANY_IOCS = 'hxxp[://]evil[.]example/x?y=1 a@b.com 10.0.0.1 2001:db8::1 CVE-2024-12345 md5 d41d8cd98f00b204e9800998ecf8427e evil[.]com ';
export const PROSE =
  'The actor used T1566.001 Spearphishing Attachment on June 1, 2026 and then `code` with [a link](https://example.com) and **bold** text. TBD\n\n';
