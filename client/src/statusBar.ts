import { StatusBarAlignment, window, type Disposable, type StatusBarItem } from 'vscode';
import type { StatusParams } from '../../server/src/lsp/protocol';

/** Errors, warnings and the ATT&CK version of the active report; says so when the workspace is untrusted. */
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
    const counts = `$(error) ${status.errors} $(warning) ${status.warnings}`;
    const trust = status.trusted ? '' : ' $(shield) Restricted';
    this.item.text = `${counts} · ATT&CK v${status.attackVersion}${trust}`;
    this.item.tooltip = status.trusted
      ? `Incident report: ${status.errors} errors, ${status.warnings} warnings, ${status.infos} notes (MITRE ATT&CK v${status.attackVersion})`
      : 'Restricted Mode: .increport.yaml, schema and ATT&CK bundle paths from this workspace are ignored; the bundled schema and ATT&CK data are used.';
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
