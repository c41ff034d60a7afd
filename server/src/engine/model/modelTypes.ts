import type { LineIndex } from '../text/lineIndex';
import type { Range } from '../types';

/** A heading as written: `level` 1–6, `text` is the inline source without `#` markers. */
export interface Heading {
  level: number;
  text: string;
  /** The heading text only (what a squiggle should underline). */
  textRange: Range;
  /** The whole heading, markers included (two lines for setext headings). */
  range: Range;
}

/** A `**Key:** value` (or `**Key**: value`) line, in a bullet item or on its own line. */
export interface Field {
  key: string;
  keyRange: Range;
  /** The value as written, trimmed; continuation lines and nested items included. */
  value: string;
  /** Range of the trimmed value; zero-width just after the key when the value is empty. */
  valueRange: Range;
  /** The whole item or line (for a table row, the row). */
  range: Range;
  /** Read from a row of a key/value table (model/tableFields.ts): its header row, or a body row. */
  inTable?: 'header' | 'row';
}

/**
 * `reference`: link reference definitions (`[label]: url "title"`) at the top level. markdown-it turns
 * them into no token (only into `env.references`), so the model finds them as the non-blank lines
 * between the blocks it does see; they are content like any other (an IOC written in one is scanned).
 */
export type BlockKind = 'paragraph' | 'list' | 'table' | 'code' | 'html' | 'blockquote' | 'rule' | 'heading' | 'reference';

/** A top-level block of section content, kept as a line span of the source. */
export interface Block {
  kind: BlockKind;
  range: Range;
}

/** A table cell as written: `text` trimmed, escaped pipes (`\|`) and code spans kept as they are. */
export interface TableCell {
  text: string;
  /** The trimmed text; zero-width for an empty cell. */
  range: Range;
}

/** One line of a table: its cells in order. */
export interface TableRow {
  cells: TableCell[];
  /** The line from its first cell (or leading pipe) to its last character that is not white space. */
  range: Range;
}

/** A GFM table: the header row and the body rows (the delimiter row is no row). */
export interface Table {
  header: TableRow;
  rows: TableRow[];
  /** The table's lines, as its block. */
  range: Range;
}

/** A top-level item of a list (its nested items and continuation lines are part of it). */
export interface ListItem {
  /** The item's text after its marker, trimmed, continuation lines and nested items included. */
  text: string;
  /** From after the marker (and the spaces after it) on the first line to the end of the last line that is not blank. */
  textRange: Range;
  /** From the marker to the end of the item's last line that is not blank. */
  range: Range;
  /** The item is a `**Key:** value` field: it is one of its container's `fields` too. */
  isField: boolean;
}

/** Content under a heading: the fields recognised in it and every block it holds. */
export interface ContentContainer {
  heading: Heading;
  fields: Field[];
  blocks: Block[];
  /** The top-level items of its lists, in order (fields among them). */
  items: ListItem[];
  /** The GFM tables among the blocks, in order. */
  tables: Table[];
  /** From the heading to the end of its last content line. */
  range: Range;
}

/** An H3 inside a section, e.g. a timeline phase. Deeper headings stay blocks of their H3. */
export type Subsection = ContentContainer;

/** An H2 section. */
export interface Section extends ContentContainer {
  subsections: Subsection[];
}

export interface FrontMatterEntry {
  key: string;
  keyRange: Range;
  valueRange: Range;
}

export interface FrontMatter {
  /** The parsed YAML mapping; `undefined` when the YAML is broken or not a mapping. */
  data: Record<string, unknown> | undefined;
  entries: FrontMatterEntry[];
  /** From the opening `---` to the closing fence. */
  range: Range;
  errors: { message: string; range: Range }[];
}

/** An `<!-- increport-... -->` control comment. */
export interface ControlComment {
  directive: 'disable' | 'enable' | 'disable-next-line' | 'disable-line';
  ruleIds: string[];
  range: Range;
}

/** The located model of one report: every element carries its exact source range. */
export interface ReportModel {
  lines: LineIndex;
  frontMatter?: FrontMatter;
  /** Every H1, in order; the first is the report title. */
  titles: Heading[];
  sections: Section[];
  /** Lines that are not prose: code blocks, HTML blocks, front matter. Text rules skip them. */
  verbatimLines: ReadonlySet<number>;
  /** Top-level HTML blocks (among the verbatim lines), by line: `startLine` up to `endLine`, exclusive. */
  htmlBlocks: readonly { startLine: number; endLine: number }[];
  controlComments: ControlComment[];
  /** Labels of link reference definitions (`[label]: url`), lower-cased: `[label]` is then a link. */
  referenceLabels: ReadonlySet<string>;
}
