/**
 * The organization's own names: its domains (and their subdomains), its mailboxes and its networks. An
 * own name in the indicators is an affected asset, not an indicator: it needs no defanging and is never
 * exported as malicious. Set by `organization:` in `.increport.yaml` and hinted by the report's Affected
 * Organization field (queries/ownAssetsOf.ts).
 */
import { refang } from './defang';
import { canonicalIpv6, ipBytes, networkContains, parseNetwork, type IpNetwork } from './ipNetworks';
import type { IocType } from './scanIocs';

/** The `organization` setting as written (each list from the nearest configuration file that sets it). */
export interface OrganizationSetting {
  domains?: readonly string[];
  emails?: readonly string[];
  networks?: readonly string[];
}

/** A name as the lists hold it: refanged, lower case, without a leading `*.` or `@` and a trailing dot. */
export function normalizedDomain(text: string): string {
  return refang(text.trim())
    .toLowerCase()
    .replace(/^\*?\.|^@/, '')
    .replace(/\.$/, '');
}

/** The host of a (refanged) URL: its name, or its address without brackets. */
export function urlHost(refanged: string): string {
  const authority = /^[^:]*:\/\/([^/?#]*)/.exec(refanged)?.[1] ?? '';
  const host = authority.slice(authority.lastIndexOf('@') + 1);
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']') < 0 ? host.length : host.indexOf(']'));
  return host.replace(/:\d*$/, '');
}

export class OwnAssets {
  static readonly NONE = new OwnAssets({});

  private readonly domains: ReadonlySet<string>;
  private readonly emails: ReadonlySet<string>;
  private readonly networks: readonly IpNetwork[];

  constructor(setting: OrganizationSetting, hintedDomains: readonly string[] = []) {
    this.domains = new Set([...(setting.domains ?? []), ...hintedDomains].map(normalizedDomain).filter((domain) => domain !== ''));
    this.emails = new Set((setting.emails ?? []).map((email) => refang(email.trim()).toLowerCase()));
    // The configuration was validated (readConfigFile.ts): a network that does not parse is left out here.
    this.networks = (setting.networks ?? []).map(parseNetwork).filter((network): network is IpNetwork => 'bytes' in network);
  }

  get isEmpty(): boolean {
    return this.domains.size === 0 && this.emails.size === 0 && this.networks.length === 0;
  }

  /** Whether the domain is one of the organization's or a subdomain of one. Linear in the name's length. */
  ownsDomain(domain: string): boolean {
    if (this.domains.size === 0) return false;
    let name = domain.toLowerCase().replace(/\.$/, '');
    for (;;) {
      if (this.domains.has(name)) return true;
      const dot = name.indexOf('.');
      if (dot < 0) return false;
      name = name.slice(dot + 1);
    }
  }

  ownsAddress(address: string): boolean {
    if (this.networks.length === 0) return false;
    const bytes = ipBytes(address);
    return bytes !== undefined && this.networks.some((network) => networkContains(network, bytes));
  }

  /** Whether an indicator's live form names an own asset. Hashes and CVE IDs never do. */
  owns(type: IocType, refanged: string): boolean {
    if (this.isEmpty) return false;
    switch (type) {
      case 'domain':
        return this.ownsDomain(refanged);
      case 'email': {
        const lower = refanged.toLowerCase();
        return this.emails.has(lower) || this.ownsDomain(lower.slice(lower.lastIndexOf('@') + 1));
      }
      case 'ipv4':
      case 'ipv6':
        return this.ownsAddress(refanged);
      case 'url': {
        const host = urlHost(refanged);
        return ipBytes(host) ? this.ownsAddress(host) : this.ownsDomain(host);
      }
      default:
        return false;
    }
  }
}

/** The key under which two spellings of one indicator are the same: its kind and its normalised live form. */
export function indicatorKey(type: IocType, refanged: string): string {
  const value = type === 'ipv6' ? canonicalIpv6(refanged) : type === 'url' || type === 'cve' ? refanged : refanged.toLowerCase();
  return `${type}\0${value}`;
}
