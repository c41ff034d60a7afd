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
  String.raw`(?<![a-z0-9${L}-])(md5|sha-?(?:1|256|384|512)|sha (?:1|256|384|512))(?![a-z0-9])` +
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
 * Top-level domains accepted for a domain written live (not defanged). Deliberately not the whole
 * IANA root zone: it is the common generic TLDs, TLDs frequently seen in phishing and malware
 * infrastructure, `onion`, the documentation TLD `example`, and every two-letter country code.
 *
 * Left out on purpose, because as live text they are far more often something else: `name`
 * (`sub-technique.name`, `user.name`), `email` (`user.email`), `page`, `group`, `security`
 * (`spring.security`), `network`, `services`, `support`, `media`, `news`, `bar` (`foo.bar`), `int`,
 * `pro`, `cat`, `art`, `rest`, and the internal names `local`, `internal`, `corp`, `lan`.
 * A domain written defanged is accepted with any alphabetic TLD.
 */
const GENERIC_TLDS =
  'com net org edu gov mil info biz mobi asia aero coop jobs museum travel tel xxx ' +
  'app dev blog cloud tech online site website store shop club live link click space fun ' +
  'icu vip win bid loan work life world today digital agency company solutions software systems ' +
  'xyz top buzz lol cyou monster quest sbs cfd bond autos beauty hair skin makeup homes lat mom ' +
  'zip mov onion example';

const COUNTRY_TLDS =
  'ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn bo br bs bt bv bw ' +
  'by bz ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg er es et eu ' +
  'fi fj fk fm fo fr ga gb gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il ' +
  'im in io iq ir is it je jm jo jp ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma ' +
  'mc md me mg mh mk ml mm mn mo mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om ' +
  'pa pe pf pg ph pk pl pm pn pr ps pt pw py qa re ro rs ru rw sa sb sc sd se sg sh si sj sk sl sm sn so ' +
  'sr ss st su sv sx sy sz tc td tf tg th tj tk tl tm tn to tr tt tv tw tz ua ug uk us uy uz va vc ve vg ' +
  'vi vn vu wf ws ye yt za zm zw';

export const KNOWN_TLDS: ReadonlySet<string> = new Set(`${GENERIC_TLDS} ${COUNTRY_TLDS}`.split(' '));

/**
 * TLDs that are also common file extensions. A live two-label name ending in one of these
 * (`invoice.zip`, `README.md`, `install.sh`, `main.py`, `lib.rs`, `Calculator.app`) is taken to be a
 * file name, not a domain. Written defanged (`invoice[.]zip`) or inside a URL it is a host.
 */
export const FILE_EXTENSION_TLDS: ReadonlySet<string> = new Set('zip mov app md sh py rs pl pm ps cc so ai tf am ac mk'.split(' '));

/** Words that, right before a dotted quad, mark it as a version number rather than an address. */
export const VERSION_WORD_BEFORE = /(?:\bversion|\bver|\bbuild|\brelease|\brev|\brevision|\bv)\.?[ \t]*:?[ \t]*$/i;
