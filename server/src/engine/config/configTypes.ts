import type { RuleSetting } from '../types';
import type { SchemaNode } from '../schema/reportSpec';

/** One configuration file as written (after validation). */
export interface ConfigFile {
  path: string;
  root?: boolean;
  rules?: Record<string, RuleSetting>;
  schema?: { extend?: unknown };
  files?: { include?: string[]; exclude?: string[] };
  attack?: { bundle?: string };
  /** Where path-valued settings are written, to point errors about the files they name. */
  locations?: Partial<Record<'schema.extend' | 'attack.bundle', { line: number; character: number }>>;
}

export interface GlobList {
  baseDirectory: string;
  globs: string[];
}

/** The configuration in force for one report: every config file up to a `root: true` merged. */
export interface ResolvedConfig {
  /** Contributing files, nearest first; empty when none was found. */
  sources: string[];
  rules: Record<string, RuleSetting>;
  /** Schema fragments to merge into the report schema, farthest first. */
  schemaExtensions: SchemaNode[];
  /** Stable identity of `schemaExtensions`, to share one compiled schema between files. */
  schemaKey: string;
  /** Globs, each list with the folder it is relative to (that of the nearest config that sets it). */
  files: { include: GlobList; exclude: GlobList };
  /** `bundle` is absolute; `setAt` locates the setting for error messages. */
  attack: { bundle?: string; setAt?: { file: string; line: number; character: number } };
}

/** A problem in a configuration file, located in that file (zero-based LSP positions). */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly character: number,
    message: string,
  ) {
    super(message);
  }

  /** `file:line:col: message` with 1-based line and column, as editors and terminals link them. */
  override toString(): string {
    return `${this.file}:${this.line + 1}:${this.character + 1}: ${this.message}`;
  }
}

/** What the loader needs from a file system; passed in so that editors can serve unsaved buffers. */
export interface ConfigFileSystem {
  /** The file's text, or undefined when it does not exist. Other failures throw. */
  readFile(path: string): string | undefined;
}
