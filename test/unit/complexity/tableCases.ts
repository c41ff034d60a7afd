import type { FeatureContext } from '../../../server/src/engine/features/featureTypes';
import { documentSymbols } from '../../../server/src/engine/features/symbols';
import { renderReportBody } from '../../../server/src/engine/render/renderReport';
import { TEST_NOW, engine, seedText } from '../../helpers';
import type { ComplexityCase } from './caseHelpers';
import type { Prepared } from './measure';

/** Worst cases of the table dialects of the IOC and field sections, and of Attack Methodology's headings (see cases.ts for how n is chosen). */

const check =
  (text: string): Prepared =>
  () =>
    engine().check(text);

/** An IOC table of n rows, each typed by its Type cell: a defanged domain, a live IP, a 63-digit SHA-256. */
function iocTable(n: number): string {
  const rows = Array.from(
    { length: n },
    (_, i) =>
      [`| Domain | host${i}[.]example[.]com | C2 |`, `| IP | 10.0.${i % 250}.1 | beacon \\| relay |`, `| SHA256 | ${'ab12'.repeat(15)}abc | dropper |`][i % 3],
  );
  return ['| Type | Indicator | Context |', '|---|---|---|', ...rows, ''].join('\n');
}

/** The outline of `text` (checked outside the timing). */
function outline(text: string): Prepared {
  const context: FeatureContext = { model: engine().check(text).model, spec: engine().schema.spec, catalog: engine().catalog, now: TEST_NOW };
  return () => documentSymbols(context);
}

/** A timeline of n undated `###` headings, each with a dated bullet and a one-row table: each row goes under its heading. */
function timelineOfHeadings(n: number): string {
  const step = (i: number) => `### Step ${i}
- **2026-07-${String((i % 28) + 1).padStart(2, '0')} 10:00** — step ${i}

| Date | Event |
|---|---|
| 2026-08-01 | row ${i} |
`;
  return seedText().replace(
    /## Timeline of Events\n[\s\S]*?(?=## Attack Methodology)/,
    `## Timeline of Events\n${Array.from({ length: n }, (_, i) => step(i)).join('\n')}\n`,
  );
}

/** The seed with `body` after its Attack Methodology rows. */
const withMethodologyHeadings = (body: string) => seedText().replace('## Impact Assessment', `${body}## Impact Assessment`);
/**
 * n `###` headings: a tactic, a misspelt one and one that is no tactic, each over a technique bullet and a
 * note; and one over a sentence with a technique ID (no row: section-unrecognised).
 */
const manyHeadings = (n: number) =>
  withMethodologyHeadings(
    Array.from({ length: n }, (_, i) =>
      i % 4 === 3
        ? `### Notes\nThe actor used T1078 at step ${i}.\n`
        : `### ${['Execution', 'Colection', 'Enterprise'][i % 4]}\n- **T1059.001** PowerShel — step ${i}\n- a note\n`,
    ).join(''),
  );

/** The preview of `text` (checked outside the timing). */
function preview(text: string): Prepared {
  const result = engine().check(text);
  const context: FeatureContext = { model: result.model, spec: engine().schema.spec, catalog: engine().catalog, now: TEST_NOW };
  return () => renderReportBody({ ...context, findings: result.findings });
}

export const TABLE_CASES: readonly ComplexityCase[] = [
  {
    family: 'tables',
    name: 'n technique bullets under one Attack Methodology heading of n characters (the tactic is decided once)',
    n: 1500,
    prepare: (n) => check(withMethodologyHeadings(`### Colection ${'x'.repeat(n)}\n${'- T1005 Data from Local System\n'.repeat(n)}`)),
  },
  { family: 'tables', name: 'n Attack Methodology headings over technique bullets (check)', n: 500, prepare: (n) => check(manyHeadings(n)) },
  { family: 'tables', name: 'n Attack Methodology headings over technique bullets (outline)', n: 2000, prepare: (n) => outline(manyHeadings(n)) },
  { family: 'tables', name: 'n Attack Methodology headings over technique bullets (preview)', n: 500, prepare: (n) => preview(manyHeadings(n)) },
  {
    family: 'iocs',
    name: 'an Indicators of Compromise table of n typed rows (full check)',
    n: 300,
    prepare: (n) => check(seedText().replace('- **File indicators:** N/A.', `\n${iocTable(n)}`)),
  },
  {
    family: 'iocs',
    name: 'an IOC table row of n SHA-256 columns, each cell with a near-hash and a live domain',
    n: 600,
    prepare: (n) =>
      check(
        seedText().replace(
          '- **File indicators:** N/A.',
          `\n|${' SHA-256 |'.repeat(n)}\n|${'---|'.repeat(n)}\n|${` ${'ab12'.repeat(15)}abc a.example.com |`.repeat(n)}\n`,
        ),
      ),
  },
  {
    family: 'tables',
    name: 'an Incident Details key/value table of n rows (full check)',
    n: 1200,
    prepare: (n) =>
      check(seedText().replace('- **Discovery Date:**', `| Field | Value |\n|---|---|\n${'| Sector | Finance |\n'.repeat(n)}\n- **Discovery Date:**`)),
  },
  {
    family: 'outline',
    name: 'symbols: a timeline of n undated H3s, each with a dated bullet and a table row, and an IOC table of n rows',
    n: 500,
    prepare: (n) => outline(timelineOfHeadings(n).replace('- **File indicators:** N/A.', `\n${iocTable(n)}`)),
  },
];
