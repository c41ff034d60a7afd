import { LineCounter, parseDocument, isMap, isScalar, isPair } from 'yaml';
import type { LineIndex } from '../text/lineIndex';
import { yamlToData } from '../text/yamlData';
import { parseSimpleYaml } from './simpleYaml';
import type { FrontMatter, FrontMatterEntry } from '../model/modelTypes';

const OPENING_FENCE = /^---[ \t]*$/;
const CLOSING_FENCE = /^(?:---|\.\.\.)[ \t]*$/;

export interface FrontMatterSplit {
  frontMatter: FrontMatter;
  /** Number of lines it occupies, fences included. */
  lineCount: number;
}

/** Finds and parses a YAML front matter block at the very top of the document. */
export function parseFrontMatter(lines: LineIndex): FrontMatterSplit | undefined {
  if (lines.lineCount < 2 || !OPENING_FENCE.test(lines.lineText(0))) return undefined;
  let closing = -1;
  for (let line = 1; line < lines.lineCount; line++) {
    if (CLOSING_FENCE.test(lines.lineText(line))) {
      closing = line;
      break;
    }
  }
  if (closing < 0) return undefined;

  const bodyStart = lines.lineStart(1);
  const bodyEnd = lines.lineStart(closing);
  const yamlText = lines.text.slice(bodyStart, bodyEnd);
  const range = { start: { line: 0, character: 0 }, end: { line: closing, character: lines.lineText(closing).length } };
  const at = (offset: number) => lines.positionAt(bodyStart + Math.min(offset, yamlText.length));
  // Block values end after their last line break; a range should end on the last character.
  const atEnd = (offset: number) => {
    let end = Math.min(offset, yamlText.length);
    while (end > 0 && /\s/.test(yamlText[end - 1])) end--;
    return at(end);
  };

  const simple = parseSimpleYaml(yamlText);
  if (simple) {
    const entries = simple.entries.map((entry) => ({
      key: entry.key,
      keyRange: { start: at(entry.keyStart), end: at(entry.keyEnd) },
      valueRange: { start: at(entry.valueStart), end: at(entry.valueEnd) },
    }));
    return { frontMatter: { data: simple.data, entries, range, errors: [] }, lineCount: closing + 1 };
  }

  const document = parseDocument(yamlText, { lineCounter: new LineCounter(), prettyErrors: false, uniqueKeys: true });
  const errors = document.errors.map((error) => ({
    message: error.message.split('\n')[0],
    range: { start: at(error.pos[0]), end: at(Math.max(error.pos[1], error.pos[0])) },
  }));
  const entries: FrontMatterEntry[] = [];
  let data: Record<string, unknown> | undefined;
  if (errors.length === 0) {
    const contents = document.contents;
    // Aliases are expanded with a limit: too many is a front matter error, not a crash of the whole run.
    const converted = isMap(contents) ? yamlToData(document) : undefined;
    if (converted && 'problem' in converted) {
      const { offset, end, message } = converted.problem;
      errors.push({ message, range: { start: at(offset), end: at(end) } });
    } else if (isMap(contents)) {
      data = converted?.data as Record<string, unknown>;
      for (const item of contents.items) {
        if (!isPair(item) || !isScalar(item.key) || !item.key.range) continue;
        const keyRange = { start: at(item.key.range[0]), end: at(item.key.range[1]) };
        const valueNode = item.value as { range?: [number, number, number] } | null;
        const valueRange = valueNode?.range
          ? { start: at(valueNode.range[0]), end: atEnd(Math.max(valueNode.range[1], valueNode.range[0])) }
          : { start: keyRange.end, end: keyRange.end };
        entries.push({ key: String(item.key.value), keyRange, valueRange });
      }
    } else if (contents !== null) {
      errors.push({ message: 'Front matter must be a list of "key: value" lines', range });
    } else {
      data = {};
    }
  }
  return { frontMatter: { data, entries, range, errors }, lineCount: closing + 1 };
}
