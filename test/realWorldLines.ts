import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DialectExample } from './dialectExpectations';
import { projectRoot } from './helpers';

/*
 * test/fixtures/real-world-lines/ holds reports made of lines as analysts write them: product versions,
 * file names, paths, registry keys, user agents, e-mail headers, log lines, hashes in every labelling
 * style, dates in every common style and zone, ticket numbers next to technique IDs, placeholders. Each
 * line with a finding marks it (`<!-- expect: rule -->`, test/dialectExpectations.ts); every other line
 * must give none. The engine (test/unit/realWorldLines.test.ts) and the CLI (test/cli/realWorldLines.test.ts)
 * are held to the marks.
 */

export const REAL_WORLD_LINES = join(projectRoot(), 'test', 'fixtures', 'real-world-lines');

export function realWorldReports(): DialectExample[] {
  return readdirSync(REAL_WORLD_LINES)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => ({ name, path: join(REAL_WORLD_LINES, name), text: readFileSync(join(REAL_WORLD_LINES, name), 'utf8') }));
}

/**
 * The lines of a report that hold something to read: list items, table rows (not the delimiter row) and
 * lines of code blocks, outside the skeleton every report shares (title, headings, fences).
 */
export function contentLines(text: string): string[] {
  let inFence = false;
  return text.split('\n').filter((line) => {
    if (/^(```|~~~)/.test(line)) {
      inFence = !inFence;
      return false;
    }
    if (inFence) return line.trim() !== '';
    return /^\s*[-*+] /.test(line) || (/^\|/.test(line) && !/^\|[\s|:-]+$/.test(line));
  });
}
