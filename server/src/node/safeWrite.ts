import { nodeCrypto } from './lazyCrypto';
import {
  closeSync,
  fchmodSync,
  fsyncSync,
  linkSync,
  lstatSync,
  openSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * How the CLI writes `-o FILE`. An output path is easy to get wrong (`export -o r.md r.md`, a name that
 * already exists, a link planted in a shared folder), and a write that is interrupted must not leave a
 * truncated file where a good one was:
 *
 * - the target must not be a symbolic link (refused even with --overwrite: increport never writes through
 *   one), nor a folder, FIFO or device;
 * - it must not be one of the files being read (same real path, or same device and inode: `./r.md`,
 *   an absolute path and a hard link all count), even with --overwrite;
 * - an existing file is replaced only with `overwrite`;
 * - the text goes to a temporary file in the same folder (created exclusively), is flushed to disk,
 *   then takes the target's name in one step: link() when the target must not exist (fails if it
 *   appeared meanwhile), rename() otherwise. Readers see the old file or the new one, never a mix.
 */

export type WriteFailureKind = 'symlink' | 'directory' | 'not-regular' | 'is-input' | 'exists' | 'no-folder' | 'permission-denied' | 'unwritable';

export interface WriteFailure {
  kind: WriteFailureKind;
  /** A sentence that neither repeats the path (callers show it) nor quotes any file's contents. */
  message: string;
}

export type WriteOutcome = { ok: true } | { failure: WriteFailure };

export interface WriteOptions {
  /** Every file the command read: the output may never replace one of them. */
  inputs: readonly string[];
  /** Replace an existing regular file (never an input, a link or anything that is not a regular file). */
  overwrite: boolean;
}

const fail = (kind: WriteFailureKind, message: string): { failure: WriteFailure } => ({ failure: { kind, message } });

/** Writes `text` to `target` atomically, or says why not (and then leaves the target and its folder as they were). */
export function writeOutputFile(target: string, text: string | Uint8Array, options: WriteOptions): WriteOutcome {
  const opened = openOutputFile(target, options);
  if ('failure' in opened) return opened;
  opened.write(text);
  return opened.finish();
}

/** An output file being written: text goes to its temporary file; `finish` gives it the target's name, `abandon` removes it. */
export interface OutputFileWriter {
  write(text: string | Uint8Array): void;
  finish(): WriteOutcome;
  abandon(): void;
}

/**
 * writeOutputFile in parts, for output made as it is written (`increport check`): the same checks and the
 * same atomic commit, with the text appended to the temporary file. A failed write is reported by `finish`
 * (and the temporary file removed); the target is untouched until then.
 */
export function openOutputFile(target: string, options: WriteOptions): OutputFileWriter | { failure: WriteFailure } {
  const path = resolve(target);
  const inspected = inspectTarget(path, options);
  if ('failure' in inspected) return inspected;
  const folder = dirname(path);
  const temp = join(folder, temporaryName(basename(path)));
  let fd: number | undefined;
  try {
    // 'wx': O_CREAT | O_EXCL, so a name that exists (even as a dangling link) is never opened.
    fd = openSync(temp, 'wx', 0o666);
    if (inspected.existing) fchmodSync(fd, inspected.existing.mode & 0o7777);
  } catch (error) {
    if (fd !== undefined) {
      closeSync(fd);
      removeQuietly(temp);
    }
    return { failure: describeError(error as NodeJS.ErrnoException) };
  }
  let failed: NodeJS.ErrnoException | undefined;
  let open = true;
  const close = () => {
    if (!open) return;
    open = false;
    closeSync(fd);
  };
  return {
    write(text) {
      if (failed || !open) return;
      try {
        const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
        for (let offset = 0; offset < bytes.length;) offset += writeSync(fd, bytes, offset, bytes.length - offset);
      } catch (error) {
        failed = error as NodeJS.ErrnoException;
      }
    },
    finish() {
      let committed = false;
      try {
        if (failed) throw failed;
        fsyncSync(fd);
        close();
        const outcome = commit(temp, path, options);
        if ('failure' in outcome) return outcome;
        committed = true;
        syncFolder(folder);
        return { ok: true };
      } catch (error) {
        return { failure: describeError(error as NodeJS.ErrnoException) };
      } finally {
        close();
        if (!committed) removeQuietly(temp);
      }
    },
    abandon() {
      close();
      removeQuietly(temp);
    },
  };
}

/**
 * Whether `target` could be written now, without writing it: for refusing early, before any work is done.
 * writeOutputFile checks again when it writes.
 */
export function checkOutputFile(target: string, options: WriteOptions): WriteOutcome {
  const inspected = inspectTarget(resolve(target), options);
  return 'failure' in inspected ? inspected : { ok: true };
}

/** What is at `path` now: nothing, or a regular file that may be replaced; otherwise why it may not be written. */
function inspectTarget(path: string, options: WriteOptions): { existing?: Stats } | { failure: WriteFailure } {
  let existing: Stats | undefined;
  try {
    existing = lstatSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') return fail('no-folder', 'a part of its folder path is not a folder');
    if (code !== 'ENOENT') return { failure: describeError(error as NodeJS.ErrnoException) };
  }
  if (existing?.isSymbolicLink()) return fail('symlink', 'is a symbolic link; increport does not write through links');
  if (existing?.isDirectory()) return fail('directory', 'is a folder');
  if (existing && !existing.isFile()) return fail('not-regular', 'is not a regular file');
  if (isInput(path, existing, options.inputs)) return fail('is-input', 'is one of the reports being read; increport never replaces its input');
  if (existing && !options.overwrite) return fail('exists', 'already exists; add --overwrite to replace it');
  if (!existing) {
    try {
      if (!statSync(dirname(path)).isDirectory()) return fail('no-folder', 'its folder is not a folder');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return code === 'ENOENT' || code === 'ENOTDIR'
        ? fail('no-folder', 'no such folder (create it first)')
        : { failure: describeError(error as NodeJS.ErrnoException) };
    }
  }
  return { existing };
}

/** The same file as an input: the same resolved or real path, or (for a file that exists) the same device and inode. */
function isInput(path: string, existing: Stats | undefined, inputs: readonly string[]): boolean {
  const realTarget = existing ? realpathQuietly(path) : undefined;
  return inputs.some((input) => {
    const resolved = resolve(input);
    if (resolved === path) return true;
    if (!existing) return false;
    if (realTarget !== undefined && realpathQuietly(resolved) === realTarget) return true;
    try {
      const stat = statSync(resolved);
      return stat.dev === existing.dev && stat.ino === existing.ino;
    } catch {
      return false;
    }
  });
}

/**
 * Gives the finished temporary file the target's name. Without `overwrite` the target must still be absent:
 * link() fails with EEXIST if anything took the name meanwhile. Where hard links are not supported,
 * and with `overwrite`, the target is inspected again (a link or an input may have appeared) and renamed over;
 * rename() replaces a link at the target rather than following it.
 */
function commit(temp: string, path: string, options: WriteOptions): WriteOutcome {
  if (!options.overwrite) {
    try {
      linkSync(temp, path);
      removeQuietly(temp);
      return { ok: true };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return fail('exists', 'already exists (it appeared while writing); add --overwrite to replace it');
      if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EMLINK', 'EXDEV', 'EACCES'].includes(code ?? '')) throw error;
    }
  }
  const again = inspectTarget(path, options);
  if ('failure' in again) return again;
  renameSync(temp, path);
  return { ok: true };
}

/** `.<name>.increport-<pid>-<random>.tmp`, hidden, recognisable, and short enough for any file system. */
export function temporaryName(name: string): string {
  return `.${name.slice(0, 100)}.increport-${process.pid}-${nodeCrypto().randomBytes(6).toString('hex')}.tmp`;
}

/** Makes the new name durable too. Best effort: not every platform can open or sync a folder. */
function syncFolder(folder: string): void {
  try {
    const fd = openSync(folder, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Windows cannot open a folder this way; the rename is done either way.
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone, or the folder became unwritable: nothing more to do.
  }
}

function realpathQuietly(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

const REASONS: Record<string, [WriteFailureKind, string]> = {
  EACCES: ['permission-denied', 'permission denied'],
  EPERM: ['permission-denied', 'operation not permitted'],
  EROFS: ['unwritable', 'read-only file system'],
  ENOSPC: ['unwritable', 'no space left on the device'],
  EDQUOT: ['unwritable', 'disk quota exceeded'],
  ENAMETOOLONG: ['unwritable', 'file name too long'],
  EISDIR: ['directory', 'is a folder'],
  ENOENT: ['no-folder', 'no such folder (create it first)'],
  ENOTDIR: ['no-folder', 'a part of its folder path is not a folder'],
};

/** An error as a short reason, without the paths and syscall Node puts in its messages. */
function describeError(error: NodeJS.ErrnoException): WriteFailure {
  const known = error.code ? REASONS[error.code] : undefined;
  if (known) return { kind: known[0], message: known[1] };
  const message = error.message.replace(/^[A-Z0-9_]+: /, '').split(', ')[0];
  return { kind: 'unwritable', message: error.code && !message.includes(error.code) ? `${message} (${error.code})` : message };
}
