import type { BundledAttackVersion } from '../engine/attack/versions';
import type { TemplateStyle } from '../engine/templates/templateStyle';
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
  /** The bundled ATT&CK version used when neither `.increport.yaml` nor the report's front matter chooses one. */
  attackVersion: BundledAttackVersion;
  /** How New Incident Report and section completion write sections when `.increport.yaml` does not say (templates.style). */
  templateStyle: TemplateStyle;
  /** Rule severities beneath `.increport.yaml`'s. */
  rules: Record<string, RuleSetting>;
  run: 'onType' | 'onSave';
  debounceMs: number;
}

const RULE_SETTINGS: readonly RuleSetting[] = ['error', 'warning', 'info', 'off'];
/**
 * The bundled ATT&CK versions, the default first (as the settings editor lists them). Written out rather
 * than imported, so that this module stays free of run-time imports; a test checks them against
 * BUNDLED_ATTACK_VERSIONS and DEFAULT_ATTACK_VERSION.
 */
const ATTACK_VERSIONS = ['19.2', '18.1'] as const satisfies readonly BundledAttackVersion[];
/** The template styles, the default first; written out for the same reason, checked against TEMPLATE_STYLES by the same test. */
const TEMPLATE_STYLES = ['bullets', 'tables'] as const satisfies readonly TemplateStyle[];

/**
 * Each setting as package.json's `contributes.configuration` declares it (less its description): the one
 * source of the defaults, kinds and bounds the client and the server use. package.json stays a static
 * file; a test checks it against this table. The client imports it too, so this module imports nothing
 * at run time.
 */
export const SETTINGS_SPEC = {
  enable: { type: 'boolean', default: true },
  files: { type: 'array', items: { type: 'string' }, default: ['**/incidents/**/*.md', '**/*.incident.md'] },
  schema: { type: 'string', default: '', scope: 'resource' },
  attackBundle: { type: 'string', default: '', scope: 'resource' },
  attackVersion: {
    type: 'string',
    enum: ATTACK_VERSIONS,
    enumDescriptions: [
      "MITRE ATT&CK v19.2, today's release (Stealth and Defense Impairment tactics).",
      'MITRE ATT&CK v18.1, for v18-era reports (Defense Evasion tactic).',
    ],
    default: '19.2',
    scope: 'resource',
  },
  templateStyle: {
    type: 'string',
    enum: TEMPLATE_STYLES,
    enumDescriptions: [
      "Bullet rows: '- **Key:** value', '- **Tactic:** N/A', and ### phases in the Timeline of Events.",
      'Tables: Tactic | Technique, Date/Time | Phase | Details, and Field | Value, wherever the report schema reads a table.',
    ],
    default: 'bullets',
    scope: 'resource',
  },
  rules: { type: 'object', default: {}, additionalProperties: { enum: RULE_SETTINGS } },
  run: { type: 'string', enum: ['onType', 'onSave'], default: 'onType' },
  /** Pause after the last keystroke before re-checking, so typing stays smooth; 0 would check on every keystroke of a large report. */
  debounceMs: { type: 'number', default: 200, minimum: 50, maximum: 5000 },
} as const satisfies { [Key in keyof ReportSettings]: { readonly type: string; readonly default: unknown; readonly [keyword: string]: unknown } };

/** The section of the settings: `incidentReport.enable`, `incidentReport.files`, … */
export const SETTINGS_SECTION = 'incidentReport';

export const DEFAULT_SETTINGS: ReportSettings = {
  enable: SETTINGS_SPEC.enable.default,
  files: [...SETTINGS_SPEC.files.default],
  schema: SETTINGS_SPEC.schema.default,
  attackBundle: SETTINGS_SPEC.attackBundle.default,
  attackVersion: SETTINGS_SPEC.attackVersion.default,
  templateStyle: SETTINGS_SPEC.templateStyle.default,
  rules: { ...SETTINGS_SPEC.rules.default },
  run: SETTINGS_SPEC.run.default,
  debounceMs: SETTINGS_SPEC.debounceMs.default,
};

const SEVERITIES = new Set<string>(RULE_SETTINGS);

/** Settings come from users' JSON: anything of the wrong shape falls back to the default. */
export function normalizeSettings(raw: unknown): ReportSettings {
  const value = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const strings = (input: unknown, fallback: string[]) =>
    Array.isArray(input) && input.every((item) => typeof item === 'string') ? (input as string[]) : fallback;
  const rules: Record<string, RuleSetting> = {};
  if (typeof value.rules === 'object' && value.rules !== null) {
    for (const [id, setting] of Object.entries(value.rules)) if (typeof setting === 'string' && SEVERITIES.has(setting)) rules[id] = setting as RuleSetting;
  }
  const { minimum, maximum } = SETTINGS_SPEC.debounceMs;
  const debounce = typeof value.debounceMs === 'number' && Number.isFinite(value.debounceMs) ? value.debounceMs : DEFAULT_SETTINGS.debounceMs;
  return {
    enable: typeof value.enable === 'boolean' ? value.enable : DEFAULT_SETTINGS.enable,
    files: strings(value.files, DEFAULT_SETTINGS.files),
    schema: typeof value.schema === 'string' ? value.schema : DEFAULT_SETTINGS.schema,
    attackBundle: typeof value.attackBundle === 'string' ? value.attackBundle : DEFAULT_SETTINGS.attackBundle,
    attackVersion: SETTINGS_SPEC.attackVersion.enum.find((version) => version === value.attackVersion) ?? DEFAULT_SETTINGS.attackVersion,
    templateStyle: SETTINGS_SPEC.templateStyle.enum.find((style) => style === value.templateStyle) ?? DEFAULT_SETTINGS.templateStyle,
    rules,
    run: SETTINGS_SPEC.run.enum.find((run) => run === value.run) ?? DEFAULT_SETTINGS.run,
    debounceMs: Math.min(Math.max(debounce, minimum), maximum),
  };
}
