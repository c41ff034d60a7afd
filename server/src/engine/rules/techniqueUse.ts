import type { TechniqueMention } from '../attack/techniqueMentions';
import { BUNDLED_ATTACK_VERSIONS } from '../attack/versions';
import type { ContentContainer, ReportModel, Table } from '../model/modelTypes';
import { isDigitAt, isUppercaseAt } from '../text/chars';
import type { Range } from '../types';
import type { RuleContext } from './ruleTypes';
import { DESCRIPTION_SEPARATOR, type NameHints } from './techniqueNames';

/**
 * Whether an ID shaped like a technique (`T4821`) outside the Attack Methodology section is used as a
 * technique, for the ID ATT&CK does not have: an error (attack-technique-unknown) when it is one, a note
 * (attack-technique-unknown-mention) when it may as well be a ticket, a case or a part number.
 *
 * An ID is used as a technique when
 * - it has a sub-technique's form (`T1234.001`), or is a technique of another bundled ATT&CK release;
 * - otherwise not, whatever follows or the line says, when the word right before it names another kind
 *   of identifier ("ticket T4821", "the change T4821", "(case #T4821)");
 * - a technique name follows it: a capitalised phrase in title case as ATT&CK writes its names
 *   ("Cloud Storage Listing", "Data from Local System"), or one that begins with an ATT&CK name;
 * - it stands in an ATT&CK context: the value of a field whose key, or a table cell whose column header,
 *   names a technique, tactic, TTP, ATT&CK, MITRE or a vector (`**Vector:**`, `| Technique |`); a
 *   section or `###` part whose heading names a technique, tactic, TTP, ATT&CK or MITRE; or a line (in a
 *   table, the cell) that says technique, tactic, TTP, ATT&CK or MITRE (a link to attack.mitre.org does).
 */

/** Words that name the identifier after them as something else than a technique ("ticket T4821"). */
const OTHER_IDENTIFIER_NOUNS = new Set(
  'bug bugs case cases change changes defect defects incident incidents issue issues item items job jobs order orders part parts po problem request requests story stories task tasks ticket tickets'.split(
    ' ',
  ),
);
/** How far before an ID the naming word is looked for: the word and a few separators ("ticket #", "case: "). */
const NAMING_WINDOW = 24;

/** Words that make a line, a cell or a heading about ATT&CK. */
const ATTACK_WORDS = /(?<![\p{L}\p{N}])(?:(?:sub)?techniques?|tactics?|ttps?|mitre)(?![\p{L}\p{N}])|att&ck/iu;
/** Field keys and column headers: the same words, and a vector ("Vector", "Attack Vector", "Initial vector"). */
const ATTACK_KEY = /(?<![\p{L}\p{N}])(?:(?:sub)?techniques?|tactics?|ttps?|mitre|vectors?)(?![\p{L}\p{N}])|att&ck/iu;
/** Lower-case words inside ATT&CK technique names ("Data from Local System", "Pass the Hash"). */
const NAME_CONNECTIVES = new Set(['a', 'after', 'an', 'and', 'as', 'at', 'by', 'for', 'from', 'in', 'of', 'on', 'or', 'over', 'the', 'to', 'via', 'with']);
/** Words of a name read for its case: the first, and the next that is no connective ("Command and Scripting"). */
const NAME_WORDS_READ = 5;

/** Characters of one line; `end` Infinity for the line's end. */
interface Span {
  start: number;
  end: number;
}

interface Cell extends Span {
  attack: boolean;
}

export class TechniqueUse {
  private built = false;
  /** ATT&CK-context spans by line: field values, the content under an ATT&CK heading. */
  private readonly spans = new Map<number, Span[]>();
  /** The cells of table lines by line: in a table, the cell is the context, not the line. */
  private readonly cells = new Map<number, Cell[]>();
  private wordsLine = -1;
  private wordsOnLine = false;

  /** `containers`: the sections and `###` parts outside the Attack Methodology section. */
  constructor(
    private readonly context: RuleContext,
    private readonly hints: NameHints,
    private readonly containers: () => readonly ContentContainer[],
  ) {}

  /** Whether `mention`, a well-formed ID ATT&CK does not have, on `line` (whose text is `text`), is used as a technique. */
  isTechnique(mention: TechniqueMention, line: number, text: string): boolean {
    if (mention.id.includes('.')) return true;
    if (BUNDLED_ATTACK_VERSIONS.some((version) => this.context.otherVersion?.(version)?.technique(mention.id))) return true;
    if (namedAsOtherIdentifier(text, mention.start)) return false;
    if (mention.name && this.readsAsName(mention.name.text)) return true;
    return this.inAttackContext(mention, line, text);
  }

  private readsAsName(name: string): boolean {
    // Only a capitalised phrase reads as a technique name ("T4821 was closed" is prose), as for attack-technique-name.
    if (!isUppercaseAt(name, 0)) return false;
    const separator = DESCRIPTION_SEPARATOR.exec(name);
    const phrase = separator && separator.index > 0 ? name.slice(0, separator.index) : name;
    // Its second word that is no connective (if any) is capitalised too: "Cloud Storage Listing was used", not "Page on-call".
    const second = phrase
      .split(/\s+/, NAME_WORDS_READ)
      .slice(1)
      .find((word) => !NAME_CONNECTIVES.has(word));
    if (second === undefined || isUppercaseAt(second, 0) || isDigitAt(second, 0)) return true;
    // "Valid Accounts used by the attacker": an ATT&CK name, then what is said of it.
    return this.hints.intended(name) !== undefined;
  }

  private inAttackContext(mention: TechniqueMention, line: number, text: string): boolean {
    this.build();
    const covers = (span: Span) => span.start <= mention.start && mention.end <= span.end;
    if (this.spans.get(line)?.some(covers)) return true;
    const cells = this.cells.get(line);
    if (cells) {
      const cell = cellAt(cells, mention.start);
      return cell !== undefined && covers(cell) && cell.attack;
    }
    if (this.wordsLine !== line) {
      this.wordsLine = line;
      this.wordsOnLine = ATTACK_WORDS.test(text);
    }
    return this.wordsOnLine;
  }

  /** Reads the model's fields, tables and headings once, when the first ID needs them. */
  private build(): void {
    if (this.built) return;
    this.built = true;
    for (const container of this.containers()) {
      if (ATTACK_WORDS.test(container.heading.text)) this.addRange(container.range);
      for (const field of container.fields) if (ATTACK_KEY.test(field.key)) this.addRange(field.valueRange);
      for (const table of container.tables) this.addTable(table);
    }
  }

  private addRange(range: Range): void {
    for (let line = range.start.line; line <= range.end.line; line++) {
      const start = line === range.start.line ? range.start.character : 0;
      const end = line === range.end.line ? range.end.character : Infinity;
      push(this.spans, line, { start, end });
    }
  }

  private addTable(table: Table): void {
    const headers = table.header.cells.map((cell) => ATTACK_KEY.test(cell.text));
    for (const row of [table.header, ...table.rows]) {
      row.cells.forEach((cell, index) => {
        const attack = headers[index] === true || ATTACK_WORDS.test(cell.text);
        push(this.cells, cell.range.start.line, { start: cell.range.start.character, end: cell.range.end.character, attack });
      });
    }
  }
}

/** Whether the word right before `start` (past spaces, `#`, `:`, `(`) names another kind of identifier: "ticket T4821". */
function namedAsOtherIdentifier(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - NAMING_WINDOW), start);
  const word = /([A-Za-z]+)[\s#:(]*$/.exec(before);
  return word !== null && OTHER_IDENTIFIER_NOUNS.has(word[1].toLowerCase());
}

/** The last of a line's cells (in order) that starts at or before `character`: a binary search, as a line may hold thousands. */
function cellAt(cells: readonly Cell[], character: number): Cell | undefined {
  let low = 0;
  let high = cells.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (cells[middle].start <= character) low = middle + 1;
    else high = middle;
  }
  return low > 0 ? cells[low - 1] : undefined;
}

function push<T>(map: Map<number, T[]>, line: number, item: T): void {
  const items = map.get(line);
  if (items) items.push(item);
  else map.set(line, [item]);
}

/** Whether a model line lies in one of `ranges`, by line: one pass over the ranges, then a lookup per line. */
export function linesOf(model: ReportModel, ranges: readonly Range[]): Uint8Array {
  const lines = new Uint8Array(model.lines.lineCount);
  for (const range of ranges) lines.fill(1, range.start.line, range.end.line + 1);
  return lines;
}
