import { randomBytes } from 'node:crypto';
import {
  type Disposable,
  Range,
  Selection,
  TextEditorRevealType,
  Uri,
  ViewColumn,
  window,
  workspace,
  type ExtensionContext,
  type TextDocument,
  type TextEditor,
  type WebviewPanel,
} from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { PREVIEW_REQUEST, type PreviewParams, type PreviewResult } from '../../../server/src/lsp/protocol';

/** Pause after typing before the preview re-renders. */
export const PREVIEW_DEBOUNCE_MS = 300;
const VIEW_TYPE = 'incidentReport.preview';

type WebviewMessage = { type: 'reveal'; line: number } | { type: 'scrolled'; line: number } | { type: 'copied'; value: string };

/**
 * One preview panel that follows the active report: rendered by the language server from the report's
 * model (same engine as the checks), updated while typing, scroll-synced with the editor both ways.
 */
export class ReportPreview implements Disposable {
  private panel: WebviewPanel | undefined;
  private document: TextDocument | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Set while the editor scrolls because the preview asked it to, so the echo is not sent back. */
  private scrollingFromPreview = false;
  private readonly subscriptions: Disposable[] = [];

  constructor(
    private readonly context: ExtensionContext,
    private readonly client: () => Promise<LanguageClient>,
    private readonly isReport: (document: TextDocument) => boolean,
  ) {
    this.subscriptions.push(
      window.onDidChangeActiveTextEditor((editor) => {
        if (this.panel && editor && this.isReport(editor.document) && editor.document !== this.document) void this.show(editor.document);
      }),
      workspace.onDidChangeTextDocument((event) => {
        if (event.document === this.document) this.scheduleRefresh();
      }),
      window.onDidChangeTextEditorVisibleRanges((event) => {
        if (!this.panel || event.textEditor.document !== this.document || this.scrollingFromPreview) return;
        const line = event.visibleRanges[0]?.start.line ?? 0;
        void this.panel.webview.postMessage({ type: 'scrollTo', line });
      }),
    );
  }

  /** Opens (or reveals) the preview of the active report, in the active column or beside it. */
  async open(toSide: boolean): Promise<void> {
    const document = window.activeTextEditor?.document ?? this.document;
    if (!document || !this.isReport(document)) {
      void window.showInformationMessage('Open an incident report to preview it.');
      return;
    }
    const column = toSide ? ViewColumn.Beside : ViewColumn.Active;
    if (!this.panel) {
      const media = Uri.joinPath(this.context.extensionUri, 'media');
      this.panel = window.createWebviewPanel(
        VIEW_TYPE,
        'Report Preview',
        { viewColumn: column, preserveFocus: toSide },
        {
          enableScripts: true,
          enableCommandUris: false,
          localResourceRoots: [media],
          retainContextWhenHidden: false,
        },
      );
      this.panel.iconPath = Uri.joinPath(media, 'icon.png');
      this.panel.onDidDispose(
        () => {
          this.panel = undefined;
          this.document = undefined;
        },
        undefined,
        this.subscriptions,
      );
      this.panel.webview.onDidReceiveMessage((message: WebviewMessage) => this.onMessage(message), undefined, this.subscriptions);
    } else {
      this.panel.reveal(column, toSide);
    }
    await this.show(document);
  }

  private async show(document: TextDocument): Promise<void> {
    this.document = document;
    if (!this.panel) return;
    this.panel.title = `Preview ${document.uri.path.split('/').pop() ?? ''}`;
    const rendered = await this.render(document);
    if (rendered && this.panel && this.document === document) this.panel.webview.html = rendered.html;
  }

  private scheduleRefresh(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), PREVIEW_DEBOUNCE_MS);
  }

  private async refresh(): Promise<void> {
    const document = this.document;
    if (!this.panel || !document) return;
    const rendered = await this.render(document);
    // An older render arriving late is dropped: the newer one is on its way.
    if (rendered && this.panel && this.document === document && rendered.version === document.version) {
      void this.panel.webview.postMessage({ type: 'update', html: rendered.body });
    }
  }

  private async render(document: TextDocument): Promise<PreviewResult | undefined> {
    if (!this.panel) return undefined;
    const webview = this.panel.webview;
    const media = Uri.joinPath(this.context.extensionUri, 'media');
    const client = await this.client();
    const params: PreviewParams = {
      // As the language client names the document to the server (the web client maps any scheme to file:).
      uri: client.code2ProtocolConverter.asUri(document.uri),
      version: document.version,
      webview: {
        cspSource: webview.cspSource,
        nonce: randomBytes(18).toString('base64'),
        scriptUri: webview.asWebviewUri(Uri.joinPath(media, 'preview.js')).toString(),
        styleUri: webview.asWebviewUri(Uri.joinPath(media, 'preview.css')).toString(),
      },
    };
    return client.sendRequest<PreviewResult>(PREVIEW_REQUEST, params);
  }

  private onMessage(message: WebviewMessage): void {
    const editor = this.editorOfDocument();
    if (message.type === 'copied') {
      window.setStatusBarMessage(`Copied ${message.value} (defanged)`, 3000);
    } else if (message.type === 'reveal' && this.document) {
      const line = Math.max(0, Math.min(message.line, this.document.lineCount - 1));
      void window.showTextDocument(this.document, { viewColumn: editor?.viewColumn ?? ViewColumn.One, selection: new Selection(line, 0, line, 0) });
    } else if (message.type === 'scrolled' && editor) {
      this.scrollingFromPreview = true;
      const line = Math.max(0, Math.min(message.line, editor.document.lineCount - 1));
      editor.revealRange(new Range(line, 0, line, 0), TextEditorRevealType.AtTop);
      setTimeout(() => (this.scrollingFromPreview = false), 100);
    }
  }

  private editorOfDocument(): TextEditor | undefined {
    return window.visibleTextEditors.find((editor) => editor.document === this.document);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.panel?.dispose();
    this.subscriptions.forEach((subscription) => subscription.dispose());
  }
}
