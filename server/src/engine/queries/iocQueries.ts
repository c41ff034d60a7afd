import { defang, refang, scanIocs, urlClickableLength, type IocMatch } from '../iocs/scanIocs';
import type { ReportModel } from '../model/modelTypes';
import type { ReportSpec } from '../schema/reportSpec';
import type { Range } from '../types';

export interface LocatedIoc {
  ioc: IocMatch;
  range: Range;
  /** The defanged form to write instead (equal to the text when it already is defanged). */
  defanged: string;
}

const DEFANGABLE = new Set(['url', 'domain', 'ipv4', 'ipv6', 'email']);

/** Every indicator in the Indicators of Compromise section(s), located. */
export function indicatorsOf(model: ReportModel, spec: ReportSpec): LocatedIoc[] {
  const found: LocatedIoc[] = [];
  for (const section of model.sections) {
    if (spec.findSection(section.heading.text)?.kind !== 'indicators') continue;
    for (let line = section.heading.range.end.line + 1; line <= section.range.end.line; line++) {
      for (const ioc of scanIocs(model.lines.lineText(line))) {
        const range = { start: { line, character: ioc.start }, end: { line, character: ioc.end } };
        const defanged = DEFANGABLE.has(ioc.type) && !ioc.defanged ? defangedForm(ioc) : ioc.text;
        found.push({ ioc, range, defanged });
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

/** Text edits that defang every live indicator (the "defang all" quick fix). */
export function defangAllEdits(model: ReportModel, spec: ReportSpec): { range: Range; newText: string }[] {
  return indicatorsOf(model, spec)
    .filter((located) => located.defanged !== located.ioc.text)
    .map((located) => ({ range: located.range, newText: located.defanged }));
}
