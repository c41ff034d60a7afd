import type { RuleSetting } from '../engine/types';

/** `incidentReport.*` settings, as the client sends them. */
export interface ReportSettings {
  enable: boolean;
  /** Markdown files that are reports whatever their content (globs, workspace-relative). */
  files: string[];
  /** Path of a JSON/YAML schema extension merged beneath `.increport.yaml` extensions. */
  schema: string;
  /** Path of an ATT&CK STIX bundle used when no `.increport.yaml` names one. */
  attackBundle: string;
  /** Rule severities beneath `.increport.yaml`'s. */
  rules: Record<string, RuleSetting>;
  run: 'onType' | 'onSave';
  debounceMs: number;
}

/** Pause after the last keystroke before re-checking, so typing stays smooth. */
export const DEFAULT_DEBOUNCE_MS = 200;
/** Bounds on the debounce setting: 0 would check on every keystroke of a large report. */
export const MIN_DEBOUNCE_MS = 50;
export const MAX_DEBOUNCE_MS = 5000;

export const DEFAULT_SETTINGS: ReportSettings = {
  enable: true,
  files: ['**/incidents/**/*.md', '**/*.incident.md'],
  schema: '',
  attackBundle: '',
  rules: {},
  run: 'onType',
  debounceMs: DEFAULT_DEBOUNCE_MS,
};

const SEVERITIES = new Set(['error', 'warning', 'info', 'off']);

/** Settings come from users' JSON: anything of the wrong shape falls back to the default. */
export function normalizeSettings(raw: unknown): ReportSettings {
  const value = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const strings = (input: unknown, fallback: string[]) =>
    Array.isArray(input) && input.every((item) => typeof item === 'string') ? (input as string[]) : fallback;
  const rules: Record<string, RuleSetting> = {};
  if (typeof value.rules === 'object' && value.rules !== null) {
    for (const [id, setting] of Object.entries(value.rules)) if (typeof setting === 'string' && SEVERITIES.has(setting)) rules[id] = setting as RuleSetting;
  }
  const debounce = typeof value.debounceMs === 'number' && Number.isFinite(value.debounceMs) ? value.debounceMs : DEFAULT_DEBOUNCE_MS;
  return {
    enable: typeof value.enable === 'boolean' ? value.enable : DEFAULT_SETTINGS.enable,
    files: strings(value.files, DEFAULT_SETTINGS.files),
    schema: typeof value.schema === 'string' ? value.schema : '',
    attackBundle: typeof value.attackBundle === 'string' ? value.attackBundle : '',
    rules,
    run: value.run === 'onSave' ? 'onSave' : 'onType',
    debounceMs: Math.min(Math.max(debounce, MIN_DEBOUNCE_MS), MAX_DEBOUNCE_MS),
  };
}
