import type { Block, ContentContainer, Field, ReportModel } from '../model/modelTypes';
import { listItemContentStart } from '../parse/lineSyntax';
import { defang, scanIocs } from '../iocs/scanIocs';
import { indicatorsOf, type LocatedIoc } from '../queries/iocQueries';
import { ownAssetsOf } from '../queries/ownAssetsOf';
import type { FeatureContext } from '../features/featureTypes';
import type { Range } from '../types';
import { escapeHtml, lineAttr } from './escape';
import { collectReferences, indicatorLinkGuard, renderInlineMarkdown, renderMarkdown, type IndicatorLinks, type References } from './markdownSafe';

interface Edit {
  start: number;
  end: number;
  text: string;
  /** How much longer the rendered line is than the source before this edit (the edits before it). */
  shift: number;
}

/**
 * The report as the preview shows it: the source lines, except that in the indicator sections every live
 * indicator is replaced by its defanged form (so no live or refanged IOC reaches the HTML) and lines of
 * HTML comments are blank. Positions of the model are mapped through those edits.
 */
export class RenderState {
  readonly model: ReportModel;
  readonly indicators: LocatedIoc[];
  readonly references: References | undefined;
  /** Links to any of the report's indicators are not rendered as links, wherever they are. */
  readonly indicatorLinks: IndicatorLinks | undefined;
  private readonly edits = new Map<number, Edit[]>();
  private readonly hidden = new Set<number>();
  /** Rendered lines that have edits, built once: a line of thousands of live indicators is asked for once per indicator. */
  private readonly rendered = new Map<number, string>();

  constructor(readonly context: FeatureContext) {
    this.model = context.model;
    this.indicators = indicatorsOf(this.model, context.spec, ownAssetsOf(this.model, context.spec, context.config?.organization));
    this.indicatorLinks = indicatorLinkGuard(this.indicators.map((located) => located.ioc));
    for (const located of this.indicators) {
      const shown = shownIoc(located);
      if (shown === located.ioc.text) continue;
      const line = located.range.start.line;
      const list = this.edits.get(line) ?? [];
      list.push({ start: located.range.start.character, end: located.range.end.character, text: shown, shift: 0 });
      this.edits.set(line, list);
    }
    for (const list of this.edits.values()) {
      list.sort((a, b) => a.start - b.start);
      let shift = 0;
      for (const edit of list) {
        edit.shift = shift;
        shift += edit.text.length - (edit.end - edit.start);
      }
    }
    this.hideComments();
    this.references = this.model.referenceLabels.size > 0 ? collectReferences(this.markdownOfDocument()) : undefined;
  }

  get lineCount(): number {
    return this.model.lines.lineCount;
  }

  /** Source line `n` as rendered (defanged, comments blanked). */
  line(n: number): string {
    if (this.hidden.has(n)) return '';
    const text = this.model.lines.lineText(n);
    const edits = this.edits.get(n);
    if (!edits) return text;
    let out = this.rendered.get(n);
    if (out !== undefined) return out;
    out = '';
    let at = 0;
    for (const edit of edits) {
      out += text.slice(at, edit.start) + edit.text;
      at = edit.end;
    }
    out += text.slice(at);
    this.rendered.set(n, out);
    return out;
  }

  /** Character `character` of source line `n`, in the rendered line (inside an edit: the edit's start). */
  column(n: number, character: number): number {
    const edits = this.edits.get(n);
    if (!edits) return character;
    // The edits do not overlap and are sorted: find the first that ends after `character` by bisection.
    let low = 0;
    let high = edits.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (edits[middle].end <= character) low = middle + 1;
      else high = middle;
    }
    const next = edits[low];
    if (next && next.start < character) return next.start + next.shift;
    const last = edits[low - 1];
    return character + (last ? last.shift + last.text.length - (last.end - last.start) : 0);
  }

  /** The rendered text of a range. */
  slice(range: Range): string {
    const { start, end } = range;
    if (start.line === end.line) return this.line(start.line).slice(this.column(start.line, start.character), this.column(end.line, end.character));
    const parts = [this.line(start.line).slice(this.column(start.line, start.character))];
    for (let n = start.line + 1; n < end.line; n++) parts.push(this.line(n));
    parts.push(this.line(end.line).slice(0, this.column(end.line, end.character)));
    return parts.join('\n');
  }

  /** Lines `first`…`last` (inclusive) as Markdown, rendered with their data-line. `blank` lines are left empty. */
  markdown(first: number, last: number, blank?: (line: number) => boolean): string {
    const lines: string[] = [];
    for (let n = first; n <= last && n < this.lineCount; n++) lines.push(blank?.(n) ? '' : this.line(n));
    return renderMarkdown(lines.join('\n'), first, this.references, this.indicatorLinks);
  }

  inline(text: string): string {
    return renderInlineMarkdown(text, this.references, this.indicatorLinks);
  }

  private markdownOfDocument(): string {
    const lines: string[] = [];
    const frontEnd = this.model.frontMatter ? this.model.frontMatter.range.end.line : -1;
    for (let n = 0; n < this.lineCount; n++) lines.push(n <= frontEnd ? '' : this.line(n));
    return lines.join('\n');
  }

  /** HTML blocks that are only comments (notes to authors, increport control comments) are not shown. */
  private hideComments(): void {
    const containers = this.model.sections.flatMap((section) => [section, ...section.subsections]);
    for (const container of containers) {
      for (const block of container.blocks) {
        if (block.kind !== 'html') continue;
        const text = this.model.lines.text.slice(this.model.lines.offsetAt(block.range.start), this.model.lines.offsetAt(block.range.end));
        if (/^\s*<!--[\s\S]*?-->\s*$/.test(text) && text.indexOf('-->') === text.lastIndexOf('-->')) {
          for (let n = block.range.start.line; n <= block.range.end.line; n++) this.hidden.add(n);
        }
      }
    }
    for (const comment of this.model.controlComments) {
      const n = comment.range.start.line;
      if (comment.range.end.line === n && /^\s*<!--.*-->\s*$/.test(this.model.lines.lineText(n))) this.hidden.add(n);
    }
  }
}

/**
 * An indicator as the preview shows it: the engine's defanged form, and never a live `scheme://` even when
 * the engine took a partly defanged URL as defanged (`http://host/hxxp[://]…` has a marker, so it is left as written).
 */
export function shownIoc(located: LocatedIoc): string {
  return located.defanged.replace(
    /\b([a-z][a-z0-9+.-]*):\/\/([^/?#\s[\]]*)/gi,
    (_match, scheme: string, host: string) =>
      `${/^(?:https?|s?ftps?)$/i.test(scheme) ? scheme.replace(/t/g, 'x').replace(/T/g, 'X') : scheme}[://]${host.replace(/\./g, '[.]')}`,
  );
}

const DEFANGABLE = new Set(['url', 'domain', 'ipv4', 'ipv6', 'email']);

/** A text with every live URL, domain, IP and e-mail address defanged (for finding messages that quote one). */
export function defangLive(text: string): string {
  let out = '';
  let at = 0;
  for (const ioc of scanIocs(text, { includeHashes: false })) {
    if (!DEFANGABLE.has(ioc.type) || ioc.defanged) continue;
    out += text.slice(at, ioc.start) + defang(ioc.refanged, ioc.type);
    at = ioc.end;
  }
  return out + text.slice(at);
}

/** The field's key as rendered (inline Markdown is not applied to keys: they are names). */
export function fieldKey(state: RenderState, field: Field): string {
  return escapeHtml(state.slice(field.keyRange));
}

/**
 * A field's value: its first line as inline Markdown, continuation lines and nested items as block
 * Markdown (de-indented to the item's content column, so nested lists stay lists). `skip` characters of
 * the first line's rendered text are left out (a badge shows them).
 */
export function fieldValue(state: RenderState, field: Field, skip = 0): string {
  const start = field.valueRange.start;
  const end = field.valueRange.end;
  let first = state.line(start.line).slice(state.column(start.line, start.character)).trim();
  if (skip > 0) first = first.slice(skip).replace(/^[\s;,:.—–-]+/, '');
  let html = first ? state.inline(first) : '';
  if (end.line > start.line) {
    const indent = listItemContentStart(state.model.lines.lineText(field.range.start.line)) ?? field.range.start.character;
    const rest: string[] = [];
    for (let n = start.line + 1; n <= end.line; n++) {
      const text = state.line(n);
      const leading = text.length - text.trimStart().length;
      rest.push(text.slice(Math.min(leading, indent)));
    }
    html += renderMarkdown(rest.join('\n'), start.line + 1, state.references, state.indicatorLinks);
  }
  return html;
}

/** A definition list row for each field. */
export function fieldList(state: RenderState, fields: readonly Field[], value: (field: Field) => string = (f) => fieldValue(state, f)): string {
  if (fields.length === 0) return '';
  const rows = fields.map(
    (field) =>
      `<div class="field"${lineAttr(field.range.start.line)}><dt>${fieldKey(state, field)}</dt><dd>${value(field) || '<span class="empty">—</span>'}</dd></div>`,
  );
  return `<dl class="fields">${rows.join('')}</dl>\n`;
}

export interface ContainerOptions {
  /** Fields shown elsewhere (e.g. a phase's date, indicators in the IOC table). */
  skipField?: (field: Field) => boolean;
  /** Renders the value of a field row; default: fieldValue. */
  value?: (field: Field) => string;
  /** Blocks shown elsewhere (e.g. a table the ATT&CK matrix shows). */
  skipBlock?: (block: Block) => boolean;
}

/**
 * A section's or phase's content in source order: blocks made only of `**Key:** value` items become
 * definition lists; any other block (paragraphs, tables, code, mixed lists) is rendered as Markdown, so
 * nothing written is dropped.
 */
export function renderContainer(state: RenderState, container: ContentContainer, options: ContainerOptions = {}): string {
  let html = '';
  let next = 0; // fields and blocks are both in source order
  for (const block of container.blocks) {
    if (options.skipBlock?.(block)) continue;
    const first = block.range.start.line;
    const last = block.range.end.line;
    while (next < container.fields.length && container.fields[next].range.start.line < first) next++;
    const fields: Field[] = [];
    while (next < container.fields.length && container.fields[next].range.start.line <= last) fields.push(container.fields[next++]);
    if (fields.length > 0 && coveredByFields(state, fields, first, last)) {
      html += fieldList(
        state,
        fields.filter((field) => !options.skipField?.(field)),
        options.value,
      );
    } else {
      html += state.markdown(first, last);
    }
  }
  return html;
}

function coveredByFields(state: RenderState, fields: readonly Field[], first: number, last: number): boolean {
  const covered = new Set<number>();
  for (const field of fields) {
    const end = Math.max(field.range.end.line, field.valueRange.end.line);
    for (let n = field.range.start.line; n <= end; n++) covered.add(n);
  }
  for (let n = first; n <= last; n++) if (!covered.has(n) && state.line(n).trim() !== '') return false;
  return true;
}
