import type { TacticData } from '../attack/catalogTypes';
import { ATTACK_VERSION_KEY } from '../engine';
import type { FieldSpec, ReportSpec, SectionSpec } from '../schema/reportSpec';
import { tableBody } from './tables';
import { fieldHole, PHASE_HOLE, TACTIC_HOLE, todo, type TemplateLine } from './templateParts';
import { DEFAULT_TEMPLATE_STYLE, type TemplateStyle } from './templateStyle';

export { todo, type TemplateLine, type TemplatePart } from './templateParts';

/** `- **Title:** [TODO: title]` for each field of a list. */
export function fieldLines(fields: readonly FieldSpec[]): TemplateLine[] {
  return fields.map((field) => [`- **${field.title}:** `, fieldHole(field)]);
}

/**
 * The body of a section as the schema describes it: its fields, its skeleton lines, or a prose hole (what
 * the section's description asks for). A skeleton line that ends with a key (`- **What worked:**`) gets a
 * hole for its value; other skeleton lines are the schema's own text.
 */
export function sectionBody(section: SectionSpec): TemplateLine[] {
  if (section.kind === 'timeline') return phaseLines(section);
  if (section.fields.length > 0) return fieldLines(section.fields);
  const skeleton = section.skeleton.filter((line) => line.trim() !== '');
  if (skeleton.length > 0 && section.kind !== 'prose') return skeleton.map(skeletonLine);
  return [[todo(section.description ?? section.title)]];
}

function skeletonLine(line: string): TemplateLine {
  const trimmed = line.trimEnd();
  if (!trimmed.endsWith(':') && !trimmed.endsWith(':**') && !trimmed.endsWith(':__')) return [line];
  const key = trimmed
    .trimStart()
    .replace(/^[-*+] /, '')
    .replace(/[*_:]/g, '')
    .trim();
  return key === '' ? [line] : [`${trimmed} `, todo(key.toLowerCase())];
}

/** One H3 phase of a timeline section with its fields. */
export function phaseLines(section: SectionSpec): TemplateLine[] {
  return [[`### `, PHASE_HOLE], ...fieldLines(section.subsectionFields)];
}

/** One row per tactic of the catalog, in matrix order, each a hole for the techniques used (or N/A). */
export function tacticRows(tactics: readonly TacticData[]): TemplateLine[] {
  return tactics.map((tactic) => [`- **${tactic.name}:** `, TACTIC_HOLE]);
}

/**
 * A whole section: heading and body. In the `tables` style a section whose schema reads a table is one
 * (templates/tables.ts); every other section, and every section in the `bullets` style, is written as rows.
 */
export function sectionTemplate(section: SectionSpec, tactics: readonly TacticData[], style: TemplateStyle = DEFAULT_TEMPLATE_STYLE): TemplateLine[] {
  const table = style === 'tables' ? tableBody(section, tactics) : undefined;
  const body = table ?? (section.kind === 'attack-tactics' ? tacticRows(tactics) : sectionBody(section));
  return [[`## ${section.title}`], ...body];
}

export interface ReportTemplateOptions {
  /** Front matter that chooses this ATT&CK version (`attack: v18.1`). */
  attackVersion?: string;
  style?: TemplateStyle;
}

/**
 * A new report with every section of the schema, in order. With `attackVersion`, it starts with front
 * matter that chooses that ATT&CK version (`attack: v18.1`), so that its tactic rows stay valid wherever
 * the report is checked later, whatever the default there.
 */
export function reportTemplate(spec: ReportSpec, tactics: readonly TacticData[], options: ReportTemplateOptions = {}): TemplateLine[] {
  const { attackVersion, style } = options;
  const frontMatter: TemplateLine[] = attackVersion === undefined ? [] : [['---'], [`${ATTACK_VERSION_KEY}: v${attackVersion}`], ['---']];
  const lines: TemplateLine[] = [...frontMatter, ['# Incident Report: ', todo('title')]];
  for (const section of spec.sections) lines.push([], ...sectionTemplate(section, tactics, style));
  return lines;
}

/** Plain text, holes shown as their text (`[TODO: …]`). */
export function renderText(lines: readonly TemplateLine[]): string {
  return lines.map((line) => line.map((part) => (typeof part === 'string' ? part : part.hole)).join('')).join('\n') + '\n';
}

/** VS Code snippet lines: holes become numbered tab stops, each selecting its `[TODO: …]` text. */
export function renderSnippet(lines: readonly TemplateLine[]): string[] {
  let stop = 0;
  return lines.map((line) =>
    line
      .map((part) => {
        if (typeof part === 'string') return escapeSnippet(part);
        return `\${${++stop}:${escapeSnippet(part.hole)}}`;
      })
      .join(''),
  );
}

function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, '\\$&');
}
