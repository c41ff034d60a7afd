import { statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { collectTargets, toPosix } from '../../cli/collectFiles';
import type { ResolvedConfig } from '../../engine/config/configTypes';

/*
 * What the register index reads from the disk, in one module: the web build (scripts/bundle-web.mjs)
 * swaps it for server/src/web/shims/registerDisk.ts, where the register holds the open reports only.
 */

export { toPosix };

/** The report files under `root` as file: URIs, chosen as `increport check .` chooses them there. */
export function reportFileUris(root: string, configFor: (directory: string) => ResolvedConfig): string[] {
  const uris: string[] = [];
  for (const target of collectTargets(['.'], root, configFor)) if (target.kind === 'file') uris.push(pathToFileURL(target.path).href);
  return uris;
}

/** A file's modification time and size as one key (`m<mtime>:<size>`), or undefined when it is gone. */
export function fileStamp(path: string): string | undefined {
  try {
    const stat = statSync(path);
    return `m${stat.mtimeMs}:${stat.size}`;
  } catch {
    return undefined;
  }
}
