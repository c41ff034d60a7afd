import { EventEmitter, MarkdownString, ThemeColor, ThemeIcon, TreeItem, TreeItemCollapsibleState, type Uri, type TreeDataProvider } from 'vscode';
import type { RegisterItem, RegisterResult } from '../../../server/src/lsp/protocol';

export type Grouping = 'status' | 'quarter';

export type RegisterNode = { kind: 'group'; label: string; items: RegisterItem[] } | { kind: 'report'; item: RegisterItem };

/** Severity → the icon's colour: a fixed list; the severity is also written in the description, so colour is never the only cue. */
const SEVERITY_COLOURS: Record<string, string> = {
  critical: 'charts.red',
  high: 'charts.orange',
  medium: 'charts.yellow',
  low: 'charts.green',
};

/**
 * The Incident Register view: the workspace's reports grouped by status or by quarter, each with its
 * severity and status as text, its finding counts, and a severity-coloured icon. The rows come from the
 * language server's index (RegisterResult); this class only groups and draws them.
 */
export class RegisterTree implements TreeDataProvider<RegisterNode> {
  private readonly changes = new EventEmitter<RegisterNode | undefined>();
  readonly onDidChangeTreeData = this.changes.event;
  private result: RegisterResult | undefined;

  constructor(
    private grouping: Grouping,
    private readonly load: () => Promise<RegisterResult | undefined>,
    /** A server URI as the editor's (the language client's protocol2CodeConverter.asUri). */
    private readonly asUri: (value: string) => Uri,
  ) {}

  get current(): RegisterResult | undefined {
    return this.result;
  }

  setGrouping(grouping: Grouping): void {
    this.grouping = grouping;
    this.changes.fire(undefined);
  }

  /** Redraws from a fresh answer of the server. */
  refresh(): void {
    this.result = undefined;
    this.changes.fire(undefined);
  }

  async getChildren(node?: RegisterNode): Promise<RegisterNode[]> {
    if (node) return node.kind === 'group' ? node.items.map((item) => ({ kind: 'report', item })) : [];
    this.result ??= await this.load();
    return groupItems(this.result?.items ?? [], this.grouping);
  }

  getTreeItem(node: RegisterNode): TreeItem {
    if (node.kind === 'group') {
      const group = new TreeItem(node.label, TreeItemCollapsibleState.Expanded);
      group.id = `group:${node.label}`;
      group.description = `${node.items.length} report${node.items.length === 1 ? '' : 's'}`;
      group.contextValue = 'incidentReport.registerGroup';
      return group;
    }
    return reportTreeItem(node.item, this.asUri);
  }
}

/** Groups in a stable order: statuses alphabetically ("unknown" last), quarters newest first ("undated" last). */
export function groupItems(items: readonly RegisterItem[], grouping: Grouping): RegisterNode[] {
  const groups = new Map<string, RegisterItem[]>();
  for (const item of items) {
    const key = grouping === 'status' ? item.status?.trim().toLowerCase() || 'unknown' : (item.quarter ?? 'undated');
    const list = groups.get(key);
    if (list) list.push(item);
    else groups.set(key, [item]);
  }
  const last = grouping === 'status' ? 'unknown' : 'undated';
  const keys = [...groups.keys()].sort((a, b) => (a === last ? 1 : b === last ? -1 : grouping === 'quarter' ? (a < b ? 1 : -1) : a < b ? -1 : 1));
  return keys.map((label) => ({ kind: 'group', label, items: groups.get(label)! }));
}

/** "high · draft · 2 errors, 1 warning": what the row says beside the report's name. */
export function describeItem(item: RegisterItem): string {
  const { error, warning } = item.findings;
  const counts = [error > 0 ? `${error} error${error === 1 ? '' : 's'}` : '', warning > 0 ? `${warning} warning${warning === 1 ? '' : 's'}` : '']
    .filter(Boolean)
    .join(', ');
  return [item.severity ?? 'no severity', item.status ?? 'no status', counts || 'no problems'].join(' · ');
}

function reportTreeItem(item: RegisterItem, asUri: (value: string) => Uri): TreeItem {
  const tree = new TreeItem(item.name, TreeItemCollapsibleState.None);
  tree.id = item.uri;
  tree.resourceUri = asUri(item.uri);
  // In a multi-root workspace, which folder the report is in.
  tree.description = item.folder ? `${item.folder} · ${describeItem(item)}` : describeItem(item);
  const severity = item.severity?.trim().toLowerCase() ?? '';
  tree.iconPath =
    item.findings.error > 0
      ? new ThemeIcon('error', new ThemeColor('list.errorForeground'))
      : new ThemeIcon('shield', new ThemeColor(SEVERITY_COLOURS[severity] ?? 'foreground'));
  const tooltip = new MarkdownString();
  tooltip.appendText(`${item.name}${item.title && item.title !== item.name ? `: ${item.title}` : ''}\n\n`);
  tooltip.appendText(`${describeItem(item)}\n\n${item.path}`);
  tree.tooltip = tooltip;
  tree.accessibilityInformation = { label: `${item.name}, ${item.title ?? ''}, ${describeItem(item)}`, role: 'treeitem' };
  tree.contextValue = 'incidentReport.registerReport';
  tree.command = { command: 'incidentReport.openRegisterReport', title: 'Open Report', arguments: [item.uri, item.line] };
  return tree;
}
