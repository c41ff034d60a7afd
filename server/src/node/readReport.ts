import { readFileSync, statSync } from 'node:fs';

/** Reports larger than this are refused: no real report is near it, and it bounds memory and time. */
export const MAX_REPORT_BYTES = 10 * 1024 * 1024;
/** How much of a file is inspected for NUL bytes to tell binary files from text. */
const BINARY_SNIFF_BYTES = 8000;

export type ReadOutcome = { text: string } | { error: string };

/** Decodes report bytes as UTF-8 without a BOM, or says clearly why they are not a readable report. */
export function decodeReport(bytes: Uint8Array): ReadOutcome {
  if (bytes.length > MAX_REPORT_BYTES) {
    return { error: `File is too large (${formatBytes(bytes.length)}; the limit is ${formatBytes(MAX_REPORT_BYTES)})` };
  }
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return { error: 'Binary file: not a Markdown report' };
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch {
    return { error: `File is not valid UTF-8 (first bad byte at offset ${firstInvalidUtf8Offset(bytes)})` };
  }
}

export function readReportFile(path: string): ReadOutcome {
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) return { error: 'Is a directory' };
    if (stat.size > MAX_REPORT_BYTES) {
      return { error: `File is too large (${formatBytes(stat.size)}; the limit is ${formatBytes(MAX_REPORT_BYTES)})` };
    }
    return decodeReport(readFileSync(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { error: 'File not found' };
    if (code === 'EACCES' || code === 'EPERM') return { error: 'Permission denied' };
    return { error: `Cannot read file: ${(error as Error).message}` };
  }
}

function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  for (let index = 0; index < bytes.length; ) {
    const byte = bytes[index];
    const length = byte < 0x80 ? 1 : byte >= 0xc2 && byte < 0xe0 ? 2 : byte >= 0xe0 && byte < 0xf0 ? 3 : byte >= 0xf0 && byte < 0xf5 ? 4 : 0;
    if (length === 0 || index + length > bytes.length) return index;
    for (let next = 1; next < length; next++) if ((bytes[index + next] & 0xc0) !== 0x80) return index;
    index += length;
  }
  return bytes.length;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}
