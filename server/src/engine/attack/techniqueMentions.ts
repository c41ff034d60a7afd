/** A technique ID as written in report text, with the name written after it (if any). */
export interface TechniqueMention {
  /** As written, e.g. "T1566.001" or a malformed "T1566.01". */
  id: string;
  start: number;
  end: number;
  /** Whether it has the ATT&CK form T#### or T####.###. */
  wellFormed: boolean;
  /** The words written after the ID up to the next delimiter, e.g. "Spearphishing Attachment". */
  name?: { text: string; start: number; end: number };
}

/** Cheap necessary condition, tested first: most lines mention no technique. */
const MAY_MENTION = /T\d\d/;
/** Anything shaped like a technique reference: T, 2–5 digits, optionally a sub-technique part. */
const CANDIDATE = /(?<![\w.\/-])T\d{2,5}(?:[.\/]\d{1,4})?(?![\w.\/]?\w)/g;
const WELL_FORMED = /^T\d{4}(?:\.\d{3})?$/;
/** Between an ID and its name: spaces, a colon, a dash, or an opening parenthesis. */
const NAME_LEAD = /^[ \t]*(?:[:–—-][ \t]*|\([ \t]*)?/;
/** A name ends at a list delimiter, a closing parenthesis, or the next technique ID. */
const NAME_END = /[,;)\]|]|\s+(?:and|or|&)\s+T\d|\s+T\d{4}\b|\s+\(/;

/** Finds technique references in one line of text, in order. */
export function findTechniqueMentions(text: string): TechniqueMention[] {
  if (!MAY_MENTION.test(text)) return [];
  const mentions: TechniqueMention[] = [];
  for (const match of text.matchAll(CANDIDATE)) {
    const start = match.index ?? 0;
    const end = start + match[0].length;
    const mention: TechniqueMention = { id: match[0], start, end, wellFormed: WELL_FORMED.test(match[0]) };
    const lead = NAME_LEAD.exec(text.slice(end))?.[0] ?? '';
    const rest = text.slice(end + lead.length);
    const stop = NAME_END.exec(rest);
    const raw = stop ? rest.slice(0, stop.index) : rest;
    const name = raw.replace(/[\s.*_]+$/, '');
    if (name && lead.length > 0 && /^[\p{L}]/u.test(name)) {
      const nameStart = end + lead.length;
      mention.name = { text: name, start: nameStart, end: nameStart + name.length };
    }
    mentions.push(mention);
  }
  return mentions;
}
