import type { FileResult, Formatter } from './formatterTypes';
import { compareFindings, comparePositions, type Finding, type Severity } from '../../engine/types';
import { replaceControlChars } from './controlChars';

/*
 * GitHub Actions workflow commands: one line per finding, which the runner turns into an annotation
 * on the pull request's diff and the job summary.
 *
 *   ::error file=reports/a.md,line=2,col=11,endLine=2,endColumn=15,title=value-enum::Severity "Sev5" is not allowed
 *
 * error → ::error, warning → ::warning, info → ::notice. Lines and columns are 1-based, columns in
 * UTF-16 code units and endColumn exclusive (as in the json and sarif formats); columns are left out
 * for a range over several lines, which annotations cannot show. A file that could not be read is an
 * ::error on the file. Escaping follows the runner's rules (actions/toolkit command.ts): in the message
 * `%` → %25, CR → %0D, LF → %0A; in property values also `:` → %3A and `,` → %2C. Before that, every other
 * control character (ESC, BEL, C1, bidi overrides; see controlChars.ts) of every field becomes U+FFFD: the
 * runner would pass them to the log and the annotation as they are. Nothing else is printed, so the output
 * is the annotations only.
 */

const COMMANDS: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

export function escapeData(text: string): string {
  return replaceControlChars(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(name: string, properties: readonly (readonly [string, string | number])[], message: string): string {
  const props = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
  return `::${name} ${props}::${escapeData(message)}`;
}

function annotation(result: FileResult, finding: Finding): string {
  const { start } = finding.range;
  const end = comparePositions(finding.range.end, start) < 0 ? start : finding.range.end;
  const properties: [string, string | number][] = [
    ['file', result.displayPath],
    ['line', start.line + 1],
  ];
  if (end.line === start.line) properties.push(['col', start.character + 1]);
  properties.push(['endLine', end.line + 1]);
  if (end.line === start.line) properties.push(['endColumn', end.character + 1]);
  properties.push(['title', finding.ruleId]);
  return command(COMMANDS[finding.severity], properties, finding.message);
}

export const github: Formatter = (results) => {
  const lines: string[] = [];
  for (const result of results) {
    if (result.error !== undefined)
      lines.push(
        command(
          'error',
          [
            ['file', result.displayPath],
            ['title', 'increport'],
          ],
          result.error,
        ),
      );
    for (const finding of [...result.findings].sort(compareFindings)) lines.push(annotation(result, finding));
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
};
