import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanReportText, projectRoot } from '../helpers';

/**
 * The folder the editor tests open: example reports, broken ones, a non-report note, and an
 * `.increport.yaml` that makes placeholders errors (ignored in Restricted Mode).
 */
export function createReportWorkspace(folder: string): void {
  const examples = join(projectRoot(), 'examples');
  // The seed as written against ATT&CK v19.2 (the default): clean, so that it is the "no findings" report.
  const seed = cleanReportText();
  mkdirSync(join(folder, 'reports'), { recursive: true });
  writeFileSync(join(folder, '.increport.yaml'), 'root: true\nrules:\n  placeholder: error\n');
  writeFileSync(join(folder, 'reports', 'seed.md'), seed);
  copyFileSync(join(examples, 'northwind-ransomware-intrusion.md'), join(folder, 'reports', 'northwind.md'));
  copyFileSync(join(examples, 'broken', 'fields.md'), join(folder, 'reports', 'fields.md'));
  writeFileSync(join(folder, 'reports', 'tbd.md'), seed.replace('Global (Impact reported across multiple regions)', 'TBD'));
  writeFileSync(join(folder, 'reports', 'live-ioc.md'), seed.replace('- **File indicators:** N/A.', '- **File indicators:** http://evil.example.com/payload'));
  writeFileSync(join(folder, 'reports', 'closed.md'), seed.replace(/## Recommendations\n[\s\S]*$/, ''));
  writeFileSync(join(folder, 'notes.md'), '# Team notes\n\n- TODO: order coffee\n');
}
