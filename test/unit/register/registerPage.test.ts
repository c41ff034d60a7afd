import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildRegister, registerRow, type Register, type RegisterRow } from '../../../server/src/engine/register';
import { registerWebviewPage, reportPageTargets, WEBVIEW_SECTIONS } from '../../../server/src/engine/site';
import { RegisterPage, TARGETS_PER_STEP, type PageIndex } from '../../../server/src/lsp/handlers/registerPage';
import { ReportWorkspace } from '../../../server/src/engine/workspace';
import { corpusReport } from '../../registerCorpus';
import { projectRoot, testHost } from '../../helpers';

const TOOL = { name: 'increport', version: 'test' };
const NONCE = 'abcdefghijklmnopqrstuvwx';
const TACTICS = [{ shortname: 'impact', name: 'Impact' }];
const workspace = new ReportWorkspace({ host: testHost(), baseDirectory: projectRoot() });
const rowOf = (i: number, change: (text: string) => string = (text) => text): RegisterRow => {
  const path = `reports/${String(i).padStart(3, '0')}.md`;
  return registerRow({ ...workspace.analyse(`${projectRoot()}/virtual/${path}`, change(corpusReport(i, path).text)), displayPath: path });
};
const rows = Array.from({ length: 8 }, (_, i) => rowOf(i));

/** The index as the page sees it: a register that the test replaces, as the index does after a change. */
function stubIndex(register: Register): PageIndex & { register: (tool: typeof TOOL) => ReturnType<PageIndex['register']>; current: Register } {
  const stub = {
    current: register,
    isComplete: true,
    pending: 0,
    register: () => ({ register: stub.current, uriOf: new Map(stub.current.reports.map((row) => [row.path, `file:///w/${row.path}`])), namesVersion: 1 }),
  };
  return stub;
}

/** A page over `register`, with the test's tactics and tool. */
const pageOf = (register: ReturnType<typeof buildRegister>) =>
  new RegisterPage(
    stubIndex(register),
    () => TACTICS,
    () => TOOL,
  );

/** Steps until the page says it is ready; how many steps did work. */
function prepare(page: RegisterPage): number {
  let steps = 0;
  while (page.step()) steps++;
  return steps;
}

test('register page: prepared step by step (the register, one section per step, the targets), the first request draws nothing and gets the page drawn whole', () => {
  const register = buildRegister(rows, [], TOOL);
  const page = pageOf(register);
  assert.equal(prepare(page), 1 + WEBVIEW_SECTIONS.length + Math.ceil(rows.length / TARGETS_PER_STEP));
  assert.equal(page.steps, WEBVIEW_SECTIONS.length, 'every section drawn once');
  const first = page.page({ nonce: NONCE });
  assert.equal(first.drawn, 0);
  assert.equal(page.steps, WEBVIEW_SECTIONS.length);
  const footer = `increport test: ${rows.length} reports in the workspace`;
  assert.equal(first.html, registerWebviewPage(register, { nonce: NONCE, tacticOrder: TACTICS, footer }));
  assert.deepEqual(first.targets, Object.fromEntries(Object.entries(reportPageTargets(register)).map(([name, path]) => [name, `file:///w/${path}`])));
  assert.equal(page.step(), false, 'nothing left to prepare');
});

test('register page: a request while the preparation is half done draws the missing sections and gets the same page', () => {
  const register = buildRegister(rows, [], TOOL);
  const half = pageOf(register);
  assert.equal(half.step(), true); // the register
  assert.equal(half.step(), true); // summary
  assert.equal(half.step(), true); // metrics
  const page = half.page({ nonce: NONCE });
  assert.equal(page.drawn, WEBVIEW_SECTIONS.length - 2);
  const cold = pageOf(register).page({ nonce: NONCE });
  assert.equal(cold.drawn, WEBVIEW_SECTIONS.length);
  assert.equal(page.html, cold.html);
  assert.deepEqual(page.targets, cold.targets);
  assert.equal(half.step(), false);
});

test('register page: after one report changes, the preparation draws again only the sections the change touched', () => {
  const register = buildRegister(rows, [], TOOL);
  const index = stubIndex(register);
  const page = new RegisterPage(
    index,
    () => TACTICS,
    () => TOOL,
  );
  prepare(page);
  const known = Object.fromEntries(page.page({ nonce: NONCE }).sections.map((section) => [section.id, section.version]));
  // Report 7's discovery date moves: the index rebuilds the metrics and keeps the ATT&CK and indicator parts.
  const changed = rows.map((row, i) => (i === 7 ? rowOf(7, (text) => text.replace(/(\*\*Discovery Date:\*\* )(\d{4}-\d{2}-\d{2})/, '$12026-12-30')) : row));
  index.current = buildRegister(changed, [], TOOL, { previous: register, unchanged: new Set(['attack', 'indicators']) });
  const before = page.steps;
  prepare(page);
  assert.equal(page.steps - before, 1, 'one section drawn again');
  const update = page.page({ nonce: NONCE, known });
  assert.equal(update.drawn, 0);
  assert.deepEqual(
    update.sections.filter((section) => section.html !== undefined).map((section) => section.id),
    ['metrics'],
  );
  assert.match(update.sections.find((section) => section.id === 'metrics')!.html!, /2026-12/);
});
