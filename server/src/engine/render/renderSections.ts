import type { Field, Section } from '../model/modelTypes';
import type { SectionSpec } from '../schema/reportSpec';
import { escapeHtml, lineAttr } from './escape';
import { fieldValue, renderContainer, type RenderState } from './renderContext';
import { renderAttackMatrix } from './renderAttackMatrix';
import { headerSection } from './renderHeader';
import { renderIocs } from './renderIocs';
import { renderTimeline } from './renderTimeline';

const KINDS = ['timeline', 'attack-tactics', 'indicators', 'fields', 'prose'] as const;

/**
 * The report's sections in the order written, each by its kind in the schema; content outside any section
 * (between the title and the first section, after a second H1) is rendered as Markdown where it stands.
 */
export function renderSections(state: RenderState): string {
  const model = state.model;
  const header = headerSection(state)?.section;
  const title = model.titles[0];
  const frontEnd = model.frontMatter ? model.frontMatter.range.end.line : -1;
  const skipLine = (line: number) => line <= frontEnd || (title !== undefined && line >= title.range.start.line && line <= title.range.end.line);
  let html = '';
  let cursor = 0;
  const orphans = (until: number) => {
    if (until >= cursor) {
      const text = state.markdown(cursor, until, skipLine);
      if (text) html += `<div class="loose-content">${text}</div>\n`;
    }
  };
  for (const section of model.sections) {
    orphans(section.range.start.line - 1);
    cursor = section.range.end.line + 1;
    if (section === header) continue;
    html += renderSection(state, section);
  }
  orphans(state.lineCount - 1);
  return html;
}

function renderSection(state: RenderState, section: Section): string {
  const spec = state.context.spec.sectionOf(section);
  const kind = KINDS.find((k) => k === spec?.kind) ?? 'prose';
  let body: string;
  if (kind === 'timeline') body = renderTimeline(state, section, spec);
  else if (kind === 'attack-tactics') body = renderAttackMatrix(state, section);
  else if (kind === 'indicators') body = renderIocs(state, section);
  else if (kind === 'fields') body = renderFieldsSection(state, section, spec);
  else body = state.markdown(section.heading.range.end.line + 1, section.range.end.line);
  const line = section.heading.range.start.line;
  const heading = state.inline(state.slice(section.heading.textRange));
  const tooltip = spec && spec.title.toLowerCase() !== section.heading.text.trim().toLowerCase() ? ` title="${escapeHtml(spec.title)}"` : '';
  return `<section class="report-section kind-${kind}"${lineAttr(line)}><h2${lineAttr(line)}${tooltip}>${heading}</h2>\n${body || '<p class="empty">(empty)</p>'}</section>\n`;
}

/** Field sections: fields as a definition list; in an impact section, a leading level word as a badge. */
function renderFieldsSection(state: RenderState, section: Section, spec: SectionSpec | undefined): string {
  const isImpact = /impact/i.test(spec?.key ?? '') || /impact/i.test(spec?.title ?? section.heading.text);
  const value = isImpact ? (field: Field) => impactValue(state, field) : undefined;
  let html = renderContainer(state, section, { value });
  for (const subsection of section.subsections) {
    html += `<h3${lineAttr(subsection.heading.range.start.line)}>${state.inline(state.slice(subsection.heading.textRange))}</h3>`;
    html += renderContainer(state, subsection, { value });
  }
  return html;
}

const LEVELS = new Map<string, string>(
  Object.entries({
    none: 'none',
    no: 'none',
    nil: 'none',
    'n/a': 'none',
    negligible: 'low',
    minimal: 'low',
    minor: 'low',
    low: 'low',
    limited: 'low',
    informational: 'low',
    moderate: 'medium',
    medium: 'medium',
    elevated: 'medium',
    high: 'high',
    major: 'high',
    severe: 'high',
    significant: 'high',
    substantial: 'high',
    critical: 'critical',
    catastrophic: 'critical',
    extreme: 'critical',
    unknown: 'unknown',
    tbd: 'unknown',
    undetermined: 'unknown',
  }),
);

/** "High; prevented users…" → a "High" badge and the rest; "None reported." → a "None" badge and the text. */
export function impactLevel(value: string): { word: string; level: string; separated: boolean } | undefined {
  const match = /^\s*([A-Za-z]+(?:\/[A-Za-z]+)?)(?=$|[\s;,:.—–-])(\s*[;,:.—–-])?/.exec(value);
  const level = match ? LEVELS.get(match[1].toLowerCase()) : undefined;
  if (!match || !level) return undefined;
  return { word: match[1], level, separated: match[2] !== undefined || match[0].length === value.trim().length };
}

function impactValue(state: RenderState, field: Field): string {
  const found = impactLevel(field.value);
  if (!found) return fieldValue(state, field);
  const badge = `<span class="badge level level-${found.level}">${escapeHtml(found.word)}</span>`;
  const rest = fieldValue(state, field, found.separated ? found.word.length : 0);
  return rest ? `${badge} ${rest}` : badge;
}
