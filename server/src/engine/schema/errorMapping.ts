import type { FindingData, Range } from '../types';
import type { ReportModel } from '../model/modelTypes';
import type { PointerTarget } from './instance';
import type { SchemaError } from './compileSchema';
import type { ReportSpec, SchemaNode } from './reportSpec';
import { describeInvalidValue } from './valueMessages';

export interface MappedError {
  ruleId: string;
  range: Range;
  message: string;
  data?: FindingData;
}

/**
 * Turns one ajv error into a finding a report writer understands, at the narrowest source range.
 * Returns undefined for errors that repeat another (ajv's `if`/`anyOf` wrappers).
 */
export function mapSchemaError(error: SchemaError, targets: Map<string, PointerTarget>, model: ReportModel, spec: ReportSpec): MappedError | undefined {
  const path = error.instancePath;
  const target = nearestTarget(targets, path);
  const itemSuffix = describeItems(path, targets);
  const parent = (error.parentSchema ?? {}) as SchemaNode;
  const custom = parent['x-messages']?.[error.keyword];

  if (error.keyword === 'required') {
    const missing = String((error.params as { missingProperty: string }).missingProperty);
    return mapMissing(path, missing, target, model, spec, custom);
  }
  const isEmpty = typeof error.data === 'string' && error.data.trim() === '';
  if (error.keyword === 'minLength' && isEmpty && path.endsWith('/content')) {
    return { ruleId: 'section-empty', range: target.range, message: custom ?? `${target.label} is empty` };
  }
  if (error.keyword === 'minLength' && isEmpty && path === '/title') {
    return { ruleId: 'title-missing', range: target.range, message: custom ?? 'The report title is empty' };
  }
  if (error.keyword === 'minLength' && isEmpty) {
    return { ruleId: 'field-empty', range: target.range, message: custom ?? `${target.label} is empty` };
  }
  if (error.keyword === 'additionalProperties' || error.keyword === 'unevaluatedProperties') {
    const params = error.params as { additionalProperty?: string; unevaluatedProperty?: string };
    const extra = String(params.additionalProperty ?? params.unevaluatedProperty);
    const extraTarget = targets.get(`${path}/${extra}`) ?? target;
    return {
      ruleId: 'field-unknown',
      range: extraTarget.keyRange ?? extraTarget.range,
      message: custom ?? `${extraTarget.label} is not expected in ${lowerFirst(target.label)}`,
    };
  }
  if (['anyOf', 'oneOf', 'if', 'allOf'].includes(error.keyword)) return undefined;
  const label = `${target.label}${itemSuffix}`;
  return { ruleId: 'value-invalid', range: target.range, message: custom ?? describeInvalidValue(error, { ...target, label }) };
}

function mapMissing(path: string, missing: string, target: PointerTarget, model: ReportModel, spec: ReportSpec, custom: string | undefined): MappedError {
  if (path === '' && missing === 'title') {
    return {
      ruleId: 'title-missing',
      range: target.range,
      message: custom ?? 'The report has no title: start it with a level-1 heading such as "# Incident Report: …"',
    };
  }
  if (path === '/sections') {
    const sectionSpec = spec.sectionByKey(missing);
    const title = sectionSpec?.title ?? missing;
    const place = missingSectionPlace(missing, model, spec);
    const misleveled = [...model.titles.slice(1), ...model.sections.flatMap((section) => section.subsections.map((sub) => sub.heading))].find(
      (heading) => spec.findSection(heading.text)?.key === missing,
    );
    const misspelt = misleveled
      ? undefined
      : model.sections.find((section) => !spec.sectionOf(section) && spec.suggestSection(section.heading.text)?.key === missing);
    if (misspelt) {
      return {
        ruleId: 'section-missing',
        range: misspelt.heading.textRange,
        message: custom ?? `Section '${title}' is missing; '${misspelt.heading.text}' names no section: did you mean '${title}'?`,
        data: { sectionKey: missing, suggestion: title, insertLine: place.insertLine },
      };
    }
    const hint = misleveled ? `: it is written as a level-${misleveled.level} heading on line ${misleveled.range.start.line + 1}` : place.hint;
    return {
      ruleId: 'section-missing',
      range: place.range,
      message: custom ?? `Section '${title}' is missing${hint}`,
      data: { sectionKey: missing, insertLine: place.insertLine },
    };
  }
  if (path === '/frontMatter') {
    const fieldSpec = spec.findFrontMatterField(missing);
    return {
      ruleId: 'field-missing',
      range: target.range,
      message: custom ?? `Front matter field '${fieldSpec?.title ?? missing}' (${missing}) is missing`,
      data: { frontMatterKey: missing },
    };
  }
  const container = target.container;
  const inSubsection = path.includes('/subsections/');
  const fieldSpec = inSubsection ? target.section?.findSubsectionField(missing) : target.section?.findField(missing);
  const misspeltKey = container?.fields.find((field) => {
    const section = target.section;
    if (!section || (inSubsection ? section.findSubsectionField(field.key) : section.findField(field.key))) return false;
    return (inSubsection ? section.suggestSubsectionField(field.key) : section.suggestField(field.key))?.key === missing;
  });
  if (misspeltKey && fieldSpec) {
    return {
      ruleId: 'field-missing',
      range: misspeltKey.keyRange,
      message:
        custom ??
        `Field '${fieldSpec.title}' is missing from ${lowerFirst(target.label)}; '${misspeltKey.key}' names no field: did you mean '${fieldSpec.title}'?`,
      data: { fieldKey: missing, fieldTitle: fieldSpec.title, suggestion: fieldSpec.title },
    };
  }
  const insertLine = container ? container.range.end.line + 1 : target.range.end.line + 1;
  return {
    ruleId: 'field-missing',
    range: target.range,
    message: custom ?? `Field '${fieldSpec?.title ?? missing}' is missing from ${lowerFirst(target.label)}`,
    data: { fieldKey: missing, fieldTitle: fieldSpec?.title ?? missing, insertLine },
  };
}

/** A missing section belongs before the next section of the schema order that is present. */
function missingSectionPlace(key: string, model: ReportModel, spec: ReportSpec): { range: Range; hint: string; insertLine: number } {
  const order = spec.sectionByKey(key)?.order ?? Number.MAX_SAFE_INTEGER;
  let following: { range: Range; title: string; line: number } | undefined;
  let lastLine = -1;
  for (const section of model.sections) {
    const sectionSpec = spec.sectionOf(section);
    if (!sectionSpec) continue;
    if (sectionSpec.order > order && (!following || section.heading.range.start.line < following.line)) {
      following = { range: section.heading.textRange, title: sectionSpec.title, line: section.heading.range.start.line };
    }
    if (sectionSpec.order < order) lastLine = Math.max(lastLine, section.range.end.line);
  }
  if (following) return { range: following.range, hint: `: add it before '${following.title}'`, insertLine: following.line };
  const title = model.titles[0];
  const range = title?.textRange ?? model.lines.trimmedLineRange(0);
  const insertLine = lastLine >= 0 ? lastLine + 1 : model.lines.lineCount;
  return { range, hint: '', insertLine };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** " (item 2)" when an error is inside a list value whose items have no range of their own. */
function describeItems(path: string, targets: Map<string, PointerTarget>): string {
  let pointer = path;
  while (pointer && !targets.has(pointer)) pointer = pointer.slice(0, pointer.lastIndexOf('/'));
  const rest = path.slice(pointer.length).split('/').filter(Boolean);
  return rest.length > 0 && /^\d+$/.test(rest[0]) ? ` (item ${Number(rest[0]) + 1})` : '';
}

/** The deepest pointer with a known source range at or above `path`. */
function nearestTarget(targets: Map<string, PointerTarget>, path: string): PointerTarget {
  let pointer = path;
  for (;;) {
    const target = targets.get(pointer);
    if (target) return target;
    if (pointer === '') break;
    pointer = pointer.slice(0, pointer.lastIndexOf('/'));
  }
  return targets.get('') as PointerTarget;
}
