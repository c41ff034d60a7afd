import type { AttackCatalog } from '../attack/catalog';
import type { TechniqueData } from '../attack/catalogTypes';
import { isUppercaseAt } from '../text/chars';
import { memoizeString } from '../text/memo';
import type { Range } from '../types';
import type { RuleContext } from './ruleTypes';

/**
 * The name written after a technique ID, checked against the catalog (attack-technique-name), and the
 * previous release's name (attack-migration): for the ATT&CK rules (attackRules.ts).
 */

/** Compares letters and digits only, so "Spear-phishing attachment" matches "Spearphishing Attachment". */
const squash = memoizeString((text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ''));

export function checkWrittenName(
  context: RuleContext,
  technique: TechniqueData,
  written: { text: string; start: number; end: number },
  line: number,
  hints: NameHints,
): void {
  // Only a capitalised phrase reads as a technique name ("T1059 via PowerShell" is prose).
  if (!isUppercaseAt(written.text, 0)) return;
  const { catalog } = context;
  const writtenKey = squash(written.text);
  // The written text may go on after the name ("Valid Accounts used by ...") or shorten it, unless what it
  // goes on with makes another technique's name: "T1021.004 SSH Hijacking" names T1563.001, not 'SSH'.
  // The longest accepted form it starts with: "Scheduled Task/Job: Scheduled Task" is the parent's and the sub-technique's name.
  const match = acceptedNames(catalog, technique).find((name) => writtenKey.startsWith(name) || name.startsWith(writtenKey));
  if (match !== undefined) {
    const other = writtenKey.length > match.length ? hints.longerName(written.text, match.length, technique.id) : undefined;
    if (other) reportOtherName(context, technique, other, written, line);
    return;
  }
  const earlierName = catalog.earlierTechnique(technique.id)?.name;
  if (earlierName !== undefined && writtenKey.startsWith(squash(earlierName))) {
    // Only the old name is replaced: words after it ("… via CVE-2026-1234") stay.
    const length = written.text.toLowerCase().startsWith(earlierName.toLowerCase()) ? earlierName.length : written.text.length;
    context.report(
      'attack-migration',
      lineRange(line, written.start, written.start + length),
      `ATT&CK v${catalog.version} renamed ${technique.id} '${technique.name}' (v${catalog.previousVersion}: '${earlierName}')`,
      { kind: 'renamed', expectedName: technique.name },
    );
    return;
  }
  const name = nameBeforeDescription(written.text, technique.name);
  const intended = hints.intended(name);
  const hint = intended && intended.id !== technique.id ? `; '${intended.name}' is ${intended.id}` : '';
  context.report(
    'attack-technique-name',
    lineRange(line, written.start, written.start + name.length),
    `${technique.id} is '${technique.name}' in ATT&CK v${catalog.version}, not '${name}'${hint}`,
    { expectedName: technique.name, ...(intended && intended.id !== technique.id ? { intendedId: intended.id } : {}) },
  );
}

const acceptedByTechnique = new WeakMap<TechniqueData, readonly string[]>();

/** A technique's name as it may be written (squashed), longest first: its own, and a sub-technique's after its parent's. */
function acceptedNames(catalog: AttackCatalog, technique: TechniqueData): readonly string[] {
  let accepted = acceptedByTechnique.get(technique);
  if (!accepted) {
    const parent = technique.parent ? catalog.technique(technique.parent) : undefined;
    const forms = [technique.name, ...(parent ? [`${parent.name}: ${technique.name}`, `${parent.name} ${technique.name}`] : [])];
    accepted = forms.map(squash).sort((a, b) => b.length - a.length);
    acceptedByTechnique.set(technique, accepted);
  }
  return accepted;
}

/** A dash between spaces, or a colon and a space: what separates a name from what is said of it. */
export const DESCRIPTION_SEPARATOR = /\s[—–-]\s|:\s/;

/**
 * The name of "Spearphising Attachment: invoice.docm mailed to finance" or "Valid Acounts — reused VPN
 * credentials": the words before the first separator, so that only they are said wrong (and replaced by the
 * fix). "Phishng: Spearphishing Attachment" is a parent's name before the technique's: kept whole.
 */
function nameBeforeDescription(written: string, techniqueName: string): string {
  const separator = DESCRIPTION_SEPARATOR.exec(written);
  if (!separator || separator.index === 0) return written;
  const after = written.slice(separator.index + separator[0].length);
  if (separator[0].startsWith(':') && squash(after).startsWith(squash(techniqueName))) return written;
  return written.slice(0, separator.index).trimEnd();
}

/** Most words of a technique name ("Exploitation of Remote Services", "Abuse Elevation Control Mechanism: Bypass User Account Control"). */
const MAX_NAME_WORDS = 10;
const namesByCatalog = new WeakMap<AttackCatalog, Map<string, TechniqueData>>();

/** Every technique of the catalog by its squashed name; a current technique wins over a revoked one of the same name. */
function techniquesByName(catalog: AttackCatalog): Map<string, TechniqueData> {
  let byName = namesByCatalog.get(catalog);
  if (!byName) {
    byName = new Map();
    for (const technique of catalog.allTechniques) {
      const key = squash(technique.name);
      const known = byName.get(key);
      if (!known || (known.revoked && !technique.revoked)) byName.set(key, technique);
    }
    namesByCatalog.set(catalog, byName);
  }
  return byName;
}

/** The written name begins with another technique's whole name, longer than this one's: reported at that name. */
function reportOtherName(
  context: RuleContext,
  technique: TechniqueData,
  other: TechniqueData,
  written: { text: string; start: number; end: number },
  line: number,
): void {
  const length = written.text.toLowerCase().startsWith(other.name.toLowerCase()) ? other.name.length : written.text.length;
  const as = written.text.slice(0, length);
  context.report(
    'attack-technique-name',
    lineRange(line, written.start, written.start + length),
    `${technique.id} is '${technique.name}' in ATT&CK v${context.catalog.version}, not '${as}'; '${other.name}' is ${other.id}${other.revoked ? ' (revoked)' : ''}`,
    { expectedName: technique.name, intendedId: other.id },
  );
}

/**
 * Different written names one check looks up in the catalog for a did-you-mean hint. A search scans the
 * whole catalog; a report with thousands of different wrong names (hostile, or generated) gets its
 * findings without the hint beyond this many, instead of a check that takes minutes.
 */
export const NAME_HINT_LIMIT = 200;

/** The technique a wrong name was meant to be, looked up once per distinct name and check. */
export class NameHints {
  private readonly found = new Map<string, TechniqueData | undefined>();

  constructor(private readonly catalog: AttackCatalog) {}

  intended(written: string): TechniqueData | undefined {
    if (this.found.has(written)) return this.found.get(written);
    if (this.found.size >= NAME_HINT_LIMIT) return undefined;
    const writtenKey = squash(written);
    const intended = this.catalog.searchTechniques(written, { limit: 5 }).find((candidate) => writtenKey.startsWith(squash(candidate.name)));
    this.found.set(written, intended);
    return intended;
  }

  /**
   * Another technique whose whole name begins the written text and is longer than `than` (squashed): the
   * written text's leading words, a few at a time, looked up among the catalog's names (revoked ones too).
   */
  longerName(written: string, than: number, except: string): TechniqueData | undefined {
    const words = written.split(/\s+/, MAX_NAME_WORDS);
    // Squashing drops the spaces between words, and a word's letters lower-case alike alone or among
    // others (a space ends a final sigma's context): the leading words' key is a prefix of the words'
    // keys joined, sliced rather than joined and squashed again for each count.
    let joined = '';
    const ends: number[] = [];
    for (const word of words) {
      joined += squash(word);
      ends.push(joined.length);
    }
    for (let count = words.length; count > 0; count--) {
      if (ends[count - 1] <= than) break;
      const other = techniquesByName(this.catalog).get(joined.slice(0, ends[count - 1]));
      if (other && other.id !== except) return other;
    }
    return undefined;
  }
}

function lineRange(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}
