import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { REGISTER_REQUEST, type RegisterPageResult, type RegisterResult } from '../../server/src/lsp/protocol';
import type { LspSession } from './lspHarness';

/** Asks for the register until `until` holds (each answer comes from the index's cache, at once): the register tests' wait. */
export async function indexed(lsp: LspSession, until: (result: RegisterResult) => boolean = (result) => result.complete): Promise<RegisterResult> {
  let last: RegisterResult | undefined;
  for (let attempt = 0; attempt < 1200; attempt++) {
    last = await lsp.request<RegisterResult>(REGISTER_REQUEST, {});
    if (until(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the register never got there: ${JSON.stringify({ complete: last?.complete, pending: last?.pending })}`);
}

/**
 * Rewrites a report and moves its modification time 5 s past the write, read from the file rather than the
 * clock, so that the index sees a new stamp even on a coarse file system.
 */
export function rewrite(path: string, change: (text: string) => string): void {
  writeFileSync(path, change(readFileSync(path, 'utf8')));
  const seen = statSync(path).mtimeMs;
  utimesSync(path, seen / 1000, (seen + 5_000) / 1000);
}

/** The sections a page update sends again (those whose HTML it carries). */
export const sentSections = (update: RegisterPageResult): string[] =>
  update.sections.filter((section) => section.html !== undefined).map((section) => section.id);
