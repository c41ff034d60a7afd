import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AttackCatalog } from '../engine/attack/catalog';
import type { CatalogData } from '../engine/attack/catalogTypes';
import { DEFAULT_ATTACK_VERSION, type BundledAttackVersion } from '../engine/attack/versions';
import type { BundledResources, ValidatorCodeStore } from '../engine/host';
import { createReportSchema, type ReportSchema } from '../engine/schema/reportSchema';
import type { SchemaNode } from '../engine/schema/reportSpec';
import { packageRoot } from './packageRoot';
import { nodeValidatorStore } from './validatorCache';

/** The data files that ship with the package, read from the package root once per process. */

function bundledSchemaPath(): string {
  return join(packageRoot(), 'schemas', 'incident-report.schema.json');
}

/** Where a bundled ATT&CK catalog is, in the package found above `start` (default: this module's). */
export function bundledCatalogPath(start?: string, version: BundledAttackVersion = DEFAULT_ATTACK_VERSION): string {
  return join(packageRoot(start), 'server', 'data', 'attack', `enterprise-attack-${version}.catalog.json`);
}

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

let reportSchemaNode: SchemaNode | undefined;
let configSchemaNode: object | undefined;
const catalogs = new Map<BundledAttackVersion, AttackCatalog>();

export function loadBundledSchemaNode(): SchemaNode {
  return (reportSchemaNode ??= readJson(bundledSchemaPath()) as SchemaNode);
}

function loadBundledConfigSchema(): object {
  return (configSchemaNode ??= readJson(join(packageRoot(), 'schemas', 'increport-config.schema.json')) as object);
}

/** A catalog committed with the extension (default: today's release), each read once per process and only when asked for. */
export function loadBundledCatalog(version: BundledAttackVersion = DEFAULT_ATTACK_VERSION): AttackCatalog {
  let catalog = catalogs.get(version);
  if (!catalog) catalogs.set(version, (catalog = new AttackCatalog(readJson(bundledCatalogPath(undefined, version)) as CatalogData)));
  return catalog;
}

/**
 * The bundled report schema, extended by each of `extensions` in turn, with its validator from the build
 * (or the cache folder for an extended schema) when there is one, else compiled (validatorCache.ts).
 */
export function createBundledReportSchema(extensions: readonly SchemaNode[] = [], store: ValidatorCodeStore | undefined = nodeValidatorStore()): ReportSchema {
  return createReportSchema(extensions, loadBundledSchemaNode(), store);
}

export const nodeBundledResources: BundledResources = {
  reportSchema: loadBundledSchemaNode,
  configSchema: loadBundledConfigSchema,
  attackCatalog: loadBundledCatalog,
};
