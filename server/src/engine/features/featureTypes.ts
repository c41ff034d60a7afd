import type { AnalysedReport } from '../analysedReport';
import type { Finding, Position, Range } from '../types';

/**
 * Editor features are plain functions over a report's model: no LSP, no VS Code. The language server
 * maps these shapes onto the protocol (server/src/lsp/handlers/). Their input is the part of an
 * AnalysedReport (engine/analysedReport.ts) they read: model, spec, catalog and clock, and the
 * configuration where there is one (the template style of the sections they insert; bullets without).
 */
export type FeatureContext = Pick<AnalysedReport, 'model' | 'spec' | 'catalog' | 'now'> & Partial<Pick<AnalysedReport, 'config'>>;

/** Checked between steps of long work; a cancelled request returns early with what it has (or nothing). */
export interface Cancellation {
  readonly isCancellationRequested: boolean;
}

export const NOT_CANCELLED: Cancellation = { isCancellationRequested: false };

export interface TextEdit {
  range: Range;
  newText: string;
}

export type CompletionKind = 'section' | 'field' | 'tactic' | 'technique' | 'value' | 'date' | 'snippet';

export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  /** One line shown beside the label (e.g. a technique's tactics). */
  detail?: string;
  /** Markdown shown in the details pane. */
  documentation?: string;
  /** Replaces `range`. */
  insertText: string;
  /** `insertText` uses snippet syntax ($1, ${1:default}). */
  isSnippet?: boolean;
  range: Range;
  /** Ranking: entries sort by this string. */
  sortText: string;
  filterText?: string;
}

export interface HoverResult {
  /** Markdown. */
  contents: string;
  range: Range;
}

export interface QuickFix {
  title: string;
  kind: 'quickfix' | 'source.fixAll';
  edits: TextEdit[];
  /** The findings this fix resolves. */
  fixes: Finding[];
  isPreferred?: boolean;
}

/** `entry`: a Timeline of Events entry (a table row or a dated bullet). */
export type SymbolKind = 'title' | 'section' | 'subsection' | 'field' | 'entry' | 'frontMatter';

export interface SymbolNode {
  name: string;
  detail?: string;
  kind: SymbolKind;
  range: Range;
  selectionRange: Range;
  children: SymbolNode[];
}

export interface FoldingEntry {
  startLine: number;
  endLine: number;
  kind?: 'region' | 'comment' | 'imports';
}

export interface DocumentLinkEntry {
  range: Range;
  target: string;
  tooltip?: string;
}

export type { Finding, Position, Range };
