/**
 * A fast path for the front matter nearly every report has: flat `key: value` lines and `key:` followed
 * by `- item` lines, with plain scalars that YAML 1.2 reads as strings. Anything else (quotes, flow
 * collections, numbers, booleans, nulls, comments, anchors, duplicate keys, ...) returns undefined and
 * goes to the full YAML parser; a property test checks both agree wherever this path answers.
 */
export interface SimpleYamlEntry {
  key: string;
  /** Offsets in the YAML text, end exclusive. */
  keyStart: number;
  keyEnd: number;
  valueStart: number;
  valueEnd: number;
}

export interface SimpleYaml {
  data: Record<string, string | string[]>;
  entries: SimpleYamlEntry[];
}

const KEY_LINE = /^([A-Za-z_][\w-]*):(?:[ \t]+(\S(?:.*\S)?))?[ \t]*$/;
const ITEM_LINE = /^([ \t]*)- (\S(?:.*\S)?)[ \t]*$/;
/** Plain scalars YAML might read as something other than a string, or that need a real parser. */
const NOT_A_SIMPLE_STRING =
  /^[-?:,[\]{}#&*!|>'"%@`~=<]|: |:$|\s#|^(?:null|true|false|y|n|yes|no|on|off)$|^[-+]?(?:\.[0-9]|[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$|\.(?:inf|nan)$)|^0[ox]/i;

export function parseSimpleYaml(text: string): SimpleYaml | undefined {
  const data: Record<string, string | string[]> = {};
  const entries: SimpleYamlEntry[] = [];
  let list: { items: string[]; entry: SimpleYamlEntry; indent?: number } | undefined;
  let offset = 0;
  for (const line of text.split('\n')) {
    const lineStart = offset;
    offset += line.length + 1;
    if (line.trim() === '') continue;
    if (line.includes('\r') || line.includes('\t')) return undefined;
    const item = list && ITEM_LINE.exec(line);
    if (item && list) {
      // Items of one list share one indentation; anything else needs the real parser.
      if (NOT_A_SIMPLE_STRING.test(item[2]) || (list.indent ?? item[1].length) !== item[1].length) return undefined;
      list.indent = item[1].length;
      list.items.push(item[2]);
      list.entry.valueEnd = lineStart + line.trimEnd().length;
      if (list.items.length === 1) list.entry.valueStart = lineStart + item[1].length;
      continue;
    }
    const pair = KEY_LINE.exec(line);
    if (!pair || pair[1] in data) return undefined;
    if (list && list.items.length === 0) return undefined; // "key:" with nothing under it is null
    const key = pair[1];
    const entry: SimpleYamlEntry = { key, keyStart: lineStart, keyEnd: lineStart + key.length, valueStart: 0, valueEnd: 0 };
    entries.push(entry);
    if (pair[2] === undefined) {
      list = { items: [], entry };
      data[key] = list.items;
      continue;
    }
    if (NOT_A_SIMPLE_STRING.test(pair[2])) return undefined;
    list = undefined;
    entry.valueStart = lineStart + line.indexOf(pair[2], key.length + 1);
    entry.valueEnd = entry.valueStart + pair[2].length;
    data[key] = pair[2];
  }
  if (list && list.items.length === 0) return undefined;
  return { data, entries };
}
