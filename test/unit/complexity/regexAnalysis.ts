/**
 * Flags regex shapes that can take super-linear time: nested quantifiers (`(a+)+`, `(\s*x)*`,
 * `(?:[a-z]+\.)+`), adjacent unbounded quantifiers that can match the same characters (`\s*\s*`,
 * `[ \t]*(["']?)[^"'#]*`), and an unanchored pattern that starts with an unbounded quantifier and can
 * still fail after it (`\s*\(...\)$`, `\S*$`): the engine retries it from each position of a long run.
 * Character sets are compared on a sample alphabet (ASCII and a few non-ASCII letters and spaces).
 */
type Node =
  | { type: 'atom'; chars: Set<number> }
  | { type: 'group'; alternatives: Node[][]; look?: 'ahead' | 'behind'; negative?: boolean }
  | { type: 'quantifier'; min: number; max: number; body: Node }
  | { type: 'assertion' };

const SAMPLE = [...Array.from({ length: 128 }, (_, c) => c), 0xa0, 0xe9, 0xfc, 0x3b1, 0x2013, 0x2014, 0x2028, 0x3000, 0x4e00, 0xfeff];

function charsOf(atom: string, flags: string): Set<number> {
  const set = new Set<number>();
  let test: RegExp;
  try {
    test = new RegExp(`^(?:${atom})$`, flags.replace(/[gy]/g, ''));
  } catch {
    return new Set(SAMPLE); // unknown: assume it matches anything
  }
  for (const code of SAMPLE) if (test.test(String.fromCharCode(code))) set.add(code);
  return set;
}

class Parser {
  private index = 0;

  constructor(
    private readonly source: string,
    private readonly flags: string,
  ) {}

  parse(): Node[][] {
    return this.alternatives();
  }

  private alternatives(): Node[][] {
    const alternatives: Node[][] = [[]];
    while (this.index < this.source.length && this.source[this.index] !== ')') {
      if (this.source[this.index] === '|') {
        this.index++;
        alternatives.push([]);
        continue;
      }
      const atom = this.atom();
      alternatives[alternatives.length - 1].push(this.quantified(atom));
    }
    return alternatives;
  }

  private quantified(node: Node): Node {
    const rest = this.source.slice(this.index);
    const match = /^(?:([*+?])|\{(\d+)(?:(,)(\d*))?\})\??/.exec(rest);
    if (!match) return node;
    this.index += match[0].length;
    const [min, max] =
      match[1] === '*'
        ? [0, Infinity]
        : match[1] === '+'
          ? [1, Infinity]
          : match[1] === '?'
            ? [0, 1]
            : [Number(match[2]), match[3] ? (match[4] ? Number(match[4]) : Infinity) : Number(match[2])];
    return { type: 'quantifier', min, max, body: node };
  }

  private atom(): Node {
    const source = this.source;
    const char = source[this.index];
    if (char === '(') {
      const head = /^\((\?(?:<?[=!]|:|<[A-Za-z_]\w*>))?/.exec(source.slice(this.index))![0];
      this.index += head.length;
      const alternatives = this.alternatives();
      this.index++; // ')'
      const look = head.includes('<=') || head.includes('<!') ? 'behind' : head.includes('=') || head.includes('!') ? 'ahead' : undefined;
      return { type: 'group', alternatives, look, negative: head.includes('!') };
    }
    if (char === '^' || char === '$') {
      this.index++;
      return { type: 'assertion' };
    }
    if (char === '[') {
      let end = this.index + 1;
      if (source[end] === '^') end++;
      if (source[end] === ']') end++;
      while (end < source.length && source[end] !== ']') end += source[end] === '\\' ? 2 : 1;
      const atom = source.slice(this.index, end + 1);
      this.index = end + 1;
      return { type: 'atom', chars: charsOf(atom, this.flags) };
    }
    if (char === '\\') {
      const escape = /^\\(?:[bB]|[1-9]\d*|k<\w+>)/.exec(source.slice(this.index));
      if (escape) {
        this.index += escape[0].length;
        return { type: 'assertion' }; // word boundaries; back-references are treated as fixed text
      }
      const atom = /^\\(?:[pP]\{[^}]*\}|u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|c[A-Za-z]|[\s\S])/.exec(source.slice(this.index))![0];
      this.index += atom.length;
      return { type: 'atom', chars: charsOf(atom, this.flags) };
    }
    this.index++;
    return { type: 'atom', chars: charsOf(char === '.' ? '.' : char.replace(/[$()*+.?[\\\]^{|}]/g, '\\$&'), this.flags) };
  }
}

/** Characters a node can consume anywhere in it. */
function allChars(node: Node): Set<number> {
  if (node.type === 'atom') return node.chars;
  if (node.type === 'quantifier') return allChars(node.body);
  if (node.type === 'group' && !node.look) return union(node.alternatives.flat().map(allChars));
  return new Set();
}

/** Characters a node can start with. */
function firstChars(node: Node): Set<number> {
  if (node.type === 'atom') return node.chars;
  if (node.type === 'quantifier') return firstChars(node.body);
  if (node.type === 'group' && !node.look) return union(node.alternatives.map(firstCharsOfSequence));
  return new Set();
}

function firstCharsOfSequence(sequence: Node[]): Set<number> {
  const sets: Set<number>[] = [];
  for (const node of sequence) {
    sets.push(firstChars(node));
    if (!nullable(node)) break;
  }
  return union(sets);
}

/** Characters an unbounded repetition at the start of `node` (possibly inside groups) can consume. */
function repeatedAtStart(node: Node): Set<number> {
  if (node.type === 'quantifier') return node.max === Infinity ? allChars(node.body) : repeatedAtStart(node.body);
  if (node.type !== 'group' || node.look) return new Set();
  return union(
    node.alternatives.map((alternative) => {
      const sets: Set<number>[] = [];
      for (const child of alternative) {
        sets.push(repeatedAtStart(child));
        if (!nullable(child)) break;
      }
      return union(sets);
    }),
  );
}

function nullable(node: Node): boolean {
  if (node.type === 'atom') return false;
  if (node.type === 'assertion') return true;
  if (node.type === 'quantifier') return node.min === 0 || nullable(node.body);
  if (node.look) return true;
  return node.alternatives.some((alternative) => alternative.every(nullable));
}

function union(sets: Set<number>[]): Set<number> {
  const result = new Set<number>();
  for (const set of sets) for (const value of set) result.add(value);
  return result;
}

function overlaps(a: Set<number>, b: Set<number>): boolean {
  for (const value of a) if (b.has(value)) return true;
  return false;
}

function containsRepeat(node: Node, unboundedOnly: boolean): boolean {
  if (node.type === 'quantifier' && node.max > 1 && (!unboundedOnly || node.max === Infinity)) return true;
  if (node.type === 'quantifier') return containsRepeat(node.body, unboundedOnly);
  if (node.type === 'group') return node.alternatives.flat().some((child) => containsRepeat(child, unboundedOnly));
  return false;
}

export interface Problem {
  kind: 'nested-quantifier' | 'overlapping-quantifiers' | 'leading-quantifier';
  detail: string;
}

function visit(alternatives: Node[][], problems: Problem[]): void {
  for (const sequence of alternatives) {
    sequence.forEach((node, index) => {
      if (node.type === 'quantifier') {
        const outerUnbounded = node.max === Infinity;
        if (node.max > 1 && containsRepeat(node.body, !outerUnbounded)) {
          problems.push({ kind: 'nested-quantifier', detail: 'a repeated group contains a repetition' });
        }
        if (node.max === Infinity) {
          const chars = allChars(node.body);
          for (let next = index + 1; next < sequence.length; next++) {
            const other = sequence[next];
            if (overlaps(chars, repeatedAtStart(other))) {
              problems.push({ kind: 'overlapping-quantifiers', detail: 'two unbounded repetitions in a row can match the same characters' });
              break;
            }
            if (!nullable(other)) break;
          }
        }
        visit([[node.body]], problems);
      } else if (node.type === 'group') {
        visit(node.alternatives, problems);
      }
    });
  }
}

/** Problems in one pattern (deduplicated by kind). */
export function auditRegex(source: string, flags: string): Problem[] {
  const alternatives = new Parser(source, flags).parse();
  const problems: Problem[] = [];
  visit(alternatives, problems);
  if (!flags.includes('y')) {
    for (const sequence of alternatives) {
      // A leading negative look-behind that excludes the repeated characters lets each run start once.
      const guard = sequence[0]?.type === 'group' && sequence[0].look === 'behind' && sequence[0].negative ? allCharsOfGroup(sequence[0]) : new Set<number>();
      const first = sequence.find((node) => !(node.type === 'group' && node.look));
      const at = first ? sequence.indexOf(first) : -1;
      if (!first || first.type !== 'quantifier' || first.max !== Infinity) continue;
      if (sequence.slice(0, at).some((node) => node.type === 'assertion')) continue; // anchored with ^
      if (sequence.slice(at + 1).length === 0) continue; // the repetition alone always succeeds
      const chars = allChars(first.body);
      if ([...chars].every((c) => guard.has(c))) continue;
      problems.push({ kind: 'leading-quantifier', detail: 'an unanchored pattern starts with an unbounded repetition and can fail after it' });
    }
  }
  const seen = new Set<string>();
  return problems.filter((problem) => !seen.has(problem.kind) && (seen.add(problem.kind), true));
}

function allCharsOfGroup(node: Node): Set<number> {
  return node.type === 'group' ? union(node.alternatives.flat().map(allChars)) : new Set();
}
