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
