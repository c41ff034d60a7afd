/** Entries a memoized string function keeps before starting over: bounded, so odd input cannot grow it forever. */
export const STRING_MEMO_SIZE = 5000;

/**
 * Caches a pure string → value function. Headings, keys and names repeat across the checks of one
 * report as it is edited, and across the reports of a repository.
 */
export function memoizeString<T>(compute: (text: string) => T, size = STRING_MEMO_SIZE): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    let value = cache.get(text);
    if (value === undefined && !cache.has(text)) {
      if (cache.size >= size) cache.clear();
      value = compute(text);
      cache.set(text, value);
    }
    return value as T;
  };
}
