import { randomBytes } from 'node:crypto';
import { Selection, Uri, ViewColumn, window, workspace, type Disposable, type WebviewPanel } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { REGISTER_PAGE_REQUEST, type RegisterPageParams, type RegisterPageResult } from '../../../server/src/lsp/protocol';

const VIEW_TYPE = 'incidentReport.registerMetrics';

/**
 * "Show Incident Register Metrics": the register's metrics, ATT&CK heatmap and shared indicators, the static
 * site's pages (inline SVG, the site's stylesheet by hash) rendered by the server. The page's only script is
 * a click handler; a link to a report's lines comes back as a message and opens the report there. Redrawn
 * when the register changes.
 */
export class RegisterMetrics implements Disposable {
  private panel: WebviewPanel | undefined;
  private targets: Record<string, string> = {};
  private html = '';

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
      this.panel.onDidDispose(() => (this.panel = undefined));
      this.panel.webview.onDidReceiveMessage((message: unknown) => void this.open(message));
    }
    await this.refresh();
  }

  /** The register changed: redraw if shown. */
  async refresh(): Promise<void> {
    if (!this.panel) return;
    const params: RegisterPageParams = { nonce: randomBytes(18).toString('base64') };
    const page = await (await this.client()).sendRequest<RegisterPageResult>(REGISTER_PAGE_REQUEST, params);
    this.targets = page.targets;
    // The same numbers drawn again would only reset the scroll position.
    if (this.panel && page.html.replace(/nonce-?[^"' ]*/g, '') !== this.html) {
      this.html = page.html.replace(/nonce-?[^"' ]*/g, '');
      this.panel.webview.html = page.html;
    }
  }

  /** `{ type: 'open', href: 'reports/<name>.html#L12' }` → the report at line 12; anything else is ignored. */
  private async open(message: unknown): Promise<void> {
    const href = typeof message === 'object' && message !== null && 'href' in message ? (message as { href: unknown }).href : undefined;
    const match = typeof href === 'string' ? /^reports\/([a-z0-9-]+\.html)(?:#L(\d+))?$/.exec(href) : null;
    const uri = match ? this.targets[match[1]] : undefined;
    if (!match || !uri) return;
    const document = await workspace.openTextDocument(Uri.parse(uri));
    const line = Math.max(0, Math.min(Number(match[2] ?? 1) - 1, document.lineCount - 1));
    await window.showTextDocument(document, { viewColumn: ViewColumn.One, selection: new Selection(line, 0, line, 0) });
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
