import MarkdownIt from 'markdown-it';
import { escapeHtml, lineAttr } from './escape';

type Token = MarkdownIt.Token;
type RenderRule = NonNullable<MarkdownIt['renderer']['rules'][string]>;

/** Link reference definitions of the whole report, so a section can use a label defined elsewhere. */
export type References = Record<string, unknown>;

/**
 * Whether a link target (markdown-it's normalized href) points at one of the report's indicators: such a
 * link is shown like a blocked one, wherever it is and whether written inline, as an autolink or by reference.
 */
export type IndicatorLinks = (href: string) => boolean;

interface RenderEnv {
  references?: References;
  indicatorLinks?: IndicatorLinks;
  /** For each open link, whether it was rendered as <a> (true) or as a span (false). */
  links: boolean[];
}

/**
 * The only Markdown renderer of the preview, safe by construction:
 * - raw HTML is off (`html: false`): tags in the report are text;
 * - every link is parsed (so nothing hides in literal text) and then rendered by an allow-list:
 *   absolute http(s) and mailto links become <a rel="noopener noreferrer">; anything else (javascript:,
 *   data:, vbscript:, file:, relative, schemes hidden by entities or control characters, which markdown-it
 *   has percent-encoded by then) becomes plain text with the target in a tooltip;
 *   a link whose host or address is one of the report's indicators (see `indicatorLinkGuard`) is plain text too;
 * - images are never loaded: `![alt](src)` is the text "[image: alt]";
 * - no `style` attribute is ever emitted (table alignment becomes a class), so a strict CSP holds.
 */
const md = new MarkdownIt('default', { html: false, linkify: false, typographer: false, breaks: false });
md.validateLink = () => true;

/** Absolute http(s) URLs with a host, and mailto; checked on the normalized (percent-encoded) href. */
const SAFE_HREF = /^(?:https?:\/\/[^\s/?#"'<>`]+|mailto:[^\s"'<>`]+$)/i;

export function isSafeHref(href: string): boolean {
  return SAFE_HREF.test(href);
}

const rules = md.renderer.rules;
const envOf = (env: unknown): RenderEnv => {
  const e = env as RenderEnv;
  e.links ??= [];
  return e;
};

rules.link_open = (tokens, idx, _options, env) => {
  const token = tokens[idx];
  const href = token.attrGet('href') ?? '';
  const title = token.attrGet('title');
  const e = envOf(env);
  const toIndicator = e.indicatorLinks?.(href) ?? false;
  const safe = isSafeHref(href) && !toIndicator;
  e.links.push(safe);
  // The target of a link to an indicator is not repeated in the tooltip: it is live, and it is listed defanged.
  if (toIndicator) return '<span class="link-blocked" title="Link to an indicator of compromise: not rendered">';
  if (safe) return `<a href="${escapeHtml(href)}" rel="noopener noreferrer" title="${escapeHtml(title ? `${title} (${href})` : href)}">`;
  return `<span class="link-blocked" title="${escapeHtml(`Link not rendered: ${href}`)}">`;
};
rules.link_close = (_tokens, _idx, _options, env) => (envOf(env).links.pop() ? '</a>' : '</span>');

rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  const alt = self.renderInlineAsText(token.children ?? [], options, env);
  const src = token.attrGet('src') ?? '';
  return `<span class="image-ref" title="${escapeHtml(`Image not loaded: ${src}`)}">[image: ${escapeHtml(alt)}]</span>`;
};

// html: false means these never occur; if they did, they would be text.
rules.html_block = (tokens, idx) => `<p>${escapeHtml(tokens[idx].content)}</p>\n`;
rules.html_inline = (tokens, idx) => escapeHtml(tokens[idx].content);

const codeBlock: RenderRule = (tokens, idx) => {
  const token = tokens[idx];
  const line = token.attrGet('data-line');
  return `<pre${line === null ? '' : lineAttr(Number(line))}><code>${escapeHtml(token.content)}</code></pre>\n`;
};
rules.fence = codeBlock;
rules.code_block = codeBlock;

const ALIGN = /text-align:\s*(left|center|right)/;
const cell: RenderRule = (tokens, idx) => {
  const token = tokens[idx];
  const align = ALIGN.exec(token.attrGet('style') ?? '')?.[1];
  // A Markdown table's header cells are its first row, each the header of its column.
  return `<${token.tag}${token.tag === 'th' ? ' scope="col"' : ''}${align ? ` class="align-${align}"` : ''}>`;
};
rules.th_open = cell;
rules.td_open = cell;

const MAX_TABLE_LABEL = 80;

/** "Table: Type, Indicator, Context": the header row as plain text, for the scroll box's accessible name. */
function tableLabel(tokens: readonly Token[], idx: number): string {
  const headers: string[] = [];
  for (let i = idx + 1; i < tokens.length && tokens[i].type !== 'thead_close'; i++) {
    if (tokens[i].type === 'th_open') headers.push(plainInline(tokens[i + 1]?.type === 'inline' ? (tokens[i + 1].children ?? []) : []).trim());
  }
  const label = `Table: ${headers.filter((header) => header !== '').join(', ')}`;
  return label.length > MAX_TABLE_LABEL ? `${label.slice(0, MAX_TABLE_LABEL - 1)}…` : label;
}

/**
 * A table in a labelled box that scrolls sideways and takes the keyboard's focus (a wide table scrolls in
 * its box, not the page, at 320 px); a table of a header row only gets one row saying so, so that no
 * header is without a data cell.
 */
rules.table_open = (tokens, idx, options, _env, self) =>
  `<div class="table-scroll" role="region" tabindex="0" aria-label="${escapeHtml(tableLabel(tokens, idx))}">${self.renderToken(tokens, idx, options)}`;
rules.table_close = (tokens, idx, options, _env, self) => `${self.renderToken(tokens, idx, options)}</div>\n`;
rules.thead_close = (tokens, idx, options, _env, self) => {
  const head = self.renderToken(tokens, idx, options);
  if (tokens[idx + 1]?.type === 'tbody_open') return head;
  let columns = 0;
  for (let i = idx - 1; i >= 0 && tokens[i].type !== 'thead_open'; i--) if (tokens[i].type === 'th_open') columns++;
  return `${head}<tbody>\n<tr><td colspan="${columns}" class="empty">(no rows)</td></tr>\n</tbody>\n`;
};

function newEnv(references: References | undefined, indicatorLinks?: IndicatorLinks): RenderEnv {
  return { ...(references ? { references } : {}), ...(indicatorLinks ? { indicatorLinks } : {}), links: [] };
}

/** Block Markdown whose first line is source line `firstLine`; every block element gets its `data-line`. */
export function renderMarkdown(source: string, firstLine: number, references?: References, indicatorLinks?: IndicatorLinks): string {
  if (source.trim() === '') return '';
  const env = newEnv(references, indicatorLinks);
  const tokens: Token[] = md.parse(source, env);
  for (const token of tokens) {
    if (token.block && token.map && token.nesting !== -1 && token.type !== 'inline') {
      token.attrSet('data-line', String(firstLine + token.map[0]));
    }
  }
  return md.renderer.render(tokens, md.options, env);
}

/** One line of inline Markdown (a field value, a heading). */
export function renderInlineMarkdown(source: string, references?: References, indicatorLinks?: IndicatorLinks): string {
  return md.renderInline(source, newEnv(references, indicatorLinks));
}

/** Inline tokens as plain text (markup dropped, images as their alt text); NOT escaped. */
function plainInline(tokens: readonly Token[]): string {
  return tokens
    .map((token) => {
      if (token.type === 'text' || token.type === 'code_inline') return token.content;
      if (token.type === 'softbreak' || token.type === 'hardbreak') return ' ';
      return token.children ? plainInline(token.children) : '';
    })
    .join('');
}

/** Inline Markdown as plain text (markup dropped, images as their alt text); NOT escaped. */
export function inlinePlainText(source: string): string {
  return plainInline(md.parseInline(source, newEnv(undefined)));
}

/** Link reference definitions of a whole text, for `renderMarkdown`/`renderInlineMarkdown`. */
export function collectReferences(text: string): References {
  const env: { references?: References } = {};
  referenceParser.parse(text, env);
  return env.references ?? {};
}

const referenceParser = new MarkdownIt('default', { html: false, linkify: false });
referenceParser.core.ruler.disable(['inline', 'replacements', 'smartquotes', 'text_join'], true);

/** The host of an absolute URL (lower case, IPv6 in brackets, no trailing dot), or the address of a mailto link. */
function linkTarget(href: string): string | undefined {
  const mail = /^mailto:([^?]*)/i.exec(href);
  if (mail) return safeDecode(mail[1]).toLowerCase();
  const host = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|%5B.*?%5D|[^/?#:]*)/i.exec(href)?.[1];
  return host === undefined ? undefined : safeDecode(host).toLowerCase().replace(/\.$/, '');
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The guard for links to indicators (refanged values: URLs, domains, IP addresses, e-mail addresses): a
 * link is blocked when its host is the host of a URL, a domain or an IP address among them, or when it
 * mails one of the addresses. Hosts are compared as markdown-it normalizes them (punycode, IPv6 brackets).
 */
export function indicatorLinkGuard(indicators: readonly { type: string; refanged: string }[]): IndicatorLinks | undefined {
  const targets = new Set<string>();
  for (const { type, refanged } of indicators) {
    const link =
      type === 'url'
        ? refanged
        : type === 'email'
          ? `mailto:${refanged}`
          : type === 'ipv6'
            ? `http://[${refanged}]/`
            : type === 'domain' || type === 'ipv4'
              ? `http://${refanged}/`
              : undefined;
    const target = link === undefined ? undefined : linkTarget(md.normalizeLink(link));
    if (target) targets.add(target);
  }
  if (targets.size === 0) return undefined;
  return (href) => {
    const target = linkTarget(href);
    return target !== undefined && targets.has(target);
  };
}
