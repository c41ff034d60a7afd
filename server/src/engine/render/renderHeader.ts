import { reportWritesDayFirst } from '../dates/numericOrder';
import { sectionFields } from '../queries/sectionFields';
import { parseReportDate } from '../dates/parseDate';
import type { Field, Section } from '../model/modelTypes';
import type { SectionSpec } from '../schema/reportSpec';
import type { Finding } from '../types';
import { displayValue, escapeHtml, isoTime, lineAttr, pickClass } from './escape';
import { inlinePlainText } from './markdownSafe';
import { defangLive, fieldKey, fieldValue, renderContainer, type RenderState } from './renderContext';
import { formatSpan } from './renderTimeline';

const SEVERITIES = ['informational', 'low', 'medium', 'high', 'critical', 'unknown'] as const;
const STATUSES = ['draft', 'in-review', 'final', 'closed', 'unknown'] as const;
const TLP_CLASSES = new Map<string, string>(
  Object.entries({
    CLEAR: 'tlp-clear',
    WHITE: 'tlp-clear',
    GREEN: 'tlp-green',
    AMBER: 'tlp-amber',
    'AMBER+STRICT': 'tlp-amber-strict',
    RED: 'tlp-red',
  }),
);
/** Front matter keys shown as badges or not at all; every other key is listed with the facts. */
const BADGE_KEYS = new Set(['type', 'title', 'id', 'severity', 'status', 'tlp']);

/** The section whose fields describe the incident (the one with dated fields: Incident Details). */
export function headerSection(state: RenderState): { section: Section; spec: SectionSpec } | undefined {
  for (const section of state.model.sections) {
    const spec = state.context.spec.sectionOf(section);
    if (spec?.kind === 'fields' && spec.fields.some((field) => field.dateRole)) return { section, spec };
  }
  return undefined;
}

/** The report's title as plain text (for <title>): the first H1, else the front matter title. */
export function reportTitle(state: RenderState): string {
  const heading = state.model.titles[0];
  if (heading) return inlinePlainText(heading.text).trim() || 'Incident Report';
  const fromFront = state.model.frontMatter?.data?.title;
  return typeof fromFront === 'string' && fromFront.trim() ? fromFront.trim() : 'Incident Report';
}

/** Title, front matter badges and the incident's facts (dates, organization, sector, geography). */
export function renderHeader(state: RenderState): string {
  const model = state.model;
  const heading = model.titles[0];
  const title = heading ? `<h1${lineAttr(heading.range.start.line)}>${state.inline(heading.text)}</h1>` : `<h1>${escapeHtml(reportTitle(state))}</h1>`;
  const found = headerSection(state);
  let facts = '';
  let extra = '';
  if (found) {
    const dated = new Map<string, { field: Field; earliest: number }>();
    for (const field of sectionFields(found.section, found.spec)) {
      const spec = found.spec.findField(field.key);
      const role = spec?.dateRole;
      const label = spec ? escapeHtml(spec.title) : fieldKey(state, field);
      const date = spec?.kind === 'date' || role ? parseReportDate(field.value, undefined, reportWritesDayFirst(state.model.lines)) : undefined;
      let value = fieldValue(state, field) || '<span class="empty">—</span>';
      if (date?.kind === 'date') {
        value = `<time datetime="${isoTime(date.date.earliest)}">${value}</time>`;
        if (role) dated.set(role, { field, earliest: date.date.earliest });
      }
      facts += fact(label, value, field.range.start.line);
    }
    const began = dated.get('began');
    const discovered = dated.get('discovered');
    if (began && discovered && discovered.earliest >= began.earliest) {
      const span = formatSpan(discovered.earliest - began.earliest, false);
      extra += `<p class="dwell"${lineAttr(discovered.field.range.start.line)}>Discovered ${escapeHtml(span === 'same time' ? 'at the time it began' : `${span.replace(/^\+/, '')} after the incident began`)}.</p>`;
    }
    extra += renderContainer(state, found.section, { skipField: () => true });
  }
  const front = model.frontMatter;
  for (const entry of front?.entries ?? []) {
    if (BADGE_KEYS.has(entry.key.toLowerCase()) || !front?.data || !(entry.key in front.data)) continue;
    const spec = state.context.spec.findFrontMatterField(entry.key);
    facts += fact(escapeHtml(spec?.title ?? entry.key), escapeHtml(displayValue(front.data[entry.key])), entry.keyRange.start.line);
  }
  const line = heading ? heading.range.start.line : 0;
  return `<header class="report-header card"${lineAttr(line)}>
<div class="badges">${badges(state)}</div>
${title}
${facts ? `<dl class="facts">${facts}</dl>` : ''}${extra}
</header>\n`;
}

function fact(label: string, value: string, line: number): string {
  return `<div class="fact"${lineAttr(line)}><dt>${label}</dt><dd>${value}</dd></div>`;
}

function badges(state: RenderState): string {
  const front = state.model.frontMatter;
  const data = front?.data;
  if (!front || !data) return '';
  const lineOf = (key: string) => front.entries.find((entry) => entry.key.toLowerCase() === key)?.keyRange.start.line ?? front.range.start.line;
  const value = (key: string) => displayValue(data[key]).trim();
  let html = '';
  const tlp = value('tlp');
  if (tlp) {
    const level = tlp.toUpperCase().replace(/^TLP\s*:\s*/, '');
    const css = TLP_CLASSES.get(level) ?? 'tlp-unknown';
    html += `<span class="badge tlp ${css}"${lineAttr(lineOf('tlp'))} title="Traffic Light Protocol">${escapeHtml(/^TLP/i.test(tlp) ? tlp : `TLP:${tlp}`)}</span>`;
  }
  const severity = value('severity');
  if (severity) {
    html += `<span class="badge severity sev-${pickClass(severity, SEVERITIES, 'unknown')}"${lineAttr(lineOf('severity'))} title="Severity">Severity: ${escapeHtml(severity)}</span>`;
  }
  const status = value('status');
  if (status)
    html += `<span class="badge status status-${pickClass(status, STATUSES, 'unknown')}"${lineAttr(lineOf('status'))} title="Status">${escapeHtml(status)}</span>`;
  const id = value('id');
  if (id) html += `<span class="badge report-id"${lineAttr(lineOf('id'))} title="Report ID">${escapeHtml(id)}</span>`;
  return html;
}

const MAX_FINDINGS_LISTED = 500;
const SEVERITY_ORDER = ['error', 'warning', 'info'] as const;

/** Counts by severity, and each finding as a button that reveals its line. */
export function renderFindings(findings: readonly Finding[]): string {
  const counts = SEVERITY_ORDER.map((severity) => {
    const n = findings.filter((finding) => finding.severity === severity).length;
    const noun = severity === 'info' ? 'info' : n === 1 ? severity : `${severity}s`;
    return `<span class="count sev-${severity}${n === 0 ? ' zero' : ''}">${n} ${noun}</span>`;
  });
  if (findings.length === 0) {
    return `<section class="validation card clean" aria-label="Validation"><h2>Validation</h2><p class="counts">${counts.join(' ')}</p><p class="clean-note">No problems found.</p></section>\n`;
  }
  const listed = findings.slice(0, MAX_FINDINGS_LISTED).map((finding) => {
    const line = finding.range.start.line;
    const severity = pickClass(finding.severity, SEVERITY_ORDER, 'info');
    return (
      `<li><button type="button" class="finding sev-${severity}"${lineAttr(line)} title="Show line ${line + 1} in the editor">` +
      `<span class="sev">${severity}</span><span class="loc">Ln ${line + 1}</span><span class="msg">${escapeHtml(defangLive(finding.message))}</span>` +
      `<code class="rule">${escapeHtml(finding.ruleId)}</code></button></li>`
    );
  });
  const more =
    findings.length > MAX_FINDINGS_LISTED ? `<p class="more">…and ${findings.length - MAX_FINDINGS_LISTED} more (run increport check for all).</p>` : '';
  return `<section class="validation card" aria-label="Validation"><h2>Validation</h2><p class="counts">${counts.join(' ')}</p><ol class="findings">${listed.join('')}</ol>${more}</section>\n`;
}
