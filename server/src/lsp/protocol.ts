import type { Diagnostic } from 'vscode-languageserver/node';

/**
 * Custom messages between the extension and the server (everything else is plain LSP): the one source of
 * their method names and parameter and result types. The client imports this module too, so it holds
 * constants and types only, and imports nothing at run time (esbuild then bundles just the constants).
 */

/** Server → client after each check of an open document: for the status bar. */
export const STATUS_NOTIFICATION = 'incidentReport/status';
export interface StatusParams {
  uri: string;
  isReport: boolean;
  errors: number;
  warnings: number;
  infos: number;
  attackVersion: string;
  trusted: boolean;
}

/** Client → server: check files on disk (Check Workspace), a batch at a time so progress can be shown. */
export const CHECK_FILES_REQUEST = 'incidentReport/checkFiles';
export interface CheckFilesParams {
  uris: string[];
}
export interface CheckFilesResult {
  files: { uri: string; isReport: boolean; diagnostics: Diagnostic[]; error?: string }[];
}

/** Client → server: the text of a new report from the schema's skeleton. */
export const NEW_REPORT_REQUEST = 'incidentReport/newReport';
export interface NewReportParams {
  /** The folder the report is meant for (the active report's), whose configuration applies; the workspace root without it. */
  folderUri?: string;
}
export interface NewReportResult {
  text: string;
}

/** Sent in initializationOptions. */
export interface InitializationOptions {
  settings?: unknown;
  /** Workspace Trust: when false, config files and paths from the workspace are ignored. */
  trusted?: boolean;
}

/** Client → server: the preview of an open report, rendered from its model. */
export const PREVIEW_REQUEST = 'incidentReport/renderPreview';
export interface PreviewParams {
  uri: string;
  version: number;
  webview: { cspSource: string; nonce: string; scriptUri: string; styleUri: string };
}
export interface PreviewResult {
  /** The whole webview document (first show). */
  html: string;
  /** Only the body, for in-place updates that keep the scroll position. */
  body: string;
  version: number;
}

/** Client → server: export an open report (JSON, STIX 2.1, ATT&CK Navigator layer). */
export const EXPORT_REQUEST = 'incidentReport/export';
export interface ExportParams {
  uri: string;
  format: 'json' | 'stix' | 'navigator';
  /** Export even when the report has errors (the user confirmed). */
  force?: boolean;
}
/** `text` is absent when the report has errors and `force` was not set. */
export interface ExportResult {
  errors: number;
  text?: string;
}

/** Client → server: the Incident Register view's rows, answered from the server's cache (docs/register.md). */
export const REGISTER_REQUEST = 'incidentReport/register';
export interface RegisterItem {
  uri: string;
  /** Relative to the workspace folder, '/' separators; after the folder's name when the workspace has several. */
  path: string;
  /** The workspace folder's name, when the workspace has several folders. */
  folder?: string;
  /** The report's ID, else its title, else its path. */
  name: string;
  title?: string;
  status?: string;
  severity?: string;
  /** "2026-Q1": the UTC quarter of the discovery date, else of the incident start. */
  quarter?: string;
  findings: { error: number; warning: number; info: number };
  /** The line (0-based) of the title or ID, where a click opens the report. */
  line: number;
}
export interface RegisterResult {
  items: RegisterItem[];
  /** False while the workspace is still being indexed (the items are those indexed so far). */
  complete: boolean;
  /** Files found and not yet checked. */
  pending: number;
  /** Files that could not be read, with the reason. */
  notChecked: { uri: string; reason: string }[];
  /**
   * Counters, for tests and the benchmarks: rows the index computed, checks the engine ran in all, sections of
   * the metrics page drawn in all (in the background or for a request), and whether the background preparation
   * of the page is done for the rows as they are (every section drawn before the page is asked for).
   */
  stats: { rowChecks: number; engineChecks: number; sectionDraws: number; pagePrepared: boolean };
}

/** Server → client: the register's rows changed (a report was indexed, changed or removed); ask again. */
export const REGISTER_CHANGED_NOTIFICATION = 'incidentReport/registerChanged';
export interface RegisterChangedParams {
  complete: boolean;
  pending: number;
}

/** Client → server: the register's metrics, ATT&CK heatmap and shared indicators as one webview page. */
export const REGISTER_PAGE_REQUEST = 'incidentReport/registerPage';
export interface RegisterPageParams {
  /** For the page's one script (the click handler): 16 or more base64 characters. */
  nonce: string;
  /**
   * The version of each section the webview shows (section id → version, from an earlier answer): the
   * answer then carries only the sections that changed, and no whole page.
   */
  known?: Record<string, string>;
}
export interface RegisterPageResult {
  /** The whole page; '' when `known` was given. */
  html: string;
  /** Every section (siteWebview.ts, WEBVIEW_SECTIONS) with its version; `html` only for those not `known` at that version. */
  sections: { id: string; version: string; html?: string }[];
  /** Report page name in the page's links (`reports/<name>.html#L12`) → the report's URI. */
  targets: Record<string, string>;
  /** Sections this request drew itself (0 when the background preparation had drawn them all), for tests and benchmarks. */
  drawn: number;
}

/** Client → server: the reports and lines behind a number of the metrics page (its trace key, siteTrace.ts). */
export const REGISTER_TRACE_REQUEST = 'incidentReport/registerTrace';
export interface RegisterTraceParams {
  key: string;
}
export interface RegisterTraceResult {
  /** One entry per report and line (1-based), in the order to list them; empty for a key the register no longer has. */
  entries: { uri: string; path: string; name: string; line: number; note?: string }[];
}
