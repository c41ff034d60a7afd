import type { FeatureContext } from '../features/featureTypes';
import type { IocType } from '../iocs/scanIocs';
import { distinctIndicators, IocContexts, type DistinctIoc } from '../queries/iocIndex';
import { indicatorsOf, type LocatedIoc } from '../queries/iocQueries';
import { ownAssetsOf } from '../queries/ownAssetsOf';

/** One place where an indicator is written. */
export interface IndicatorLocation {
  line: number;
  column: number;
  endColumn: number;
  /** As written there. */
  value: string;
  writtenDefanged: boolean;
  /** Its line (list marker and field key, or a table row's outer pipes, left out) with the indicator in place, defanged; ~60 characters either side at most. */
  context: string;
  /** In a code block without being listed there (a value quoted in a log excerpt). */
  evidence: boolean;
}

/** One distinct indicator (by kind and normalised live form); its first place gives value, line, column and context. */
export interface IndicatorData {
  type: IocType;
  /** As written in the report (its first place). */
  value: string;
  /** The live form (what a detection tool matches). */
  refanged: string;
  /** Whether the report wrote it defanged (its first place). */
  writtenDefanged: boolean;
  /** The defanged form, safe to show (hashes and CVE IDs are their own defanged form). */
  defanged: string;
  line: number;
  column: number;
  endColumn: number;
  /** Problems with the value (an IPv4 octet over 255, a hash of the wrong length, ...). */
  problems: string[];
  /** The context of its first place. */
  context: string;
  /** Every place it is written, in document order. */
  locations: IndicatorLocation[];
}

/** The indicators section's values, each once: listed indicators, values only quoted as evidence, and the organization's own names. */
export interface IndicatorSets {
  indicators: IndicatorData[];
  evidence: IndicatorData[];
  affectedAssets: IndicatorData[];
}

export function indicatorSets(context: FeatureContext): IndicatorSets {
  const { model, spec } = context;
  const located = indicatorsOf(model, spec, ownAssetsOf(model, spec, context.config?.organization));
  const contexts = new IocContexts(model.lines, located);
  const sets: IndicatorSets = { indicators: [], evidence: [], affectedAssets: [] };
  for (const entry of distinctIndicators(located)) {
    const data = indicatorEntry(entry, contexts);
    (entry.own ? sets.affectedAssets : entry.evidenceOnly ? sets.evidence : sets.indicators).push(data);
  }
  return sets;
}

function indicatorEntry(entry: DistinctIoc, contexts: IocContexts): IndicatorData {
  const locations = entry.locations.map((place) => location(place, contexts));
  const { ioc, defanged } = entry.locations[0];
  const first = locations[0];
  return {
    type: ioc.type,
    value: ioc.text,
    refanged: ioc.refanged,
    writtenDefanged: ioc.defanged,
    defanged,
    line: first.line,
    column: first.column,
    endColumn: first.endColumn,
    problems: [...ioc.problems],
    context: first.context,
    locations,
  };
}

function location(place: LocatedIoc, contexts: IocContexts): IndicatorLocation {
  return {
    line: place.range.start.line + 1,
    column: place.range.start.character + 1,
    endColumn: place.range.end.character + 1,
    value: place.ioc.text,
    writtenDefanged: place.ioc.defanged,
    context: contexts.contextOf(place),
    evidence: place.evidence === true,
  };
}
