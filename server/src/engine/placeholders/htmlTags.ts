/**
 * Telling an HTML tag written in a report (`<br>`, `<kbd>`, `<details open>`, `<a href="…">`) from a
 * template placeholder in angle brackets (`<TBD>`, `<date>`, `<Company Name>`, `<summary of the incident>`).
 */

/** HTML element names (WHATWG, with the obsolete ones still seen in pasted text), and `svg` and `math`. */
const HTML_ELEMENTS = new Set(
  (
    'a abbr acronym address applet area article aside audio b base basefont bdi bdo bgsound big blink blockquote body br button ' +
    'canvas caption center cite code col colgroup data datalist dd del details dfn dialog dir div dl dt em embed fieldset ' +
    'figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe image img input ins ' +
    'isindex kbd keygen label legend li link listing main map mark marquee math menu menuitem meta meter nav nobr noembed ' +
    'noframes noscript object ol optgroup option output p param picture plaintext pre progress q rb rp rt rtc ruby s samp ' +
    'script search section select slot small source spacer span strike strong style sub summary sup svg table tbody td ' +
    'template textarea tfoot th thead time title tr track tt u ul var video wbr xmp'
  ).split(' '),
);

/** Attributes written without a value (`<details open>`): the only words other than `name=value` a tag holds. */
const BOOLEAN_ATTRIBUTES = new Set(
  (
    'allowfullscreen async autofocus autoplay checked controls default defer disabled download formnovalidate hidden inert ' +
    'ismap itemscope loop multiple muted nomodule novalidate open playsinline readonly required reversed selected'
  ).split(' '),
);

/** Whether `word` is an element name written as HTML is: in lower case or all upper case (`br`, `BR`, not `Title`). */
function isElementName(word: string): boolean {
  const lower = word.toLowerCase();
  return HTML_ELEMENTS.has(lower) && (word === lower || word === word.toUpperCase());
}

/**
 * Whether `inside`, the text between `<` and `>`, is an HTML tag rather than a placeholder: a known element
 * name (in lower or upper case) followed by nothing but white space and boolean attributes, or anything
 * with `=` (an attribute value) or a closing `/` (`<x/>`). `<Title>`, `<time of detection>`,
 * `<select one>` and `<hostname>` are not tags.
 */
export function isHtmlTag(inside: string): boolean {
  if (inside.includes('=') || inside.endsWith('/')) return true;
  const words = inside.trim().split(/\s+/);
  if (!isElementName(words[0])) return false;
  for (let index = 1; index < words.length; index++) if (!BOOLEAN_ATTRIBUTES.has(words[index].toLowerCase())) return false;
  return true;
}

/**
 * Whether `inside` is the address of an autolink or a bare address in brackets: no white space, and a
 * `:` or `@` (`https://…`, `mailto:…`, `user@example.com`) or a dot before a letter (`www.example.com`,
 * `evil[.]com`, `payload.exe`).
 */
export function isAddress(inside: string): boolean {
  if (/\s/.test(inside)) return false;
  return inside.includes(':') || inside.includes('@') || /\.\]?[A-Za-z]/.test(inside);
}
