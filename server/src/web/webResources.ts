import { AttackCatalog } from '../engine/attack/catalog';
import type { CatalogData } from '../engine/attack/catalogTypes';
import { DEFAULT_ATTACK_VERSION, type BundledAttackVersion } from '../engine/attack/versions';
import type { ConfigFileSystem, FileText } from '../engine/config/configTypes';
import type { BundledResources } from '../engine/host';
import type { SchemaNode } from '../engine/schema/reportSpec';

/*
 * What the language server reads in the browser (the web extension, client/src/web/), where there is no
 * file system to read synchronously: the web client reads the bundled resources (schemas, ATT&CK catalogs)
 * from the extension with vscode.workspace.fs before it starts the server, and keeps the workspace's
 * configuration and schema files here, read the same way and refreshed when they change. The engine's
 * reads are synchronous (EngineHost), so they are served from this memory. Imports nothing from Node or VS Code.
 */

export interface WebResourceData {
  /** The extension's root, as a path: what packageRoot() answers in the browser. */
  extensionRoot: string;
  reportSchema: SchemaNode;
  configSchema: object;
  catalogs: Partial<Record<BundledAttackVersion, CatalogData>>;
}

let data: WebResourceData | undefined;
const catalogs = new Map<BundledAttackVersion, AttackCatalog>();
/** Workspace files (configuration, schema extensions) by path, as the client read them. */
const files = new Map<string, string>();

export function setWebResources(resources: WebResourceData): void {
  data = resources;
  catalogs.clear();
}

function loaded(): WebResourceData {
  if (!data) throw new Error('increport: the web resources were not loaded before the language server started');
  return data;
}

/** Sets (text) or removes (undefined) a workspace file the engine may read. */
export function setWorkspaceFile(path: string, text: string | undefined): void {
  if (text === undefined) files.delete(path);
  else files.set(path, text);
}

export const webBundledResources: BundledResources = {
  reportSchema: () => loaded().reportSchema,
  configSchema: () => loaded().configSchema,
  attackCatalog(version: BundledAttackVersion = DEFAULT_ATTACK_VERSION): AttackCatalog {
    let catalog = catalogs.get(version);
    if (!catalog) {
      const catalogData = loaded().catalogs[version];
      if (!catalogData) throw new Error(`increport: the ATT&CK ${version} catalog was not loaded`);
      catalogs.set(version, (catalog = new AttackCatalog(catalogData)));
    }
    return catalog;
  },
};

/** Configuration files and schema extensions from the workspace; ATT&CK bundles are not read in the browser. */
export const webFileSystem: ConfigFileSystem = {
  readFile(path, kind): FileText {
    if (kind === 'attack-bundle')
      return { error: 'ATT&CK bundles from the workspace are not read in the browser (VS Code for the Web); the bundled catalogs are used' };
    const text = files.get(path);
    return text === undefined ? { missing: true } : { text };
  },
};

export function webExtensionRoot(): string {
  return loaded().extensionRoot;
}
