import type { Register, TechniqueFrequency } from '../register/registerTypes';
import { escapeHtml } from '../render/escape';
import { NO_MARKS, reportLinks, type ReportNames, type TraceMarks } from './siteLinks';

/** A tactic as a matrix column: the catalog's order, then any tactic the rows name that the catalog does not. */
export interface TacticColumn {
  shortname: string;
  name: string;
}

/** The anchor of a technique's entry in the list under the matrix: only [A-Za-z0-9.-] of its ID. */
export const techniqueAnchor = (id: string): string => `technique-${id.replace(/[^A-Za-z0-9.-]/g, '_')}`;

/** The colour bucket of a count: 1–5 in fifths of the highest count, 0 for none. */
export function heatLevel(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0;
  return Math.min(5, Math.max(1, Math.ceil((count / max) * 5)));
}

/**
 * The ATT&CK heatmap: tactics as columns (matrix order), under each the techniques the reports list for it, most
 * incidents first. A cell's colour is its share of the highest count, and the count is written in it, so colour
 * is never the only cue; a legend gives the ranges. Each cell links to the technique's entry below the matrix,
 * which lists the reports (linked) and the lines.
 */
export function attackBody(register: Register, tacticOrder: readonly TacticColumn[], names: ReportNames, marks: TraceMarks = NO_MARKS): string {
  const byTactic = new Map<string, TechniqueFrequency[]>();
  for (const technique of register.attack.techniques) {
    for (const tactic of technique.tactics) {
      if (!byTactic.has(tactic)) byTactic.set(tactic, []);
      byTactic.get(tactic)!.push(technique);
    }
  }
  const tacticNames = new Map(register.attack.tactics.map((tactic) => [tactic.shortname, tactic.name]));
  const columns: TacticColumn[] = [...tacticOrder];
  for (const tactic of register.attack.tactics) if (!columns.some((column) => column.shortname === tactic.shortname)) columns.push(tactic);
  const max = Math.max(0, ...register.attack.techniques.map((technique) => technique.incidents));
  const depth = Math.max(0, ...columns.map((column) => byTactic.get(column.shortname)?.length ?? 0));
  const tacticIncidents = new Map(register.attack.tactics.map((tactic) => [tactic.shortname, tactic.incidents]));
  const head = columns
    .map(
      (column) =>
        `<th scope="col">${escapeHtml(tacticNames.get(column.shortname) ?? column.name)}<br><span class="muted">${marks.value(`tactic:${column.shortname}`, tacticIncidents.get(column.shortname) ?? 0)} incidents</span></th>`,
    )
    .join('');
  const rows: string[] = [];
  for (let index = 0; index < depth; index++) {
    const cells = columns.map((column) => {
      const technique = byTactic.get(column.shortname)?.[index];
      if (!technique) return '<td></td>';
      const level = heatLevel(technique.incidents, max);
      const label = `${technique.id} ${technique.name}: ${technique.incidents} incident${technique.incidents === 1 ? '' : 's'}`;
      return `<td class="heat-${level}"><a href="#${techniqueAnchor(technique.id)}"${marks.attribute(`technique:${technique.id}`)} title="${escapeHtml(label)}"><span class="count">${technique.incidents}</span><code>${escapeHtml(technique.id)}</code> ${escapeHtml(technique.name)}</a></td>`;
    });
    rows.push(`<tr>${cells.join('')}</tr>`);
  }
  const legend = [1, 2, 3, 4, 5]
    .map((level) => {
      const from = Math.floor(((level - 1) * max) / 5) + 1;
      const to = Math.floor((level * max) / 5);
      return from > to ? '' : `<span><span class="swatch heat-${level}"></span>${from === to ? from : `${from}–${to}`} incident${to === 1 ? '' : 's'}</span>`;
    })
    .join('');
  const list = register.attack.techniques
    .map(
      (technique) =>
        `<li id="${techniqueAnchor(technique.id)}"><code>${escapeHtml(technique.id)}</code> ${escapeHtml(technique.name)} — ${marks.value(`technique:${technique.id}`, technique.incidents)} incident${technique.incidents === 1 ? '' : 's'}: ${reportLinks(names, technique.reports, ', ', marks, `technique:${technique.id}`)}</li>`,
    )
    .join('\n');
  if (register.attack.techniques.length === 0) return '<p>No report lists an ATT&amp;CK technique.</p>\n';
  return `<p>${register.attack.techniques.length} techniques listed in the Attack Methodology of ${register.reports.length} reports. The number in each cell is the number of incidents that list the technique; the colour says the same.</p>
<p class="legend">${legend}</p>
<div class="scroll">
<table class="heatmap">
<caption class="muted">Techniques by tactic, most incidents first</caption>
<thead><tr>${head}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</div>
<h2>Techniques and their reports</h2>
<ol class="techniques">
${list}
</ol>
`;
}
