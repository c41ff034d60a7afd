import { commands, Selection, Uri, window, workspace, type Disposable, type ExtensionContext } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { REGISTER_CHANGED_NOTIFICATION, REGISTER_REQUEST, type RegisterResult } from '../../../server/src/lsp/protocol';
import { RegisterMetrics } from './registerMetrics';
import { registerTarget } from './registerTarget';
import { RegisterTree, type Grouping } from './registerTree';

export const REGISTER_VIEW = 'incidentReport.register';
const GROUPING_KEY = 'incidentReport.registerGrouping';

/**
 * The Incident Register view in the Explorer and the metrics webview (README, "The Incident Register view").
 * Showing the view starts the language server, whose index answers every request from its cache; its
 * registerChanged notification redraws the view and the metrics page.
 */
export function registerIncidentRegister(context: ExtensionContext, ensureClient: () => Promise<LanguageClient>): Disposable[] {
  const subscribed = new WeakSet<LanguageClient>();
  const metrics = new RegisterMetrics(() => client());
  let latest: LanguageClient | undefined;
  // Each new client (a restart makes one) is told where to send changes.
  const client = async () => {
    const started = await ensureClient();
    latest = started;
    if (!subscribed.has(started)) {
      subscribed.add(started);
      started.onNotification(REGISTER_CHANGED_NOTIFICATION, () => {
        tree.refresh();
        metrics.changed();
      });
    }
    return started;
  };
  const load = async (): Promise<RegisterResult | undefined> => {
    if (!workspace.workspaceFolders?.length) return undefined;
    const result = await (await client()).sendRequest<RegisterResult>(REGISTER_REQUEST, {});
    view.message = result.complete
      ? result.items.length === 0
        ? 'No incident reports in this workspace.'
        : undefined
      : `Indexing the workspace's reports: ${result.items.length} found, ${result.pending} files to go…`;
    return result;
  };
  const grouping = context.workspaceState.get<Grouping>(GROUPING_KEY, 'status');
  // The server's URIs as the editor's, by the language client's own converter (rows exist only once a client answered).
  const asUri = (value: string) => (latest ? latest.protocol2CodeConverter.asUri(value) : Uri.parse(value));
  const tree = new RegisterTree(grouping, load, asUri);
  const view = window.createTreeView(REGISTER_VIEW, { treeDataProvider: tree, showCollapseAll: true });
  const setGrouping = (value: Grouping) => {
    void context.workspaceState.update(GROUPING_KEY, value);
    void commands.executeCommand('setContext', GROUPING_KEY, value);
    tree.setGrouping(value);
  };
  void commands.executeCommand('setContext', GROUPING_KEY, grouping);
  return [
    view,
    metrics,
    commands.registerCommand('incidentReport.registerGroupByStatus', () => setGrouping('status')),
    commands.registerCommand('incidentReport.registerGroupByQuarter', () => setGrouping('quarter')),
    commands.registerCommand('incidentReport.refreshRegister', () => tree.refresh()),
    commands.registerCommand('incidentReport.showRegisterMetrics', () => metrics.show()),
    commands.registerCommand('incidentReport.openRegisterReport', async (uri: unknown, line: unknown) => {
      const { protocol2CodeConverter } = await client();
      const target = registerTarget((value) => protocol2CodeConverter.asUri(value), uri, line);
      if (!target) return;
      const document = await workspace.openTextDocument(target.uri);
      await window.showTextDocument(document, { selection: new Selection(target.line, 0, target.line, 0) });
    }),
  ];
}
