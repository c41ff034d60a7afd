/**
 * The preview renderer on the generated ~1 MB report: `renderReportBody` (model → HTML, the part the
 * preview pays on every update once the checks have run) and the whole `increport render` pipeline
 * (check + render + document), each against a reference measured in the same process: markdown-it's
 * default preset rendering the same text to HTML (parse + render), which is what any Markdown preview pays.
 *
 * Run alone: `npx tsc -b && node out/bench/renderBench.js`.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import MarkdownIt from 'markdown-it';
import { ReportEngine } from '../server/src/engine/engine';
import { renderReportBody, renderReportDocument } from '../server/src/engine/render/renderReport';
import { SEED_PATH, generateLargeReport, median, ms, percentile, type Measurement } from './engineBench';
import { createBundledReportSchema, loadBundledCatalog } from '../server/src/node/bundledResources';

export const RENDER_WARMUP_RUNS = 2;
export const RENDER_RUNS = 15;
const FIXED_NOW = new Date('2026-06-15T00:00:00Z');

export interface RenderBenchResult {
  bytes: number;
  htmlBytes: number;
  findings: number;
  render: number[];
  pipeline: number[];
  reference: number[];
}

export function runRenderBench(): RenderBenchResult {
  const large = generateLargeReport(readFileSync(SEED_PATH, 'utf8'));
  const schema = createBundledReportSchema();
  const catalog = loadBundledCatalog();
  const engine = new ReportEngine({ schema, catalog, now: () => FIXED_NOW });
  const reference = new MarkdownIt();
  const checked = engine.check(large);
  const context = { model: checked.model, spec: schema.spec, catalog, now: FIXED_NOW };
  const renderOnly = () => renderReportBody({ ...context, findings: checked.findings });
  const pipeline = () => {
    const result = engine.check(large);
    const body = renderReportBody({ model: result.model, spec: schema.spec, catalog, now: FIXED_NOW, findings: result.findings });
    return renderReportDocument(body, { title: 'bench', target: 'standalone' });
  };
  const bare = () => reference.render(large);

  for (let index = 0; index < RENDER_WARMUP_RUNS; index++) {
    renderOnly();
    pipeline();
    bare();
  }
  const times: Record<'render' | 'pipeline' | 'reference', number[]> = { render: [], pipeline: [], reference: [] };
  for (let index = 0; index < RENDER_RUNS; index++) {
    // Interleaved so that GC pauses and frequency changes hit every series alike.
    for (const [name, run] of [
      ['render', renderOnly],
      ['pipeline', pipeline],
      ['reference', bare],
    ] as const) {
      const start = performance.now();
      run();
      times[name].push(performance.now() - start);
    }
  }
  return {
    bytes: Buffer.byteLength(large),
    htmlBytes: Buffer.byteLength(pipeline()),
    findings: checked.findings.length,
    ...times,
  };
}

export function renderMeasurements(result: RenderBenchResult): Measurement[] {
  const reference = median(result.reference);
  const referenceText = `markdown-it render ${ms(reference)} (p95 ${ms(percentile(result.reference, 95))})`;
  const size = `${(result.bytes / 1024 / 1024).toFixed(2)} MiB`;
  return [
    {
      name: `(r) preview renderReportBody, generated report (${size}, ${result.findings} findings), median of ${RENDER_RUNS}`,
      value: `${ms(median(result.render))} (p95 ${ms(percentile(result.render, 95))})`,
      reference: referenceText,
      ratio: median(result.render) / reference,
      target: '—',
      pass: undefined,
    },
    {
      name: `(r2) increport render pipeline in process (check + body + document, ${(result.htmlBytes / 1024 / 1024).toFixed(2)} MiB of HTML), median of ${RENDER_RUNS}`,
      value: `${ms(median(result.pipeline))} (p95 ${ms(percentile(result.pipeline, 95))})`,
      reference: referenceText,
      ratio: median(result.pipeline) / reference,
      target: '—',
      pass: undefined,
    },
  ];
}

if (require.main === module) {
  const result = runRenderBench();
  for (const line of renderMeasurements(result)) {
    console.log(`${line.name}\n  ${line.value}; reference ${line.reference}; ratio ${line.ratio?.toFixed(2)}×`);
  }
}
