import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, test } from 'node:test';
import type { CompletionList } from 'vscode-languageserver-protocol';
import { NEW_REPORT_REQUEST, type NewReportParams, type NewReportResult } from '../../server/src/lsp/protocol';
import { cleanReportText, defaultVersionEngine, describeFinding } from '../helpers';
import { LspSession } from './lspHarness';

const work = mkdtempSync(join(tmpdir(), 'increport-lsp-templates-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** A workspace folder whose `.increport.yaml` is `root: true` plus `config`, and a `bullets/` subfolder whose own file chooses bullets. */
function folder(config = ''): string {
  const root = mkdtempSync(join(work, 'folder-'));
  writeFileSync(join(root, '.increport.yaml'), `root: true\n${config}`);
  mkdirSync(join(root, 'bullets'));
  writeFileSync(join(root, 'bullets', '.increport.yaml'), 'templates:\n  style: bullets\n');
  return root;
}

/** The clean report without its Attack Methodology section, a blank line (line 21) in its place. */
const WITHOUT_METHODOLOGY = cleanReportText().replace(/## Attack Methodology\n[^]*?(?=## Impact Assessment)/, '\n');

interface Offered {
  /** What completion on the blank line inserts for the missing Attack Methodology section. */
  methodology: string;
  newReport: string;
  newReportInBullets: string;
}

async function offered(root: string, settings: Record<string, unknown>): Promise<Offered> {
  const session = new LspSession();
  try {
    await session.initialize(root, { settings });
    const uri = pathToFileURL(join(root, 'report.md')).href;
    const published = session.nextDiagnostics(uri);
    await session.open(uri, WITHOUT_METHODOLOGY);
    await published;
    const list = await session.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 21, character: 0 } });
    const entry = list.items.find((item) => item.label === 'Attack Methodology');
    assert.ok(entry?.textEdit, 'the missing section is offered');
    const newReport = async (params: NewReportParams) => (await session.request<NewReportResult>(NEW_REPORT_REQUEST, params)).text;
    return {
      methodology: entry.textEdit.newText,
      newReport: await newReport({}),
      newReportInBullets: await newReport({ folderUri: pathToFileURL(join(root, 'bullets')).href }),
    };
  } finally {
    await session.dispose();
  }
}

const TABLE_SECTION =
  /^## Attack Methodology\n\| Tactic \| Technique \|\n\|---\|---\|\n\| Reconnaissance \| \$\{1:\[TODO: techniques used, or N\/A\]\} \|\n\| Resource Development \| \$\{2:\[TODO: techniques used, or N\/A\]\} \|\n/;
const BULLET_SECTION = /^## Attack Methodology\n- \*\*Reconnaissance:\*\* \$\{1:\[TODO: techniques used, or N\/A\]\}\n/;
const TABLE_REPORT = /\n## Attack Methodology\n\| Tactic \| Technique \|\n\|---\|---\|\n\| Reconnaissance \| \[TODO: techniques used, or N\/A\] \|\n/;
const BULLET_REPORT = /\n## Attack Methodology\n- \*\*Reconnaissance:\*\* \[TODO: techniques used, or N\/A\]\n/;

test(
  'protocol: with the templateStyle setting tables, completion offers table sections and New Report writes tables, where no .increport.yaml chooses',
  { timeout: 60_000 },
  async () => {
    const result = await offered(folder(), { templateStyle: 'tables' });
    assert.match(result.methodology, TABLE_SECTION);
    assert.match(result.newReport, TABLE_REPORT);
    assert.match(
      result.newReport,
      /\n## Timeline of Events\n\| Date\/Time \| Phase \| Details \|\n\|---\|---\|---\|\n\| \[TODO: YYYY-MM-DD HH:MM UTC\] \| \[TODO: phase name\] \| \[TODO: details\] \|\n/,
    );
    // Its [TODO: …] holes are reported, nothing else.
    assert.deepEqual(
      defaultVersionEngine()
        .check(result.newReport)
        .findings.filter((finding) => finding.ruleId !== 'placeholder')
        .map(describeFinding),
      [],
    );
    assert.match(result.newReportInBullets, BULLET_REPORT, "a folder's templates.style: bullets wins over the setting");
  },
);

test('protocol: templates.style in .increport.yaml chooses tables without the setting; bullets stay the default', { timeout: 60_000 }, async () => {
  const configured = await offered(folder('templates:\n  style: tables\n'), {});
  assert.match(configured.methodology, TABLE_SECTION);
  assert.match(configured.newReport, TABLE_REPORT);
  const bare = await offered(folder(), {});
  assert.match(bare.methodology, BULLET_SECTION);
  assert.match(bare.newReport, BULLET_REPORT);
});
