import type { StatusParams } from '../../server/src/lsp/protocol';

/**
 * What the status bar item says for a report, without the vscode module (unit-tested in test/unit/client):
 * the counts and the ATT&CK version the server checked this report against (its front matter, the
 * repository's configuration or the setting, whichever chose it).
 */
export function statusText(status: StatusParams): { text: string; tooltip: string } {
  const counts = `$(error) ${status.errors} $(warning) ${status.warnings}`;
  const trust = status.trusted ? '' : ' $(shield) Restricted';
  const attack = attackName(status.attackVersion);
  return {
    text: `${counts} · ${attack}${trust}`,
    tooltip: status.trusted
      ? `Incident report: ${status.errors} errors, ${status.warnings} warnings, ${status.infos} notes (checked against MITRE ${attack})`
      : `Restricted Mode: .increport.yaml, schema and ATT&CK bundle paths from this workspace are ignored; the bundled schema and MITRE ${attack} are used.`,
  };
}

/** `ATT&CK v19.2`, or just `ATT&CK` for a configured bundle that says no version. */
function attackName(version: string): string {
  return version === '' || version === 'unknown' ? 'ATT&CK' : `ATT&CK v${version}`;
}
