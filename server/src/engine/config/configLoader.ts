import type { SchemaNode } from '../schema/reportSpec';
import type { RuleSetting } from '../types';
import { readAttackVersion } from '../attack/versions';
import type { EngineHost } from '../host';
import type { OrganizationSetting } from '../iocs/ownAssets';
import { ConfigError, describeUnreadable, type ConfigFile, type ResolvedConfig } from './configTypes';
import { readConfigFile } from './readConfigFile';
import { loadNamedSchemaExtension } from './schemaExtension';

export const CONFIG_FILE_NAMES = ['.increport.yaml', '.increport.yml', '.increport.json'] as const;
export const DEFAULT_INCLUDE = ['**/*.md'];
export const ALWAYS_EXCLUDED = ['**/node_modules/**', '**/.git/**'];

/**
 * Finds and merges `.increport.yaml` files upward from a report (like ESLint and markdownlint): nearer
 * files override farther ones, and a file with `root: true` ends the search. Results are cached per
 * folder; call `clear()` when a configuration file changes.
 */
export class ConfigLoader {
  private readonly byDirectory = new Map<string, ResolvedConfig | ConfigError>();
  private bare: ResolvedConfig | undefined;
  private readonly files = new Map<string, ConfigFile | null>();

  constructor(
    /** Files, paths and the configuration schema. */
    private readonly host: EngineHost,
    private readonly knownRules: readonly string[],
    /** Folder used when no configuration file sets `files`; usually the working directory. */
    private readonly defaultBaseDirectory: string,
  ) {}

  clear(): void {
    this.byDirectory.clear();
    this.files.clear();
  }

  /** The configuration for the report at `filePath`. Throws ConfigError for an invalid file. */
  forFile(filePath: string): ResolvedConfig {
    const { dirname, resolve } = this.host.paths;
    return this.forDirectory(dirname(resolve(filePath)));
  }

  /** The same, for a folder. A folder whose configuration is invalid keeps throwing the same error until `clear()`. */
  forDirectory(directory: string): ResolvedConfig {
    const cached = this.byDirectory.get(directory);
    if (cached instanceof ConfigError) throw cached;
    if (cached) return cached;
    let resolved: ResolvedConfig;
    try {
      const { dirname } = this.host.paths;
      const chain: ConfigFile[] = [];
      for (let current = directory; ; current = dirname(current)) {
        const file = this.configIn(current);
        if (file) chain.push(file);
        if (file?.root || dirname(current) === current) break;
      }
      resolved = mergeChain(chain, this.defaultBaseDirectory, this.host);
    } catch (error) {
      if (error instanceof ConfigError) this.byDirectory.set(directory, error);
      throw error;
    }
    this.byDirectory.set(directory, resolved);
    return resolved;
  }

  /** What applies where no configuration file is found: every rule at its default, the bundled schema and catalog. */
  withoutFiles(): ResolvedConfig {
    return (this.bare ??= mergeChain([], this.defaultBaseDirectory, this.host));
  }

  private configIn(directory: string): ConfigFile | undefined {
    for (const name of CONFIG_FILE_NAMES) {
      const path = this.host.paths.join(directory, name);
      let file = this.files.get(path);
      if (file === undefined) {
        const read = this.host.readFile(path, 'config');
        if ('error' in read) throw new ConfigError(path, 0, 0, `Cannot read this configuration file: ${describeUnreadable(read)}`);
        file = 'missing' in read ? null : readConfigFile(path, read.text, this.knownRules, this.host.resources.configSchema());
        this.files.set(path, file);
      }
      if (file) return file;
    }
    return undefined;
  }
}

/** `chain` is nearest first; merge farthest first so that nearer settings win. */
function mergeChain(chain: readonly ConfigFile[], defaultBaseDirectory: string, host: EngineHost): ResolvedConfig {
  const { dirname, resolve } = host.paths;
  const rules: Record<string, RuleSetting> = {};
  const schemaExtensions: SchemaNode[] = [];
  const files: ResolvedConfig['files'] = {
    include: { baseDirectory: defaultBaseDirectory, globs: DEFAULT_INCLUDE },
    exclude: { baseDirectory: defaultBaseDirectory, globs: [] },
  };
  let attack: ResolvedConfig['attack'] = {};
  const templates: ResolvedConfig['templates'] = {};
  const organization: OrganizationSetting = {};
  const dates: NonNullable<ResolvedConfig['dates']> = {};
  for (const file of [...chain].reverse()) {
    const directory = dirname(file.path);
    Object.assign(rules, file.rules);
    schemaExtensions.push(...loadExtensions(file, host));
    if (file.files?.include) files.include = { baseDirectory: directory, globs: file.files.include };
    if (file.files?.exclude) files.exclude = { baseDirectory: directory, globs: file.files.exclude };
    if (file.attack?.bundle) {
      const where = file.locations?.['attack.bundle'] ?? { line: 0, character: 0 };
      attack = { ...attack, bundle: resolve(directory, file.attack.bundle), setAt: { file: file.path, ...where } };
    }
    // The configuration schema allows only the bundled versions, so the reading cannot fail here.
    const version = file.attack?.version === undefined ? undefined : readAttackVersion(file.attack.version);
    if (version && 'version' in version) attack = { ...attack, version: version.version };
    if (file.templates?.style) templates.style = file.templates.style;
    if (file.organization?.domains) organization.domains = file.organization.domains;
    if (file.organization?.emails) organization.emails = file.organization.emails;
    if (file.organization?.networks) organization.networks = file.organization.networks;
    if (file.dates?.order) dates.order = file.dates.order;
  }
  return {
    sources: chain.map((file) => file.path),
    rules,
    schemaExtensions,
    schemaKey: schemaExtensions.length ? JSON.stringify(schemaExtensions) : '',
    files,
    attack,
    templates,
    organization,
    dates,
  };
}

function loadExtensions(file: ConfigFile, host: EngineHost): SchemaNode[] {
  const extend = file.schema?.extend;
  if (extend === undefined) return [];
  const entries = Array.isArray(extend) ? extend : [extend];
  const where = file.locations?.['schema.extend'] ?? { line: 0, character: 0 };
  return entries.map((entry) => {
    if (typeof entry !== 'string') return entry as SchemaNode;
    const loaded = loadNamedSchemaExtension(host, entry, host.paths.dirname(file.path));
    if ('schema' in loaded) return loaded.schema;
    throw new ConfigError(file.path, where.line, where.character, loaded.error);
  });
}
