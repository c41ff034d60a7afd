/**
 * Indicators in a table cell whose kind the table names: a column headed "SHA-256" makes every cell of
 * it a SHA-256 hash, and a "Type" cell reading "Domain" makes the Indicator cell of its row a domain.
 * A named kind decides what the scanner would otherwise guess from the value alone: a 63-digit value in
 * a SHA-256 column is a SHA-256 hash of the wrong length, and `update-check.corp` under "Domain" is a
 * domain written live even though its TLD is not one the scanner knows.
 */
import { DOMAIN_RE } from './iocPatterns';
import { domainProblems, hashProblems, isDefanged, looksLikeHash, matchesOf, refang, scanIocs, type HashType, type IocMatch, type IocType } from './scanIocs';

/**
 * The kind of a column or Type cell naming a hash that is not of a file's content (an import hash, a fuzzy
 * hash, a TLS fingerprint): its values are no file hash and no indicator of another kind.
 */
export const OTHER_HASH = 'other-hash';
export type CellKind = IocType | typeof OTHER_HASH;

/** Kind names as a table writes them, lower-cased with everything but letters and digits left out. */
const KIND_BY_NAME = new Map<string, CellKind>([
  ...['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'].flatMap((hash) =>
    [hash, `${hash}hash`, `${hash}hashes`, `${hash}sum`, `hash${hash}`, `filehash${hash}`].map((name) => [name, hash as IocType] as const),
  ),
  ...['imphash', 'importhash', 'ssdeep', 'tlsh', 'ja3', 'ja3s', 'jarm', 'authentihash', 'vhash', 'pehash'].map((name) => [name, OTHER_HASH] as const),
  ...['domain', 'domains', 'domainname', 'fqdn', 'host', 'hosts', 'hostname', 'hostnames'].map((name) => [name, 'domain'] as const),
  ...['ip', 'ips', 'ipaddress', 'ipaddresses', 'ipv4', 'ipv4address'].map((name) => [name, 'ipv4'] as const),
  ...['ipv6', 'ipv6address'].map((name) => [name, 'ipv6'] as const),
  ...['url', 'urls', 'uri'].map((name) => [name, 'url'] as const),
  ...['email', 'emailaddress', 'emails', 'sender', 'senderaddress'].map((name) => [name, 'email'] as const),
  ...['cve', 'cveid', 'vulnerability'].map((name) => [name, 'cve'] as const),
]);

const HASH_TYPES: ReadonlySet<CellKind> = new Set(['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512']);
const MAX_KIND_NAME = 40;

/** The indicator kind a column header or a Type cell names ("SHA-256", "IP Address", "E-mail"), if any. */
export function iocKindOfName(name: string): CellKind | undefined {
  if (name.length > MAX_KIND_NAME) return undefined;
  const normalized = name
    .replace(/`|\*\*|__/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  return KIND_BY_NAME.get(normalized);
}

/**
 * The indicators of one cell's text whose kind is `kind`, offsets in that text. Hashes: every token
 * that looks meant as a hash, checked against the kind's length; another hash (imphash, ssdeep…): none.
 * Other kinds: what the scanner finds (in a domain cell, a live `contoso-sync.zip` is a domain too),
 * and for a domain cell holding one domain-shaped name and nothing else, that name.
 */
export function typedIocs(text: string, kind: CellKind): IocMatch[] {
  if (kind === OTHER_HASH) return [];
  if (HASH_TYPES.has(kind)) return hashTokens(text, kind as HashType);
  const found = scanIocs(text, { hostContext: kind === 'domain' });
  if (found.length > 0 || kind !== 'domain') return found;
  return wholeDomain(text);
}

function hashTokens(text: string, type: HashType): IocMatch[] {
  const found: IocMatch[] = [];
  for (const match of matchesOf(/[0-9a-z]+/gi, text)) {
    const token = match[0];
    if (!looksLikeHash(token)) continue;
    const start = match.index;
    found.push({ type, text: token, start, end: start + token.length, refanged: token.toLowerCase(), defanged: true, problems: hashProblems(token, type) });
  }
  return found;
}

/** The cell's one name (inside backticks or not) as a domain, with any alphabetic TLD. */
function wholeDomain(text: string): IocMatch[] {
  const tick = text.startsWith('`') && text.endsWith('`') && text.length > 1 ? 1 : 0;
  const inner = text.slice(tick, text.length - tick);
  for (const match of matchesOf(DOMAIN_RE, inner)) {
    if (match.index !== 0 || match[0].length !== inner.length) return [];
    const live = refang(match[0]);
    if (!/\.[a-z]{2,63}$/i.test(live)) return [];
    const written = isDefanged(match[0]);
    const start = tick;
    return [
      { type: 'domain', text: match[0], start, end: start + match[0].length, refanged: live.toLowerCase(), defanged: written, problems: domainProblems(live) },
    ];
  }
  return [];
}
