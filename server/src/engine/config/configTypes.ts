import type { RuleSetting } from '../types';
import type { SchemaNode } from '../schema/reportSpec';
import type { BundledAttackVersion } from '../attack/versions';
import type { TemplateStyle } from '../templates/templateStyle';
import type { OrganizationSetting } from '../iocs/ownAssets';
import type { DateOrderSetting } from '../dates/numericOrder';

/** One configuration file as written (after validation). */
export interface ConfigFile {
  path: string;
  root?: boolean;
  rules?: Record<string, RuleSetting>;
  schema?: { extend?: unknown };
  files?: { include?: string[]; exclude?: string[] };
  attack?: { bundle?: string; version?: string | number };
  templates?: { style?: TemplateStyle };
  organization?: OrganizationSetting;
  dates?: { order?: DateOrderSetting };
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
  /**
   * `bundle` is absolute; `setAt` locates it for error messages. `version` is the bundled release chosen
   * by `attack.version`; a configured bundle wins over it, and a report's own `attack:` front matter wins over the
   * version but not over a bundle (it is then reported when it differs).
   */
  attack: { bundle?: string; setAt?: { file: string; line: number; character: number }; version?: BundledAttackVersion };
  /** `style`: how new reports and section snippets are written, as the nearest file (else the editor's setting) chooses; unset means bullets. */
  templates: { style?: TemplateStyle };
  /** The organization's own domains, mailboxes and networks: each list from the nearest file that sets it (networks validated). */
  organization: OrganizationSetting;
  /** `order`: how ambiguous numeric dates (05/08/2026) are read, as the nearest file that sets it says; unset means auto. A report's `dateOrder` front matter wins. */
  dates?: { order?: DateOrderSetting };
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

/** What a file is read for; each kind has its own size limit (server/src/node/boundedRead.ts). */
export type ConfigFileKind = 'config' | 'schema-extension' | 'attack-bundle';

/**
 * A file's text; `missing` when there is nothing at the path; `error` when something is there that cannot
 * be read (not a regular file, too large, permission denied), as a sentence that does not repeat the path.
 */
export type FileText = { text: string } | { missing: true } | { error: string };

/**
 * What the engine needs from a file system: configuration files, schema extensions and ATT&CK bundles come
 * through here, so that editors can serve unsaved buffers and the engine never touches Node's fs itself.
 */
export interface ConfigFileSystem {
  /** Never throws. */
  readFile(path: string, kind: ConfigFileKind): FileText;
}

/** "File not found" → "file not found", to follow a colon in a longer message. */
export function describeUnreadable(read: { missing: true } | { error: string }): string {
  const reason = 'missing' in read ? 'File not found' : read.error;
  return reason.charAt(0).toLowerCase() + reason.slice(1);
}
