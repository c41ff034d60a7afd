import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

/**
 * Every file the tools read on a user's behalf goes through here: reports, configuration files, schema
 * extensions and ATT&CK bundles (and standard input, through readStreamPrefix). A path may name a FIFO,
 * a device or a huge file, by mistake or on purpose (a pull request can add a symbolic link to
 * /dev/zero), so a read must neither hang nor exhaust memory:
 *
 * - the file is opened with O_NONBLOCK, so opening a FIFO that no one writes to returns at once;
 * - what was opened is checked with fstat on the descriptor (not stat on the path, which may have been
 *   swapped since), and anything but a regular file is refused;
 * - at most `maxBytes + 1` bytes are read, whatever the size says (devices and /proc files report 0).
 */

const MiB = 1024 * 1024;

/** Reports (and standard input read as a report). No real report is near it; it bounds memory and time. */
export const MAX_REPORT_BYTES = 10 * MiB;
/** `.increport.yaml` / `.json`: a few dozen lines in practice. */
export const MAX_CONFIG_BYTES = 1 * MiB;
/** Schema extensions (`schema.extend`, the `incidentReport.schema` setting): fragments of a JSON Schema. */
export const MAX_SCHEMA_EXTENSION_BYTES = 1 * MiB;
/** ATT&CK STIX bundles (`attack.bundle`): the full Enterprise bundle is about 45 MB and grows each release. */
export const MAX_ATTACK_BUNDLE_BYTES = 128 * MiB;

const CHUNK_BYTES = 64 * 1024;

/** `directory` is one case of "not a regular file", told apart because config discovery skips folders. */
export type ReadFailureKind = 'not-found' | 'not-regular' | 'directory' | 'too-large' | 'permission-denied' | 'unreadable';

export interface ReadFailure {
  kind: ReadFailureKind;
  /** A sentence that does not repeat the path (callers show it), e.g. "Not a regular file (a FIFO)". */
  message: string;
}

export type BoundedRead = { bytes: Buffer } | { failure: ReadFailure };

/** "10 MiB", "512 KiB": how limits are written in messages. */
export function formatLimit(bytes: number): string {
  return bytes >= MiB ? `${+(bytes / MiB).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

export function tooLarge(maxBytes: number): ReadFailure {
  return { kind: 'too-large', message: `File is larger than the ${formatLimit(maxBytes)} limit` };
}

/** The whole file when it is a regular file of at most `maxBytes` bytes; otherwise why not. Never blocks on a FIFO. */
export function readFileBounded(path: string, maxBytes: number): BoundedRead {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return { failure: openFailure(error as NodeJS.ErrnoException) };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { failure: { kind: stat.isDirectory() ? 'directory' : 'not-regular', message: `Not a regular file (${fileType(stat)})` } };
    const bytes = readPrefix(fd, maxBytes + 1, stat.size);
    return bytes.length > maxBytes ? { failure: tooLarge(maxBytes) } : { bytes };
  } catch (error) {
    return { failure: openFailure(error as NodeJS.ErrnoException) };
  } finally {
    closeSync(fd);
  }
}

/**
 * The first `limit` bytes of a stream (all of it when shorter), then stops reading and releases the
 * stream: an endless producer is cut off instead of buffered. Callers pass their cap + 1 to tell "too
 * large" from "exactly at the cap".
 */
export async function readStreamPrefix(stream: AsyncIterable<Uint8Array | string>, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const kept = bytes.subarray(0, limit - total);
    chunks.push(kept);
    total += kept.length;
    if (total >= limit) break; // leaving the loop destroys the stream
  }
  return Buffer.concat(chunks, total);
}

/** Reads until `limit` bytes or the end of the file; the size from fstat only sizes the first buffer. */
function readPrefix(fd: number, limit: number, sizeHint: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  let chunkSize = Math.min(limit, Math.max(sizeHint + 1, CHUNK_BYTES));
  while (total < limit) {
    const chunk = Buffer.allocUnsafe(Math.min(chunkSize, limit - total));
    const read = readSync(fd, chunk, 0, chunk.length, null);
    if (read === 0) break;
    chunks.push(chunk.subarray(0, read));
    total += read;
    chunkSize = CHUNK_BYTES;
  }
  return Buffer.concat(chunks, total);
}

function openFailure(error: NodeJS.ErrnoException): ReadFailure {
  switch (error.code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return { kind: 'not-found', message: 'File not found' };
    case 'EACCES':
    case 'EPERM':
      return { kind: 'permission-denied', message: 'Permission denied' };
    case 'EISDIR':
      return { kind: 'directory', message: 'Not a regular file (a directory)' };
    case 'ELOOP':
      return { kind: 'unreadable', message: 'Cannot read file (a loop of symbolic links)' };
    case 'EAGAIN':
    case 'EWOULDBLOCK':
      return { kind: 'unreadable', message: 'Cannot read file (it would block)' };
    default:
      // The code only: Node's message repeats the path, which callers already show.
      return { kind: 'unreadable', message: `Cannot read file (${error.code ?? 'unknown error'})` };
  }
}

function fileType(stat: Stats): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a file';
}
