import { ErrorCodes, ResponseError, type Connection } from 'vscode-languageserver/node';
import { MAX_TRACE_KEY, traceOf } from '../../engine/site';
import { packageVersion } from '../../node/packageRoot';
import {
  REGISTER_CHANGED_NOTIFICATION,
  REGISTER_PAGE_REQUEST,
  REGISTER_REQUEST,
  REGISTER_TRACE_REQUEST,
  type RegisterChangedParams,
  type RegisterPageParams,
  type RegisterPageResult,
  type RegisterResult,
  type RegisterTraceParams,
  type RegisterTraceResult,
} from '../protocol';
import type { RegisterIndex } from '../register/registerIndex';
import type { ReportSession } from '../reportSession';
import { RegisterPage } from './registerPage';

/** Changes are announced at most this often while indexing, so the view fills in without redrawing on every report. */
export const REGISTER_NOTIFY_MS = 300;

/**
 * The Incident Register view's requests: the rows (from the index's cache: never waits for a check), the
 * metrics page, and the reports and lines behind one of its numbers. The first request starts indexing the
 * workspace; once it is complete, the index prepares the metrics page in its background slices
 * (registerPage.ts), so a user who never opens the view pays for neither.
 */
export function registerRegisterHandlers(connection: Connection, index: RegisterIndex, session: () => ReportSession): void {
  // Read once: packageVersion reads and parses package.json on every call.
  let version: string | undefined;
  const tool = () => ({ name: 'increport', version: (version ??= packageVersion()) });
  const page = new RegisterPage(index, () => session().tacticOrder(), tool);
  index.follow(page);

  connection.onRequest(REGISTER_REQUEST, (): RegisterResult => {
    index.start();
    return index.result();
  });

  connection.onRequest(REGISTER_PAGE_REQUEST, (params: RegisterPageParams): RegisterPageResult => {
    if (typeof params?.nonce !== 'string' || !NONCE.test(params.nonce))
      throw new ResponseError(ErrorCodes.InvalidParams, 'a nonce of 16 or more base64 characters');
    index.start();
    return page.page(params);
  });

  connection.onRequest(REGISTER_TRACE_REQUEST, (params: RegisterTraceParams): RegisterTraceResult => {
    if (typeof params?.key !== 'string' || params.key.length > MAX_TRACE_KEY) throw new ResponseError(ErrorCodes.InvalidParams, 'a trace key');
    const { register, uriOf } = index.register(tool());
    const entries = traceOf(register, params.key) ?? [];
    return { entries: entries.flatMap((entry) => (uriOf.has(entry.path) ? [{ ...entry, uri: uriOf.get(entry.path)! }] : [])) };
  });
}

const NONCE = /^[A-Za-z0-9+/=_-]{16,}$/;

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
