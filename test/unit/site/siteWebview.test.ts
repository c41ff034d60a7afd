import assert from 'node:assert/strict';
import { test } from 'node:test';
import { indicatorHover } from '../../../server/src/engine/features/indicatorHover';
import { buildRegister, indicatorKey, registerRow } from '../../../server/src/engine/register';
import { registerWebviewPage, reportPageName, reportPageTargets } from '../../../server/src/engine/site';
import { corpusReport } from '../../registerCorpus';
import { ReportWorkspace } from '../../../server/src/engine/workspace';
import { projectRoot, testHost } from '../../helpers';

const HOSTILE = '<script>__xss()</script>"><img src=x onerror=__xss()>';
const workspace = new ReportWorkspace({ host: testHost(), baseDirectory: projectRoot() });
const analysed = [0, 7].map((i) => {
  const { text } = corpusReport(i, `reports/${i}.md`);
  return workspace.analyse(
    `${projectRoot()}/virtual/${i}.md`,
    i === 7 ? text.replace(/^# .*$/m, `# Incident Report: ${HOSTILE}`).replace(/^id: .*$/m, `id: ${HOSTILE}`) : text,
  );
});
const rows = analysed.map((report, i) => registerRow({ ...report, displayPath: `reports/${i === 0 ? 0 : 7}.md` }));
const register = buildRegister(rows, [], { name: 'increport', version: 'test' });
const NONCE = 'abcdefghijklmnopqrstuvwx';

test('register webview page: one script, carrying the nonce the policy allows; report text escaped; links resolve to reports', () => {
  const html = registerWebviewPage(register, { nonce: NONCE, tacticOrder: [], footer: 'f' });
  assert.match(html, new RegExp(`script-src 'nonce-${NONCE}'`));
  assert.match(html, /default-src 'none'/);
  assert.equal((html.match(/<script/g) ?? []).length, 1);
  assert.ok(html.includes(`<script nonce="${NONCE}">`));
  assert.ok(!html.includes('<img src=x'), 'report text is escaped');
  assert.doesNotMatch(html, /<[^>]*\son\w+=/i, 'no inline event handler');
  assert.deepEqual(reportPageTargets(register), { [reportPageName('reports/0.md')]: 'reports/0.md', [reportPageName('reports/7.md')]: 'reports/7.md' });
  assert.throws(() => registerWebviewPage(register, { nonce: `x' 'unsafe-inline`, tacticOrder: [], footer: 'f' }));
});

test('indicator hover: "Also in" the other reports of the index, never the report itself, their names as text', () => {
  const byIndicator = new Map<string, { path: string; name: string }[]>();
  for (const row of rows) {
    for (const indicator of row.indicators) {
      const key = indicatorKey(indicator.type, indicator.refanged);
      byIndicator.set(key, [...(byIndicator.get(key) ?? []), { path: row.path, name: row.id?.value ?? row.path }]);
    }
  }
  const report = analysed[0];
  const line = report.model.lines.lineText.bind(report.model.lines);
  let target = -1;
  for (let index = 0; index < report.model.lines.lineCount; index++) if (line(index).includes('c2-0[.]bad-example[.]net')) target = index;
  const position = { line: target, character: line(target).indexOf('c2-0') + 1 };
  const hover = indicatorHover(report, position, { byIndicator, self: 'reports/0.md' });
  assert.ok(hover);
  assert.match(hover.contents, /^Also in .*xss/m);
  assert.ok(!hover.contents.includes('<script>'), hover.contents);
  assert.equal(indicatorHover(report, position, { byIndicator, self: 'reports/7.md' })?.contents.includes(rows[0].id!.value), true);
  assert.equal(indicatorHover(report, { line: 0, character: 0 }, { byIndicator, self: 'reports/0.md' }), undefined);
});
