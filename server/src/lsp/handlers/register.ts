import { ErrorCodes, ResponseError, type Connection } from 'vscode-languageserver/node';
import type { Register } from '../../engine/register';
import {
  MAX_TRACE_KEY,
  registerWebviewPage,
  reportNames,
  reportPageTargets,
  traceOf,
  WEBVIEW_SECTIONS,
  webviewSection,
  type WebviewSectionId,
} from '../../engine/site';
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

/** Changes are announced at most this often while indexing, so the view fills in without redrawing on every report. */
export const REGISTER_NOTIFY_MS = 300;

interface DrawnSection {
  /** What the section was drawn from (compared by identity): the same inputs draw the same HTML. */
  inputs: readonly unknown[];
  version: string;
  html: string;
}

/**
 * The Incident Register view's requests: the rows (from the index's cache: never waits for a check), the
 * metrics page, and the reports and lines behind one of its numbers. The first request starts indexing the
 * workspace. The page is drawn section by section (siteWebview.ts): after a change only the sections whose
 * inputs changed (the index keeps the register parts no changed report touched) are drawn again, and a
 * webview that names the versions it shows is sent only those.
 */
export function registerRegisterHandlers(connection: Connection, index: RegisterIndex, session: () => ReportSession): void {
  const drawn = new Map<WebviewSectionId, DrawnSection>();
  let drawCount = 0;
  let targets: { register: Register; targets: Record<string, string> } | undefined;
  // Read once: packageVersion reads and parses package.json on every call.
  let version: string | undefined;
  const tool = () => ({ name: 'increport', version: (version ??= packageVersion()) });

  connection.onRequest(REGISTER_REQUEST, (): RegisterResult => {
    index.start();
    return index.result();
  });

  connection.onRequest(REGISTER_PAGE_REQUEST, (params: RegisterPageParams): RegisterPageResult => {
    if (typeof params?.nonce !== 'string' || !NONCE.test(params.nonce))
      throw new ResponseError(ErrorCodes.InvalidParams, 'a nonce of 16 or more base64 characters');
    index.start();
    const { register, uriOf, namesVersion } = index.register(tool());
    const progress = index.isComplete ? '' : `; indexing, ${index.pending} reports to go`;
    const options = {
      tacticOrder: session().tacticOrder(),
      footer: `increport ${tool().version}: ${register.totals.reports} reports in the workspace${progress}`,
    };
    const inputs: Record<WebviewSectionId, readonly unknown[]> = {
      summary: [register.totals.reports, register.totals.withErrors],
      metrics: [register.metrics],
      attack: [register.attack, namesVersion, register.reports.length, JSON.stringify(options.tacticOrder)],
      indicators: [register.indicators, namesVersion, register.reports.length],
      footer: [options.footer],
    };
    let names: ReturnType<typeof reportNames> | undefined;
    const sections = WEBVIEW_SECTIONS.map((id) => {
      let section = drawn.get(id);
      if (!section || section.inputs.length !== inputs[id].length || section.inputs.some((input, i) => input !== inputs[id][i])) {
        const html = webviewSection(id, { register, names: (names ??= reportNames(register)), options });
        // The same HTML again (a change that left this section as it was) keeps its version: nothing to send.
        section = { inputs: inputs[id], version: section?.html === html ? section.version : `${id}-${++drawCount}`, html };
        drawn.set(id, section);
      }
      return section;
    });
    if (targets?.register !== register) {
      const byPage: Record<string, string> = {};
      for (const [page, path] of Object.entries(reportPageTargets(register))) {
        const uri = uriOf.get(path);
        if (uri) byPage[page] = uri;
      }
      targets = { register, targets: byPage };
    }
    const known = params.known && typeof params.known === 'object' ? params.known : undefined;
    const html = known
      ? ''
      : registerWebviewPage(register, { ...options, nonce: params.nonce }, Object.fromEntries(WEBVIEW_SECTIONS.map((id, i) => [id, sections[i].html])));
    return {
      html,
      sections: sections.map((section, i) => ({
        id: WEBVIEW_SECTIONS[i],
        version: section.version,
        ...(known?.[WEBVIEW_SECTIONS[i]] === section.version ? {} : { html: section.html }),
      })),
      targets: targets.targets,
    };
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
