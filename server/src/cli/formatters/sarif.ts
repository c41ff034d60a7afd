import { pathToFileURL } from 'node:url';
import type { FileResult, FormatContext, Formatter } from './formatterTypes';
import { compareFindings, comparePositions, type Finding, type Range, type Severity } from '../../engine/types';
import type { RuleMeta } from '../../engine/rules/ruleTypes';
import type { RuleHelp, RuleHelpLookup } from '../ruleHelp';
import { escapeJsonControlChars } from './controlChars';

/*
 * SARIF 2.1.0 for code-scanning uploads (GitHub, Azure DevOps, IDE viewers).
 * Output is deterministic: no timestamps, GUIDs or absolute paths except the
 * %SRCROOT% base (the working directory), so identical input gives identical bytes.
 * Each known rule carries its help inline (`help.text` and `help.markdown`, from docs/rules/<id>.md via
 * context.ruleHelp), and a `helpUri` only when the package has a public address (context.docsBaseUrl).
 * Regions are 1-based; columns are UTF-16 code units (declared via run.columnKind,
 * the same unit as the engine's LSP ranges) and endColumn is exclusive, so an
 * empty (insertion-point) range has endColumn === startColumn.
 */

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';

type SarifLevel = 'error' | 'warning' | 'note';
const LEVELS: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
  index?: number;
}

interface ReportingDescriptor {
  id: string;
  name: string;
  shortDescription?: { text: string };
  helpUri?: string;
  help?: RuleHelp;
  defaultConfiguration?: { level: SarifLevel };
}

/** `section-missing` → `SectionMissing`: SARIF wants a readable identifier-like name. */
export function ruleName(ruleId: string): string {
  return ruleId
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part.length > 0)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}

function ruleDescriptor(meta: RuleMeta, docsBaseUrl: string, ruleHelp: RuleHelpLookup | undefined): ReportingDescriptor {
  const descriptor: ReportingDescriptor = { id: meta.id, name: ruleName(meta.id), shortDescription: { text: meta.summary } };
  if (docsBaseUrl !== '') descriptor.helpUri = `${docsBaseUrl}${meta.id}.md`;
  const help = ruleHelp?.(meta.id);
  if (help) descriptor.help = { text: help.text, markdown: help.markdown };
  descriptor.defaultConfiguration = { level: LEVELS[meta.defaultSeverity] };
  return descriptor;
}

/** Percent-encodes each path segment (space → %20, ':' → %3A so a segment is never read as a scheme). */
function encodePath(path: string): string {
  return path
    .split('/')
    .map((segment, index) => (index === 0 && /^[A-Za-z]:$/.test(segment) ? segment : encodeURIComponent(segment)))
    .join('/');
}

/** Relative display paths resolve against %SRCROOT%; a path outside the tree on another drive stays an absolute file URI. */
function artifactLocationFor(displayPath: string): ArtifactLocation {
  if (displayPath.startsWith('/')) return { uri: `file://${encodePath(displayPath)}` };
  if (/^[A-Za-z]:\//.test(displayPath)) return { uri: `file:///${encodePath(displayPath)}` };
  return { uri: encodePath(displayPath), uriBaseId: SRCROOT };
}

function srcRootUri(cwd: string): string {
  const href = pathToFileURL(cwd).href;
  return href.endsWith('/') ? href : `${href}/`;
}

function region(range: Range): { startLine: number; startColumn: number; endLine: number; endColumn: number } {
  // A reversed range would violate SARIF's ordering rules; treat it as empty at its start.
  const end = comparePositions(range.end, range.start) < 0 ? range.start : range.end;
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
  };
}

/** Rule table: every known rule in the engine's order, then (first-seen) any rule id a finding uses that the table lacks. */
class RuleTable {
  readonly descriptors: ReportingDescriptor[] = [];
  private readonly indexById = new Map<string, number>();

  constructor(rules: readonly RuleMeta[], docsBaseUrl: string, ruleHelp: RuleHelpLookup | undefined) {
    for (const meta of rules) {
      if (!this.indexById.has(meta.id)) this.add(ruleDescriptor(meta, docsBaseUrl, ruleHelp));
    }
  }

  indexOf(ruleId: string): number {
    return this.indexById.get(ruleId) ?? this.add({ id: ruleId, name: ruleName(ruleId) });
  }

  private add(descriptor: ReportingDescriptor): number {
    this.indexById.set(descriptor.id, this.descriptors.length);
    return this.descriptors.push(descriptor) - 1;
  }
}

/** Artifacts, one per distinct URI (the schema requires unique items), referenced from results by index. */
class ArtifactTable {
  readonly artifacts: { location: ArtifactLocation; roles: ['analysisTarget'] }[] = [];
  private readonly indexByUri = new Map<string, number>();

  locationFor(displayPath: string): ArtifactLocation {
    const location = artifactLocationFor(displayPath);
    const key = `${location.uriBaseId ?? ''} ${location.uri}`;
    let index = this.indexByUri.get(key);
    if (index === undefined) {
      index = this.artifacts.push({ location, roles: ['analysisTarget'] }) - 1;
      this.indexByUri.set(key, index);
    }
    return { ...location, index };
  }
}

function sarifResult(finding: Finding, artifactLocation: ArtifactLocation, rules: RuleTable): object {
  return {
    ruleId: finding.ruleId,
    ruleIndex: rules.indexOf(finding.ruleId),
    level: LEVELS[finding.severity],
    message: { text: finding.message },
    locations: [{ physicalLocation: { artifactLocation, region: region(finding.range) } }],
  };
}

export function buildSarifLog(results: readonly FileResult[], context: FormatContext): object {
  const rules = new RuleTable(context.rules, context.docsBaseUrl, context.ruleHelp);
  const artifacts = new ArtifactTable();
  const sarifResults: object[] = [];
  const notifications: object[] = [];

  for (const file of results) {
    const artifactLocation = artifacts.locationFor(file.displayPath);
    if (file.error !== undefined) {
      notifications.push({
        level: 'error',
        message: { text: file.error },
        locations: [{ physicalLocation: { artifactLocation } }],
      });
    }
    for (const finding of [...file.findings].sort(compareFindings)) {
      sarifResults.push(sarifResult(finding, artifactLocation, rules));
    }
  }

  const invocation = notifications.length > 0 ? { executionSuccessful: false, toolExecutionNotifications: notifications } : { executionSuccessful: true };

  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: context.toolName, version: context.toolVersion, rules: rules.descriptors } },
        invocations: [invocation],
        originalUriBaseIds: { [SRCROOT]: { uri: srcRootUri(context.cwd) } },
        artifacts: artifacts.artifacts,
        results: sarifResults,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
}

export const sarif: Formatter = (results, context) => `${escapeJsonControlChars(JSON.stringify(buildSarifLog(results, context), null, 2))}\n`;
