import type { Finding } from '../../engine/types';
import type { RuleMeta } from '../../engine/rules/ruleTypes';

/** The outcome of checking one file (or stdin). */
export interface FileResult {
  /** Absolute path, or '<stdin>'. */
  path: string;
  /** Path relative to the working directory with '/' separators (what users and SARIF see). */
  displayPath: string;
  findings: Finding[];
  /** The text that was checked (BOM removed), for code frames. Absent when the file could not be read. */
  text?: string;
  /** Set when the file could not be checked at all (missing, binary, invalid UTF-8, too large, ...). */
  error?: string;
}

export interface FormatContext {
  cwd: string;
  /** Every rule the engine knows, for SARIF's `tool.driver.rules`. */
  rules: readonly RuleMeta[];
  /** Whether ANSI colours may be used (only for TTYs, honouring NO_COLOR/FORCE_COLOR). */
  color: boolean;
  toolName: string;
  toolVersion: string;
  /** Base URL for rule documentation; the rule page is `${docsBaseUrl}${ruleId}.md`. */
  docsBaseUrl: string;
}

export type Formatter = (results: readonly FileResult[], context: FormatContext) => string;
