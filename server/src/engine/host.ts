import type { AttackCatalog } from './attack/catalog';
import type { BundledAttackVersion } from './attack/versions';
import type { Clock } from './clock';
import type { ConfigFileSystem } from './config/configTypes';
import type { SchemaNode } from './schema/reportSpec';

/*
 * Everything the engine needs from the world outside it, in one place. The engine itself does no I/O and
 * imports nothing from Node (test/unit/engine/ioBoundary.test.ts keeps it so): the CLI and the language
 * server pass the Node host (server/src/node/nodeHost.ts), tests may pass their own, as
 * vscode-markdown-languageservice is given an IWorkspace and yaml-language-server a schema request service.
 *
 * Hashing is not here: the identifiers the exports derive are UUIDv5 (SHA-1 by definition) and the
 * preview's style hash is SHA-256 of a constant, so both are computed by engine/text/sha.ts and cannot
 * differ from one host to another.
 */

/**
 * Path arithmetic on the host's own paths (Windows paths have drive letters and backslashes), used to find
 * configuration files upward from a report and to resolve the paths they name. node:path fits as it is.
 * Each is called without `this`.
 */
export interface HostPaths {
  dirname(path: string): string;
  join(...paths: string[]): string;
  resolve(...paths: string[]): string;
  isAbsolute(path: string): boolean;
  basename(path: string): string;
}

/** The data files that ship with the tools, parsed. Each is read when first asked for, then kept. */
export interface BundledResources {
  /** schemas/incident-report.schema.json: the report schema that configurations extend. */
  reportSchema(): SchemaNode;
  /** schemas/increport-config.schema.json: what `.increport.yaml` may say. */
  configSchema(): object;
  /**
   * server/data/attack/enterprise-attack-<version>.catalog.json: a bundled ATT&CK release (one of
   * BUNDLED_ATTACK_VERSIONS, default DEFAULT_ATTACK_VERSION), used unless a bundle is configured.
   */
  attackCatalog(version?: BundledAttackVersion): AttackCatalog;
}

/**
 * Report schema validators kept as ajv standalone code (schema/standaloneValidator.ts), keyed by
 * validatorKey (the merged schema and what the code depends on; a store keeps a hash of it): the one generated at build time for the bundled schema and,
 * where the host has a cache folder, those of schema extensions. On Node: server/src/node/validatorCache.ts.
 */
export interface ValidatorCodeStore {
  /** The code kept under `key`, only if it is intact and this program wrote it; otherwise undefined. Never throws. */
  read(key: string): string | undefined;
  /** Keeps `code` under `key` if it can (nothing happens otherwise). Never throws. */
  write(key: string, code: string): void;
}

/**
 * The engine's host: bounded file reads by kind (configuration files, schema extensions and ATT&CK bundles
 * named by them; an editor may serve unsaved buffers or, in an untrusted workspace, nothing), path
 * arithmetic, the bundled resources and the clock ("now" for the date rules, completion and the preview).
 */
export interface EngineHost extends ConfigFileSystem {
  readonly paths: HostPaths;
  readonly resources: BundledResources;
  /** Called without `this`. */
  readonly now: Clock;
  /** Without it, every report schema is compiled with ajv when it is first needed. */
  readonly validatorCode?: ValidatorCodeStore;
}
