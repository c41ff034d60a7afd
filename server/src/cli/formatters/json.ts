import { wholeOutput, type FileResult, type FormatContext, type Formatter, type StreamingFormatter } from './formatterTypes';
import { compareFindings, type Finding, type FindingData, type Range, type Severity } from '../../engine/types';
import { escapeJsonControlChars } from './controlChars';

/*
 * Machine-readable output for scripts. The shape is versioned (`version`): add
 * fields freely, but bump the version before renaming or removing any.
 * `range` is the engine's LSP range (0-based, UTF-16, end exclusive); the
 * `line`/`column`/`endLine`/`endColumn` fields are the same range 1-based
 * (columns still in UTF-16 code units, endColumn exclusive).
 */

export const JSON_FORMAT_VERSION = 1;

export interface JsonFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  range: Range;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  data?: FindingData;
}

export interface JsonFile {
  path: string;
  error?: string;
  findings: JsonFinding[];
}

export interface JsonReport {
  version: number;
  tool: { name: string; version: string };
  files: JsonFile[];
  summary: { errors: number; warnings: number; infos: number; files: number };
}

function toJsonFinding(finding: Finding): JsonFinding {
  const { start, end } = finding.range;
  // Build a fresh object in a fixed key order so the output does not depend on how the engine built the finding.
  const json: JsonFinding = {
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    range: { start: { line: start.line, character: start.character }, end: { line: end.line, character: end.character } },
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
  };
  if (finding.data !== undefined) json.data = finding.data;
  return json;
}

function toJsonFile(result: FileResult): JsonFile {
  const findings = [...result.findings].sort(compareFindings).map(toJsonFinding);
  return result.error === undefined ? { path: result.displayPath, findings } : { path: result.displayPath, error: result.error, findings };
}

export function buildJsonReport(results: readonly FileResult[], context: FormatContext): JsonReport {
  const summary = { errors: 0, warnings: 0, infos: 0, files: results.length };
  for (const result of results) {
    for (const finding of result.findings) {
      if (finding.severity === 'error') summary.errors++;
      else if (finding.severity === 'warning') summary.warnings++;
      else summary.infos++;
    }
  }
  return {
    version: JSON_FORMAT_VERSION,
    tool: { name: context.toolName, version: context.toolVersion },
    files: results.map(toJsonFile),
    summary,
  };
}

/** `JSON.stringify(value, null, 2)` as it reads at `depth` levels of nesting (every line after the first indented). */
const nested = (value: unknown, depth: number): string => JSON.stringify(value, null, 2).replace(/\n/g, `\n${'  '.repeat(depth)}`);

/**
 * The JSON output one file at a time: the same bytes as `JSON.stringify(buildJsonReport(...), null, 2)`,
 * written as the head, one `files` entry per result, then the summary, so that no result is kept.
 */
export const jsonStream: StreamingFormatter = (context) => {
  const summary = { errors: 0, warnings: 0, infos: 0, files: 0 };
  const head = `{\n  "version": ${JSON_FORMAT_VERSION},\n  "tool": ${nested({ name: context.toolName, version: context.toolVersion }, 1)},\n  "files": [`;
  return {
    file(result) {
      for (const finding of result.findings) {
        if (finding.severity === 'error') summary.errors++;
        else if (finding.severity === 'warning') summary.warnings++;
        else summary.infos++;
      }
      const entry = `${summary.files++ === 0 ? head : ','}\n    ${nested(toJsonFile(result), 2)}`;
      return escapeJsonControlChars(entry);
    },
    end: () => escapeJsonControlChars(`${summary.files === 0 ? `${head}]` : '\n  ]'},\n  "summary": ${nested(summary, 1)}\n}\n`),
  };
};

export const json: Formatter = wholeOutput(jsonStream);
