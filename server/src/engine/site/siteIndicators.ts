import type { Register } from '../register/registerTypes';
import { escapeHtml } from '../render/escape';
import { NO_MARKS, reportLinks, type ReportNames, type TraceMarks } from './siteLinks';

/**
 * The indicators found in two or more reports: the defanged form only (nothing on the page can be clicked or
 * resolved by mistake), the type, the number of incidents, and each report linked at the lines that mention it.
 */
export function indicatorsBody(register: Register, names: ReportNames, marks: TraceMarks = NO_MARKS): string {
  const shared = register.indicators.filter((entry) => entry.incidents >= 2);
  if (shared.length === 0) return `<p>No indicator appears in more than one of the ${register.reports.length} reports.</p>\n`;
  const rows = shared
    .map(
      (entry) =>
        `<tr><td><code>${escapeHtml(entry.defanged)}</code></td><td>${escapeHtml(entry.type)}</td><td class="num">${marks.value(`indicator:${entry.type}:${entry.defanged}`, entry.incidents)}</td><td>${reportLinks(names, entry.reports, '<br>', marks, `indicator:${entry.type}:${entry.defanged}`)}</td></tr>`,
    )
    .join('\n');
  return `<p>${shared.length} indicator${shared.length === 1 ? ' appears' : 's appear'} in more than one report (of ${register.indicators.length} indicators in all). Values are defanged; hashes, domains and e-mail addresses compare without case.</p>
<table class="indicators">
<thead><tr><th scope="col">Indicator (defanged)</th><th scope="col">Type</th><th scope="col" class="num">Incidents</th><th scope="col">Reports and lines</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
`;
}
