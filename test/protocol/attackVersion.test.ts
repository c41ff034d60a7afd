import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { NEW_REPORT_REQUEST, STATUS_NOTIFICATION, type NewReportResult, type StatusParams } from '../../server/src/lsp/protocol';
import { cleanReportText, seedText } from '../helpers';
import { LspSession, SERVER_REPLY_TIMEOUT_MS } from './lspHarness';

const work = mkdtempSync(join(tmpdir(), 'increport-lsp-attack-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** A workspace folder whose `.increport.yaml` is `root: true` plus `config`. */
function folder(config = ''): string {
  const root = mkdtempSync(join(work, 'folder-'));
  writeFileSync(join(root, '.increport.yaml'), `root: true\n${config}`);
  return root;
}

/** The seed's `Defense Evasion` row (an ATT&CK v18.1 tactic) or, in its place, v19.2's `Stealth` and `Defense Impairment` rows. */
const REPORTS = { 'defense-evasion.md': seedText(), 'stealth.md': cleanReportText() };

interface Checked {
  diagnostics: string[];
  attackVersion: string;
}

/** Starts the server on `root` with `settings`, opens each report and returns its diagnostics and the status bar's ATT&CK version. */
async function checkReports(root: string, settings: Record<string, unknown>): Promise<Record<keyof typeof REPORTS, Checked> & { newReport: string }> {
  const session = new LspSession();
  const statuses = new Map<string, StatusParams>();
  const waiters: (() => void)[] = [];
  session.connection.onNotification(STATUS_NOTIFICATION, (status: StatusParams) => {
    statuses.set(status.uri, status);
    waiters.splice(0).forEach((wake) => wake());
  });
  const statusOf = async (uri: string): Promise<StatusParams> => {
    const deadline = Date.now() + SERVER_REPLY_TIMEOUT_MS;
    while (!statuses.has(uri)) {
      assert.ok(Date.now() < deadline, `timed out waiting for the status of ${uri}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
    return statuses.get(uri)!;
  };
  try {
    await session.initialize(root, { settings });
    const result: Partial<Record<keyof typeof REPORTS, Checked>> = {};
    for (const [name, text] of Object.entries(REPORTS) as [keyof typeof REPORTS, string][]) {
      const uri = pathToFileURL(join(root, name)).href;
      const published = session.nextDiagnostics(uri);
      await session.open(uri, text);
      const diagnostics = (await published).diagnostics.map(describe);
      result[name] = { diagnostics, attackVersion: (await statusOf(uri)).attackVersion };
    }
    const { text } = await session.request<NewReportResult>(NEW_REPORT_REQUEST, {});
    return { ...(result as Record<keyof typeof REPORTS, Checked>), newReport: text };
  } finally {
    await session.dispose();
  }
}

const describe = (diagnostic: Diagnostic) =>
  `${diagnostic.range.start.line}:${diagnostic.range.start.character} ${diagnostic.severity} ${String(diagnostic.code)} ${diagnostic.message}`;

test(
  'protocol: with the attackVersion setting 18.1, Defense Evasion is clean and Stealth is an unknown tactic; New Report writes v18.1',
  { timeout: 60_000 },
  async () => {
    const checked = await checkReports(folder(), { attackVersion: '18.1' });
    assert.deepEqual(checked['defense-evasion.md'], { diagnostics: [], attackVersion: '18.1' });
    assert.equal(checked['stealth.md'].attackVersion, '18.1');
    assert.deepEqual(
      checked['stealth.md'].diagnostics.filter((line) => line.includes(' attack-tactic-unknown ')).map((line) => line.split(' ').slice(0, 3).join(' ')),
      ['26:4 1 attack-tactic-unknown', '27:4 1 attack-tactic-unknown'],
    );
    assert.match(checked['stealth.md'].diagnostics[0], /'Stealth' is not a tactic in ATT&CK v18\.1/);
    assert.match(
      checked.newReport,
      /^---\nattack: v18\.1\n---\n# Incident Report: \[TODO: title\]\n[^]*\n- \*\*Defense Evasion:\*\* \[TODO: techniques used, or N\/A\]\n/,
    );
  },
);

test('protocol: a repository .increport.yaml with attack.version 19.2 wins over the attackVersion setting 18.1', { timeout: 60_000 }, async () => {
  const checked = await checkReports(folder('attack:\n  version: "19.2"\n'), { attackVersion: '18.1' });
  assert.deepEqual(checked['stealth.md'], { diagnostics: [], attackVersion: '19.2' });
  assert.equal(checked['defense-evasion.md'].attackVersion, '19.2');
  assert.deepEqual(
    checked['defense-evasion.md'].diagnostics.map((line) => line.split(' ').slice(0, 3).join(' ')),
    ['26:4 3 attack-migration'],
    'the v18.1 row is read under v19.2, with a note',
  );
  assert.match(
    checked.newReport,
    /^# Incident Report: \[TODO: title\]\n[^]*\n- \*\*Stealth:\*\* \[TODO: techniques used, or N\/A\]\n- \*\*Defense Impairment:\*\* \[TODO: techniques used, or N\/A\]\n/,
  );
});
