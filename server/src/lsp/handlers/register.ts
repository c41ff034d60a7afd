import { ErrorCodes, ResponseError, type Connection } from 'vscode-languageserver/node';
import type { Register } from '../../engine/register';
import { registerWebviewPage, reportPageTargets } from '../../engine/site';
import { packageVersion } from '../../node/packageRoot';
import {
  REGISTER_CHANGED_NOTIFICATION,
  REGISTER_PAGE_REQUEST,
  REGISTER_REQUEST,
  type RegisterChangedParams,
  type RegisterPageParams,
  type RegisterPageResult,
  type RegisterResult,
} from '../protocol';
import type { RegisterIndex } from '../register/registerIndex';
import type { ReportSession } from '../reportSession';

/** Changes are announced at most this often while indexing, so the view fills in without redrawing on every report. */
export const REGISTER_NOTIFY_MS = 300;

/**
 * The Incident Register view's requests: the rows (from the index's cache: never waits for a check) and the
 * metrics page. The first request starts indexing the workspace.
 */
export function registerRegisterHandlers(connection: Connection, index: RegisterIndex, session: () => ReportSession): void {
  // The page of the last register, drawn with a placeholder nonce: asked again unchanged, it costs a string replace.
  let cached: { register: Register; complete: boolean; html: string; targets: Record<string, string> } | undefined;

  connection.onRequest(REGISTER_REQUEST, (): RegisterResult => {
    index.start();
    return index.result();
  });

  connection.onRequest(REGISTER_PAGE_REQUEST, (params: RegisterPageParams): RegisterPageResult => {
    if (typeof params?.nonce !== 'string' || !NONCE.test(params.nonce))
      throw new ResponseError(ErrorCodes.InvalidParams, 'a nonce of 16 or more base64 characters');
    index.start();
    const { register, uriOf } = index.register({ name: 'increport', version: packageVersion() });
    if (cached?.register !== register || cached.complete !== index.isComplete) cached = { register, complete: index.isComplete, ...drawPage(register, uriOf) };
    return { html: cached.html.replaceAll(PLACEHOLDER_NONCE, params.nonce), targets: cached.targets };
  });

  function drawPage(register: Register, uriOf: Map<string, string>): { html: string; targets: Record<string, string> } {
    const progress = index.isComplete ? '' : `; indexing, ${index.pending} reports to go`;
    const html = registerWebviewPage(register, {
      nonce: PLACEHOLDER_NONCE,
      tacticOrder: session().tacticOrder(),
      footer: `increport ${packageVersion()}: ${register.totals.reports} reports in the workspace${progress}`,
    });
    const targets: Record<string, string> = {};
    for (const [page, path] of Object.entries(reportPageTargets(register))) {
      const uri = uriOf.get(path);
      if (uri) targets[page] = uri;
    }
    return { html, targets };
  }
}

const NONCE = /^[A-Za-z0-9+/=_-]{16,}$/;
/** Never in a page otherwise: the site escapes every report string, and this has no character to escape. */
const PLACEHOLDER_NONCE = 'increportNoncePlaceholder0123456789';

/** The notifier the index calls on every change: throttled to one notification per REGISTER_NOTIFY_MS. */
export function registerChangedNotifier(connection: Connection, index: () => RegisterIndex): () => void {
  let timer: NodeJS.Timeout | undefined;
  return () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      const params: RegisterChangedParams = { complete: index().isComplete, pending: index().pending };
      void connection.sendNotification(REGISTER_CHANGED_NOTIFICATION, params);
    }, REGISTER_NOTIFY_MS);
  };
}
