/*
 * Rule help for SARIF's `tool.driver.rules[].help`: the Markdown of the rule's page (docs/rules/<id>.md)
 * as it is, and a plain-text rendering for viewers that cannot show Markdown. No I/O here: the pages
 * come through a RuleDocSource, which the CLI's Node side implements with bounded file reads.
 *
 * The plain text is the page's lead (family and default severity) and its "What it checks" and
 * "How to fix" sections with the Markdown syntax removed (what a reader of one finding needs), or the
 * whole page when it has neither section; it is cut at a paragraph boundary beyond MAX_HELP_TEXT.
 */

export interface RuleHelp {
  text: string;
  markdown: string;
}

/** Where rule pages come from: the Markdown of docs/rules/<ruleId>.md, or undefined when unavailable. */
export interface RuleDocSource {
  readRuleDoc(ruleId: string): string | undefined;
}

/** The help of one rule, or undefined when it has no readable page. */
export type RuleHelpLookup = (ruleId: string) => RuleHelp | undefined;

export const MAX_HELP_TEXT = 3000;
const TEXT_SECTIONS = new Set(['what it checks', 'how to fix']);

/** Reads each page at most once, and only when a formatter asks for it. */
export function ruleHelpLookup(source: RuleDocSource): RuleHelpLookup {
  const cache = new Map<string, RuleHelp | undefined>();
  return (ruleId) => {
    if (!cache.has(ruleId)) {
      const markdown = source.readRuleDoc(ruleId);
      cache.set(ruleId, markdown === undefined || markdown.trim() === '' ? undefined : ruleHelpFromMarkdown(markdown));
    }
    return cache.get(ruleId);
  };
}

export function ruleHelpFromMarkdown(markdown: string): RuleHelp {
  return { text: truncateAtParagraph(markdownToPlainText(selectTextSections(markdown)), MAX_HELP_TEXT), markdown };
}

interface Block {
  heading?: string;
  lines: string[];
}

/** Splits a page at its level-1/level-2 headings (not at lines inside code fences). */
function splitSections(markdown: string): Block[] {
  const blocks: Block[] = [{ lines: [] }];
  let fence: string | undefined;
  for (const line of markdown.split(/\r\n|\r|\n/)) {
    const fenceMatch = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fenceMatch) {
      const marker = fenceMatch[1];
      if (fence === undefined) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
    }
    const heading = fence === undefined && !fenceMatch ? /^\s{0,3}(#{1,2})\s+(.*?)\s*#*\s*$/.exec(line) : null;
    if (heading) blocks.push({ heading: line, lines: [] });
    else blocks[blocks.length - 1].lines.push(line);
  }
  return blocks;
}

const headingText = (heading: string): string =>
  heading
    .replace(/^\s*#+\s*/, '')
    .replace(/\s*#*\s*$/, '')
    .trim()
    .toLowerCase();

/** The lead (without the title) and the sections a reader of one finding needs; the whole page when it has none. */
function selectTextSections(markdown: string): string {
  const blocks = splitSections(markdown);
  const chosen = blocks.filter((block) => block.heading !== undefined && TEXT_SECTIONS.has(headingText(block.heading)));
  if (chosen.length === 0) return markdown;
  const lead = blocks.filter((block) => block.heading === undefined || /^\s{0,3}#\s/.test(block.heading));
  return [...lead.map((block) => block.lines.join('\n')), ...chosen.map((block) => [block.heading, ...block.lines].join('\n'))].join('\n');
}

/** Inline Markdown to text: code spans verbatim, emphasis and escapes removed, links as their text (and absolute URL). */
export function inlineToText(text: string): string {
  return text
    .split(/(`+)([\s\S]*?[^`])\1(?!`)/)
    .map((part, index) => {
      if (index % 3 === 1) return '';
      if (index % 3 === 2) return part.trim() === '' ? part : part.replace(/^ (.*) $/, '$1');
      return part
        .replace(/!?\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/g, (_match, label: string, target: string) =>
          /^https?:\/\//i.test(target) && target !== label ? `${label} (${target})` : label,
        )
        .replace(/<((?:https?|mailto):[^>\s]+)>/gi, '$1')
        .replace(/<!--[\s\S]*?-->/g, '')
        .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
        .replace(/(^|[^\w*])\*(?=[^\s*])([^*]*?[^\s*])\*(?![\w*])/g, '$1$2')
        .replace(/(^|\W)_(?=[^\s_])([^_]*?[^\s_])_(?!\w)/g, '$1$2')
        .replace(/\\([!-/:-@[-`{-~])/g, '$1');
    })
    .join('');
}

/** Block Markdown to text: headings as lines, fenced code indented, table rows as cells, blank lines collapsed. */
export function markdownToPlainText(markdown: string): string {
  const output: string[] = [];
  let fence: string | undefined;
  for (const line of markdown.split(/\r\n|\r|\n/)) {
    const fenceMatch = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fence !== undefined) {
      if (fenceMatch && fenceMatch[1][0] === fence[0] && fenceMatch[1].length >= fence.length) fence = undefined;
      else output.push(`    ${line}`.trimEnd());
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1];
      continue;
    }
    const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      output.push('', inlineToText(heading[1]), '');
      continue;
    }
    if (/^[\s|:-]+$/.test(line) && line.includes('|') && line.includes('-')) continue;
    if (/^\s*\|/.test(line)) {
      const cells = line
        .trim()
        .replace(/^\|/, '')
        .replace(/\|$/, '')
        .split('|')
        .map((cell) => inlineToText(cell.trim()));
      output.push(cells.filter((cell) => cell !== '').join(' | '));
      continue;
    }
    output.push(inlineToText(line.replace(/^(\s*)>\s?/, '$1')).trimEnd());
  }
  return output
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** At most `max` characters, cut at the last paragraph break that fits (or a line break), with an ellipsis. */
export function truncateAtParagraph(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max - 2);
  const paragraph = head.lastIndexOf('\n\n');
  const line = head.lastIndexOf('\n');
  const cut = paragraph > max / 2 ? paragraph : line > max / 2 ? line : head.length;
  return `${head.slice(0, cut).trimEnd()}\n…`;
}
