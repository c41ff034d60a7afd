import { defang, refang, scanIocs, urlClickableLength, type IocMatch } from '../iocs/scanIocs';
import { typedIocs } from '../iocs/typedIocs';
import { MIN_HASH_DIGITS, oddLengthHashes, oddLengthProblem } from '../iocs/hashLength';
import { hasHexRun } from '../text/chars';
import type { ReportModel } from '../model/modelTypes';
import type { ReportSpec } from '../schema/reportSpec';
import type { Range } from '../types';
import { typedCellsByLine, type TypedCell } from './iocTables';
import { IocProseReader } from './iocProse';
import { codeListingColumns } from './iocEvidence';
import { OwnAssets } from '../iocs/ownAssets';

export interface LocatedIoc {
  ioc: IocMatch;
  range: Range;
  /** The defanged form to write instead (equal to the text when it already is defanged). */
  defanged: string;
  /** A URL or domain mentioned in a sentence rather than listed (iocProse.ts): it may name a legitimate service. */
  inProse?: boolean;
  /** An own domain, mailbox or address (`organization`, Affected Organization): an affected asset, not an indicator (ownAssets.ts). */
  own?: boolean;
  /** In a code block but not listed there (a value quoted in a log excerpt): checked, never exported as an indicator (iocEvidence.ts). */
  evidence?: boolean;
}

/** The kinds whose mention in a sentence may be of a legitimate service; an IP or e-mail address is an indicator wherever it stands. */
const MENTIONABLE = new Set(['url', 'domain']);

const DEFANGABLE = new Set(['url', 'domain', 'ipv4', 'ipv6', 'email']);

/**
 * Every indicator in the Indicators of Compromise section(s), located. Lines are scanned whole; in a
 * table, a cell whose kind a header or a Type cell names is read as that kind instead (iocTables.ts).
 */
export function indicatorsOf(model: ReportModel, spec: ReportSpec, own: OwnAssets = OwnAssets.NONE): LocatedIoc[] {
  const found: LocatedIoc[] = [];
  for (const section of model.sections) {
    const sectionSpec = spec.sectionOf(section);
    if (sectionSpec?.kind !== 'indicators') continue;
    const listingColumns = codeListingColumns(model, [section]);
    const typedCells = typedCellsByLine(section, sectionSpec);
    const prose = new IocProseReader();
    for (let line = section.heading.range.end.line + 1; line <= section.range.end.line; line++) {
      const text = model.lines.lineText(line);
      const iocs = lineIocs(text, typedCells.get(line));
      const inProse = prose.readLine(text, iocs, model.verbatimLines.has(line));
      iocs.forEach((ioc, index) => {
        const range = { start: { line, character: ioc.start }, end: { line, character: ioc.end } };
        const defanged = DEFANGABLE.has(ioc.type) && !ioc.defanged ? defangedForm(ioc) : ioc.text;
        const located: LocatedIoc = inProse[index] && MENTIONABLE.has(ioc.type) ? { ioc, range, defanged, inProse: true } : { ioc, range, defanged };
        const listedFrom = listingColumns.get(line);
        if (listedFrom !== undefined && listedFrom >= 0 && ioc.start !== listedFrom) located.evidence = true;
        if (own.owns(ioc.type, ioc.refanged)) located.own = true;
        found.push(located);
      });
    }
  }
  return found;
}

/**
 * A line's indicators: scanned, except in typed cells, which are read as their kind. Both lists are in
 * order of position, so dropping the scanned matches that overlap a typed cell is one merge.
 */
function lineIocs(text: string, typedCells: readonly TypedCell[] | undefined): IocMatch[] {
  const scanned = scanIocs(text);
  if (!typedCells) return scanned;
  const kept: IocMatch[] = [];
  let cell = 0;
  for (const ioc of scanned) {
    while (cell < typedCells.length && typedCells[cell].end <= ioc.start) cell++;
    if (cell < typedCells.length && typedCells[cell].start < ioc.end) continue;
    kept.push(ioc);
  }
  for (const typed of typedCells) {
    for (const ioc of typedIocs(text.slice(typed.start, typed.end), typed.kind))
      kept.push({ ...ioc, start: ioc.start + typed.start, end: ioc.end + typed.start });
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** An unlabelled hex value of no hash's length where an indicator stands (rule ioc-hash-length). */
export interface LocatedOddHash {
  range: Range;
  text: string;
  /** "probably truncated: 63 hex digits; a SHA-256 hash has 64". */
  problem: string;
}

/**
 * The unlabelled hex values of the Indicators of Compromise section(s) with no standard hash length where
 * an indicator stands (iocs/hashLength.ts); not in detection rules and queries, whose hex is no indicator.
 */
export function oddLengthHashesOf(model: ReportModel, spec: ReportSpec): LocatedOddHash[] {
  const found: LocatedOddHash[] = [];
  const code = detectionCodeLines(model, spec);
  for (const section of model.sections) {
    const sectionSpec = spec.sectionOf(section);
    if (sectionSpec?.kind !== 'indicators') continue;
    const typedCells = typedCellsByLine(section, sectionSpec);
    for (let line = section.heading.range.end.line + 1; line <= section.range.end.line; line++) {
      const text = model.lines.lineText(line);
      if (code.has(line) || !hasHexRun(text, MIN_HASH_DIGITS)) continue;
      const cells = typedCells.get(line);
      for (const odd of oddLengthHashes(text, [...lineIocs(text, cells), ...(cells ?? [])])) {
        const range = { start: { line, character: odd.start }, end: { line, character: odd.end } };
        found.push({ range, text: text.slice(odd.start, odd.end), problem: oddLengthProblem(odd) });
      }
    }
  }
  return found;
}

/** The defanged form to write: for a URL only its clickable part changes; its path stays as written. */
function defangedForm(ioc: IocMatch): string {
  if (ioc.type !== 'url') return defang(ioc.refanged, ioc.type);
  const clickable = urlClickableLength(ioc.text);
  return defang(refang(ioc.text.slice(0, clickable)), 'url') + ioc.text.slice(clickable);
}

/** Info strings of fenced code blocks that hold a list, not code: their indicators are read like prose. */
const LIST_FENCES = new Set(['', 'text', 'txt', 'plain', 'plaintext', 'ioc', 'iocs', 'csv', 'tsv', 'log', 'logs']);

/**
 * The lines of the Indicators of Compromise section(s) inside fenced code blocks written in a language
 * (```yara, ```kql, ```bash): detection rules and hunting queries, whose strings must stay exact to
 * work, so their indicators are not asked to be defanged. A fence without a language, or ```text, is a list.
 */
export function detectionCodeLines(model: ReportModel, spec: ReportSpec): Set<number> {
  const lines = new Set<number>();
  for (const section of model.sections) {
    if (spec.sectionOf(section)?.kind !== 'indicators') continue;
    for (const container of [section, ...section.subsections]) {
      for (const block of container.blocks) {
        if (block.kind !== 'code') continue;
        const fence = /^ {0,3}(?:`{3,}|~{3,})[ \t]*([^\s`{]*)/.exec(model.lines.lineText(block.range.start.line));
        if (!fence || LIST_FENCES.has(fence[1].toLowerCase())) continue;
        for (let line = block.range.start.line; line <= block.range.end.line; line++) lines.add(line);
      }
    }
  }
  return lines;
}

/** Text edits that defang every live indicator (the "defang all" quick fix). */
export function defangAllEdits(model: ReportModel, spec: ReportSpec): { range: Range; newText: string }[] {
  const code = detectionCodeLines(model, spec);
  return indicatorsOf(model, spec)
    .filter((located) => located.defanged !== located.ioc.text && !code.has(located.range.start.line))
    .map((located) => ({ range: located.range, newText: located.defanged }));
}
