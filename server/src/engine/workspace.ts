import { loadBundledCatalog, loadCatalogFromStixFile, type AttackCatalog } from './attack/catalog';
import { ConfigLoader } from './config/configLoader';
import { ConfigError, type ConfigFileSystem, type ResolvedConfig } from './config/configTypes';
import { isIncidentReport } from './detect';
import { ReportEngine, type CheckResult } from './engine';
import { ALL_RULE_META } from './rules';
import type { RuleMeta } from './rules/ruleTypes';
import { createReportSchema, loadBundledSchemaNode } from './schema/reportSchema';
import { SchemaCompileError } from './schema/compileSchema';
import type { SchemaNode } from './schema/reportSpec';
import type { RuleSetting } from './types';

/**
 * Settings that apply beneath every configuration file (the editor's settings): a config file that
 * sets the same thing wins, so the CLI and the editor agree wherever the repository decides.
 */
export interface ConfigDefaults {
  rules?: Record<string, RuleSetting>;
  schemaExtensions?: SchemaNode[];
  attackBundle?: string;
}

export interface WorkspaceDependencies {
  fileSystem: ConfigFileSystem;
  defaults?: ConfigDefaults;
  /** Folder that relative globs default to when no config sets `files`. */
  baseDirectory: string;
  now?: () => Date;
}

export interface FileCheckResult extends CheckResult {
  config: ResolvedConfig;
  isReport: boolean;
}

/**
 * Configuration plus engines for a set of reports: what the CLI and the language server share. One
 * engine (one compiled schema) is kept per distinct schema extension, so a repository of reports under
 * one config compiles its schema once.
 */
export class ReportWorkspace {
  readonly configs: ConfigLoader;
  private readonly engines = new Map<string, ReportEngine>();
  private readonly catalogs = new Map<string, AttackCatalog>();

  constructor(private readonly dependencies: WorkspaceDependencies) {
    this.configs = new ConfigLoader(dependencies.fileSystem, this.ruleMeta.map((meta) => meta.id), dependencies.baseDirectory);
  }

  /** Every rule the engine can report, for docs, SARIF and config validation. */
  get ruleMeta(): readonly RuleMeta[] {
    return ALL_RULE_META;
  }

  /** Forget cached configuration (after a config or schema file changed). */
  reset(): void {
    this.configs.clear();
    this.engines.clear();
    this.catalogs.clear();
  }

  /** The bundled ATT&CK catalog, or the configured STIX bundle converted once per path. */
  catalogFor(config: ResolvedConfig): AttackCatalog {
    const bundle = config.attack.bundle;
    if (!bundle) return loadBundledCatalog();
    let catalog = this.catalogs.get(bundle);
    if (!catalog) {
      try {
        catalog = loadCatalogFromStixFile(bundle);
      } catch (error) {
        const at = config.attack.setAt ?? { file: config.sources[0] ?? '.increport.yaml', line: 0, character: 0 };
        throw new ConfigError(at.file, at.line, at.character, `attack.bundle: ${(error as Error).message}`);
      }
      this.catalogs.set(bundle, catalog);
    }
    return catalog;
  }

  engineFor(config: ResolvedConfig): ReportEngine {
    const key = `${config.attack.bundle ?? ''}\0${config.schemaKey}`;
    let engine = this.engines.get(key);
    if (!engine) {
      const catalog = this.catalogFor(config);
      try {
        const bundled = loadBundledCatalog();
        const referenceCatalog = catalog === bundled ? undefined : bundled;
        engine = new ReportEngine({ schema: createReportSchema(config.schemaExtensions, loadBundledSchemaNode()), catalog, referenceCatalog, now: this.dependencies.now });
      } catch (error) {
        if (!(error instanceof SchemaCompileError)) throw error;
        const source = config.sources[0] ?? '.increport.yaml';
        throw new ConfigError(source, 0, 0, `The schema extension makes the report schema invalid: ${error.message}`);
      }
      this.engines.set(key, engine);
    }
    return engine;
  }

  /** The configuration for a report: its config files over the editor's defaults. Throws ConfigError. */
  configFor(filePath: string): ResolvedConfig {
    return applyDefaults(this.configs.forFile(filePath), this.dependencies.defaults);
  }

  /** Checks one report's text with the configuration found for its path. Throws ConfigError. */
  checkFile(filePath: string, text: string): FileCheckResult {
    const config = this.configFor(filePath);
    const engine = this.engineFor(config);
    const result = engine.check(text, config.rules);
    return { ...result, config, isReport: isIncidentReport(result.model, engine.schema.spec) };
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
    attack: config.attack.bundle || !defaults.attackBundle ? config.attack : { bundle: defaults.attackBundle },
  };
}
