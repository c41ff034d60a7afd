import type { Formatter } from './formatterTypes';
import { stylish } from './stylish';
import { json } from './json';
import { sarif } from './sarif';
import { junit } from './junit';
import { github } from './github';

/*
 * The registry of `--format` values. To add a format, write a module exporting a
 * Formatter, add its name to FormatName and an entry below; formatNames and
 * getFormatter pick it up.
 */

export type FormatName = 'stylish' | 'json' | 'sarif' | 'junit' | 'github';

export const defaultFormatName: FormatName = 'stylish';

export const formatters: Readonly<Record<FormatName, Formatter>> = {
  stylish,
  json,
  sarif,
  junit,
  github,
};

export const formatNames = Object.keys(formatters) as readonly FormatName[];

export function isFormatName(name: string): name is FormatName {
  // Own properties only, so names like "constructor" or "__proto__" are not formats.
  return Object.prototype.hasOwnProperty.call(formatters, name);
}

export function getFormatter(name: string): Formatter | undefined {
  return isFormatName(name) ? formatters[name] : undefined;
}
