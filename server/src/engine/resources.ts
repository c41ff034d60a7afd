import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const PACKAGE_NAME = 'incident-report-studio';
let cachedRoot: string | undefined;

/**
 * The installed package's root, found by walking up from this file: the same code runs from `out/`,
 * from an esbuild bundle in `dist/`, and from an installed .vsix, each at a different depth.
 */
export function packageRoot(): string {
  if (cachedRoot) return cachedRoot;
  for (let directory = __dirname; ; directory = dirname(directory)) {
    const manifest = join(directory, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === PACKAGE_NAME) return (cachedRoot = directory);
      } catch {
        // An unreadable package.json on the way up is not ours; keep looking.
      }
    }
    if (dirname(directory) === directory) throw new Error(`Cannot find the ${PACKAGE_NAME} package root above ${__dirname}`);
  }
}

export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

export function bundledSchemaPath(): string {
  return join(packageRoot(), 'schemas', 'incident-report.schema.json');
}
