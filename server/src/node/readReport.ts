import { MAX_REPORT_BYTES, readFileBounded, tooLarge } from './boundedRead';
import { describeInvalidUtf8, findInvalidUtf8 } from './invalidUtf8';

/** How much of a file is inspected for NUL bytes to tell binary files from text. */
const BINARY_SNIFF_BYTES = 8000;

export type ReadOutcome = { text: string } | { error: string };

/** Decodes report bytes as UTF-8 without a BOM, or says clearly why they are not a readable report. */
export function decodeReport(bytes: Uint8Array): ReadOutcome {
  if (bytes.length > MAX_REPORT_BYTES) return { error: tooLarge(MAX_REPORT_BYTES).message };
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return { error: 'Binary file: not a Markdown report' };
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch {
    const found = findInvalidUtf8(bytes);
    return { error: found ? `File is not valid UTF-8 at ${describeInvalidUtf8(found)}` : 'File is not valid UTF-8' };
  }
}

/** A report from disk, through the bounded read: FIFOs, devices, folders and oversized files are refused. */
export function readReportFile(path: string): ReadOutcome {
  const read = readFileBounded(path, MAX_REPORT_BYTES);
  return 'failure' in read ? { error: read.failure.message } : decodeReport(read.bytes);
}
