import type { Diagnostic } from 'vscode-languageserver/node';

/** Custom messages between the extension and the server (everything else is plain LSP). */

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
export interface NewReportResult {
  text: string;
}

/** Sent in initializationOptions. */
export interface InitializationOptions {
  settings?: unknown;
  /** Workspace Trust: when false, config files and paths from the workspace are ignored. */
  trusted?: boolean;
}
