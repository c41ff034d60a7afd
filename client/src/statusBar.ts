import { StatusBarAlignment, window, type Disposable, type StatusBarItem } from 'vscode';
import type { StatusParams } from '../../server/src/lsp/protocol';
import { statusText } from './statusText';

/** Errors, warnings and the ATT&CK version the active report is checked against; says so when the workspace is untrusted. */
export class ReportStatusBar implements Disposable {
  private readonly item: StatusBarItem;
  private readonly statuses = new Map<string, StatusParams>();

  constructor() {
    this.item = window.createStatusBarItem('incidentReport.status', StatusBarAlignment.Left, 50);
    this.item.name = 'Incident Report';
    this.item.command = 'workbench.actions.view.problems';
  }

  update(status: StatusParams): void {
    this.statuses.set(status.uri, status);
    this.render();
  }

  /** Shows the status of the active editor's document, or hides the item for anything else. */
  render(): void {
    const uri = window.activeTextEditor?.document.uri.toString();
    const status = uri ? this.statuses.get(uri) : undefined;
    if (!status?.isReport) {
      this.item.hide();
      return;
    }
    const { text, tooltip } = statusText(status);
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
