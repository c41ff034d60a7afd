import { keptUntilEnd, type Formatter, type StreamingFormatter } from './formatterTypes';
import { stylish, stylishStream } from './stylish';

/*
 * The registry of `--format` values. To add a format, write a module exporting a Formatter, add its name
 * to FormatName and a loader below; formatNames, isFormatName and loadFormatter pick it up. Only the
 * default format is loaded with the CLI: the others (SARIF, JUnit, …) when asked for.
 */

export type FormatName = 'stylish' | 'json' | 'sarif' | 'junit' | 'github';

export const defaultFormatName: FormatName = 'stylish';

const loaders: Readonly<Record<FormatName, () => Promise<Formatter>>> = {
  stylish: async () => stylish,
  json: async () => (await import('./json.js')).json,
  sarif: async () => (await import('./sarif.js')).sarif,
  junit: async () => (await import('./junit.js')).junit,
  github: async () => (await import('./github.js')).github,
};

export const formatNames = Object.keys(loaders) as readonly FormatName[];

export function isFormatName(name: string): name is FormatName {
  // Own properties only, so names like "constructor" or "__proto__" are not formats.
  return Object.prototype.hasOwnProperty.call(loaders, name);
}

export async function loadFormatter(name: string): Promise<Formatter | undefined> {
  return isFormatName(name) ? loaders[name]() : undefined;
}

/** The format as `increport check` writes it: file by file for stylish and JSON, at the end for the others (keptUntilEnd). */
const streamLoaders: Readonly<Record<FormatName, () => Promise<StreamingFormatter>>> = {
  stylish: async () => stylishStream,
  json: async () => (await import('./json.js')).jsonStream,
  sarif: async () => keptUntilEnd(await loaders.sarif()),
  junit: async () => keptUntilEnd(await loaders.junit()),
  github: async () => keptUntilEnd(await loaders.github()),
};

export async function loadStreamingFormatter(name: string): Promise<StreamingFormatter | undefined> {
  return isFormatName(name) ? streamLoaders[name]() : undefined;
}
