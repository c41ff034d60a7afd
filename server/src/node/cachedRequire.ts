import { closeSync, fstatSync, lstatSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

/*
 * Loads a bundle (dist/cli.js, dist/server-main.js) as `require` would, but with V8's code cache: Node 22.1+
 * keeps compiled code between runs itself (module.enableCompileCache, which the entry points turn on), Node 20
 * does not, so a cold start compiled the whole bundle every time (a third of `increport check`'s start-up).
 * This is Node 22's cache done by hand: the first run writes the code V8 made for the bundle's top level
 * to a private per-user folder; later runs hand it to V8, which checks it against its own version and flags
 * (a mismatch is rejected and the bundle compiled as usual). Nothing here changes what the bundle does.
 *
 * The cache is code V8 runs, so it is read only from a folder this user owns that nobody else may write to,
 * and its file name holds the bundle file's identity (device and inode), size and modification time and the
 * Node version, so a rebuilt or upgraded install never meets another build's cache (V8 itself only compares
 * the source's length).
 */

/** The code cache's folder: INCREPORT_CODE_CACHE when set ('' or '0' turns the cache off), else one in the OS temporary folder. */
export const CODE_CACHE_VARIABLE = 'INCREPORT_CODE_CACHE';

export type CacheUse = 'off' | 'used' | 'written' | 'rejected' | 'unavailable';

export interface CachedRequireOptions {
  env?: Readonly<Record<string, string | undefined>>;
  /** Called with what happened to the cache (tests). */
  onCacheUse?: (use: CacheUse) => void;
  /**
   * When to write a missing or rejected cache: by default as soon as the top level has run. The cache holds
   * the functions compiled by then, so the language server (serverStart.ts) writes it after its first
   * diagnostics, and the next start finds the code of a check in it too, not only that of its modules.
   */
  writeWhen?: (write: () => void) => void;
}

/** Loads `bundlePath` (an absolute path to a CommonJS bundle) and returns its exports; a bundle already loaded is returned as is. */
export function cachedRequire(bundlePath: string, options: CachedRequireOptions = {}): unknown {
  const env = options.env ?? process.env;
  const report = options.onCacheUse ?? (() => {});
  const plainRequire = Module.createRequire(bundlePath);
  const loaded = plainRequire.cache[bundlePath];
  if (loaded) return loaded.exports;
  const folder = cacheFolder(env);
  if (folder === undefined || typeof (Module as unknown as { enableCompileCache?: unknown }).enableCompileCache === 'function') {
    report('off');
    return plainRequire(bundlePath);
  }
  const fd = openSync(bundlePath, 'r');
  let source: string;
  let stamp: string;
  try {
    const stat = fstatSync(fd);
    source = readFileSync(fd, 'utf8');
    // Written out rather than hashed: node:crypto takes 3-4 ms to load, a tenth of a cold check's own time.
    // The device and inode name the bundle's file, as its path did (a copy elsewhere is another file).
    stamp = `${process.version}-${process.arch}-${stat.dev}-${stat.ino}-${stat.size}-${Math.round(stat.mtimeMs * 1000)}`;
  } finally {
    closeSync(fd);
  }
  const cacheFile = join(folder, `${basename(bundlePath)}-${stamp}.v8cache`);
  const cachedData = privateFolder(folder, false) ? readIfPresent(cacheFile) : undefined;
  const script = new Script(Module.wrap(source), { filename: bundlePath, cachedData });
  const module = new Module(bundlePath, undefined);
  module.filename = bundlePath;
  module.paths = (Module as unknown as { _nodeModulePaths(from: string): string[] })._nodeModulePaths(dirname(bundlePath));
  plainRequire.cache[bundlePath] = module;
  try {
    const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
    wrapper.call(module.exports, module.exports, (id: string) => module.require(id), module, bundlePath, dirname(bundlePath));
  } catch (error) {
    delete plainRequire.cache[bundlePath];
    throw error;
  }
  module.loaded = true;
  if (cachedData !== undefined && !script.cachedDataRejected) {
    report('used');
  } else {
    // The top level has run: the cache holds it and every function it compiled, most of a start's compile.
    const write = () => report(writeCache(folder, cacheFile, script) ? (cachedData === undefined ? 'written' : 'rejected') : 'unavailable');
    if (options.writeWhen) options.writeWhen(write);
    else write();
  }
  return module.exports;
}

function cacheFolder(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const setting = env[CODE_CACHE_VARIABLE];
  if (setting === '' || setting === '0') return undefined;
  if (setting !== undefined) return setting;
  const user = typeof process.getuid === 'function' ? String(process.getuid()) : (env.USERNAME ?? 'user').replace(/[^A-Za-z0-9_-]/g, '_');
  return join(tmpdir(), `increport-code-cache-${user}`);
}

/** Whether `folder` is a real folder (not a link) of this user that no one else may write to; creates it (0700) when `create`. */
function privateFolder(folder: string, create: boolean): boolean {
  try {
    if (create) mkdirSync(folder, { recursive: true, mode: 0o700 });
    const stat = lstatSync(folder);
    if (!stat.isDirectory()) return false;
    if (typeof process.getuid === 'function' && (stat.uid !== process.getuid() || (stat.mode & 0o022) !== 0)) return false;
    return true;
  } catch {
    return false;
  }
}

function readIfPresent(file: string): Buffer | undefined {
  try {
    const stat = lstatSync(file);
    return stat.isFile() ? readFileSync(file) : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the cache beside a temporary name, then renames it: a parallel start reads a whole cache or none. Never throws. */
function writeCache(folder: string, cacheFile: string, script: Script): boolean {
  try {
    if (!privateFolder(folder, true)) return false;
    const partial = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(partial, script.createCachedData(), { mode: 0o600, flag: 'wx' });
    renameSync(partial, cacheFile);
    return true;
  } catch {
    return false;
  }
}
