/**
 * Writes snippets/incident-report.code-snippets from the report schema and the bundled ATT&CK catalog.
 * Run after changing either: `npm run build && node out/scripts/generate-snippets.js`. A test fails when
 * the committed file is out of date.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../server/src/node/packageRoot';
import { buildSnippets } from '../server/src/engine/templates/snippets';
import { createBundledReportSchema, loadBundledCatalog } from '../server/src/node/bundledResources';

export const SNIPPETS_PATH = join(packageRoot(), 'snippets', 'incident-report.code-snippets');

export function snippetsFileText(): string {
  const catalog = loadBundledCatalog();
  return `${JSON.stringify(buildSnippets(createBundledReportSchema().spec, catalog.tactics, catalog.version), null, 2)}\n`;
}

if (require.main === module) {
  writeFileSync(SNIPPETS_PATH, snippetsFileText());
  console.log(`wrote ${SNIPPETS_PATH}`);
}
