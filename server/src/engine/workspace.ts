import type { AnalysedReport } from './analysedReport';
import { catalogFromStixText, type AttackCatalog } from './attack/catalog';
import { ConfigLoader } from './config/configLoader';
import { ConfigError, describeUnreadable, type ResolvedConfig } from './config/configTypes';
import { isIncidentReport } from './detect';
import { ReportEngine } from './engine';
import type { EngineHost } from './host';
import { buildModel } from './model/buildModel';
import { ALL_RULE_META } from './rules';
import type { RuleMeta } from './rules/ruleTypes';
import { createReportSchema, type ReportSchema } from './schema/reportSchema';
import { BUNDLED_ATTACK_VERSIONS, DEFAULT_ATTACK_VERSION, type BundledAttackVersion } from './attack/versions';
import { SchemaCompileError, SchemaPatternError } from './schema/compileSchema';
import type { SchemaNode } from './schema/reportSpec';
import type { TemplateStyle } from './templates/templateStyle';
import type { RuleSetting } from './types';

/**
 * Settings that apply beneath every configuration file (the editor's settings): a config file that
 * sets the same thing wins, so the CLI and the editor agree wherever the repository decides.
 */
export interface ConfigDefaults {
  rules?: Record<string, RuleSetting>;
  schemaExtensions?: SchemaNode[];
  attackBundle?: string;
  /** The editor's ATT&CK version setting; a configuration file's attack.version wins. */
  attackVersion?: BundledAttackVersion;
  /** The editor's template style setting; a configuration file's templates.style wins. */
  templateStyle?: TemplateStyle;
}

export interface WorkspaceDependencies {
  /** Files, paths, the bundled schema and catalog, the clock: the workspace's only way out. */
  host: EngineHost;
  defaults?: ConfigDefaults;
  /** Folder that relative globs default to when no config sets `files`. */
  baseDirectory: string;
}

/**
 * Configuration plus engines for a set of reports: what the CLI and the language server share. One
 * engine (one compiled schema) is kept per distinct schema extension, so a repository of reports under
 * one config compiles its schema once.
 */
export class ReportWorkspace {
  readonly configs: ConfigLoader;
  private readonly engines = new Map<string, ReportEngine>();
  private readonly schemas = new Map<string, ReportSchema>();
  private readonly catalogs = new Map<string, AttackCatalog>();

  constructor(private readonly dependencies: WorkspaceDependencies) {
    this.configs = new ConfigLoader(
      dependencies.host,
      this.ruleMeta.map((meta) => meta.id),
      dependencies.baseDirectory,
    );
  }

  /** Every rule the engine can report, for docs, SARIF and config validation. */
  get ruleMeta(): readonly RuleMeta[] {
    return ALL_RULE_META;
  }

  /** Forget cached configuration (after a config or schema file changed). */
  reset(): void {
    this.configs.clear();
    this.engines.clear();
    this.schemas.clear();
    this.catalogs.clear();
  }

  /** The bundled ATT&CK catalog of the configured version, or the configured STIX bundle converted once per path. */
  catalogFor(config: ResolvedConfig): AttackCatalog {
    const bundle = config.attack.bundle;
    const { resources } = this.dependencies.host;
    if (!bundle) return resources.attackCatalog(config.attack.version ?? DEFAULT_ATTACK_VERSION);
    let catalog = this.catalogs.get(bundle);
    if (!catalog) {
      const at = config.attack.setAt ?? { file: config.sources[0] ?? '.increport.yaml', line: 0, character: 0 };
      const read = this.dependencies.host.readFile(bundle, 'attack-bundle');
      if (!('text' in read))
        throw new ConfigError(at.file, at.line, at.character, `attack.bundle: Cannot read ATT&CK bundle ${bundle}: ${describeUnreadable(read)}`);
      try {
        const earliest = () => resources.attackCatalog(BUNDLED_ATTACK_VERSIONS[0]);
        catalog = catalogFromStixText(read.text, bundle, this.dependencies.host.paths.basename(bundle), earliest);
      } catch (error) {
        throw new ConfigError(at.file, at.line, at.character, `attack.bundle: ${(error as Error).message}`);
      }
      this.catalogs.set(bundle, catalog);
    }
    return catalog;
  }

  /** One engine per configured ATT&CK bundle or version and schema extension; engines of one schema share its compiled validators. */
  engineFor(config: ResolvedConfig): ReportEngine {
    const key = `${config.attack.bundle ?? ''}\0${config.attack.version ?? ''}\0${config.schemaKey}`;
    let engine = this.engines.get(key);
    if (!engine) {
      // Read (or converted) on the engine's first check: making an engine reads no catalog.
      const catalog = () => this.catalogFor(config);
      const { resources, now } = this.dependencies.host;
      // A configured bundle is used for every report; otherwise a report may choose a bundled version.
      const bundledCatalog = config.attack.bundle ? undefined : (version: BundledAttackVersion) => resources.attackCatalog(version);
      engine = new ReportEngine({ schema: this.schemaFor(config), catalog, bundledCatalog, now });
      this.engines.set(key, engine);
    }
    return engine;
  }

  private schemaFor(config: ResolvedConfig): ReportSchema {
    let schema = this.schemas.get(config.schemaKey);
    if (!schema) {
      try {
        schema = createReportSchema(config.schemaExtensions, this.dependencies.host.resources.reportSchema(), this.dependencies.host.validatorCode);
      } catch (error) {
        if (!(error instanceof SchemaCompileError)) throw error;
        const source = config.sources[0] ?? '.increport.yaml';
        const problem = error instanceof SchemaPatternError ? 'The schema extension cannot be used' : 'The schema extension makes the report schema invalid';
        throw new ConfigError(source, 0, 0, `${problem}: ${error.message}`);
      }
      this.schemas.set(config.schemaKey, schema);
    }
    return schema;
  }

  /** The configuration for a report: its config files over the editor's defaults. Throws ConfigError. */
  configFor(filePath: string): ResolvedConfig {
    return applyDefaults(this.configs.forFile(filePath), this.dependencies.defaults);
  }

  /**
   * Whether a text is an incident report by the bundled schema alone: for a file found in a folder whose
   * configuration is invalid, to tell a report that could not be checked from a README beside it.
   */
  isReportWithoutConfig(text: string): boolean {
    return isIncidentReport(buildModel(text), this.engineFor(this.configs.withoutFiles()).schema.spec);
  }

  /**
   * Checks one report's text with the configuration found for its path: the one analysed report that the
   * language server, the CLI, the preview and the exports work from. Throws ConfigError.
   */
  analyse(filePath: string, text: string, options: { attackVersion?: BundledAttackVersion } = {}): AnalysedReport {
    const found = this.configFor(filePath);
    // `increport migrate` checks against its target version whatever the configuration chooses.
    const config = options.attackVersion && !found.attack.bundle ? { ...found, attack: { ...found.attack, version: options.attackVersion } } : found;
    const engine = this.engineFor(config);
    // One reading of the clock for the rules and for what the features and the preview call today.
    const now = this.dependencies.host.now();
    const { model, findings, catalog } = engine.check(text, config.rules, now, { dateOrder: config.dates?.order, organization: config.organization });
    const spec = engine.schema.spec;
    return {
      path: filePath,
      text,
      model,
      findings,
      spec,
      catalog,
      now,
      config,
      isReport: isIncidentReport(model, spec),
    };
  }
}

function applyDefaults(config: ResolvedConfig, defaults: ConfigDefaults | undefined): ResolvedConfig {
  if (!defaults) return config;
  const schemaExtensions = [...(defaults.schemaExtensions ?? []), ...config.schemaExtensions];
  return {
    ...config,
    rules: { ...defaults.rules, ...config.rules },
    schemaExtensions,
    schemaKey: schemaExtensions.length ? JSON.stringify(schemaExtensions) : '',
    attack: attackDefaults(config.attack, defaults),
    // As for the ATT&CK version: the repository's choice, else the editor's.
    templates: { ...config.templates, style: config.templates.style ?? defaults.templateStyle },
  };
}

/**
 * The repository's ATT&CK choice wins over the editor's: a configuration that sets attack.bundle or
 * attack.version is taken as it is; otherwise the editor's bundle, else its version, applies.
 */
function attackDefaults(attack: ResolvedConfig['attack'], defaults: ConfigDefaults): ResolvedConfig['attack'] {
  if (attack.bundle || attack.version) return attack;
  if (defaults.attackBundle) return { ...attack, bundle: defaults.attackBundle };
  if (defaults.attackVersion) return { ...attack, version: defaults.attackVersion };
  return attack;
}
