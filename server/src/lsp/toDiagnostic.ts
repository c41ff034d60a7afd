import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { Finding, Severity } from '../engine/types';

const LSP_SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** The engine's finding as an LSP diagnostic; ranges are already LSP coordinates. */
export function toDiagnostic(finding: Finding, docsBaseUrl: string): Diagnostic {
  return {
    range: finding.range,
    severity: LSP_SEVERITY[finding.severity],
    code: finding.ruleId,
    codeDescription: { href: `${docsBaseUrl}${finding.ruleId}.md` },
    source: 'increport',
    message: finding.message,
    data: finding.data,
  };
}
