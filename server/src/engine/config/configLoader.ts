import { dirname, isAbsolute, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { SchemaNode } from '../schema/reportSpec';
import type { RuleSetting } from '../types';
import { ConfigError, type ConfigFile, type ConfigFileSystem, type ResolvedConfig } from './configTypes';
import { readConfigFile } from './readConfigFile';

export const CONFIG_FILE_NAMES = ['.increport.yaml', '.increport.yml', '.increport.json'] as const;
export const DEFAULT_INCLUDE = ['**/*.md'];
export const ALWAYS_EXCLUDED = ['**/node_modules/**', '**/.git/**'];

/**
 * Finds and merges `.increport.yaml` files upward from a report (like ESLint and markdownlint): nearer
 * files override farther ones, and a file with `root: true` ends the search. Results are cached per
 * folder; call `clear()` when a configuration file changes.
 */
export class ConfigLoader {
  private readonly byDirectory = new Map<string, ResolvedConfig>();
  private readonly files = new Map<string, ConfigFile | null>();

  constructor(
    private readonly fileSystem: ConfigFileSystem,
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
    return this.forDirectory(dirname(resolve(filePath)));
  }

  forDirectory(directory: string): ResolvedConfig {
    const cached = this.byDirectory.get(directory);
    if (cached) return cached;
    const chain: ConfigFile[] = [];
    for (let current = directory; ; current = dirname(current)) {
      const file = this.configIn(current);
      if (file) chain.push(file);
      if (file?.root || dirname(current) === current) break;
    }
    const resolved = mergeChain(chain, this.defaultBaseDirectory, this.fileSystem);
    this.byDirectory.set(directory, resolved);
    return resolved;
  }

  private configIn(directory: string): ConfigFile | undefined {
    for (const name of CONFIG_FILE_NAMES) {
      const path = join(directory, name);
      let file = this.files.get(path);
      if (file === undefined) {
        const text = this.fileSystem.readFile(path);
        file = text === undefined ? null : readConfigFile(path, text, this.knownRules);
        this.files.set(path, file);
      }
      if (file) return file;
    }
    return undefined;
  }
}

/** `chain` is nearest first; merge farthest first so that nearer settings win. */
function mergeChain(chain: readonly ConfigFile[], defaultBaseDirectory: string, fileSystem: ConfigFileSystem): ResolvedConfig {
  const rules: Record<string, RuleSetting> = {};
  const schemaExtensions: SchemaNode[] = [];
  const files: ResolvedConfig['files'] = {
    include: { baseDirectory: defaultBaseDirectory, globs: DEFAULT_INCLUDE },
    exclude: { baseDirectory: defaultBaseDirectory, globs: [] },
  };
  let attack: ResolvedConfig['attack'] = {};
  for (const file of [...chain].reverse()) {
    const directory = dirname(file.path);
    Object.assign(rules, file.rules);
    schemaExtensions.push(...loadExtensions(file, fileSystem));
    if (file.files?.include) files.include = { baseDirectory: directory, globs: file.files.include };
    if (file.files?.exclude) files.exclude = { baseDirectory: directory, globs: file.files.exclude };
    if (file.attack?.bundle) {
      const where = file.locations?.['attack.bundle'] ?? { line: 0, character: 0 };
      attack = { bundle: resolve(directory, file.attack.bundle), setAt: { file: file.path, ...where } };
    }
  }
  return {
    sources: chain.map((file) => file.path),
    rules,
    schemaExtensions,
    schemaKey: schemaExtensions.length ? JSON.stringify(schemaExtensions) : '',
    files,
    attack,
  };
}

function loadExtensions(file: ConfigFile, fileSystem: ConfigFileSystem): SchemaNode[] {
  const extend = file.schema?.extend;
  if (extend === undefined) return [];
  const entries = Array.isArray(extend) ? extend : [extend];
  const where = file.locations?.['schema.extend'] ?? { line: 0, character: 0 };
  return entries.map((entry) => {
    if (typeof entry !== 'string') return entry as SchemaNode;
    const path = isAbsolute(entry) ? entry : resolve(dirname(file.path), entry);
    const text = fileSystem.readFile(path);
    if (text === undefined) throw new ConfigError(file.path, where.line, where.character, `Schema extension '${entry}' not found (looked for ${path})`);
    try {
      const parsed: unknown = parseYaml(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('it is not a JSON Schema object');
      return parsed as SchemaNode;
    } catch (error) {
      throw new ConfigError(file.path, where.line, where.character, `Schema extension '${entry}' cannot be read: ${(error as Error).message}`);
    }
  });
}
