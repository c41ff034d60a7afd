import { isAlias, LineCounter, parseDocument, visit, type Document, type ErrorCode } from 'yaml';

/**
 * Alias expansions allowed when YAML becomes data (the yaml package's `maxAliasCount`, set explicitly
 * here rather than relied on as a default). A few nested anchors can otherwise expand to gigabytes.
 */
export const MAX_YAML_ALIASES = 100;

/** A problem with a YAML text, at a character offset; the message never quotes the text. */
export interface YamlProblem {
  message: string;
  offset: number;
  /** Where the offending node ends (the same as `offset` when there is no node to point at). */
  end: number;
}

/**
 * `document.toJS()` with the alias limit. What toJS would throw (too many aliases, an alias without its
 * anchor) comes back as a problem at the document's first alias instead of escaping as an exception.
 */
export function yamlToData(document: Document): { data: unknown } | { problem: YamlProblem } {
  try {
    return { data: document.toJS({ maxAliasCount: MAX_YAML_ALIASES }) };
  } catch (error) {
    const tooMany = /excessive alias count/i.test((error as Error).message);
    const [offset, end] = firstAliasRange(document);
    return {
      problem: { message: tooMany ? `Too many alias expansions (the limit is ${MAX_YAML_ALIASES})` : 'An alias refers to no anchor before it', offset, end },
    };
  }
}

/**
 * YAML (or JSON) from a file that may be anything, e.g. one a setting points at: the result, or a problem
 * described by its kind and place only. The yaml package's messages can quote the text (a tag, an escape,
 * a scalar), and the file may hold secrets, so they are not used.
 */
export function parseYamlData(text: string): { data: unknown } | { problem: YamlProblem & { line: number; column: number } } {
  const lineCounter = new LineCounter();
  const document = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter, prettyErrors: false, uniqueKeys: true });
  const syntaxError = document.errors[0];
  const result = syntaxError
    ? { problem: { message: describeErrorCode(syntaxError.code), offset: syntaxError.pos[0], end: syntaxError.pos[1] } }
    : yamlToData(document);
  if ('data' in result) return result;
  const { line, col } = lineCounter.linePos(result.problem.offset);
  return { problem: { ...result.problem, line, column: col } };
}

const ERROR_DESCRIPTIONS: Partial<Record<ErrorCode, string>> = {
  BAD_INDENT: 'Bad indentation',
  TAB_AS_INDENT: 'A tab used as indentation',
  DUPLICATE_KEY: 'A key written twice',
  MISSING_CHAR: 'A missing character (a quote, bracket, comma or colon)',
  UNEXPECTED_TOKEN: 'Unexpected text',
  BAD_SCALAR_START: 'A value that cannot start with its first character unquoted',
  BAD_DQ_ESCAPE: 'An invalid escape sequence in a double-quoted string',
  MULTILINE_IMPLICIT_KEY: 'A key that spans lines',
  BLOCK_AS_IMPLICIT_KEY: 'A block used as a key',
  MULTIPLE_DOCS: 'More than one YAML document',
  TAG_RESOLVE_FAILED: 'An unknown tag',
  KEY_OVER_1024_CHARS: 'A key longer than 1024 characters',
  NON_STRING_KEY: 'A key that is not a string',
  BLOCK_IN_FLOW: 'A block value inside [ ] or { }',
  BAD_ALIAS: 'An invalid alias',
  ALIAS_PROPS: 'An alias with an anchor or tag',
  BAD_DIRECTIVE: 'An invalid % directive',
  BAD_PROP_ORDER: 'An anchor or tag in the wrong place',
  MULTIPLE_ANCHORS: 'Two anchors on one value',
  MULTIPLE_TAGS: 'Two tags on one value',
  BAD_COLLECTION_TYPE: 'A tag that does not fit its value',
  RESOURCE_EXHAUSTION: 'Too much nesting or expansion',
};

/**
 * What a YAML syntax error is, from its code alone. The yaml package's own messages can quote the text
 * (a tag, an escape, a scalar, a block header), so no message built from a file's content uses them.
 */
export function describeErrorCode(code: ErrorCode): string {
  return ERROR_DESCRIPTIONS[code] ?? `Invalid YAML (${code})`;
}

function firstAliasRange(document: Document): [number, number] {
  let range: [number, number] = [0, 0];
  visit(document, {
    Alias(_key, node) {
      if (isAlias(node) && node.range) range = [node.range[0], node.range[1]];
      return visit.BREAK;
    },
  });
  return range;
}
