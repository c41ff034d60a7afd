import { sectionFields } from '../queries/sectionFields';
import type { ContentContainer, Field, ReportModel, Section } from '../model/modelTypes';
import type { Range } from '../types';
import { propertyNameFor } from './names';
import type { FieldSpec, ReportSpec, SectionSpec } from './reportSpec';

/** What a JSON pointer in the validation instance stands for in the source. */
export interface PointerTarget {
  range: Range;
  /** For fields: the key, where "this field is not allowed" belongs. */
  keyRange?: Range;
  /** Human name of the thing at the pointer ("Section 'Incident Details'", "Field 'Sector'"). */
  label: string;
  field?: FieldSpec;
  section?: SectionSpec;
  /** The container whose fields live at this pointer (for "field missing" ranges). */
  container?: ContentContainer;
}

export interface ValidationInstance {
  instance: Record<string, unknown>;
  targets: Map<string, PointerTarget>;
}

const DOCUMENT_START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * The JSON view of a report that the schema validates, plus the source range behind every JSON
 * pointer in it, so that each schema error can be reported at the narrowest place.
 */
export function buildValidationInstance(model: ReportModel, spec: ReportSpec, locate = true): ValidationInstance {
  // Locating costs a map entry per value; it is only needed once validation has failed.
  const targets = locate ? new Map<string, PointerTarget>() : undefined;
  const instance: Record<string, unknown> = {};
  const title = model.titles[0];
  const firstLine = model.lines.trimmedLineRange(0);
  targets?.set('', { range: title?.textRange ?? firstLine, label: 'The report' });
  if (title) {
    instance.title = title.text;
    targets?.set('/title', { range: title.textRange, label: 'The report title' });
  }

  const frontMatter: Record<string, unknown> = {};
  const frontMatterRange = model.frontMatter ? model.lines.trimmedLineRange(0) : (title?.textRange ?? DOCUMENT_START);
  targets?.set('/frontMatter', { range: frontMatterRange, label: 'The front matter' });
  for (const entry of model.frontMatter?.entries ?? []) {
    const fieldSpec = spec.findFrontMatterField(entry.key);
    const key = fieldSpec?.key ?? entry.key;
    frontMatter[key] = model.frontMatter?.data?.[entry.key];
    targets?.set(`/frontMatter/${escapePointer(key)}`, {
      range: entry.valueRange,
      keyRange: entry.keyRange,
      label: `Front matter field '${entry.key}'`,
      field: fieldSpec,
    });
  }
  instance.frontMatter = frontMatter;

  const sections: Record<string, unknown> = {};
  targets?.set('/sections', { range: title?.textRange ?? firstLine, label: 'The report' });
  for (const section of model.sections) {
    const sectionSpec = spec.sectionOf(section);
    if (!sectionSpec || sectionSpec.key in sections) continue; // unknown and duplicate sections have rules of their own
    const pointer = `/sections/${escapePointer(sectionSpec.key)}`;
    sections[sectionSpec.key] = sectionInstance(model, section, sectionSpec, pointer, targets);
  }
  instance.sections = sections;
  return { instance, targets: targets ?? new Map() };
}

function sectionInstance(
  model: ReportModel,
  section: Section,
  sectionSpec: SectionSpec,
  pointer: string,
  targets: Map<string, PointerTarget> | undefined,
): Record<string, unknown> {
  const label = `Section '${sectionSpec.title}'`;
  const headingRange = section.heading.textRange;
  targets?.set(pointer, { range: headingRange, label, section: sectionSpec, container: section });
  targets?.set(`${pointer}/content`, { range: headingRange, label, section: sectionSpec, container: section });
  const fields = fieldsInstance(
    sectionFields(section, sectionSpec),
    (name) => sectionSpec.findField(name),
    `${pointer}/fields`,
    section,
    sectionSpec,
    targets,
    section,
  );
  const subsections = section.subsections.map((subsection, index) => {
    const subPointer = `${pointer}/subsections/${index}`;
    const subLabel = `Subsection '${subsection.heading.text}' of '${sectionSpec.title}'`;
    targets?.set(subPointer, { range: subsection.heading.textRange, label: subLabel, section: sectionSpec, container: subsection });
    return {
      title: subsection.heading.text,
      fields: fieldsInstance(
        subsection.fields,
        (name) => sectionSpec.findSubsectionField(name),
        `${subPointer}/fields`,
        subsection,
        sectionSpec,
        targets,
        section,
      ),
    };
  });
  return { content: sectionContent(model, section), fields, subsections };
}

function fieldsInstance(
  fields: readonly Field[],
  findField: (name: string) => FieldSpec | undefined,
  pointer: string,
  container: ContentContainer,
  sectionSpec: SectionSpec,
  targets: Map<string, PointerTarget> | undefined,
  section: Section,
): Record<string, string> {
  if (targets) {
    const label = container === section ? `Section '${sectionSpec.title}'` : `Subsection '${container.heading.text}' of '${sectionSpec.title}'`;
    targets.set(pointer, { range: container.heading.textRange, label, section: sectionSpec, container });
  }
  const values: Record<string, string> = {};
  for (const field of fields) {
    const fieldSpec = findField(field.key);
    const key = fieldSpec?.key ?? propertyNameFor(field.key);
    if (key in values) continue; // the first occurrence is the one validated
    values[key] = field.value;
    targets?.set(`${pointer}/${escapePointer(key)}`, {
      // An empty value has no extent of its own: point at its key instead.
      range: field.value ? field.valueRange : field.keyRange,
      keyRange: field.keyRange,
      label: `Field '${field.key}'`,
      field: fieldSpec,
      section: sectionSpec,
      container,
    });
  }
  return values;
}

/** The section's text after its heading, trimmed: empty when nothing but blank lines follow. */
function sectionContent(model: ReportModel, section: Section): string {
  const { lines } = model;
  const start = lines.offsetAt(section.heading.range.end);
  const end = lines.offsetAt(section.range.end);
  return end > start ? lines.text.slice(start, end).trim() : '';
}

export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
