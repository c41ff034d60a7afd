/**
 * (j) The web extension's cold path against the desktop's, in the same run (issue 18: "cold start to first
 * diagnostics within 2× the desktop figure"). Web: in a running headless Chromium (Debian's), from
 * `new Worker()` to the first `textDocument/publishDiagnostics` for the seed report: the worker fetches the
 * browser build of the language server (bundled as scripts/bundle-web.mjs bundles dist/web/extension.js:
 * same substitutes, minified) and the resources the web client reads (report and configuration schemas, both
 * ATT&CK catalogs), evaluates the bundle as VS Code's web worker host evaluates a CommonJS extension
 * (`new Function`), starts the server on a MessagePort and gets `initialize`, `initialized` and `didOpen` at
 * once. Desktop: row (g)'s spawn of `node dist/server.js --stdio` to its first diagnostics. Alternating,
 * one untimed run of each first; the browser's own start-up is not counted (it is running in real use).
 */
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Page } from 'playwright-core';
import { REPO_ROOT, SEED_PATH, median, ms, type Measurement } from './engineBench';
import { firstDiagnostics } from './serverColdBench';

export const WEB_COLD_ROUNDS = 10;
export const WEB_COLD_RATIO_TARGET = 2;
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'];

/** What the worker fetches, by URL path: the resources of client/src/web/webResourcesLoader.ts. */
const RESOURCES: Record<string, string> = {
  '/reportSchema': 'schemas/incident-report.schema.json',
  '/configSchema': 'schemas/increport-config.schema.json',
  '/catalog-19.2': 'server/data/attack/enterprise-attack-19.2.catalog.json',
  '/catalog-18.1': 'server/data/attack/enterprise-attack-18.1.catalog.json',
};

const WORKER = `self.onmessage = async (event) => {
  const get = (path) => fetch(path, { cache: 'no-store' });
  const [code, reportSchema, configSchema, latest, previous] = await Promise.all([
    get('/server.js').then((response) => response.text()),
    ...['/reportSchema', '/configSchema', '/catalog-19.2', '/catalog-18.1'].map((path) => get(path).then((response) => response.json())),
  ]);
  const module = { exports: {} };
  new Function('module', 'exports', code)(module, module.exports);
  await module.exports.startServer(event.data.port, {
    extensionRoot: '/extension', reportSchema, configSchema, catalogs: { '19.2': latest, '18.1': previous },
  });
};`;

/** Runs in the page: milliseconds from creating the worker to the first published diagnostics. */
const PAGE_ROUND = `async ({ uri, text }) => {
  const start = performance.now();
  const worker = new Worker('/worker.js');
  const channel = new MessageChannel();
  try {
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no diagnostics within 20 s')), 20000);
      worker.onerror = (event) => reject(new Error(event.message));
      channel.port1.onmessage = (event) => {
        if (event.data && event.data.method === 'textDocument/publishDiagnostics') {
          clearTimeout(timer);
          resolve(performance.now() - start);
        }
      };
      worker.postMessage({ port: channel.port2 }, [channel.port2]);
      const send = (message) => channel.port1.postMessage({ jsonrpc: '2.0', ...message });
      send({ id: 1, method: 'initialize', params: { processId: null, rootUri: 'file:///workspace', capabilities: {} } });
      send({ method: 'initialized', params: {} });
      send({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'markdown', version: 1, text } } });
    });
  } finally {
    worker.terminate();
    channel.port1.close();
  }
}`;

/** The browser build of the server alone (test/web/serverEntry.ts), bundled with the web extension's options. */
async function webServerBundle(): Promise<string> {
  const { webEntry } = (await import(join(REPO_ROOT, 'scripts', 'bundle-web.mjs'))) as { webEntry: Record<string, unknown> };
  const result = await build({
    ...webEntry,
    absWorkingDir: REPO_ROOT,
    entryPoints: [join(REPO_ROOT, 'test', 'web', 'serverEntry.ts')],
    outfile: undefined,
    write: false,
    sourcemap: false,
    metafile: false,
    logLevel: 'error',
  });
  return result.outputFiles[0].text;
}

function serve(bundle: string): Promise<Server> {
  const server = createServer((request, response) => {
    const path = request.url ?? '/';
    const file = RESOURCES[path];
    const [type, body] =
      path === '/worker.js'
        ? ['text/javascript', WORKER]
        : path === '/server.js'
          ? ['text/javascript', bundle]
          : file
            ? ['application/json', readFileSync(join(REPO_ROOT, file))]
            : ['text/html', '<!doctype html><title>web cold start</title>'];
    response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
    response.end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function webRound(page: Page, text: string): Promise<number> {
  return page.evaluate(`(${PAGE_ROUND})(${JSON.stringify({ uri: 'file:///workspace/seed.md', text })})`) as Promise<number>;
}

export interface WebColdBenchResult {
  web: number[];
  desktop: number[];
  bundleBytes: number;
  chromium: string;
}

export async function runWebColdBench(log: (line: string) => void = () => {}): Promise<WebColdBenchResult | undefined> {
  if (!existsSync(CHROMIUM)) {
    log(`  skipped: no ${CHROMIUM} (scripts/setup-test-env.sh installs Debian's chromium)`);
    return undefined;
  }
  const bundle = await webServerBundle();
  const server = await serve(bundle);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  try {
    const address = server.address();
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`);
    const text = readFileSync(SEED_PATH, 'utf8');
    const result: WebColdBenchResult = { web: [], desktop: [], bundleBytes: Buffer.byteLength(bundle), chromium: browser.version() };
    await webRound(page, text);
    await firstDiagnostics(1000); // and the code cache written (serverColdBench.ts)
    for (let round = 1; round <= WEB_COLD_ROUNDS; round++) {
      const web = await webRound(page, text);
      const desktop = await firstDiagnostics();
      result.web.push(web);
      result.desktop.push(desktop);
      log(`  round ${round}: web worker ${ms(web)}, desktop spawn ${ms(desktop)}`);
    }
    return result;
  } finally {
    await browser.close();
    server.close();
  }
}

export function webColdMeasurements(result: WebColdBenchResult | undefined): Measurement[] {
  if (!result) return [];
  const web = median(result.web);
  const desktop = median(result.desktop);
  return [
    {
      name: `(j) web extension: new Worker → first publishDiagnostics for the seed report in Chromium ${result.chromium} (server bundle ${(result.bundleBytes / 1024).toFixed(0)} KiB), wall, median of ${WEB_COLD_ROUNDS}`,
      value: ms(web),
      reference: `desktop (g): spawn \`node dist/server.js --stdio\` → first diagnostics ${ms(desktop)}`,
      ratio: web / desktop,
      target: `≤ ${WEB_COLD_RATIO_TARGET}× (issue 18)`,
      pass: web / desktop <= WEB_COLD_RATIO_TARGET,
    },
  ];
}

if (require.main === module) {
  void runWebColdBench(console.log).then((result) => {
    for (const line of webColdMeasurements(result)) console.log(`${line.name}: ${line.value}; ${line.reference}; ratio ${line.ratio?.toFixed(2)}`);
  });
}
