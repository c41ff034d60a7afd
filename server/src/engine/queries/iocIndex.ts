import { indicatorKey } from '../iocs/ownAssets';
import type { LineIndex } from '../text/lineIndex';
import { excerptAround } from '../text/excerpt';
import { lineContentStart } from '../parse/lineSyntax';
import type { LocatedIoc } from './iocQueries';

/**
 * The report's indicators by value: the same indicator written twice (`evil[.]com` and `EVIL.com`, two
 * spellings of one IPv6 address) is one entry with both places. The preview's IOC table and the exports
 * list these entries; the rules still look at every place (each may be written live).
 */
export interface DistinctIoc {
  /** indicatorKey: the kind and the normalised live form. */
  key: string;
  /** Its places in document order; the first stands for the entry (its value as written, its problems). */
  locations: LocatedIoc[];
  /** An own domain, mailbox or address: an affected asset, never an indicator. */
  own: boolean;
  /** Only ever quoted in code blocks (a log excerpt), never listed: not exported as an indicator. */
  evidenceOnly: boolean;
}

/** The distinct indicators of `located`, in order of first appearance. Linear in their number. */
export function distinctIndicators(located: readonly LocatedIoc[]): DistinctIoc[] {
  const byKey = new Map<string, DistinctIoc>();
  for (const place of located) {
    const key = indicatorKey(place.ioc.type, place.ioc.refanged);
    let entry = byKey.get(key);
    if (!entry) {
      entry = { key, locations: [], own: place.own === true, evidenceOnly: true };
      byKey.set(key, entry);
    }
    entry.locations.push(place);
    if (!place.evidence) entry.evidenceOnly = false;
  }
  return [...byKey.values()];
}

/**
 * Each indicator's context: its line (a list item without its marker and field key, a table row without
 * its outer pipes) with the indicator in place and every indicator on it written defanged, unless it is
 * an own name; at most ~60 characters either side on a long line, "…" where cut. Each line is rewritten
 * once, however many indicators it holds.
 */
export class IocContexts {
  private readonly byLine = new Map<number, LocatedIoc[]>();
  private readonly rewritten = new Map<number, { text: string; from: number; to: number; starts: Map<LocatedIoc, number> }>();

  constructor(
    private readonly lines: LineIndex,
    located: readonly LocatedIoc[],
  ) {
    for (const place of located) {
      const list = this.byLine.get(place.range.start.line) ?? [];
      list.push(place);
      this.byLine.set(place.range.start.line, list);
    }
  }

  contextOf(place: LocatedIoc): string {
    const line = this.line(place.range.start.line);
    const start = line.starts.get(place) ?? 0;
    const shown = shownForm(place);
    return excerptAround(line.text, start, start + shown.length, { from: Math.min(line.from, start), to: Math.max(line.to, start + shown.length) }).trim();
  }

  private line(n: number) {
    let line = this.rewritten.get(n);
    if (line) return line;
    const source = this.lines.lineText(n);
    const places = [...(this.byLine.get(n) ?? [])].sort((a, b) => a.range.start.character - b.range.start.character);
    const starts = new Map<LocatedIoc, number>();
    let text = '';
    let at = 0;
    let shift = 0;
    for (const place of places) {
      const { character: start } = place.range.start;
      const { character: end } = place.range.end;
      if (start < at) continue; // overlapping places do not occur; keep the first
      text += source.slice(at, start);
      starts.set(place, start + shift);
      const shown = shownForm(place);
      text += shown;
      shift += shown.length - (end - start);
      at = end;
    }
    text += source.slice(at);
    // The content starts after a list marker and field key, or inside a table row's outer pipes.
    const row = /^\s*\|/.exec(source);
    const from = row ? row[0].length : lineContentStart(source);
    const trailingPipe = row ? /\|\s*$/.exec(text) : null;
    const to = trailingPipe ? trailingPipe.index : text.length;
    line = { text, from: from === 0 ? 0 : from + shiftBefore(places, from), to, starts };
    this.rewritten.set(n, line);
    return line;
  }
}

/** How an indicator stands in a context: defanged, unless it is an own name (which needs none). */
function shownForm(place: LocatedIoc): string {
  return place.own ? place.ioc.text : place.defanged;
}

/** How much longer the rewritten line is before `column` of the source (indicators before it rewritten). */
function shiftBefore(places: readonly LocatedIoc[], column: number): number {
  let shift = 0;
  for (const place of places) {
    if (place.range.end.character > column) break;
    shift += shownForm(place).length - (place.range.end.character - place.range.start.character);
  }
  return shift;
}
