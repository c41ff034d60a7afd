import ianaTlds from 'tlds';

/**
 * Regular-expression building blocks and word lists for the IOC scanner.
 *
 * Every pattern here is written to run in linear time: the scanners wrap each candidate in an
 * "atomic" look-ahead (`(?=(body))\1`, see {@link atomic}) so that the engine never backtracks into a
 * token it has already read, and a look-behind stops a failed token from being retried at each of its
 * inner positions. Patterns are case-insensitive; group numbering is documented where it matters.
 */

/** A dot between host labels, live or defanged: `.`, `[.]`, `(.)`, `{.}`, `[dot]`, `(dot)`, `{dot}`, `\.`. */
export const DOT = String.raw`(?:\.|\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\{dot\}|\\\.)`;

/** The `@` of an e-mail address, live or defanged: `@`, `[@]`, `(@)`, `{@}`, `[at]`, `(at)`, `{at}`. */
export const AT = String.raw`(?:@|\[@\]|\(@\)|\{@\}|\[at\]|\(at\)|\{at\})`;

/** A colon, live or defanged (`[:]`), as used inside IPv6 addresses and before ports. */
export const COLON = String.raw`(?::|\[:\])`;

/** URL schemes we report: http(s), ftp(s), sftp, and their defanged spellings hxxp(s), fxp(s). */
export const SCHEME = String.raw`(?:h(?:tt|xx)ps?|s?f[tx]ps?)`;

/** The `://` after a scheme, live or defanged: `://`, `[://]`, `[:]//`, `(://)`, `{://}`, `:[//]`, `[:/]/`. */
export const SCHEME_SEPARATOR = String.raw`(?::\/\/|\[:\/\/\]|\[:\]\/\/|\(:\/\/\)|\{:\/\/\}|:\[\/\/\]|\[:\/\]\/)`;

/** One host label as the domain scanner reads it (hyphen rules are checked in code, not here). */
export const LABEL = String.raw`[a-z0-9][a-z0-9-]*`;

/** Two or more labels joined by (possibly defanged) dots. */
export const DOMAIN_BODY = `${LABEL}(?:${DOT}${LABEL})+`;

/**
 * Letters outside ASCII (Latin-1 and Latin Extended, Greek to Georgian, CJK and other scripts), for
 * look-arounds: `bücher.de` must not yield `cher.de`. Punctuation and emoji are not included.
 */
export const NON_ASCII_LETTER = String.raw`\u00c0-\u02af\u0370-\u1fff\u2c00-\ud7ff`;

/** `(?=(body))\1`: match `body` (which must use only non-capturing groups) without backtracking into it. */
export function atomic(body: string): string {
  return `(?=(${body}))\\1`;
}

// ---------------------------------------------------------------------------------------------
// The scanners' regexes (global and case-insensitive; each candidate is validated in code).

const L = NON_ASCII_LETTER;

/** Hyphen and look-alike dashes, escaped for use inside a character class. */
export const DASHES = '\\-–—‑‐';

/** URL with a (defanged) scheme and separator, optional user info, host, port, path/query/fragment (trailing punctuation is trimmed in code). */
export const URL_RE = new RegExp(
  String.raw`(?<![a-z0-9${L}])${SCHEME}${SCHEME_SEPARATOR}` +
    String.raw`(?:[a-z0-9._~%!$&'*+,;=:-]+${AT})?` + // user info
    String.raw`(?:\[(?:[0-9a-f.]|:|\[:\])+\]|[a-z0-9_-]+(?:${DOT}[a-z0-9_-]+)*)` + // host
    String.raw`(?:${COLON}\d{1,5})?` + // port
    String.raw`(?:(?:[/?#]|\[\/\])(?:(?!\]\()[^\s<>"\x60|\\^{}])*)?`, // path, query, fragment; stops at "](" of a Markdown link
  'gi',
);
/** E-mail address; local part, (defanged) at, domain. */
export const EMAIL_RE = new RegExp(
  String.raw`(?<![a-z0-9._%+\-\\\])}${L}])` + atomic(String.raw`[a-z0-9_%+-]+(?:${DOT}[a-z0-9_%+-]+)*${AT}${DOMAIN_BODY}`) + `(?![@${L}])`,
  'gi',
);
/** `CVE`, then a year and a sequence number joined by hyphens, dashes, underscores or spaces (checked in code). */
export const CVE_RE = new RegExp(
  String.raw`(?<![a-z0-9${L}-])` + atomic(`cve[${DASHES}_ ]?\\d+(?:[${DASHES}_ ]\\d+)?`) + String.raw`(?![a-z0-9${L}]|-[a-z0-9])`,
  'gi',
);
/** A hash label (group 1: MD5, SHA-1, SHA256…), optional "hash"/"sum"/…, separators, then a token (group 2). */
export const LABELLED_HASH_RE = new RegExp(
  String.raw`(?<![a-z0-9${L}-])(md5|sha-?(?:1|224|256|384|512)|sha (?:1|224|256|384|512))(?![a-z0-9])` +
    String.raw`(?:[ \t]*(?:hash(?:es)?|sum|checksum|digest|value))?[ \t:=*_|>(\x60${DASHES}]{0,12}(?=([0-9a-z]+))\2(?![a-z0-9${L}])`,
  'gi',
);
/** A run of hex digits and (defanged) colons, optionally ending in a dotted quad: an IPv6 candidate. */
export const IPV6_RE = new RegExp(
  String.raw`(?<![a-z0-9:.\])}\\${L}])` + atomic(String.raw`(?:[0-9a-f]|:|\[:\])+(?:${DOT}\d{1,3}){0,3}`) + `(?![g-z${L}])`,
  'gi',
);
/** Four dot-separated groups of 1–3 digits, not part of a longer dotted number. */
export const IPV4_RE = new RegExp(String.raw`(?<![a-z0-9.\])}\\${L}])\d{1,3}${DOT}\d{1,3}${DOT}\d{1,3}${DOT}\d{1,3}(?![a-z0-9${L}])(?!${DOT}\d)`, 'gi');
/** Two or more labels joined by (defanged) dots, not starting inside a word, path or e-mail address. */
export const DOMAIN_RE = new RegExp(String.raw`(?<![a-z0-9.\-@/\\\])}${L}])` + atomic(DOMAIN_BODY) + `(?![${L}])`, 'gi');
/** A whole-token run of hex digits. */
export const HEX_RE = new RegExp(`(?<![a-z0-9${L}])` + atomic('[0-9a-f]+') + `(?![a-z0-9${L}])`, 'gi');

/**
 * The top-level domains of the IANA root zone (the `tlds` package, bundled as data: nothing is fetched or
 * generated at run time), ASCII ones only (the scanner reads ASCII labels; an IDN TLD is matched in its
 * `xn--` form), plus the special-use `onion` and the documentation TLD `example`. Internal names (`local`,
 * `internal`, `corp`, `lan`) are in none of them: a live `dc01.contoso.internal` is no domain.
 */
export const KNOWN_TLDS: ReadonlySet<string> = new Set([...ianaTlds.filter((tld) => /^[a-z0-9-]+$/.test(tld)), 'onion', 'example']);

/**
 * Real TLDs that are also common file extensions. A live name ending in one (`invoice.zip`, `README.md`,
 * `install.sh`, `main.py`, `lib.rs`, `loader.x64.so`, `Calculator.app`, `notes.one`) is a file name unless
 * what surrounds it says it is a host: written defanged, in a URL or an e-mail address, after a `Domain:`,
 * `Host:` or `URL:` label, or in a Domain or Host column (scanIocs' `hostContext`).
 */
export const FILE_EXTENSION_TLDS: ReadonlySet<string> = new Set('zip mov app md sh py rs pl pm ps cc so ai tf am ac mk one java cab run pub'.split(' '));

/**
 * Real TLDs that are also the member names of code, queries and log fields (`user.name`, `user.email`,
 * `sub-technique.name`, `foo.bar`, `spring.security`, `event.data`). A live name ending in one is a member
 * access, not a domain, unless what surrounds it says it is a host (as for {@link FILE_EXTENSION_TLDS}).
 */
export const CODE_WORD_TLDS: ReadonlySet<string> = new Set(
  'name email page group bar foo int pro cat art rest data map host link style total events properties date day next open save call post new read search select global network security services media news'.split(
    ' ',
  ),
);

/** Words that, right before a dotted quad, mark it as a version number rather than an address. */
export const VERSION_WORD_BEFORE = /(?:\bversion|\bver|\bbuild|\brelease|\brev|\brevision|\bv)\.?[ \t]*:?[ \t]*$/i;
