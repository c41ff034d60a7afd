import { indicatorsOf } from '../queries/iocQueries';
import { indicatorKey } from '../register/buildRegister';
import { comparePositions } from '../types';
import type { FeatureContext, HoverResult, Position } from './featureTypes';

/** Names at most this many other reports, then "and N more". */
const MAX_NAMED = 10;

/**
 * The register's indicator index as hover data: for each indicator (indicatorKey: type and refanged value,
 * case folded as the register compares it), the reports that mention it. `self` is the path under which the
 * index knows the report being hovered, left out of "also in".
 */
export interface IndicatorReports {
  byIndicator: ReadonlyMap<string, readonly { path: string; name: string }[]>;
  self: string;
}

/**
 * "Also in IR-2026-0042, IR-2026-0107" for an indicator of the Indicators of Compromise section that other
 * reports of the register mention too; undefined when none does (or the position is on no indicator).
 */
export function indicatorHover(context: FeatureContext, position: Position, reports: IndicatorReports): HoverResult | undefined {
  const located = indicatorsOf(context.model, context.spec).find(
    ({ range }) => comparePositions(range.start, position) <= 0 && comparePositions(position, range.end) <= 0,
  );
  if (!located) return undefined;
  const others = (reports.byIndicator.get(indicatorKey(located.ioc.type, located.ioc.refanged)) ?? []).filter((report) => report.path !== reports.self);
  if (others.length === 0) return undefined;
  const named = others.slice(0, MAX_NAMED).map((report) => escapeMarkdown(report.name));
  const more = others.length > MAX_NAMED ? ` and ${others.length - MAX_NAMED} more` : '';
  const contents = [`**Indicator** \`${located.defanged.replace(/`/g, "'")}\` (${located.ioc.type})`, `Also in ${named.join(', ')}${more}`].join('\n\n');
  return { contents, range: located.range };
}

/** Report IDs and titles are report text: shown literally, never as links, images or HTML. */
function escapeMarkdown(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[\\`*_[\]()!<>|~&]/g, (char) => `\\${char}`);
}
