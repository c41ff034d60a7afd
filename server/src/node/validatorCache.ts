import { closeSync, fstatSync, mkdirSync, openSync, readSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ValidatorCodeStore } from '../engine/host';
import { compileReportSchemaCode } from '../engine/schema/compileSchema';
import { validatorKey } from '../engine/schema/standaloneValidator';
import { loadBundledSchemaNode } from './bundledResources';
import { nodeCrypto } from './lazyCrypto';
import { packageRoot, PACKAGE_NAME } from './packageRoot';

/*
 * Where report schema validators are kept as ajv standalone code (EngineHost.validatorCode): the bundled
 * schema's, generated at build time into dist/ (scripts/bundle.mjs calls writeBundledValidator), and those
 * of extended schemas, written on first use to the OS cache folder. Loading the code runs it, so a cache
 * entry is used only when it is intact and this program wrote it: its first line records (the SHA-256 of)
 * its key and the SHA-256 of the code, and on POSIX the file must be the user's own and not writable by
 * others. Anything else (missing, truncated, edited, stale, unreadable) is ignored and the schema compiled
 * again; a folder that cannot be written means no cache. No error of the cache ever reaches a check.
 *
 * The bundled validator is a file of the installed package, trusted as its bundles beside it are (whoever
 * can edit it can edit dist/cli.js): its first line records its whole key and the code's length, so a stale
 * or truncated file is ignored, with no hash to compute. A cold check of the bundled schema thus never loads
 * node:crypto (3-4 ms).
 */

/** The variable that names the cache folder instead of the OS one (tests, CI caches). */
export const CACHE_DIR_VARIABLE = 'INCREPORT_CACHE_DIR';
/** The generated validator of the bundled schema, relative to the package root. */
export const BUNDLED_VALIDATOR = join('dist', 'report-schema-validator.js');

const HEADER = '// incident-report-studio schema validator';
const MAX_ENTRY_BYTES = 16 * 1024 * 1024;
const HEX64 = /^[0-9a-f]{64}$/;

const sha256Hex = (text: string): string => nodeCrypto().createHash('sha256').update(text, 'utf8').digest('hex');
const BUNDLED_HEADER = `${HEADER} (bundled) length=`;

/** The name of a key's entry (and what its header records): the SHA-256 of the key (validatorKey). */
export const validatorEntryId = (key: string): string => sha256Hex(key);

/** An entry's text: a header line with its id and the code's hash, then the code. */
export function encodeValidatorEntry(id: string, code: string): string {
  return `${HEADER} key=${id} sha256=${sha256Hex(code)}\n${code}`;
}

/** The code of an entry written for `id`, if the entry is whole and unchanged. */
export function decodeValidatorEntry(text: string, id: string): string | undefined {
  const end = text.indexOf('\n');
  if (end < 0) return undefined;
  const match = /^(.*) key=(\S+) sha256=(\S+)$/.exec(text.slice(0, end));
  if (!match || match[1] !== HEADER || match[2] !== id || !HEX64.test(match[3])) return undefined;
  const code = text.slice(end + 1);
  return sha256Hex(code) === match[3] ? code : undefined;
}

/** The bundled validator's text: a header line with the code's length and the whole key (as a JSON string: one line), then the code. */
export function encodeBundledValidator(key: string, code: string): string {
  return `${BUNDLED_HEADER}${code.length} key=${JSON.stringify(key)}\n${code}`;
}

/** The code of the bundled validator if it was generated for `key` and is whole. */
export function decodeBundledValidator(text: string, key: string): string | undefined {
  const end = text.indexOf('\n');
  if (end < 0 || !text.startsWith(BUNDLED_HEADER)) return undefined;
  const keyAt = text.indexOf(' key=', BUNDLED_HEADER.length);
  if (keyAt < 0 || keyAt > end || text.slice(keyAt + ' key='.length, end) !== JSON.stringify(key)) return undefined;
  const code = text.slice(end + 1);
  return String(code.length) === text.slice(BUNDLED_HEADER.length, keyAt) ? code : undefined;
}

/**
 * The OS cache folder of this program: $INCREPORT_CACHE_DIR if set; else ~/Library/Caches on macOS,
 * %LOCALAPPDATA% on Windows, $XDG_CACHE_HOME or ~/.cache elsewhere, each with the program's own folder.
 */
export function validatorCacheDirectory(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | undefined {
  const own = env[CACHE_DIR_VARIABLE];
  if (own) return join(own, 'validators');
  let base: string | undefined;
  try {
    if (platform === 'win32') base = env.LOCALAPPDATA || join(homedir(), 'AppData', 'Local');
    else if (platform === 'darwin') base = join(homedir(), 'Library', 'Caches');
    else base = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  } catch {
    return undefined; // no home folder: no cache
  }
  return join(base, PACKAGE_NAME, 'validators');
}

/**
 * The text of a regular file of at most MAX_ENTRY_BYTES; with `ownOnly` (a cache entry, not a file of the
 * installed package), only if this user owns it and others cannot write it (POSIX).
 */
function readEntryFile(path: string, ownOnly: boolean): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > MAX_ENTRY_BYTES) return undefined;
    if (ownOnly && process.getuid && (stat.uid !== process.getuid() || (stat.mode & 0o022) !== 0)) return undefined;
    const buffer = Buffer.alloc(stat.size);
    let read = 0;
    while (read < stat.size) {
      const count = readSync(fd, buffer, read, stat.size - read, read);
      if (count === 0) break;
      read += count;
    }
    return buffer.toString('utf8', 0, read);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Writes `text` to `path` whole or not at all: a temporary file beside it, then a rename. */
function writeAtomically(path: string, text: string, mode: number): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.${nodeCrypto().randomBytes(6).toString('hex')}.tmp`;
  try {
    writeFileSync(temporary, text, { flag: 'wx', mode });
    renameSync(temporary, path);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // nothing was written
    }
    throw error;
  }
}

export interface ValidatorStoreOptions {
  /** The build's validator of the bundled schema (default: dist/report-schema-validator.js in the package). */
  bundledFile?: string;
  /** The cache folder of extended schemas; undefined for none. */
  cacheDirectory: string | undefined;
}

export function createValidatorStore(options: ValidatorStoreOptions): ValidatorCodeStore {
  const bundledFile = options.bundledFile ?? join(packageRoot(), BUNDLED_VALIDATOR);
  const { cacheDirectory } = options;
  let bundled: { text: string | undefined } | undefined;
  const entryPath = (id: string) => (cacheDirectory ? join(cacheDirectory, `${id}.js`) : undefined);
  return {
    read(key) {
      bundled ??= { text: readEntryFile(bundledFile, false) };
      const fromBuild = bundled.text === undefined ? undefined : decodeBundledValidator(bundled.text, key);
      if (fromBuild !== undefined) return fromBuild;
      const id = validatorEntryId(key);
      const path = entryPath(id);
      const text = path === undefined ? undefined : readEntryFile(path, true);
      return text === undefined ? undefined : decodeValidatorEntry(text, id);
    },
    write(key, code) {
      const id = validatorEntryId(key);
      const path = entryPath(id);
      if (path === undefined) return;
      try {
        writeAtomically(path, encodeValidatorEntry(id, code), 0o600);
      } catch {
        // A cache that cannot be written is no cache: the next run compiles again.
      }
    },
  };
}

let nodeStore: ValidatorCodeStore | undefined;
/** The store of this process: the package's generated validator and the cache folder of validatorCacheDirectory(). */
export function nodeValidatorStore(): ValidatorCodeStore {
  return (nodeStore ??= createValidatorStore({ cacheDirectory: validatorCacheDirectory() }));
}

/** Generates the bundled schema's validator (scripts/bundle.mjs, after `tsc -b`). Returns where it was written. */
export function writeBundledValidator(root: string = packageRoot()): string {
  const schema = loadBundledSchemaNode();
  const path = join(root, BUNDLED_VALIDATOR);
  // Read by every user of an installed package, like the bundles beside it.
  writeAtomically(path, encodeBundledValidator(validatorKey(schema), compileReportSchemaCode(schema).code), 0o644);
  return path;
}
