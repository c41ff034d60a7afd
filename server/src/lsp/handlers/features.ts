import {
  CodeActionKind,
  CompletionItemKind,
  DocumentSymbol,
  FoldingRangeKind,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
  SymbolKind,
  type CodeAction,
  type CompletionItem,
  type CompletionList,
  type Connection,
  type TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { codeActions, fixAll } from '../../engine/features/codeActions';
import { complete } from '../../engine/features/completion';
import type { CompletionKind, QuickFix, SymbolKind as ReportSymbolKind, SymbolNode } from '../../engine/features/featureTypes';
import { foldingRanges } from '../../engine/features/folding';
import { hover } from '../../engine/features/hover';
import type { IndicatorReports } from '../../engine/features/indicatorHover';
import { documentLinks } from '../../engine/features/links';
import { documentSymbols } from '../../engine/features/symbols';
import type { Finding } from '../../engine/types';
import type { Analysis, ReportSession } from '../reportSession';
import { toFinding } from './diagnostics';

const COMPLETION_KINDS: Record<CompletionKind, CompletionItemKind> = {
  section: CompletionItemKind.Module,
  field: CompletionItemKind.Field,
  tactic: CompletionItemKind.Enum,
  technique: CompletionItemKind.EnumMember,
  value: CompletionItemKind.Value,
  date: CompletionItemKind.Constant,
  snippet: CompletionItemKind.Snippet,
};
const SYMBOL_KINDS: Record<ReportSymbolKind, SymbolKind> = {
  title: SymbolKind.File,
  section: SymbolKind.Module,
  subsection: SymbolKind.Namespace,
  field: SymbolKind.Field,
  entry: SymbolKind.Event,
  frontMatter: SymbolKind.Object,
};
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.increport`;

/**
 * LSP glue for the editor features: each handler finds the document's analysis (its located model),
 * calls the plain feature function with the request's cancellation token, and maps the result.
 */
export function registerFeatureHandlers(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  session: () => ReportSession,
  /** The register's indicator index for hover's "also in", once the workspace is indexed. */
  indicatorReports: (uri: string) => IndicatorReports | undefined = () => undefined,
): void {
  /** The feature context of a report; undefined for other Markdown, closed documents, or broken config. */
  const contextOf = (uri: string) => {
    const document = documents.get(uri);
    const analysis: Analysis | undefined = document ? session().analyze(document) : undefined;
    return analysis?.report ? { analysis, context: analysis.report } : undefined;
  };

  /** Completion and hover answer while the user types: from the section being edited (ReportSession.featureContext). */
  const typingContextOf = (uri: string, line: number) => {
    const document = documents.get(uri);
    return document ? session().featureContext(document, line) : undefined;
  };

  connection.onCompletion((params, token): CompletionList => {
    const context = typingContextOf(params.textDocument.uri, params.position.line);
    if (!context) return { isIncomplete: false, items: [] };
    const entries = complete(context, params.position, token);
    const items = entries.map((entry): CompletionItem => ({
      label: entry.label,
      kind: COMPLETION_KINDS[entry.kind],
      detail: entry.detail,
      ...(entry.kind === 'technique' && entry.detail ? { labelDetails: { description: entry.detail } } : {}),
      documentation: entry.documentation ? { kind: MarkupKind.Markdown, value: entry.documentation } : undefined,
      textEdit: { range: entry.range, newText: entry.insertText },
      insertTextFormat: entry.isSnippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      // Section snippets span lines: keep their indentation as written.
      ...(entry.isSnippet ? { insertTextMode: InsertTextMode.asIs } : {}),
      sortText: entry.sortText,
      filterText: entry.filterText,
      // After a tactic or field key, open the list for its value straight away.
      ...(entry.kind === 'tactic' || entry.kind === 'field' ? { command: { title: 'Suggest', command: 'editor.action.triggerSuggest' } } : {}),
    }));
    // Technique lists are ranked and capped on the server: ask again as the user types more.
    return { isIncomplete: entries.some((entry) => entry.kind === 'technique'), items };
  });

  connection.onHover((params, token) => {
    const context = typingContextOf(params.textDocument.uri, params.position.line);
    const result = context ? hover(context, params.position, token, indicatorReports(params.textDocument.uri)) : undefined;
    return result ? { contents: { kind: MarkupKind.Markdown, value: result.contents }, range: result.range } : null;
  });

  connection.onCodeAction((params, token): CodeAction[] => {
    const found = contextOf(params.textDocument.uri);
    if (!found) return [];
    const only = params.context.only;
    const wantsFixAll = only?.some((kind) => FIX_ALL_KIND.startsWith(kind) || kind === CodeActionKind.Source) ?? false;
    if (wantsFixAll) {
      const fix = fixAll(found.context, found.analysis.findings, token);
      return fix ? [toCodeAction(params.textDocument.uri, fix, FIX_ALL_KIND)] : [];
    }
    // Prefer the server's own findings (with their full data) for the diagnostics the client sent back.
    const fromClient = params.context.diagnostics
      .map(
        (diagnostic) =>
          found.analysis.findings.find((finding) => finding.ruleId === diagnostic.code && sameRange(finding.range, diagnostic.range)) ?? toFinding(diagnostic),
      )
      .filter((finding): finding is Finding => finding !== undefined);
    const findings = fromClient.length > 0 ? fromClient : found.analysis.findings;
    return codeActions(found.context, findings, params.range, token).map((fix) =>
      toCodeAction(params.textDocument.uri, fix, CodeActionKind.QuickFix, params.context.diagnostics),
    );
  });

  connection.onDocumentSymbol((params, token) => {
    const found = contextOf(params.textDocument.uri);
    return found ? documentSymbols(found.context, token).map(toDocumentSymbol) : [];
  });

  connection.onFoldingRanges((params, token) => {
    const found = contextOf(params.textDocument.uri);
    if (!found) return [];
    return foldingRanges(found.context, token).map((entry) => ({
      startLine: entry.startLine,
      endLine: entry.endLine,
      ...(entry.kind
        ? { kind: entry.kind === 'comment' ? FoldingRangeKind.Comment : entry.kind === 'imports' ? FoldingRangeKind.Imports : FoldingRangeKind.Region }
        : {}),
    }));
  });

  connection.onDocumentLinks((params, token) => {
    const found = contextOf(params.textDocument.uri);
    return found ? documentLinks(found.context, token) : [];
  });
}

function toCodeAction(uri: string, fix: QuickFix, kind: string, diagnostics: CodeAction['diagnostics'] = []): CodeAction {
  const resolved = diagnostics?.filter((diagnostic) =>
    fix.fixes.some((finding) => finding.ruleId === diagnostic.code && sameRange(finding.range, diagnostic.range)),
  );
  return {
    title: fix.title,
    kind,
    ...(resolved && resolved.length > 0 ? { diagnostics: resolved } : {}),
    ...(fix.isPreferred ? { isPreferred: true } : {}),
    edit: { changes: { [uri]: fix.edits } },
  };
}

function sameRange(a: Finding['range'], b: Finding['range']): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

function toDocumentSymbol(node: SymbolNode): DocumentSymbol {
  return DocumentSymbol.create(
    node.name || '(untitled)',
    node.detail,
    SYMBOL_KINDS[node.kind],
    node.range,
    node.selectionRange,
    node.children.map(toDocumentSymbol),
  );
}
