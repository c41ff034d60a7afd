import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A fresh folder under `parent` with the given files, for the hostile-input tests of the CLI and the
 * language server: `fifo:` makes a FIFO, `link:TARGET` a symbolic link, `sparse:N` a file of N bytes.
 */
export function hostileTree(parent: string, files: Record<string, string>): string {
  const base = mkdtempSync(join(parent, 'case-'));
  for (const [name, content] of Object.entries(files)) {
    const path = join(base, name);
    mkdirSync(join(path, '..'), { recursive: true });
    if (content === 'fifo:') execFileSync('mkfifo', [path]);
    else if (content.startsWith('link:')) symlinkSync(content.slice(5), path);
    else if (content.startsWith('sparse:')) {
      writeFileSync(path, '');
      truncateSync(path, Number(content.slice(7)));
    } else writeFileSync(path, content);
  }
  return base;
}
