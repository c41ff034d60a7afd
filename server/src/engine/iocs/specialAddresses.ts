/**
 * IP addresses that are no host on the Internet: private networks, loopback, link-local, documentation
 * and other special-use ranges (RFC 6890's registries, as RFC 1918, 5735, 5737, 3849 and 4193 define
 * them). A live one in the IOCs is said at `info` (rule ioc-live-reserved): it cannot be opened from
 * outside, and a documentation address is an example, not an attacker's host.
 */
export interface SpecialRange {
  /** What the range is, for messages: "private", "loopback", "documentation". */
  kind: string;
  /** The range as written in its RFC: "10.0.0.0/8". */
  range: string;
  rfc: string;
}

interface Ipv4Range extends SpecialRange {
  base: number;
  bits: number;
}

const ipv4 = (range: string, kind: string, rfc: string): Ipv4Range => {
  const [address, bits] = range.split('/');
  return { kind, range, rfc, base: ipv4Number(address) ?? 0, bits: Number(bits) };
};

const IPV4_RANGES: readonly Ipv4Range[] = [
  ipv4('0.0.0.0/8', '"this network"', 'RFC 1122'),
  ipv4('10.0.0.0/8', 'private', 'RFC 1918'),
  ipv4('100.64.0.0/10', 'shared (carrier-grade NAT)', 'RFC 6598'),
  ipv4('127.0.0.0/8', 'loopback', 'RFC 1122'),
  ipv4('169.254.0.0/16', 'link-local', 'RFC 3927'),
  ipv4('172.16.0.0/12', 'private', 'RFC 1918'),
  ipv4('192.0.0.0/24', 'IETF protocol assignment', 'RFC 6890'),
  ipv4('192.0.2.0/24', 'documentation', 'RFC 5737'),
  ipv4('192.168.0.0/16', 'private', 'RFC 1918'),
  ipv4('198.18.0.0/15', 'benchmarking', 'RFC 2544'),
  ipv4('198.51.100.0/24', 'documentation', 'RFC 5737'),
  ipv4('203.0.113.0/24', 'documentation', 'RFC 5737'),
  ipv4('224.0.0.0/4', 'multicast', 'RFC 5771'),
  ipv4('240.0.0.0/4', 'reserved', 'RFC 1112'),
];

/** An IPv4 address as a number; undefined unless four octets of 0–255. */
function ipv4Number(address: string): number | undefined {
  const octets = address.split('.');
  if (octets.length !== 4) return undefined;
  let value = 0;
  for (const octet of octets) {
    if (!/^\d{1,3}$/.test(octet) || Number(octet) > 255) return undefined;
    value = value * 256 + Number(octet);
  }
  return value;
}

/** The special-use range a live (refanged) IPv4 address is in, if any. */
export function specialIpv4Range(address: string): SpecialRange | undefined {
  const value = ipv4Number(address);
  if (value === undefined) return undefined;
  const found = IPV4_RANGES.find((range) => Math.floor(value / 2 ** (32 - range.bits)) === Math.floor(range.base / 2 ** (32 - range.bits)));
  return found && { kind: found.kind, range: found.range, rfc: found.rfc };
}

/** The special-use range a live (refanged, lower-case) IPv6 address is in, if any: by its leading groups. */
export function specialIpv6Range(address: string): SpecialRange | undefined {
  const expanded = expandIpv6(address);
  if (!expanded) return undefined;
  if (expanded.every((group, index) => group === (index === 7 ? 1 : 0))) return { kind: 'loopback', range: '::1/128', rfc: 'RFC 4291' };
  if (expanded.every((group) => group === 0)) return { kind: 'unspecified', range: '::/128', rfc: 'RFC 4291' };
  const [first, second] = expanded;
  // "::ffff:10.0.0.1" is the IPv4 address 10.0.0.1 as an IPv6 socket sees it (RFC 4291, 2.5.5.2): its range.
  if (expanded.slice(0, 5).every((group) => group === 0) && expanded[5] === 0xffff) {
    const mapped = specialIpv4Range(`${expanded[6] >> 8}.${expanded[6] & 0xff}.${expanded[7] >> 8}.${expanded[7] & 0xff}`);
    return mapped && { kind: `${mapped.kind} (IPv4-mapped)`, range: `::ffff:${mapped.range}`, rfc: `${mapped.rfc}, RFC 4291` };
  }
  if ((first & 0xffc0) === 0xfe80) return { kind: 'link-local', range: 'fe80::/10', rfc: 'RFC 4291' };
  if ((first & 0xfe00) === 0xfc00) return { kind: 'unique local (private)', range: 'fc00::/7', rfc: 'RFC 4193' };
  if (first === 0x2001 && second === 0x0db8) return { kind: 'documentation', range: '2001:db8::/32', rfc: 'RFC 3849' };
  if ((first & 0xff00) === 0xff00) return { kind: 'multicast', range: 'ff00::/8', rfc: 'RFC 4291' };
  return undefined;
}

/** The eight groups of an IPv6 address (an embedded dotted quad read as two groups); undefined if malformed. */
function expandIpv6(address: string): number[] | undefined {
  let text = address.replace(/^\[|\]$/g, '').split('%')[0];
  const quad = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
  if (quad) {
    const value = ipv4Number(quad[1]);
    if (value === undefined) return undefined;
    text = `${text.slice(0, quad.index)}${Math.floor(value / 65536).toString(16)}:${(value % 65536).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groupsOf = (part: string) => (part === '' ? [] : part.split(':').map((group) => parseInt(group, 16)));
  const head = groupsOf(halves[0]);
  const tail = halves.length === 2 ? groupsOf(halves[1]) : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 2 ? missing < 1 : missing !== 0) || [...head, ...tail].some((group) => Number.isNaN(group) || group > 0xffff)) return undefined;
  return [...head, ...Array<number>(missing).fill(0), ...tail];
}
