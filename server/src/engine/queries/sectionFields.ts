import type { Field, Section } from '../model/modelTypes';
import type { SectionSpec } from '../schema/reportSpec';
import { DerivedCache } from '../model/derivedCache';

/**
 * Whether a section's `###` headings only group its fields ("### Dates" and "### Organization" under
 * Incident Details): the schema gives its subsections no fields of their own, and it is neither the
 * timeline (whose `###` are phases) nor the ATT&CK section (whose rows are read elsewhere).
 */
export function subsectionsGroupFields(sectionSpec: SectionSpec): boolean {
  return sectionSpec.subsectionFields.length === 0 && sectionSpec.kind !== 'timeline' && sectionSpec.kind !== 'attack-tactics';
}

const cache = new DerivedCache<Section, { spec: SectionSpec; fields: readonly Field[] }>('sectionFields');

/**
 * The section's fields as its schema reads them, in source order: its own, and those of the `###`
 * headings that group them (subsectionsGroupFields), so that a required field written under
 * "### Dates" is there.
 */
export function sectionFields(section: Section, sectionSpec: SectionSpec): readonly Field[] {
  if (!subsectionsGroupFields(sectionSpec) || section.subsections.every((subsection) => subsection.fields.length === 0)) return section.fields;
  const cached = cache.get(section);
  if (cached?.spec === sectionSpec) return cached.fields;
  const fields = [...section.fields, ...section.subsections.flatMap((subsection) => subsection.fields)].sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
  cache.set(section, { spec: sectionSpec, fields });
  return fields;
}
