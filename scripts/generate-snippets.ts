/**
 * Writes snippets/incident-report.code-snippets from the report schema and the bundled ATT&CK catalog.
 * Run after changing either: `npm run build && node out/scripts/generate-snippets.js`. A test fails when
 * the committed file is out of date.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadBundledCatalog } from '../server/src/engine/attack/catalog';
import { packageRoot } from '../server/src/engine/resources';
import { createReportSchema } from '../server/src/engine/schema/reportSchema';
import { buildSnippets } from '../server/src/engine/templates/snippets';

export const SNIPPETS_PATH = join(packageRoot(), 'snippets', 'incident-report.code-snippets');

export function snippetsFileText(): string {
  const catalog = loadBundledCatalog();
  return `${JSON.stringify(buildSnippets(createReportSchema().spec, catalog.tactics, catalog.version), null, 2)}\n`;
}

if (require.main === module) {
  writeFileSync(SNIPPETS_PATH, snippetsFileText());
  console.log(`wrote ${SNIPPETS_PATH}`);
}
