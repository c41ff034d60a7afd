import type { IocType } from '../iocs/scanIocs';
import { HASH_NAMES } from '../iocs/iocValues';

/*
 * The fixed STIX 2.1 values the STIX export uses: published identifiers, vocabularies and the
 * mapping from report values to them.
 */

/** OASIS Incident Core Extension (cti-stix-common-objects, incident-core), a property extension of `incident`. */
export const INCIDENT_CORE_EXTENSION = 'extension-definition--ef765651-680c-498d-9894-99799f2fa126';

/** incident-determination-enum of the Incident Core Extension 2.0. */
export const INCIDENT_DETERMINATIONS = ['blocked', 'confirmed', 'failed-attempt', 'false-positive', 'suspected'] as const;

/** Front matter `status` → incident-investigation-ov (new | open | closed). */
export const INVESTIGATION_STATUS: Readonly<Record<string, string>> = {
  draft: 'open',
  'in-review': 'open',
  final: 'closed',
  closed: 'closed',
};

/**
 * Front matter `severity` → Incident Core `criticality` (0–100), by the extension's Appendix B
 * "5 Qualitative" scale (Low 15, Moderate 40, High 70, Extreme 95). `informational` has no step on
 * that scale (0 there means a false positive), so it is not mapped and criticality is left out.
 */
export const CRITICALITY: Readonly<Record<string, number>> = { low: 15, medium: 40, high: 70, critical: 95 };

/** The TLP 2.0 extension and its marking definitions, as published by OASIS (cti-stix-common-objects, tlp-2.0). */
export const TLP2_EXTENSION = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';
export const TLP2_CREATED = '2022-10-01T00:00:00.000Z';
export const TLP2_MARKINGS: Readonly<Record<string, { id: string; name: string }>> = {
  clear: { id: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487', name: 'TLP:CLEAR' },
  green: { id: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb', name: 'TLP:GREEN' },
  amber: { id: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421', name: 'TLP:AMBER' },
  'amber+strict': { id: 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003', name: 'TLP:AMBER+STRICT' },
  red: { id: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1', name: 'TLP:RED' },
};

/** "TLP:AMBER", "amber", "TLP:WHITE" (TLP 1.0, now CLEAR) → a TLP2_MARKINGS key. */
export function tlpLevel(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const level = value
    .trim()
    .toLowerCase()
    .replace(/^tlp\s*:\s*/, '');
  if (level === 'white') return 'clear';
  return Object.prototype.hasOwnProperty.call(TLP2_MARKINGS, level) ? level : undefined;
}

/**
 * industry-sector-ov values, each with the words that name it in a report's Sector field. Matched on
 * whole words, case-insensitively; a sector that matches nothing is left out rather than guessed.
 */
const SECTOR_WORDS: readonly (readonly [string, RegExp])[] = [
  ['agriculture', /\b(?:agricultur\w*|farming|agri-?food)\b/],
  ['aerospace', /\b(?:aerospace|spacecraft|satellites?)\b/],
  ['automotive', /\b(?:automotive|car manufactur\w*)\b/],
  ['chemical', /\b(?:chemicals?|chemistry)\b/],
  ['commercial', /\bcommercial\b/],
  ['communications', /\b(?:communications|media|broadcast\w*|publishing)\b/],
  ['construction', /\bconstruction\b/],
  ['defense', /\b(?:defen[cs]e|military)\b/],
  ['education', /\b(?:education\w*|universit(?:y|ies)|schools?|academi[ac]\w*)\b/],
  ['energy', /\b(?:energy|oil|gas|petroleum|power generation)\b/],
  ['engineering', /\bengineering\b/],
  ['entertainment', /\b(?:entertainment|gaming|games|film|music|sports?)\b/],
  ['financial-services', /\b(?:financ\w*|banks?|banking|fintech|payments?|investment\w*|capital markets|credit)\b/],
  ['government-local', /\b(?:local government|municipal\w*|city government|county)\b/],
  ['government-national', /\b(?:national government|federal government|central government)\b/],
  ['government-regional', /\b(?:regional government|state government|provincial)\b/],
  ['government-public-services', /\b(?:public services?|public administration)\b/],
  ['government', /\b(?:government|public sector)\b/],
  ['emergency-services', /\b(?:emergency services?|first responders?|fire brigade|police)\b/],
  ['healthcare', /\b(?:health\s?care|health|hospitals?|medical|clinics?)\b/],
  ['hospitality-leisure', /\b(?:hospitality|hotels?|leisure|tourism|travel)\b/],
  ['infrastructure', /\bcritical infrastructure\b/],
  ['dams', /\bdams?\b/],
  ['nuclear', /\bnuclear\b/],
  ['water', /\b(?:water|wastewater)\b/],
  ['insurance', /\binsurance\b/],
  ['manufacturing', /\b(?:manufactur\w*|industrial)\b/],
  ['mining', /\bmining\b/],
  ['non-profit', /\b(?:non-?profits?|ngos?|charit(?:y|ies)|not-for-profit)\b/],
  ['pharmaceuticals', /\b(?:pharma\w*|biotech\w*|life sciences)\b/],
  ['retail', /\b(?:retail\w*|e-?commerce|consumer goods)\b/],
  ['technology', /\b(?:technology|software|cloud|saas|tech|internet|computing|data cent(?:er|re)s?)\b/],
  ['telecommunications', /\b(?:telecom\w*|telco|mobile operator|isp)\b/],
  ['transportation', /\b(?:transport\w*|logistics|shipping|airlines?|rail\w*|maritime|aviation|freight)\b/],
  ['utilities', /\butilit(?:y|ies)\b/],
];

/** The industry-sector-ov values a report's Sector field names, in vocabulary order; empty when none. */
export function stixSectors(sector: string | undefined): string[] {
  if (!sector) return [];
  const text = sector.toLowerCase();
  const found = SECTOR_WORDS.filter(([, words]) => words.test(text)).map(([value]) => value);
  // A specific government level replaces the generic one.
  return found.some((value) => value.startsWith('government-')) ? found.filter((value) => value !== 'government') : found;
}

/** How an indicator of each type is written as a STIX pattern; CVE IDs are no indicator (they become vulnerabilities). */
// The hash names are STIX's hash-algorithm vocabulary; a key with a hyphen is quoted in a pattern (9.3).
const HASH_KEYS: Partial<Record<IocType, string>> = Object.fromEntries(
  Object.entries(HASH_NAMES).map(([type, name]) => [type, name.includes('-') ? `'${name}'` : name]),
);
const VALUE_OBJECTS: Partial<Record<IocType, string>> = { url: 'url', domain: 'domain-name', ipv4: 'ipv4-addr', ipv6: 'ipv6-addr', email: 'email-addr' };

/** A STIX string literal: quotes and backslashes escaped (STIX 2.1 patterning, 9.3). */
export function stixString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** The STIX pattern for a refanged indicator, or undefined for a type that has none (CVE). */
export function stixPattern(type: IocType, refanged: string): string | undefined {
  const hashKey = HASH_KEYS[type];
  if (hashKey) return `[file:hashes.${hashKey} = ${stixString(refanged.toLowerCase())}]`;
  const object = VALUE_OBJECTS[type];
  return object ? `[${object}:value = ${stixString(refanged)}]` : undefined;
}

export const INDICATOR_LABELS: Readonly<Record<IocType, string>> = {
  url: 'URL',
  domain: 'Domain',
  ipv4: 'IPv4 address',
  ipv6: 'IPv6 address',
  email: 'E-mail address',
  ...HASH_NAMES,
  cve: 'CVE',
};
