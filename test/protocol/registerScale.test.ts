import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REGISTER_PAGE_REQUEST, REGISTER_REQUEST, type RegisterPageResult, type RegisterResult } from '../../server/src/lsp/protocol';
import { writeCorpus } from '../registerCorpus';
import { LspSession } from './lspHarness';

/** Issue 17: with 2,000 reports in the workspace no request on the editor's UI path takes over 100 ms. */
export const SCALE_REPORTS = 2000;
const UI_BUDGET_MS = 100;

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await run();
  return { value, ms: performance.now() - started };
}

test(
  `protocol: with ${SCALE_REPORTS} reports, register and hover requests are answered while the workspace is indexed (the register growing) and after (budget of ${UI_BUDGET_MS} ms in bench/)`,
  { timeout: 300_000 },
  async () => {
    const folder = mkdtempSync(join(tmpdir(), 'increport-register-scale-'));
    writeCorpus(folder, 0, SCALE_REPORTS);
    const lsp = new LspSession();
    try {
      await lsp.initialize(folder);
      const path = join(folder, 'reports/even/000.md');
      const uri = pathToFileURL(path).href;
      const text = readFileSync(path, 'utf8');
      await lsp.open(uri, text);
      const lines = text.split('\n');
      const line = lines.findIndex((candidate) => candidate.includes('c2-0[.]bad-example[.]net'));
      const position = { line, character: lines[line].indexOf('c2-0') + 2 };
      await lsp.request('textDocument/hover', { textDocument: { uri }, position }); // the open report's first check, before indexing starts

      const started = performance.now();
      const register: number[] = [];
      const hover: number[] = [];
      const partialCounts: number[] = [];
      let result: RegisterResult;
      for (;;) {
        const asked = await timed(() => lsp.request<RegisterResult>(REGISTER_REQUEST, {}));
        register.push(asked.ms);
        result = asked.value;
        if (!result.complete) partialCounts.push(result.items.length);
        hover.push((await timed(() => lsp.request('textDocument/hover', { textDocument: { uri }, position }))).ms);
        if (result.complete) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const indexMs = performance.now() - started;
      const idleRegister: number[] = [];
      const idleHover: number[] = [];
      for (let i = 0; i < 10; i++) {
        idleRegister.push((await timed(() => lsp.request<RegisterResult>(REGISTER_REQUEST, {}))).ms);
        idleHover.push((await timed(() => lsp.request('textDocument/hover', { textDocument: { uri }, position }))).ms);
      }
      assert.equal(result.items.length, SCALE_REPORTS);
      const page = await timed(() => lsp.request<RegisterPageResult>(REGISTER_PAGE_REQUEST, { nonce: 'abcdefghijklmnopqrstuv' }));
      const pageAgain = await timed(() => lsp.request(REGISTER_PAGE_REQUEST, { nonce: 'abcdefghijklmnopqrstuv' }));
      const max = (values: number[]) => Math.round(Math.max(...values));
      const p95 = (values: number[]) => Math.round([...values].sort((a, b) => a - b)[Math.ceil(values.length * 0.95) - 1]);
      const median = (values: number[]) => Math.round([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]);
      console.log(
        `register scale: ${SCALE_REPORTS} reports indexed in ${Math.round(indexMs)} ms; ${register.length} register requests, median ${median(register)} ms, p95 ${p95(register)} ms, max ${max(register)} ms; ` +
          `hover median ${median(hover)} ms, p95 ${p95(hover)} ms, max ${max(hover)} ms; once indexed: register median ${median(idleRegister)} ms, max ${max(idleRegister)} ms, hover median ${median(idleHover)} ms, max ${max(idleHover)} ms; metrics page ${Math.round(page.ms)} ms (first; ${page.value.drawn} of ${page.value.sections.length} sections drawn by it, the rest prepared in the background), ${Math.round(pageAgain.ms)} ms (cached)`,
      );
      // The times above are for the reader; the 100 ms budget is measured in bench/ (rows (k) and the typing rows),
      // not asserted here, where a loaded CI machine would make it flaky. What this test holds without a clock:
      // the server answers while it indexes (it yields between reports) and the partial register grows.
      assert.ok(partialCounts.length >= 2, `the register answered only ${partialCounts.length} time(s) while indexing`);
      assert.ok(partialCounts[partialCounts.length - 1] > partialCounts[0], `the partial register did not grow: ${partialCounts.join(', ')}`);
    } finally {
      await lsp.dispose();
      rmSync(folder, { recursive: true, force: true });
    }
  },
);
