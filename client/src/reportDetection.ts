import * as path from 'node:path';
import type { TextDocument } from 'vscode';

/** How far into a document the client looks for the signs of a report before starting the server. */
const DETECTION_PREFIX_CHARS = 4000;
const REPORT_TITLE = /^#[ \t]+(?:security[ \t]+)?incident[ \t]+report\b/im;
const REPORT_FRONT_MATTER = /^---\r?\n(?:.*\r?\n)*?type:[ \t]*["']?incident-report["']?[ \t]*\r?\n/;

/**
 * A cheap first look, so that the language server only starts once a report is open. The server makes
 * the real decision with the full model (and the `files` globs).
 */
export function looksLikeReport(document: TextDocument, reportGlobs: (relativePath: string) => boolean, workspaceRoot: string | undefined): boolean {
  if (document.languageId !== 'markdown') return false;
  const head = document.getText().slice(0, DETECTION_PREFIX_CHARS);
  if (REPORT_TITLE.test(head) || REPORT_FRONT_MATTER.test(head)) return true;
  if (!workspaceRoot || document.uri.scheme !== 'file') return false;
  const relative = path.relative(workspaceRoot, document.uri.fsPath).split(path.sep).join('/');
  return !relative.startsWith('../') && reportGlobs(relative);
}
