import type { Finding } from '../../engine/types';
import type { RuleMeta } from '../../engine/rules/ruleTypes';
import type { RuleHelpLookup } from '../ruleHelp';

/** The outcome of checking one file (or stdin). */
export interface FileResult {
  /** Absolute path, or '<stdin>'. */
  path: string;
  /** Path relative to the working directory with '/' separators (what users and SARIF see). */
  displayPath: string;
  findings: Finding[];
  /** The text that was checked (BOM removed), for code frames. Absent when the file could not be read. */
  text?: string;
  /** Instead of `text`: only the lines findings start on, by 0-based index (what `increport check` keeps). */
  frameLines?: Readonly<Record<number, string>>;
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
  /**
   * Public base URL of the rule pages (the page is `${docsBaseUrl}${ruleId}.md`), or '' when the package
   * has none (see ruleDocsUrl.ts). Never a path into the install folder: output must not reveal it.
   */
  docsBaseUrl: string;
  /** Each rule's help (its docs/rules page as Markdown and plain text), for SARIF; absent: no help. */
  ruleHelp?: RuleHelpLookup;
  /** With --quiet: how many warnings and infos were left out, so that the summary can say so. */
  hiddenByQuiet?: { warning: number; info: number };
}

export type Formatter = (results: readonly FileResult[], context: FormatContext) => string;

/** A format written one file at a time: `file` gives each result's text as it comes, `end` the rest. */
export interface FormatStream {
  file(result: FileResult): string;
  end(): string;
}

/** A format that can be streamed: `increport check` writes each file's part as soon as that file is checked. */
export type StreamingFormatter = (context: FormatContext) => FormatStream;

/** A streamed format's whole output for `results`: the same bytes as streaming them. */
export function wholeOutput(stream: StreamingFormatter): Formatter {
  return (results, context) => {
    const format = stream(context);
    let text = '';
    for (const result of results) text += format.file(result);
    return text + format.end();
  };
}

/** A format that needs every result before it writes (SARIF's rule table and notifications come before its results): kept until the end. */
export function keptUntilEnd(formatter: Formatter): StreamingFormatter {
  return (context) => {
    const results: FileResult[] = [];
    return {
      file(result) {
        results.push(result);
        return '';
      },
      end: () => formatter(results, context),
    };
  };
}
