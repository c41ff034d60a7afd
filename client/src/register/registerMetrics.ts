import { randomBytes } from 'node:crypto';
import { Selection, type Uri, ViewColumn, window, workspace, type Disposable, type QuickPickItem, type WebviewPanel } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  REGISTER_PAGE_REQUEST,
  REGISTER_TRACE_REQUEST,
  type RegisterPageParams,
  type RegisterPageResult,
  type RegisterTraceResult,
} from '../../../server/src/lsp/protocol';

import { isWorkspaceFile, parseWebviewMessage } from './webviewMessages';

const VIEW_TYPE = 'incidentReport.registerMetrics';
/** Changes within this long of each other redraw the page once. */
export const METRICS_DEBOUNCE_MS = 150;

type TracePick = QuickPickItem & { uri: Uri; line: number };

/**
 * "Show Incident Register Metrics": the register's metrics, ATT&CK heatmap and shared indicators, the static
 * site's pages (inline SVG, the site's stylesheet by hash) rendered by the server. Every number is a button:
 * a click lists the reports and lines behind it (a Quick Pick; choosing one opens the report there); a link
 * to a report's lines opens the report. When the register changes (debounced) the server sends only the
 * sections that changed, and the page replaces just those; a page that was hidden is drawn whole again.
 * Every message from the page is checked here, and only a file of the workspace is ever opened.
 */
export class RegisterMetrics implements Disposable {
  private panel: WebviewPanel | undefined;
  private targets: Record<string, string> = {};
  /** Section id → the version the page shows; empty until a whole page is drawn. */
  private shown: Record<string, string> = {};
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;

  constructor(private readonly client: () => Promise<LanguageClient>) {}

  async show(): Promise<void> {
    if (this.panel) {
      this.panel.reveal();
    } else {
      this.panel = window.createWebviewPanel(VIEW_TYPE, 'Incident Register Metrics', ViewColumn.Active, {
        enableScripts: true,
        enableCommandUris: false,
        localResourceRoots: [],
        retainContextWhenHidden: false,
      });
      this.shown = {};
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        clearTimeout(this.timer);
      });
      // A hidden webview is torn down: shown again, it starts from the whole page.
      this.panel.onDidChangeViewState(({ webviewPanel }) => {
        if (!webviewPanel.visible) this.shown = {};
        else if (Object.keys(this.shown).length === 0) void this.refresh();
      });
      this.panel.webview.onDidReceiveMessage((message: unknown) => void this.receive(message));
    }
    await this.refresh();
  }

  /** The register changed: redraw (what changed) once changes pause for METRICS_DEBOUNCE_MS. */
  changed(): void {
    if (!this.panel) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), METRICS_DEBOUNCE_MS);
  }

  /** Asks the server for the page (whole, or the sections that changed); one request at a time, the last change always drawn. */
  async refresh(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.draw().finally(() => (this.running = undefined));
    await this.running;
    if (this.again) {
      this.again = false;
      await this.refresh();
    }
  }

  private async draw(): Promise<void> {
    if (!this.panel || !this.panel.visible) return;
    const whole = Object.keys(this.shown).length === 0;
    const params: RegisterPageParams = { nonce: randomBytes(18).toString('base64'), ...(whole ? {} : { known: this.shown }) };
    const page = await (await this.client()).sendRequest<RegisterPageResult>(REGISTER_PAGE_REQUEST, params);
    if (!this.panel) return;
    this.targets = page.targets;
    if (whole) {
      this.panel.webview.html = page.html;
    } else {
      const sections = page.sections.filter((section) => section.html !== undefined).map(({ id, html }) => ({ id, html }));
      if (sections.length > 0 && !(await this.panel.webview.postMessage({ type: 'update', sections }))) {
        this.shown = {};
        return this.draw();
      }
    }
    this.shown = Object.fromEntries(page.sections.map((section) => [section.id, section.version]));
  }

  /** `{ type: 'trace', key }` → the reports and lines behind a number; `{ type: 'open', href }` → a report at a line; anything else is ignored. */
  private async receive(message: unknown): Promise<void> {
    const request = parseWebviewMessage(message);
    if (request?.type === 'trace') return this.trace(request.key);
    if (request?.type !== 'open') return;
    const uri = workspaceFile(this.targets[request.page], await this.asUri());
    if (uri) await openInWorkspace(uri, request.line);
  }

  /** The language client's protocol→code converter: the server's URIs as the editor's (registerTarget.ts). */
  private async asUri(): Promise<(value: string) => Uri> {
    const { protocol2CodeConverter } = await this.client();
    return (value) => protocol2CodeConverter.asUri(value);
  }

  private async trace(key: string): Promise<void> {
    const { entries } = await (await this.client()).sendRequest<RegisterTraceResult>(REGISTER_TRACE_REQUEST, { key });
    const asUri = await this.asUri();
    const picks: TracePick[] = entries.flatMap((entry) => {
      const uri = workspaceFile(entry.uri, asUri);
      if (!uri || !Number.isInteger(entry.line)) return [];
      return [{ label: entry.name, description: `${entry.path}:${entry.line}`, ...(entry.note ? { detail: entry.note } : {}), uri, line: entry.line }];
    });
    if (picks.length === 0) {
      void window.showInformationMessage('No report of the workspace is behind this number any more.');
      return;
    }
    const reports = new Set(picks.map((pick) => pick.uri.toString())).size;
    const chosen = await window.showQuickPick(picks, {
      title: `${reports} report${reports === 1 ? '' : 's'} behind this number`,
      placeHolder: 'Open a report at the line',
      matchOnDescription: true,
      matchOnDetail: true,
    });
    if (chosen) await openInWorkspace(chosen.uri, chosen.line);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.panel?.dispose();
  }
}

/**
 * A URI the server sent, as the editor's URI (`asUri`, the language client's converter), when it names a file
 * inside a folder of the workspace; undefined otherwise.
 */
export function workspaceFile(text: unknown, asUri: (value: string) => Uri): Uri | undefined {
  // An absolute URI only (as Uri.parse's strict mode requires): a bare path would be parsed as a file: URI.
  if (typeof text !== 'string' || !/^[A-Za-z][\w+.-]*:/.test(text)) return undefined;
  let uri: Uri;
  try {
    uri = asUri(text);
  } catch {
    return undefined;
  }
  const folders = (workspace.workspaceFolders ?? []).map((folder) => folder.uri);
  return isWorkspaceFile(uri, folders) && workspace.getWorkspaceFolder(uri) ? uri : undefined;
}

/** Opens a file of the workspace (checked by workspaceFile) at a 1-based line, clamped to the document. */
async function openInWorkspace(uri: Uri, line: number): Promise<void> {
  const document = await workspace.openTextDocument(uri);
  const at = Math.max(0, Math.min(line - 1, document.lineCount - 1));
  await window.showTextDocument(document, { viewColumn: ViewColumn.One, selection: new Selection(at, 0, at, 0) });
}
