import type { IocType } from '../iocs/scanIocs';
import type { Field, Section } from '../model/modelTypes';
import type { LocatedIoc } from '../queries/iocQueries';
import { distinctIndicators, type DistinctIoc } from '../queries/iocIndex';
import { lineContentStart } from '../parse/lineSyntax';
import { excerptAround } from '../text/excerpt';
import { escapeHtml, lineAttr } from './escape';
import { fieldKey, renderContainer, shownIoc, type RenderState } from './renderContext';

const TYPE_ORDER: readonly IocType[] = ['url', 'domain', 'ipv4', 'ipv6', 'email', 'sha256', 'sha384', 'sha512', 'sha224', 'sha1', 'md5', 'cve'];
const TYPE_LABELS: Record<IocType, string> = {
  url: 'URLs',
  domain: 'Domains',
  ipv4: 'IPv4 addresses',
  ipv6: 'IPv6 addresses',
  email: 'E-mail addresses',
  md5: 'MD5 hashes',
  sha1: 'SHA-1 hashes',
  sha224: 'SHA-224 hashes',
  sha256: 'SHA-256 hashes',
  sha384: 'SHA-384 hashes',
  sha512: 'SHA-512 hashes',
  cve: 'CVEs',
};

/**
 * The indicators of one section as a table grouped by type. Values are ALWAYS the defanged form (the
 * refanged, live form is never written; there are no links), each with a copy button whose payload is
 * that same defanged text (the button works in the webview only; CSS hides it elsewhere). Fields without
 * indicators (e.g. behavioural ones) follow as text, itself defanged.
 */
export function renderIocs(state: RenderState, section: Section): string {
  const first = section.heading.range.end.line + 1;
  const last = section.range.end.line;
  const located = state.indicators.filter((ioc) => ioc.range.start.line >= first && ioc.range.start.line <= last);
  const fieldByLine = new Map<number, Field>();
  for (const field of section.fields) {
    for (let n = field.range.start.line; n <= Math.max(field.range.end.line, field.valueRange.end.line); n++) fieldByLine.set(n, field);
  }
  const fieldOf = (line: number) => fieldByLine.get(line);
  // Where each line's own words start (after list marker and field key): read once per line, not once per indicator.
  const starts = new Map<number, number>();
  const contentStart = (line: number) => {
    let start = starts.get(line);
    if (start === undefined) starts.set(line, (start = lineContentStart(state.line(line))));
    return start;
  };
  const withIocs = new Set(located.map((ioc) => fieldOf(ioc.range.start.line)).filter((field): field is Field => field !== undefined));

  let html = '';
  if (located.length === 0) {
    html += '<p class="empty">No indicators found in this section.</p>\n';
  } else {
    // One row per distinct indicator (the same value listed twice is one row, at its first place).
    const distinct = distinctIndicators(located);
    const groups = TYPE_ORDER.map((type) => ({ type, rows: distinct.filter((entry) => entry.locations[0].ioc.type === type) })).filter(
      (group) => group.rows.length > 0,
    );
    const body = groups.map((group) => {
      const head = `<tr class="group"><th colspan="4" scope="rowgroup">${TYPE_LABELS[group.type]} <span class="count">${group.rows.length}</span></th></tr>`;
      const rows = group.rows.map((entry) => row(state, entry, fieldOf(entry.locations[0].range.start.line), contentStart));
      return `<tbody class="ioc-group ioc-${group.type}">${head}${rows.join('')}</tbody>`;
    });
    html +=
      `<div class="table-scroll" tabindex="0" role="region" aria-label="Indicators of compromise"><table class="iocs"><thead><tr><th scope="col">Indicator (defanged)</th><th scope="col">Context</th>` +
      `<th scope="col">Listed under</th><th scope="col" class="copy-col"><span class="visually-hidden">Copy</span></th></tr></thead>${body.join('')}</table></div>\n`;
  }
  html += renderContainer(state, section, { skipField: (field) => withIocs.has(field) });
  for (const subsection of section.subsections) {
    html += `<h3${lineAttr(subsection.heading.range.start.line)}>${state.inline(state.slice(subsection.heading.textRange))}</h3>`;
    html += renderContainer(state, subsection, {
      skipField: (field) =>
        subsection.fields.includes(field) &&
        located.some((ioc) => ioc.range.start.line >= field.range.start.line && ioc.range.start.line <= field.valueRange.end.line),
    });
  }
  return html;
}

function row(state: RenderState, entry: DistinctIoc, field: Field | undefined, contentStart: (line: number) => number): string {
  const located = entry.locations[0];
  const line = located.range.start.line;
  const value = shownIoc(located);
  const wasLive = entry.locations.some((place) => !place.ioc.defanged && !place.own && shownIoc(place) !== place.ioc.text);
  const live = wasLive ? ' <span class="live" title="Written live in the report; shown defanged">was live</span>' : '';
  const problems = located.ioc.problems.length
    ? ` <span class="problem" title="${escapeHtml(located.ioc.problems.join('; '))}"><span aria-hidden="true">⚠</span><span class="visually-hidden">Problem: ${escapeHtml(located.ioc.problems.join('; '))}</span></span>`
    : '';
  const badges =
    (entry.own ? ' <span class="badge asset" title="One of the organization\'s own names: an affected asset, not an indicator">affected asset</span>' : '') +
    (entry.evidenceOnly
      ? ' <span class="badge evidence" title="Only quoted in a code block (a log excerpt): not exported as an indicator">evidence only</span>'
      : '') +
    (entry.locations.length > 1
      ? ` <span class="repeat" title="Also on line ${entry.locations
          .slice(1)
          .map((place) => place.range.start.line + 1)
          .join(', ')}">×${entry.locations.length}</span>`
      : '');
  return (
    `<tr${lineAttr(line)}><td class="value"><code class="ioc">${escapeHtml(value)}</code>${live}${problems}${badges}</td>` +
    `<td class="context">${context(state, located, value, contentStart(line))}</td><td class="listed-under">${field ? fieldKey(state, field) : ''}</td>` +
    `<td class="copy-col"><button type="button" class="copy" data-copy="${escapeHtml(value)}" title="Copy the defanged value">Copy</button></td></tr>`
  );
}

/**
 * The indicator's line with the indicator in place (an excerpt: at most ~60 characters each side, "…"
 * where cut), without the list marker and field key, or a table row's outer pipes; every indicator on it
 * is shown defanged, as the preview shows the line.
 */
function context(state: RenderState, located: LocatedIoc, value: string, contentStart: number): string {
  const line = located.range.start.line;
  const text = state.line(line);
  const start = state.column(line, located.range.start.character);
  const row = /^\s*\|/.exec(text);
  const trailingPipe = row ? /\|\s*$/.exec(text) : null;
  const from = row ? row[0].length : contentStart;
  const to = trailingPipe ? Math.max(trailingPipe.index, start + value.length) : text.length;
  const excerpt = excerptAround(text, start, start + value.length, { from: Math.min(from, start), to }).trim();
  return excerpt ? state.inline(excerpt) : '';
}
