/**
 * Regenerates server/data/attack/ from a MITRE ATT&CK STIX bundle:
 *   node out/scripts/build-attack-catalog.js [bundle.json] [--out DIR] [--version X.Y]
 * or, for a release whose bundle is not available, from a technique list on top of that bundle's catalog
 * (see techniqueListToCatalog.ts), writing its catalog only:
 *   node out/scripts/build-attack-catalog.js [bundle.json] --techniques list.json [--out DIR]
 * Each catalog is written as enterprise-attack-<version>.catalog.json.
 * Output is deterministic (sorted data, fixed layout, no timestamps), so re-running is a no-op diff.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { CatalogData } from '../server/src/engine/attack/catalogTypes';
import { stixToCatalog } from '../server/src/engine/attack/stixToCatalog';
import { parseTechniqueList, techniqueListToCatalog } from './techniqueListToCatalog';

const LICENSE_FILE = 'LICENSE-ATTACK.txt';

// Compiled to out/scripts/, so the project root is two levels up.
const projectRoot = path.resolve(__dirname, '..', '..');

interface Args {
  bundle: string;
  outDir: string;
  version?: string;
  techniques?: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    bundle: path.resolve(projectRoot, '..', 'shared', 'attack', 'enterprise-attack-18.1.json'),
    outDir: path.join(projectRoot, 'server', 'data', 'attack'),
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--out' || arg === '--version' || arg === '--techniques') {
      const value = argv[++i];
      if (value === undefined) throw new Error(`${arg} needs a value`);
      if (arg === '--out') args.outDir = path.resolve(value);
      else if (arg === '--techniques') args.techniques = path.resolve(value);
      else args.version = value;
    } else if (arg.startsWith('--')) {
      throw new Error(`Unknown option ${arg}`);
    } else {
      args.bundle = path.resolve(arg);
    }
  }
  return args;
}

/**
 * One array element per line: near-minimal size, yet diffs of a new ATT&CK release stay readable.
 * Non-ASCII is \u-escaped: an all-ASCII file decodes to a one-byte string, which reads and parses faster.
 */
export function serializeCatalog(data: CatalogData): string {
  const json = (value: unknown) => JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
  const lines = Object.entries(data).map(([key, value]) => {
    const head = `  ${json(key)}: `;
    return head + serializeValue(value, '  ', json);
  });
  return `{\n${lines.join(',\n')}\n}\n`;
}

/** Arrays one element per line; an object holding arrays (`previous`) one key per line; anything else inline. */
function serializeValue(value: unknown, indent: string, json: (value: unknown) => string): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => `${indent}  ${json(item)}`).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object' && Object.values(value).some(Array.isArray)) {
    const entries = Object.entries(value).map(([key, item]) => `${indent}  ${json(key)}: ${serializeValue(item, `${indent}  `, json)}`);
    return `{\n${entries.join(',\n')}\n${indent}}`;
  }
  return json(value);
}

/** The catalog of `bundle` (version from --version or the file name), or of the technique list on top of it. */
export function buildCatalog(bundlePath: string, options: { version?: string; techniques?: string } = {}): CatalogData {
  const bundle: unknown = JSON.parse(fs.readFileSync(bundlePath, 'utf8'));
  const version = options.version ?? /(\d+\.\d+)/.exec(path.basename(bundlePath))?.[1];
  const base = stixToCatalog(bundle, version === undefined ? {} : { version });
  if (options.techniques === undefined) return base;
  const list = parseTechniqueList(JSON.parse(fs.readFileSync(options.techniques, 'utf8')));
  return techniqueListToCatalog(base, list, path.basename(options.techniques));
}

/** enterprise-attack-X.Y.catalog.json: the bundled versions sit side by side. */
export function catalogFileName(catalog: CatalogData): string {
  return `enterprise-attack-${catalog.attackVersion}.catalog.json`;
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const fromList = args.techniques !== undefined;
  const catalog = buildCatalog(args.bundle, args);

  fs.mkdirSync(args.outDir, { recursive: true });
  const catalogPath = path.join(args.outDir, catalogFileName(catalog));
  const json = serializeCatalog(catalog);
  fs.writeFileSync(catalogPath, json);

  // LICENSE-ATTACK.txt is written with the bundle's own catalog only; it covers every file in the folder.
  const licenseSource = path.join(path.dirname(args.bundle), 'LICENSE.txt');
  if (fromList) {
    console.log(`${LICENSE_FILE} left as it is (MITRE's notice covers this catalog too)`);
  } else if (fs.existsSync(licenseSource)) {
    const header =
      `MITRE ATT&CK license notice accompanying the enterprise-attack-*.catalog.json files in this folder ` +
      `(made from ${path.basename(args.bundle)}, ATT&CK v${catalog.attackVersion}, ${catalog.domain || 'unknown domain'}, and from lists of later ` +
      `releases' techniques on top of it; see each catalog's source and provenance).\n\n`;
    fs.writeFileSync(path.join(args.outDir, LICENSE_FILE), header + fs.readFileSync(licenseSource, 'utf8'));
  } else {
    console.warn(`warning: no LICENSE.txt next to ${args.bundle}; ${LICENSE_FILE} not written (MITRE's notice must ship with the data).`);
  }

  const subtechniques = catalog.techniques.filter((t) => t.parent !== undefined).length;
  const retired = catalog.techniques.filter((t) => t.revoked || t.deprecated).length;
  console.log(
    `ATT&CK v${catalog.attackVersion} (${catalog.domain}): ${catalog.tactics.length} tactics, ` +
      `${catalog.techniques.length - subtechniques} techniques + ${subtechniques} sub-techniques ` +
      `(${retired} revoked/deprecated), ${catalog.mitigations.length} mitigations, ` +
      `${catalog.groups.length} groups, ${catalog.software.length} software`,
  );
  console.log(`wrote ${path.relative(process.cwd(), catalogPath)} (${Buffer.byteLength(json)} bytes)`);
}

if (require.main === module) {
  try {
    main();
  } catch (err) {
    console.error(`build-attack-catalog: ${(err as Error).message}`);
    process.exitCode = 1;
  }
}
