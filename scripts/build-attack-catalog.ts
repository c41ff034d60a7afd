/**
 * Regenerates server/data/attack/ from a MITRE ATT&CK STIX bundle:
 *   node out/scripts/build-attack-catalog.js [bundle.json] [--out DIR] [--version X.Y]
 * Output is deterministic (sorted data, fixed layout, no timestamps), so re-running is a no-op diff.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { CatalogData } from '../server/src/engine/attack/catalogTypes';
import { stixToCatalog } from '../server/src/engine/attack/stixToCatalog';

const CATALOG_FILE = 'enterprise-attack.catalog.json';
const LICENSE_FILE = 'LICENSE-ATTACK.txt';

// Compiled to out/scripts/, so the project root is two levels up.
const projectRoot = path.resolve(__dirname, '..', '..');

interface Args {
  bundle: string;
  outDir: string;
  version?: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    bundle: path.resolve(projectRoot, '..', 'shared', 'attack', 'enterprise-attack-18.1.json'),
    outDir: path.join(projectRoot, 'server', 'data', 'attack'),
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--out' || arg === '--version') {
      const value = argv[++i];
      if (value === undefined) throw new Error(`${arg} needs a value`);
      if (arg === '--out') args.outDir = path.resolve(value);
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
    if (!Array.isArray(value)) return head + json(value);
    if (value.length === 0) return head + '[]';
    return `${head}[\n${value.map((item) => '    ' + json(item)).join(',\n')}\n  ]`;
  });
  return `{\n${lines.join(',\n')}\n}\n`;
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const bundle: unknown = JSON.parse(fs.readFileSync(args.bundle, 'utf8'));
  const fileVersion = /(\d+\.\d+)/.exec(path.basename(args.bundle))?.[1];
  const version = args.version ?? fileVersion;
  const catalog = stixToCatalog(bundle, version === undefined ? {} : { version });

  fs.mkdirSync(args.outDir, { recursive: true });
  const catalogPath = path.join(args.outDir, CATALOG_FILE);
  const json = serializeCatalog(catalog);
  fs.writeFileSync(catalogPath, json);

  const licenseSource = path.join(path.dirname(args.bundle), 'LICENSE.txt');
  if (fs.existsSync(licenseSource)) {
    const header =
      `MITRE ATT&CK license notice accompanying ${CATALOG_FILE} ` +
      `(ATT&CK v${catalog.attackVersion}, ${catalog.domain || 'unknown domain'}, from ${path.basename(args.bundle)}).\n\n`;
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
