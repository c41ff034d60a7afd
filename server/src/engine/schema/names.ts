import { memoizeString } from '../text/memo';

/**
 * Canonical form of a heading or key for matching: case, emphasis markers, numbering such as "3." or
 * "IV.", '&' versus 'and', punctuation and spacing do not matter.
 */
export const normalizeName = memoizeString(computeNormalizedName);

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
export const propertyNameFor = memoizeString(computePropertyName);

function computePropertyName(name: string): string {
  const words = normalizeName(name).split(' ').filter(Boolean);
  if (words.length === 0) return '_';
  return words.map((word, index) => (index === 0 ? word : word[0].toUpperCase() + word.slice(1))).join('');
}
