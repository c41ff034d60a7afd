import type { LineIndex } from '../text/lineIndex';
import { DerivedCache } from '../model/derivedCache';

/**
 * Whether a report writes numeric dates day first (14/03/2024): its slash dates that can only be read one
 * way decide how the others (04/03/2024) are read. Day first when some slash date has a first number above
 * 12 and none a second number above 12; month first (the US order) otherwise, and when the report has none.
 * A report that mixes both orders keeps month first, and its ambiguous dates stay marked as such.
 */
export function writesDayFirst(text: string): boolean {
  let dayFirst = 0;
  let monthFirst = 0;
  // No nested quantifiers: each match is a fixed shape of at most 10 characters.
  const slashDate = /(?<![\d/.])(\d{1,2})\/(\d{1,2})\/\d{4}(?![\d/])/g;
  for (const match of text.matchAll(slashDate)) {
    if (+match[1] > 12 && +match[2] <= 12) dayFirst++;
    else if (+match[2] > 12 && +match[1] <= 12) monthFirst++;
  }
  return dayFirst > 0 && monthFirst === 0;
}

const cache = new DerivedCache<LineIndex, boolean>('writesDayFirst');

/** writesDayFirst for a report's text, read once per version of the document. */
export function reportWritesDayFirst(lines: LineIndex): boolean {
  let dayFirst = cache.get(lines);
  if (dayFirst === undefined) cache.set(lines, (dayFirst = writesDayFirst(lines.text)));
  return dayFirst;
}
