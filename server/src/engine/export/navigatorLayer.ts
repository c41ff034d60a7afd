/*
 * The ATT&CK Navigator layer (format 4.5) as both exports write it: `increport export --format navigator`
 * (one report, exportNavigator.ts) and `increport summary --format navigator` (the register,
 * register/registerNavigator.ts). They differ only in what is passed here: the scores, the gradient, the
 * legend, the sorting and the metadata.
 */

export const NAVIGATOR_LAYER_VERSION = '4.5';
/** The Navigator release the layer is written for (layer format 4.5 needs at least 4.9.0). */
export const NAVIGATOR_VERSION = '5.1.0';

export interface NavigatorTechnique {
  techniqueID: string;
  tactic: string;
  score: number;
  color: string;
  comment: string;
  enabled: boolean;
  metadata: { name: string; value: string }[];
  links: { label: string; url: string }[];
  showSubtechniques: boolean;
}

export interface NavigatorLayer {
  name: string;
  versions: { attack: string; navigator: string; layer: string };
  domain: string;
  description: string;
  sorting: number;
  layout: {
    layout: 'side' | 'flat' | 'mini';
    aggregateFunction: 'average' | 'min' | 'max' | 'sum';
    showID: boolean;
    showName: boolean;
    showAggregateScores: boolean;
    countUnscored: boolean;
    expandedSubtechniques: 'none' | 'all' | 'annotated';
  };
  hideDisabled: boolean;
  techniques: NavigatorTechnique[];
  gradient: { colors: string[]; minValue: number; maxValue: number };
  legendItems: { label: string; color: string }[];
  metadata: { name: string; value: string }[];
  links: { label: string; url: string }[];
  showTacticRowBackground: boolean;
  tacticRowBackground: string;
  selectTechniquesAcrossTactics: boolean;
  selectSubtechniquesWithParent: boolean;
  selectVisibleTechniques: boolean;
}

/** One technique under one tactic: enabled, no colour of its own (the gradient colours it by score). */
export function navigatorTechnique(techniqueID: string, tactic: string, score: number, comment: string): NavigatorTechnique {
  return { techniqueID, tactic, score, color: '', comment, enabled: true, metadata: [], links: [], showSubtechniques: false };
}

export interface LayerInput {
  name: string;
  attackVersion: string;
  domain: string;
  description: string;
  /** The Navigator's sort order: 0 by name, 3 by score descending. */
  sorting: number;
  aggregateFunction: NavigatorLayer['layout']['aggregateFunction'];
  techniques: NavigatorTechnique[];
  gradient: NavigatorLayer['gradient'];
  legendItems: NavigatorLayer['legendItems'];
  metadata: NavigatorLayer['metadata'];
}

/** The whole layer: the side layout with IDs and names, annotated sub-techniques expanded, nothing hidden. */
export function navigatorLayer(input: LayerInput): NavigatorLayer {
  return {
    name: input.name,
    versions: { attack: input.attackVersion, navigator: NAVIGATOR_VERSION, layer: NAVIGATOR_LAYER_VERSION },
    domain: input.domain,
    description: input.description,
    sorting: input.sorting,
    layout: {
      layout: 'side',
      aggregateFunction: input.aggregateFunction,
      showID: true,
      showName: true,
      showAggregateScores: false,
      countUnscored: false,
      expandedSubtechniques: 'annotated',
    },
    hideDisabled: false,
    techniques: input.techniques,
    gradient: input.gradient,
    legendItems: input.legendItems,
    metadata: input.metadata,
    links: [],
    showTacticRowBackground: false,
    tacticRowBackground: '#dddddd',
    selectTechniquesAcrossTactics: true,
    selectSubtechniquesWithParent: false,
    selectVisibleTechniques: false,
  };
}
