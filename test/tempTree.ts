import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A new folder under `root` holding these files (paths relative to it); its top `.increport.yaml`, if any, should say `root: true`. */
export function tempTree(root: string, files: Record<string, string>): string {
  const base = mkdtempSync(join(root, 'case-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(base, path, '..'), { recursive: true });
    writeFileSync(join(base, path), text);
  }
  return base;
}
