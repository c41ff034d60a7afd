/**
 * JSON from a file that may be anything (an `attack.bundle` setting can name ~/.aws/credentials): the
 * value, or a description of what is wrong and where. Node's own messages quote the text around the
 * error (`Unexpected token 'A', "AKIA…" is not valid JSON`), so only their shape is kept.
 */
export function parseJsonData(text: string): { data: unknown } | { problem: string } {
  const source = text.replace(/^\uFEFF/, '');
  try {
    return { data: JSON.parse(source) as unknown };
  } catch (error) {
    return { problem: describeJsonError((error as Error).message, source) };
  }
}

/** V8's messages without the quoted text: what was expected, and the line and column when V8 gives a position. */
export function describeJsonError(message: string, text: string): string {
  const position = /at position (\d+)/.exec(message);
  const where = !position ? '' : Number(position[1]) >= text.length ? ' at the end of the file' : ` at line ${lineColumn(text, Number(position[1]))}`;
  if (/^Unexpected end of JSON input/.test(message)) return 'the file ends before the JSON value does';
  const cut = message.indexOf(' in JSON at position ');
  const what = cut === -1 ? message : message.slice(0, cut);
  const safe = isGrammarOnly(what) && !what.startsWith('Unexpected token');
  return `${safe ? what : 'Unexpected character'}${where}`;
}

const QUOTED_PUNCTUATION = new Set([',', ':', '{', '}', '[', ']']);

/**
 * Grammar words and single quoted punctuation marks only ("Expected ',' or '}' after property value"): a
 * message naming an unexpected token or quoting text is reduced to that fact. One pass over the message.
 */
function isGrammarOnly(message: string): boolean {
  if (message.length === 0 || !isWordChar(message[0])) return false;
  for (let index = 0; index < message.length; index++) {
    const char = message[index];
    if (isWordChar(char)) continue;
    if (char === "'" && QUOTED_PUNCTUATION.has(message[index + 1] ?? '') && message[index + 2] === "'") {
      index += 2;
      continue;
    }
    return false;
  }
  return true;
}

function isWordChar(char: string): boolean {
  return char === ' ' || char === '-' || (char >= 'A' && char <= 'Z') || (char >= 'a' && char <= 'z');
}

function lineColumn(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) {
    line++;
    lineStart = index + 1;
  }
  return `${line}, column ${offset - lineStart + 1}`;
}
