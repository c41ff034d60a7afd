/**
 * IP addresses as bytes and CIDR networks (`10.20.0.0/16`, `2001:db8:1::/48`): what the
 * `organization.networks` setting lists, and the canonical form that tells two spellings of one IPv6
 * address apart from two addresses. Linear in the text; no regular expression backtracks.
 */

export interface IpNetwork {
  version: 4 | 6;
  /** 4 or 16 bytes, the bits after the prefix zero. */
  bytes: number[];
  prefix: number;
}

/** An IPv4 address (dotted decimal, no leading zeros) as 4 bytes; undefined if it is not one. */
export function ipv4Bytes(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes: number[] = [];
  for (const part of parts) {
    if (!/^(?:0|[1-9]\d{0,2})$/.test(part) || Number(part) > 255) return undefined;
    bytes.push(Number(part));
  }
  return bytes;
}

/** An IPv6 address (with `::`, an embedded IPv4 address, no zone) as 16 bytes; undefined if it is not one. */
export function ipv6Bytes(text: string): number[] | undefined {
  let address = text.toLowerCase();
  let embedded: number[] | undefined;
  if (address.includes('.')) {
    // "::ffff:192.0.2.1": the IPv4 address stands for the last two groups.
    const lastColon = address.lastIndexOf(':');
    embedded = lastColon < 0 ? undefined : ipv4Bytes(address.slice(lastColon + 1));
    if (!embedded) return undefined;
    address = `${address.slice(0, lastColon + 1)}0:0`;
  }
  const halves = address.split('::');
  if (halves.length > 2) return undefined;
  const groupsOf = (part: string): number[] | undefined => {
    if (part === '') return [];
    const groups: number[] = [];
    for (const group of part.split(':')) {
      if (!/^[0-9a-f]{1,4}$/.test(group)) return undefined;
      groups.push(parseInt(group, 16));
    }
    return groups;
  };
  const head = groupsOf(halves[0]);
  const rest = halves.length === 2 ? groupsOf(halves[1]) : [];
  if (!head || !rest) return undefined;
  const written = head.length + rest.length;
  if (halves.length === 1 ? written !== 8 : written > 7) return undefined;
  const groups = [...head, ...new Array<number>(8 - written).fill(0), ...rest];
  const bytes = groups.flatMap((group) => [group >> 8, group & 0xff]);
  if (embedded) bytes.splice(12, 4, ...embedded);
  return bytes;
}

/** An address of either version as bytes. */
export function ipBytes(text: string): number[] | undefined {
  return text.includes(':') ? ipv6Bytes(text.replace(/^\[|\]$/g, '')) : ipv4Bytes(text);
}

/** The canonical text of an IPv6 address (lower case, groups without leading zeros, no `::`); the text itself when it is none. */
export function canonicalIpv6(text: string): string {
  const bytes = ipv6Bytes(text);
  if (!bytes) return text.toLowerCase();
  const groups: string[] = [];
  for (let index = 0; index < 16; index += 2) groups.push(((bytes[index] << 8) | bytes[index + 1]).toString(16));
  return groups.join(':');
}

/**
 * A CIDR network (`192.0.2.0/24`; a bare address is the network of that one host), or why it is not
 * one, in words for a configuration error.
 */
export function parseNetwork(text: string): IpNetwork | { error: string } {
  const slash = text.indexOf('/');
  const address = (slash < 0 ? text : text.slice(0, slash)).trim();
  const bytes = ipBytes(address);
  if (!bytes) return { error: 'is not an IP address or a CIDR network (write e.g. 192.0.2.0/24 or 2001:db8::/32)' };
  const version = bytes.length === 4 ? 4 : 6;
  const maximum = bytes.length * 8;
  const prefixText = slash < 0 ? String(maximum) : text.slice(slash + 1).trim();
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > maximum)
    return { error: `has an invalid prefix length: an IPv${version} prefix is 0 to ${maximum}` };
  const prefix = Number(prefixText);
  const masked = maskBytes(bytes, prefix);
  if (masked.some((byte, index) => byte !== bytes[index]))
    return { error: `has host bits set after the /${prefix} prefix: write ${formatNetwork(version, masked, prefix)}` };
  return { version, bytes: masked, prefix };
}

function maskBytes(bytes: readonly number[], prefix: number): number[] {
  return bytes.map((byte, index) => {
    const bits = Math.max(0, Math.min(8, prefix - index * 8));
    return byte & ((0xff << (8 - bits)) & 0xff);
  });
}

function formatNetwork(version: 4 | 6, bytes: readonly number[], prefix: number): string {
  if (version === 4) return `${bytes.join('.')}/${prefix}`;
  const groups: string[] = [];
  for (let index = 0; index < 16; index += 2) groups.push(((bytes[index] << 8) | bytes[index + 1]).toString(16));
  return `${groups.join(':')}/${prefix}`;
}

/** Whether the address (as bytes) is in the network. */
export function networkContains(network: IpNetwork, bytes: readonly number[]): boolean {
  if (bytes.length !== network.bytes.length) return false;
  const masked = maskBytes(bytes, network.prefix);
  return masked.every((byte, index) => byte === network.bytes[index]);
}
