/**
 * The ATT&CK releases that ship with the tools, and how a report, a configuration file or a setting names
 * one: "19.2", "v19.2", "ATT&CK v19.2", 19.2 (a YAML number), or a major version alone ("v18" is the
 * bundled 18.x release).
 */
export const BUNDLED_ATTACK_VERSIONS = ['18.1', '19.2'] as const;
export type BundledAttackVersion = (typeof BUNDLED_ATTACK_VERSIONS)[number];
/** What a report is checked against when nothing chooses a version: today's ATT&CK. */
export const DEFAULT_ATTACK_VERSION: BundledAttackVersion = '19.2';

export type AttackVersionReading = { version: BundledAttackVersion } | { unsupported: string } | { unreadable: true };

/** Reads a version as written; `unsupported` carries the version read ("17.1") when it is not bundled. */
export function readAttackVersion(value: unknown): AttackVersionReading {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  const match = /^(?:(?:mitre\s+)?att&ck\s*)?v?(\d{1,3})(?:\.(\d{1,3}))?$/i.exec(text);
  if (!match) return { unreadable: true };
  const [, major, minor] = match;
  const found = BUNDLED_ATTACK_VERSIONS.find((version) => (minor === undefined ? version.split('.')[0] === major : version === `${major}.${minor}`));
  return found ? { version: found } : { unsupported: minor === undefined ? major : `${major}.${minor}` };
}

/** Compares release numbers ("18.1" < "19.2" < "19.10"); anything unreadable sorts first. */
export function compareAttackVersions(a: string, b: string): number {
  const parts = (version: string) => {
    const numbers = version.split('.');
    return numbers.every((part) => /^\d+$/.test(part)) ? numbers.map(Number) : [-1];
  };
  const [left, right] = [parts(a), parts(b)];
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

export const BUNDLED_VERSIONS_TEXT = BUNDLED_ATTACK_VERSIONS.map((version) => `v${version}`).join(' or ');
