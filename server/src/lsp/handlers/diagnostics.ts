import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { Finding, Severity } from '../../engine/types';
import type { Analysis } from '../reportSession';

const LSP_SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};
const SEVERITY_OF: Record<number, Severity> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'info' };

/** The engine's finding as an LSP diagnostic; ranges are already LSP coordinates. */
export function toDiagnostic(finding: Finding, docsBaseUrl: string): Diagnostic {
  return {
    range: finding.range,
    severity: LSP_SEVERITY[finding.severity],
    code: finding.ruleId,
    codeDescription: { href: `${docsBaseUrl}${finding.ruleId}.md` },
    source: 'increport',
    message: finding.message,
    ...(finding.data ? { data: finding.data } : {}),
  };
}

/** Back from a diagnostic the client sends with a code action request. */
export function toFinding(diagnostic: Diagnostic): Finding | undefined {
  if (diagnostic.source !== 'increport' || typeof diagnostic.code !== 'string') return undefined;
  return {
    ruleId: diagnostic.code,
    severity: SEVERITY_OF[diagnostic.severity ?? 1],
    message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value,
    range: diagnostic.range,
    ...(diagnostic.data ? { data: diagnostic.data as Record<string, unknown> } : {}),
  };
}

export function diagnosticsOf(analysis: Analysis, docsBaseUrl: string): Diagnostic[] {
  if (analysis.configError) {
    const error = analysis.configError;
    return [
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: DiagnosticSeverity.Error,
        source: 'increport',
        code: 'config-invalid',
        message: `Invalid increport configuration: ${error.toString()}`,
      },
    ];
  }
  return analysis.findings.map((finding) => toDiagnostic(finding, docsBaseUrl));
}
