import { collectReportData, fieldByKey, sectionByKey, type ExportInput, type ReportData } from './reportData';
import { uuidv5 } from './uuid';
import { isWhitespaceCode, trimEndWhile } from '../text/chars';
import { withoutHtmlComments } from '../text/spans';
import {
  CRITICALITY,
  INCIDENT_CORE_EXTENSION,
  INCIDENT_DETERMINATIONS,
  INDICATOR_LABELS,
  INVESTIGATION_STATUS,
  TLP2_CREATED,
  TLP2_EXTENSION,
  TLP2_MARKINGS,
  stixPattern,
  stixSectors,
  tlpLevel,
} from './stixVocabulary';

/*
 * `increport export --format stix`: a STIX 2.1 bundle of the report.
 *
 * - identity: the affected organization (identity_class 'organization'; `sectors` only when the
 *   Sector field names industry-sector-ov values), and the producer when options.producer is given;
 * - incident: name = title, description = Executive Summary, the OASIS Incident Core Extension when
 *   the front matter gives status, severity or determination;
 * - attack-pattern: one per current ATT&CK technique in Attack Methodology, with its ATT&CK reference
 *   (naming the ATT&CK version) and a kill-chain phase per tactic it is listed under (where ATT&CK agrees;
 *   a row with a previous release's tactic: the successors ATT&CK lists it for); a technique revoked
 *   since the previous release stands for its replacement, its description saying what was written;
 * - indicator: one per distinct valid IOC the report lists (STIX pattern of the refanged value; evidence-only
 *   values and the organization's own names are left out, see indicatorData.ts); vulnerability: one per CVE;
 * - relationship: incident `targets` identity, incident `related-to` each attack-pattern, indicator and
 *   vulnerability;
 * - marking-definition: the report's TLP (2.0), referenced from every object.
 *
 * Deterministic: identifiers are UUIDv5 over the export namespace and canonical content (the report's
 * ID, or title, plus what the object stands for), timestamps come from the report's own dates
 * (front matter created/updated, else Discovery/Incident Date), never from a clock. Exporting the same
 * report twice gives byte-identical output.
 */

export interface StixExportOptions {
  /** The organization producing the bundle: an identity that every object names as `created_by_ref`. */
  producer?: string;
}

export interface StixObject {
  type: string;
  id: string;
  [property: string]: unknown;
}

export interface StixBundle {
  type: 'bundle';
  id: string;
  objects: StixObject[];
}

/** The timestamp used when a report has no date at all (only possible with --force: Incident Date is required). */
export const FALLBACK_TIMESTAMP = '1970-01-01T00:00:00.000Z';

const CVE_ID = /^CVE-\d{4}-(?:0\d{3}|[1-9]\d{3,})$/;

export function exportStix(input: ExportInput, options: StixExportOptions = {}): StixBundle {
  const data = collectReportData(input);
  const frontMatter = data.frontMatter?.data ?? {};
  const key = incidentKey(data);
  const idOf = (type: string, ...parts: string[]) => `${type}--${uuidv5(JSON.stringify([type, key, ...parts]))}`;
  const { created, modified } = timestamps(data);
  const tlp = tlpLevel(frontMatter.tlp);
  const objects: StixObject[] = [];
  const sdos: StixObject[] = [];

  let producerRef: string | undefined;
  const base = (type: string, id: string): StixObject => {
    const object: StixObject = { type, spec_version: '2.1', id };
    if (producerRef !== undefined && producerRef !== id) object.created_by_ref = producerRef;
    object.created = created;
    object.modified = modified;
    return object;
  };

  const producer = options.producer?.trim();
  if (producer) {
    producerRef = idOf('identity', 'producer', producer);
    sdos.push({ ...base('identity', producerRef), name: producer, identity_class: 'organization' });
  }

  const victim = victimIdentity(data, base, idOf);
  if (victim) sdos.push(victim);

  const incident = incidentObject(data, frontMatter, base('incident', idOf('incident')), input.sourcePath);
  sdos.push(incident);

  const attackPatterns = attackPatternObjects(input, data, base, idOf);
  const indicators = indicatorObjects(data, base, idOf);
  const vulnerabilities = vulnerabilityObjects(data, base, idOf);
  sdos.push(...attackPatterns, ...indicators, ...vulnerabilities);

  const relate = (type: string, source: StixObject, target: StixObject): StixObject => ({
    ...base('relationship', idOf('relationship', type, source.id, target.id)),
    relationship_type: type,
    source_ref: source.id,
    target_ref: target.id,
  });
  const relationships: StixObject[] = [];
  if (victim) relationships.push(relate('targets', incident, victim));
  for (const target of [...attackPatterns, ...indicators, ...vulnerabilities]) relationships.push(relate('related-to', incident, target));

  if (tlp) objects.push(tlpMarkingDefinition(tlp));
  for (const object of [...sdos, ...relationships]) {
    if (tlp) object.object_marking_refs = [TLP2_MARKINGS[tlp].id];
    objects.push(object);
  }
  return { type: 'bundle', id: `bundle--${uuidv5(JSON.stringify(['bundle', objects]))}`, objects };
}

type Base = (type: string, id: string) => StixObject;
type IdOf = (type: string, ...parts: string[]) => string;

/** What the identifiers hang on: the report's ID, else its title, else its path. */
function incidentKey(data: ReportData): string {
  const reportId = data.frontMatter?.data?.id;
  if ((typeof reportId === 'string' && reportId.trim() !== '') || typeof reportId === 'number') return `id:${String(reportId).trim()}`;
  if (data.title && data.title.text !== '') return `title:${data.title.text}`;
  return `path:${data.sourcePath}`;
}

/**
 * created: the front matter's `created` (else `updated`), else the discovery date, else the incident
 * date; modified: `updated` when it is not before created. Both are the start of the written date.
 */
export function timestamps(data: ReportData): { created: string; modified: string } {
  const dates = data.frontMatter?.dates ?? {};
  const created = dates.created?.start ?? dates.updated?.start ?? data.dates.discovered?.start ?? data.dates.began?.start ?? FALLBACK_TIMESTAMP;
  const updated = dates.updated?.start;
  return { created, modified: updated !== undefined && updated > created ? updated : created };
}

/**
 * The text without a final parenthetical remark (one without nested parentheses) and the white space
 * around it. Scanned backwards from the end: linear, where `/\s*\([^()]*\)\s*$/` would try each
 * position of a long run of spaces.
 */
export function withoutTrailingParenthetical(text: string): string {
  const end = trimEndWhile(text, 0, text.length, isWhitespaceCode);
  if (text[end - 1] !== ')') return text;
  let open = end - 2;
  while (open >= 0 && text[open] !== '(' && text[open] !== ')') open--;
  if (open < 0 || text[open] !== '(') return text;
  return text.slice(0, trimEndWhile(text, 0, open, isWhitespaceCode));
}

function victimIdentity(data: ReportData, base: Base, idOf: IdOf): StixObject | undefined {
  const written = fieldByKey(data, 'incidentDetails', 'affectedOrganization')?.value.trim();
  if (!written) return undefined;
  // "Northwind Manufacturing GmbH (corporate IT and two production plants)": the name is before the parenthesis.
  const name = withoutTrailingParenthetical(written).trim() || written;
  const identity: StixObject = { ...base('identity', idOf('identity', 'victim', name)), name };
  if (name !== written) identity.description = written;
  identity.identity_class = 'organization';
  const sectors = stixSectors(fieldByKey(data, 'incidentDetails', 'sector')?.value);
  if (sectors.length > 0) identity.sectors = sectors;
  return identity;
}

function incidentObject(data: ReportData, frontMatter: Record<string, unknown>, incident: StixObject, sourcePath: string): StixObject {
  const title = data.title?.text || (typeof frontMatter.title === 'string' ? frontMatter.title.trim() : '') || sourcePath;
  incident.name = title;
  const summary = sectionByKey(data, 'executiveSummary')?.text;
  const description = summary === undefined ? '' : plainText(summary);
  if (description !== '') incident.description = description;
  const reportId = frontMatter.id;
  if ((typeof reportId === 'string' && reportId.trim() !== '') || typeof reportId === 'number') {
    incident.external_references = [{ source_name: 'incident-report', external_id: String(reportId).trim() }];
  }
  const extension = incidentCoreExtension(frontMatter);
  if (extension) incident.extensions = { [INCIDENT_CORE_EXTENSION]: extension };
  return incident;
}

/**
 * The Incident Core Extension requires `determination` and `investigation_status`; it is added only when
 * the front matter says something it can carry (status, severity, determination). investigation_status
 * comes from `status` (draft/in-review → open, final/closed → closed; 'open' when absent: a report is
 * being written), determination from a front matter `determination` that is in the extension's
 * enumeration, else 'suspected' (the extension's default until a determination is made), criticality
 * from `severity`.
 */
function incidentCoreExtension(frontMatter: Record<string, unknown>): Record<string, unknown> | undefined {
  const word = (value: unknown) => (typeof value === 'string' ? value.trim().toLowerCase() : undefined);
  const status = word(frontMatter.status);
  const investigationStatus = status === undefined ? undefined : INVESTIGATION_STATUS[status];
  const writtenDetermination = word(frontMatter.determination);
  const determination = (INCIDENT_DETERMINATIONS as readonly string[]).includes(writtenDetermination ?? '') ? writtenDetermination : undefined;
  const severity = word(frontMatter.severity);
  const criticality = severity !== undefined && Object.prototype.hasOwnProperty.call(CRITICALITY, severity) ? CRITICALITY[severity] : undefined;
  if (investigationStatus === undefined && determination === undefined && criticality === undefined) return undefined;
  const extension: Record<string, unknown> = {
    extension_type: 'property-extension',
    determination: determination ?? 'suspected',
    investigation_status: investigationStatus ?? 'open',
  };
  if (criticality !== undefined) extension.criticality = criticality;
  return extension;
}

/** Markdown prose as plain paragraphs: hard-wrapped lines joined, list items and paragraphs kept apart, comments dropped. */
export function plainText(markdown: string): string {
  const paragraphs = withoutHtmlComments(markdown)
    .split(/\n[ \t]*\n/)
    .map((paragraph) =>
      paragraph
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '')
        .reduce((text, line) => (text === '' ? line : /^(?:[-*+]|\d+[.)])\s/.test(line) ? `${text}\n${line}` : `${text} ${line}`), ''),
    )
    .filter((paragraph) => paragraph !== '');
  return paragraphs.join('\n\n');
}

function attackPatternObjects(input: ExportInput, data: ReportData, base: Base, idOf: IdOf): StixObject[] {
  const { catalog } = input;
  const phases = new Map<string, string[]>();
  // Revoked techniques written in the report, by the replacement that stands for them.
  const writtenAs = new Map<string, string[]>();
  for (const row of data.tactics) {
    for (const technique of row.techniques) {
      const replaced = technique.revoked && technique.revokedSincePrevious ? technique.replacedBy : null;
      if (!technique.known || (technique.revoked && replaced === null)) continue;
      const id = replaced ?? technique.id;
      const tactics = phases.get(id) ?? [];
      phases.set(id, tactics);
      if (replaced !== null && !(writtenAs.get(id) ?? []).includes(technique.id)) writtenAs.set(id, [...(writtenAs.get(id) ?? []), technique.id]);
      if (!technique.validForTactic) continue;
      for (const tactic of technique.tactics) if (!tactics.includes(tactic)) tactics.push(tactic);
    }
  }
  const order = new Map(catalog.tactics.map((tactic) => [tactic.shortname, tactic.order]));
  const version = `MITRE ATT&CK v${catalog.version} (${catalog.domain || 'enterprise-attack'})`;
  return [...phases].map(([techniqueId, tactics]) => {
    const technique = catalog.technique(techniqueId)!;
    const object: StixObject = {
      ...base('attack-pattern', idOf('attack-pattern', 'mitre-attack', technique.id)),
      name: technique.name,
    };
    const written = writtenAs.get(technique.id);
    if (written) {
      object.description = `Written in the report as ${written.join(', ')}, which ATT&CK v${catalog.version} revoked in favour of ${technique.id}.`;
    }
    object.external_references = [{ source_name: 'mitre-attack', description: version, external_id: technique.id, url: technique.url }];
    if (tactics.length > 0) {
      object.kill_chain_phases = [...tactics]
        .sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0))
        .map((phase) => ({ kill_chain_name: 'mitre-attack', phase_name: phase }));
    }
    return object;
  });
}

/** valid_from: when the incident began, else when it was discovered, else the objects' created time. */
function validFrom(data: ReportData): string {
  return data.dates.began?.start ?? data.dates.discovered?.start ?? timestamps(data).created;
}

function indicatorObjects(data: ReportData, base: Base, idOf: IdOf): StixObject[] {
  const seen = new Set<string>();
  const objects: StixObject[] = [];
  for (const indicator of data.indicators) {
    // A value with problems (octet 256, a 63-digit hash) would be an invalid pattern: the check reports it instead.
    if (indicator.problems.length > 0) continue;
    const pattern = stixPattern(indicator.type, indicator.refanged);
    if (pattern === undefined || seen.has(pattern)) continue;
    seen.add(pattern);
    const object: StixObject = {
      ...base('indicator', idOf('indicator', pattern)),
      name: `${INDICATOR_LABELS[indicator.type]} ${indicator.defanged}`,
    };
    if (indicator.context !== '') object.description = indicator.context;
    object.pattern = pattern;
    object.pattern_type = 'stix';
    object.pattern_version = '2.1';
    object.valid_from = validFrom(data);
    objects.push(object);
  }
  return objects;
}

function vulnerabilityObjects(data: ReportData, base: Base, idOf: IdOf): StixObject[] {
  const seen = new Set<string>();
  const objects: StixObject[] = [];
  for (const indicator of data.indicators) {
    const cve = indicator.refanged.toUpperCase();
    if (indicator.type !== 'cve' || indicator.problems.length > 0 || !CVE_ID.test(cve) || seen.has(cve)) continue;
    seen.add(cve);
    objects.push({ ...base('vulnerability', idOf('vulnerability', cve)), name: cve, external_references: [{ source_name: 'cve', external_id: cve }] });
  }
  return objects;
}

/** The OASIS TLP 2.0 marking definition, exactly as published (fixed id and created). */
function tlpMarkingDefinition(level: string): StixObject {
  const marking = TLP2_MARKINGS[level];
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: marking.id,
    created: TLP2_CREATED,
    name: marking.name,
    extensions: { [TLP2_EXTENSION]: { extension_type: 'property-extension', tlp_2_0: level } },
  };
}
