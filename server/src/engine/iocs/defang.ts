/**
 * Defanging and refanging of indicators of compromise.
 *
 * Convention written by {@link defang} (the seed report's style, `hxxp[://]host[.]com`):
 * - URL: scheme `http`→`hxxp`, `https`→`hxxps`, `ftp`→`fxp` (`ftps`→`fxps`, `sftp`→`sfxp`; the
 *   letters keep their case), `://`→`[://]`, every dot of the host →`[.]`, an `@` after user info →
 *   `[@]`, colons of a bracketed IPv6 host →`[:]`; port, path, query and fragment are left alone.
 * - domain, IPv4: every dot →`[.]`.
 * - e-mail: `@`→`[@]` and the dots of the domain →`[.]` (the local part is left alone).
 * - IPv6: every colon →`[:]` (so `::` becomes `[:][:]`), dots of an embedded IPv4 →`[.]`; this is
 *   what CyberChef's "Defang IP Addresses" writes.
 * - hashes and CVE IDs: unchanged.
 * Input that is already (partly) defanged is refanged first, so defanging twice changes nothing.
 *
 * {@link refang} undoes every marker it recognises, see {@link MARKER_SOURCE}.
 */
import type { IocType } from './scanIocs';

/** Scheme prefixes written defanged, recognised only right before a (defanged) `:` separator. */
const DEFANGED_SCHEME = String.raw`\b(?:[hH][xX]{2}[pP]|[sS]?[fF][xX][pP])[sS]?(?=\[?:|\(:|\{:)`;

/**
 * Every defang marker: `[://]` `(://)` `{://}` `[:/]` `[//]` `[/]` `[:]`, the dots `[.]` `(.)` `{.}`
 * `[dot]` `(dot)` `{dot}` `\.`, the ats `[@]` `(@)` `{@}` `[at]` `(at)` `{at}` (any case), and the
 * schemes `hxxp` `hxxps` `fxp` `fxps` `sfxp` (any case) when followed by a separator.
 */
const MARKER_SOURCE =
  String.raw`\[:\/\/\]|\(:\/\/\)|\{:\/\/\}|\[:\/\]|\[\/\/\]|\[\/\]|\[:\]` +
  String.raw`|\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\{dot\}|\\\.` +
  String.raw`|\[@\]|\(@\)|\{@\}|\[at\]|\(at\)|\{at\}|` +
  DEFANGED_SCHEME;

const MARKERS = new RegExp(MARKER_SOURCE, 'gi');
const ANY_MARKER = new RegExp(MARKER_SOURCE, 'i');

function liveFormOf(marker: string): string {
  const first = marker[0];
  if (first === '\\') return '.';
  if (first === '[' || first === '(' || first === '{') {
    const inner = marker.slice(1, -1).toLowerCase();
    if (inner === 'dot') return '.';
    if (inner === 'at') return '@';
    return inner;
  }
  // A defanged scheme: hxxp → http, fxp → ftp, keeping the case of each letter.
  return marker.replace(/x/g, 't').replace(/X/g, 'T');
}

/** Live forms by marker as written: a report writes few different markers, each many times. */
const LIVE_FORMS = new Map<string, string>();
const MAX_LIVE_FORMS = 256;

function liveForm(marker: string): string {
  let live = LIVE_FORMS.get(marker);
  if (live === undefined) {
    if (LIVE_FORMS.size >= MAX_LIVE_FORMS) LIVE_FORMS.clear();
    LIVE_FORMS.set(marker, (live = liveFormOf(marker)));
  }
  return live;
}

/** Every marker holds one of these characters (a defanged scheme its x): text without them has none. */
const MAY_HOLD_MARKER = /[[({\\xX]/;

/** Replace every recognised defang marker by its live form. Other text is left exactly as it is. */
export function refang(text: string): string {
  if (typeof text !== 'string') return '';
  if (!MAY_HOLD_MARKER.test(text)) return text;
  // An exec loop: String.replace with a function calls it through the runtime for every match.
  let live = '';
  let copied = 0;
  MARKERS.lastIndex = 0;
  for (let match = MARKERS.exec(text); match; match = MARKERS.exec(text)) {
    live += text.slice(copied, match.index) + liveForm(match[0]);
    copied = match.index + match[0].length;
  }
  return copied === 0 ? text : live + text.slice(copied);
}

/** Whether the text contains any defang marker that {@link refang} recognises. */
export function isDefanged(text: string): boolean {
  return typeof text === 'string' && ANY_MARKER.test(text);
}

const dotsDefanged = (text: string): string => text.replace(/\./g, '[.]');

function defangScheme(scheme: string): string {
  return /^(?:https?|s?ftps?)$/i.test(scheme) ? scheme.replace(/t/g, 'x').replace(/T/g, 'X') : scheme;
}

function defangUrl(url: string): string {
  const parts = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)([\s\S]*)$/i.exec(url);
  if (!parts) return dotsDefanged(url);
  const [, scheme, authority, rest] = parts;
  const at = authority.lastIndexOf('@');
  const userInfo = at >= 0 ? `${authority.slice(0, at)}[@]` : '';
  const hostAndPort = authority.slice(at + 1);
  let host: string;
  if (hostAndPort.startsWith('[')) {
    const close = hostAndPort.indexOf(']');
    const end = close < 0 ? hostAndPort.length : close;
    host = `[${dotsDefanged(hostAndPort.slice(1, end).replace(/:/g, '[:]'))}${hostAndPort.slice(end)}`;
  } else {
    const port = /:\d*$/.exec(hostAndPort);
    const name = port ? hostAndPort.slice(0, port.index) : hostAndPort;
    host = dotsDefanged(name) + (port ? port[0] : '');
  }
  return `${defangScheme(scheme)}[://]${userInfo}${host}${rest}`;
}

/**
 * The defanged form of a live (or partly defanged) IOC, in the convention described at the top of
 * this file. Hashes and CVE IDs are returned unchanged. Never throws.
 */
export function defang(value: string, type: IocType): string {
  if (typeof value !== 'string') return '';
  const live = refang(value);
  switch (type) {
    case 'url':
      return defangUrl(live);
    case 'domain':
    case 'ipv4':
      return dotsDefanged(live);
    case 'ipv6':
      return dotsDefanged(live.replace(/:/g, '[:]'));
    case 'email': {
      const at = live.lastIndexOf('@');
      return at < 0 ? dotsDefanged(live) : `${live.slice(0, at)}[@]${dotsDefanged(live.slice(at + 1))}`;
    }
    default:
      return value;
  }
}
