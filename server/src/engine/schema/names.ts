/**
 * Canonical form of a heading or key for matching: case, emphasis markers, numbering such as "3." or
 * "IV.", '&' versus 'and', punctuation and spacing do not matter.
 */
export function normalizeName(name: string): string {
  let normalized = normalizedNames.get(name);
  if (normalized === undefined) {
    if (normalizedNames.size >= NORMALIZED_NAME_CACHE_SIZE) normalizedNames.clear();
    normalizedNames.set(name, (normalized = computeNormalizedName(name)));
  }
  return normalized;
}

/** Headings and keys repeat across checks of the same reports; bounded so that odd input cannot grow it forever. */
const NORMALIZED_NAME_CACHE_SIZE = 5000;
const normalizedNames = new Map<string, string>();

function computeNormalizedName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[*_`]/g, '')
    .replace(/^\s*(?:\d+(?:\.\d+)*|[ivx]+)[.):]?\s+/, '')
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A stable property name for a key the schema does not know ("Case Owner" -> "caseOwner"). */
export function propertyNameFor(name: string): string {
  const words = normalizeName(name).split(' ').filter(Boolean);
  if (words.length === 0) return '_';
  return words.map((word, index) => (index === 0 ? word : word[0].toUpperCase() + word.slice(1))).join('');
}
