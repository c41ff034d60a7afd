import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const PACKAGE_NAME = 'incident-report-studio';
let cachedRoot: string | undefined;

/**
 * The installed package's root: the nearest folder above `start` whose package.json is ours. The same code
 * runs from `out/`, from an esbuild bundle in `dist/` and from an installed .vsix, each at a different
 * depth, and data files (schemas, the ATT&CK catalog, docs) are not compiled into any of them. The one
 * place this is worked out; tests use it too.
 */
export function packageRoot(start: string = __dirname): string {
  if (start === __dirname && cachedRoot) return cachedRoot;
  for (let directory = resolve(start); ; directory = dirname(directory)) {
    const manifest = join(directory, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === PACKAGE_NAME) {
          if (start === __dirname) cachedRoot = directory;
          return directory;
        }
      } catch {
        // An unreadable package.json on the way up is not ours; keep looking.
      }
    }
    if (dirname(directory) === directory) throw new Error(`Cannot find the ${PACKAGE_NAME} package root above ${start}`);
  }
}

export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}
