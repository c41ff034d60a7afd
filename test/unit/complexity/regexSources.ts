/**
 * Finds the regular expressions in TypeScript source: regex literals, and the patterns given to
 * `new RegExp(...)` (the string and template literals of its first argument, joined, with `${NAME}`
 * replaced by the same file's `const NAME = '...'` / `` String.raw`...` `` where there is one).
 * A small tokenizer, not a parser: strings, comments, template literals and division are told apart
 * the usual way (a `/` after a value divides; elsewhere it opens a regex).
 */
export interface FoundRegex {
  line: number;
  source: string;
  flags: string;
  kind: 'literal' | 'constructor';
}

interface Token {
  kind: 'string' | 'template' | 'regex' | 'word' | 'punct' | 'number';
  text: string;
  /** Cooked value (strings), raw content (templates), pattern (regexes). */
  value: string;
  flags?: string;
  /** Template literals: the `${...}` expressions, in order, and the text around them. */
  parts?: { text: string; expression?: string }[];
  raw?: boolean;
  line: number;
}

const KEYWORDS_BEFORE_REGEX = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'instanceof', 'yield', 'await']);

function cook(body: string): string {
  return body.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[\s\S])/g, (_, escape: string) => {
    if (escape.startsWith('u{')) return String.fromCodePoint(parseInt(escape.slice(2, -1), 16));
    if (escape[0] === 'u' && escape.length === 5) return String.fromCharCode(parseInt(escape.slice(1), 16));
    if (escape[0] === 'x' && escape.length === 3) return String.fromCharCode(parseInt(escape.slice(1), 16));
    return ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' } as Record<string, string>)[escape] ?? (escape === '\n' ? '' : escape);
  });
}

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  let line = 1;
  const advance = (to: number) => {
    for (let i = index; i < to; i++) if (source[i] === '\n') line++;
    index = to;
  };
  const regexAllowed = () => {
    const last = tokens[tokens.length - 1];
    if (!last) return true;
    if (last.kind === 'word') return KEYWORDS_BEFORE_REGEX.has(last.text);
    if (last.kind === 'punct') return last.text !== ')' && last.text !== ']' && last.text !== '}';
    return last.kind !== 'number' && last.kind !== 'string' && last.kind !== 'template' && last.kind !== 'regex';
  };
  /** Reads a template literal starting after its backtick; returns its parts and the index after the closing backtick. */
  const readTemplate = (from: number): { parts: { text: string; expression?: string }[]; end: number } => {
    const parts: { text: string; expression?: string }[] = [];
    let text = '';
    let i = from;
    while (i < source.length && source[i] !== '`') {
      if (source[i] === '\\') {
        text += source.slice(i, i + 2);
        i += 2;
      } else if (source[i] === '$' && source[i + 1] === '{') {
        let depth = 1;
        let j = i + 2;
        while (j < source.length && depth > 0) {
          if (source[j] === '{') depth++;
          else if (source[j] === '}') depth--;
          else if (source[j] === '`') j = readTemplate(j + 1).end - 1;
          else if (source[j] === "'" || source[j] === '"') j = skipString(j);
          j++;
        }
        parts.push({ text, expression: source.slice(i + 2, j - 1).trim() });
        text = '';
        i = j;
      } else {
        text += source[i++];
      }
    }
    parts.push({ text });
    return { parts, end: i + 1 };
  };
  const skipString = (from: number): number => {
    const quote = source[from];
    let i = from + 1;
    while (i < source.length && source[i] !== quote && source[i] !== '\n') i += source[i] === '\\' ? 2 : 1;
    return i;
  };
  while (index < source.length) {
    const char = source[index];
    const start = index;
    const startLine = line;
    if (/\s/.test(char)) {
      advance(index + 1);
    } else if (source.startsWith('//', index)) {
      const end = source.indexOf('\n', index);
      advance(end < 0 ? source.length : end);
    } else if (source.startsWith('/*', index)) {
      const end = source.indexOf('*/', index + 2);
      advance(end < 0 ? source.length : end + 2);
    } else if (char === "'" || char === '"') {
      const end = skipString(index);
      tokens.push({ kind: 'string', text: source.slice(start, end + 1), value: cook(source.slice(start + 1, end)), line: startLine });
      advance(end + 1);
    } else if (char === '`') {
      const { parts, end } = readTemplate(index + 1);
      const previous = tokens[tokens.length - 1];
      const raw = previous?.kind === 'word' && previous.text === 'String.raw';
      tokens.push({ kind: 'template', text: source.slice(start, end), value: '', parts, raw, line: startLine });
      advance(end);
    } else if (char === '/' && regexAllowed()) {
      let i = index + 1;
      let inClass = false;
      while (i < source.length && source[i] !== '\n' && (inClass || source[i] !== '/')) {
        if (source[i] === '\\') i++;
        else if (source[i] === '[') inClass = true;
        else if (source[i] === ']') inClass = false;
        i++;
      }
      let end = i + 1;
      while (/[a-z]/.test(source[end] ?? '')) end++;
      tokens.push({ kind: 'regex', text: source.slice(start, end), value: source.slice(start + 1, i), flags: source.slice(i + 1, end), line: startLine });
      advance(end);
    } else if (/[A-Za-z_$]/.test(char)) {
      const match = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*/.exec(source.slice(index, index + 200))!;
      tokens.push({ kind: 'word', text: match[0], value: match[0], line: startLine });
      advance(index + match[0].length);
    } else if (/[0-9]/.test(char)) {
      const match = /^[0-9][\w.]*/.exec(source.slice(index, index + 100))!;
      tokens.push({ kind: 'number', text: match[0], value: match[0], line: startLine });
      advance(index + match[0].length);
    } else {
      tokens.push({ kind: 'punct', text: char, value: char, line: startLine });
      advance(index + 1);
    }
  }
  return tokens;
}

/** The text a template or string token stands for, with known constants substituted (unknown ones left as a plain atom). */
function literalText(token: Token, constants: ReadonlyMap<string, Token>, depth = 0): string {
  if (token.kind === 'string') return token.value;
  if (token.kind !== 'template' || !token.parts) return '';
  return token.parts
    .map((part) => {
      const text = token.raw ? part.text : cook(part.text);
      if (part.expression === undefined) return text;
      const name = /^[A-Za-z_$][\w$]*$/.test(part.expression) ? part.expression : /^[A-Za-z_$][\w$]*\(([A-Za-z_$][\w$]*)\)$/.exec(part.expression)?.[1];
      const constant = name === undefined ? undefined : constants.get(name);
      if (constant && depth < 8) return `${text}(?:${literalText(constant, constants, depth + 1)})`;
      // A call on a literal (atomic(`...`)): its text, grouped.
      const inner = /^[A-Za-z_$][\w$]*\(\s*(?:String\.raw)?`([\s\S]*)`\s*\)$/.exec(part.expression);
      if (inner && depth < 8) return `${text}(?:${literalText(tokenize('String.raw`' + inner[1] + '`')[1], constants, depth + 1)})`;
      return `${text}(?:x)`;
    })
    .join('');
}

/** Every regex in one file's source. */
export function findRegexes(source: string): FoundRegex[] {
  const tokens = tokenize(source);
  const constants = new Map<string, Token>();
  for (let i = 0; i + 3 < tokens.length; i++) {
    if (tokens[i].text !== 'const' || tokens[i + 1].kind !== 'word' || tokens[i + 2].text !== '=') continue;
    let value = tokens[i + 3];
    if (value.kind === 'word' && value.text === 'String.raw') value = tokens[i + 4];
    if (value && (value.kind === 'string' || value.kind === 'template')) constants.set(tokens[i + 1].text, value);
  }
  const found: FoundRegex[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.kind === 'regex') found.push({ line: token.line, source: token.value, flags: token.flags ?? '', kind: 'literal' });
    if (token.kind !== 'word' || token.text !== 'RegExp' || tokens[i + 1]?.text !== '(') continue;
    // The first argument: literals up to the first top-level comma or the closing parenthesis.
    let depth = 0;
    const pieces: string[] = [];
    let flags = '';
    let j = i + 1;
    for (; j < tokens.length; j++) {
      const t = tokens[j];
      if (t.text === '(' || t.text === '[' || t.text === '{') depth++;
      else if (t.text === ')' || t.text === ']' || t.text === '}') {
        depth--;
        if (depth === 0) break;
      } else if (t.text === ',' && depth === 1) {
        const next = tokens[j + 1];
        if (next?.kind === 'string') flags = next.value;
        break;
      } else if (t.kind === 'string' || t.kind === 'template') pieces.push(literalText(t, constants));
      else if (t.kind === 'word' && constants.has(t.text)) pieces.push(`(?:${literalText(constants.get(t.text)!, constants)})`);
    }
    if (pieces.length > 0) found.push({ line: token.line, source: pieces.join(''), flags, kind: 'constructor' });
  }
  return found;
}
