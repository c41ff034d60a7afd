import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { projectRoot } from '../helpers';

/** The VS Code that CI can run offline: code-server 4.139.1 is VS Code 1.139.1. */
export const CODE_SERVER_VERSION = '4.139.1';
export const EXPECTED_VSCODE_VERSION = '1.139.1';
/** How long code-server may take to answer HTTP after start. */
const STARTUP_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 5_000;
/** Chromium flags for a machine with no network but loopback, running as root. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const CHROMIUM_PATH = '/usr/bin/chromium';

const cacheDir = () => process.env.INCREPORT_E2E_CACHE ?? join(homedir(), '.cache', 'incident-report-studio');
const installDir = () => join(cacheDir(), `code-server-${CODE_SERVER_VERSION}`);

/** Installs code-server into the cache once (a few minutes the first time), via the project's script. */
export function ensureCodeServer(): { node: string; entry: string } {
  if (!existsSync(join(installDir(), '.installed'))) {
    const install = spawnSync('bash', [join(projectRoot(), 'scripts', 'setup-test-env.sh')], { stdio: 'inherit' });
    if (install.status !== 0) throw new Error(`installing code-server failed (exit ${install.status})`);
  }
  return {
    node: readFileSync(join(installDir(), '.node-path'), 'utf8').trim(),
    entry: join(installDir(), 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface CodeServerOptions {
  userDataDir: string;
  extensionsDir: string;
  workspace: string;
  trusted: boolean;
}

/** A running code-server, stopped (with everything it started) by `stop()`. */
export class CodeServer {
  private output = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get log(): string {
    return this.output;
  }

  static async start(options: CodeServerOptions): Promise<CodeServer> {
    const { node, entry } = ensureCodeServer();
    const port = await freePort();
    mkdirSync(options.userDataDir, { recursive: true });
    mkdirSync(options.extensionsDir, { recursive: true });
    const args = [
      entry,
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--user-data-dir',
      options.userDataDir,
      '--extensions-dir',
      options.extensionsDir,
      // The workbench honours a test payload (extensionDevelopmentPath/extensionTestsPath) only with this.
      '--vscode-option',
      'enable-smoke-test-driver',
      ...(options.trusted ? ['--disable-workspace-trust'] : []),
      options.workspace,
    ];
    // Its own process group, so that stop() also ends the extension host and language server it starts.
    const child = spawn(node, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, HOME: process.env.HOME ?? homedir() } });
    const server = new CodeServer(child, port);
    await server.waitUntilServing();
    return server;
  }

  /** Installs a packaged extension the way a user would. */
  static installExtension(vsix: string, extensionsDir: string): string {
    const { node, entry } = ensureCodeServer();
    const result = spawnSync(node, [entry, '--extensions-dir', extensionsDir, '--install-extension', vsix], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`installing ${vsix} failed: ${result.stdout}${result.stderr}`);
    return result.stdout;
  }

  private async waitUntilServing(): Promise<void> {
    const deadline = Date.now() + STARTUP_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`code-server exited with ${this.child.exitCode}:\n${this.output}`);
      try {
        const response = await fetch(`${this.url}/healthz`);
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await this.stop();
    throw new Error(`code-server did not start within ${STARTUP_TIMEOUT_MS} ms:\n${this.output}`);
  }

  async stop(): Promise<void> {
    const pid = this.child.pid;
    if (pid === undefined || this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** Polls for a file the editor side writes, instead of sleeping a fixed time. */
export async function waitForFile(path: string, timeoutMs: number, failFast: () => string | undefined): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (existsSync(path)) return readFileSync(path, 'utf8');
    const failure = failFast();
    if (failure) throw new Error(failure);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${path}`);
}
