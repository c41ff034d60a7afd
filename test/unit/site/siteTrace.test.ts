import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildRegister, registerPartsOf, registerRow, type RegisterRow } from '../../../server/src/engine/register';
import { buildSitePages, registerWebviewPage, traceOf, WEBVIEW_SECTIONS } from '../../../server/src/engine/site';
import { ReportWorkspace } from '../../../server/src/engine/workspace';
import { projectRoot, testHost } from '../../helpers';
import { corpusReport } from '../../registerCorpus';

const REPORTS = 60;
const workspace = new ReportWorkspace({ host: testHost(), baseDirectory: projectRoot() });
const texts = new Map<string, string[]>();
const rows: RegisterRow[] = [];
for (let i = 0; i < REPORTS; i++) {
  const path = `reports/${String(i).padStart(3, '0')}.md`;
  const { text } = corpusReport(i, path);
  texts.set(path, text.split('\n'));
  rows.push(registerRow({ ...workspace.analyse(`${projectRoot()}/virtual/${path}`, text), displayPath: path }));
}
const register = buildRegister(rows, [], { name: 'increport', version: 'test' });
const NONCE = 'abcdefghijklmnopqrstuvwx';
const html = registerWebviewPage(register, { nonce: NONCE, tacticOrder: [], footer: 'f' });

/** Every number the page marks, in page order: its trace key (unescaped) and the text shown. */
function markedNumbers(page: string): { key: string; text: string }[] {
  const unescape = (text: string) =>
    text
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  return [...page.matchAll(/<button type="button" class="trace" data-trace="([^"]*)"[^>]*>([^<]*)<\/button>/g)].map((match) => ({
    key: unescape(match[1]),
    text: match[2],
  }));
}

test('register webview: every number is a button whose trace lists exactly the reports it counts, at lines of those reports', () => {
  const marked = markedNumbers(html);
  const keys = new Set(marked.map((entry) => entry.key));
  // Counts, medians and 90th percentiles of both metrics, per quarter and severity; months; bins; techniques; tactics; indicators.
  for (const prefix of [
    'reports',
    'errors',
    'ttd:all',
    'ttc:all',
    'ttd:quarter:',
    'ttc:severity:',
    'ttd:excluded',
    'ttd-bin:',
    'month:',
    'technique:',
    'tactic:',
    'indicator:',
  ])
    assert.ok(
      [...keys].some((key) => key.startsWith(prefix)),
      `no number keyed ${prefix}`,
    );
  assert.ok(marked.length > 100, `${marked.length} numbers marked`);
  // The page's numbers that are not in a button: none in a table cell.
  assert.doesNotMatch(html.replace(/<button[^>]*>[^<]*<\/button>/g, ''), /<td class="num">[^<]/);
  const firstOf = new Map<string, string>();
  for (const { key, text } of marked) if (!firstOf.has(key)) firstOf.set(key, text);
  for (const [key, shown] of firstOf) {
    const entries = traceOf(register, key);
    assert.ok(entries, `no trace for ${key}`);
    // The first number of a key is its count (a statistic's row shows count, median, p90 under one key).
    assert.equal(new Set(entries.map((entry) => entry.path)).size, Number(shown), `${key}: shows ${shown}`);
    for (const entry of entries) {
      const lines = texts.get(entry.path);
      assert.ok(lines && entry.line >= 1 && entry.line <= lines.length, `${key}: ${entry.path}:${entry.line}`);
    }
  }
});

test('register traces: a technique is traced to the very lines that list it, a sample to its two dates, shortest first', () => {
  const t1486 = traceOf(register, 'technique:T1486')!;
  assert.equal(t1486.length, REPORTS / 4);
  for (const entry of t1486) assert.match(texts.get(entry.path)![entry.line - 1], /T1486/);
  const all = traceOf(register, 'ttd:all')!;
  assert.equal(all.length, 2 * register.metrics.timeToDetect.overall.count);
  const hours = all.map((entry) => Number(/; ([\d.]+) h$/.exec(entry.note ?? '')?.[1]));
  assert.deepEqual(
    hours,
    [...hours].sort((a, b) => a - b),
  );
  for (const entry of all.filter((_, i) => i % 2 === 1)) assert.match(texts.get(entry.path)![entry.line - 1], /Discovery/i);
  assert.equal(traceOf(register, 'no-such-kind'), undefined);
  assert.equal(traceOf(register, 'ttd:quarter:__proto__'), undefined);
  assert.equal(traceOf(register, 'technique:T0000'), undefined);
});

test('register site pages mark nothing: the static site is unchanged by the traces', () => {
  for (const page of buildSitePages(register, { tacticOrder: [], footer: 'f' })) {
    assert.doesNotMatch(page.html, /data-trace|<button/, page.file);
    assert.doesNotMatch(page.html, /<script/, page.file);
  }
  // The webview: still one script, and every section a replaceable element.
  assert.equal((html.match(/<script/g) ?? []).length, 1);
  for (const id of WEBVIEW_SECTIONS) assert.ok(html.includes(`id="section-${id}"`), id);
});

test('register update: the parts a change did not touch are kept, and equal what a full build computes', () => {
  const changed = rows.map((row) => (row.path === 'reports/003.md' ? { ...row, status: { value: 'closed', line: row.status?.line ?? 1 } } : row));
  const before = rows.find((row) => row.path === 'reports/003.md')!;
  const after = changed.find((row) => row.path === 'reports/003.md')!;
  assert.deepEqual(registerPartsOf(before), registerPartsOf(after), 'a status is in none of the parts');
  const reused = buildRegister(
    changed,
    [],
    { name: 'increport', version: 'test' },
    { previous: register, unchanged: new Set(['metrics', 'attack', 'indicators']) },
  );
  assert.equal(reused.metrics, register.metrics);
  assert.equal(reused.attack, register.attack);
  assert.deepEqual(reused, buildRegister(changed, [], { name: 'increport', version: 'test' }));
  // A report more or less: nothing is kept, whatever the caller says.
  const fewer = buildRegister(changed.slice(1), [], { name: 'increport', version: 'test' }, { previous: register, unchanged: new Set(['metrics']) });
  assert.notEqual(fewer.metrics, register.metrics);
  assert.deepEqual(fewer, buildRegister(changed.slice(1), [], { name: 'increport', version: 'test' }));
});
