import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { SNIPPETS_PATH, snippetsFileText } from '../../../scripts/generate-snippets';
import { renderText, reportTemplate } from '../../../server/src/engine/templates/skeleton';
import { defaultVersionEngine as engine, describeFinding } from '../../helpers';

/** What VS Code inserts when every tab stop keeps its default. */
function expandSnippet(body: readonly string[], _today?: string): string {
  const text = body.join('\n');
  let expanded = '';
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '\\') expanded += text[++index];
    else if (char === '$' && text[index + 1] === '{') index = text.indexOf(':', index);
    else if (char === '}') continue;
    else expanded += char;
  }
  return `${expanded}\n`;
}

test('snippets: the committed file is what the schema and the ATT&CK catalog generate', () => {
  assert.equal(readFileSync(SNIPPETS_PATH, 'utf8'), snippetsFileText(), 'run: npm run build && node out/scripts/generate-snippets.js');
});

/** The findings other than the placeholder ones (at the `[TODO: …]` holes: templateText.test.ts). */
const nonPlaceholder = (text: string) =>
  engine()
    .check(text)
    .findings.filter((finding) => finding.ruleId !== 'placeholder')
    .map(describeFinding);

test('snippets: the full report snippet, inserted as is, has nothing but its holes to fill in', () => {
  const snippets = JSON.parse(snippetsFileText()) as Record<string, { body: string[] }>;
  const inserted = expandSnippet(snippets['Incident report'].body, '2026-11-01');
  assert.deepEqual(nonPlaceholder(inserted), []);
  assert.equal(inserted, renderText(reportTemplate(engine().schema.spec, engine().catalog.tactics)));
});

test('snippets: the full report snippet in tables, inserted as is, has nothing but its holes to fill in, the New Report text of the tables style', () => {
  const snippets = JSON.parse(snippetsFileText()) as Record<string, { body: string[] }>;
  const inserted = expandSnippet(snippets['Incident report (tables)'].body, '2026-11-01');
  assert.deepEqual(nonPlaceholder(inserted), []);
  assert.equal(inserted, renderText(reportTemplate(engine().schema.spec, engine().catalog.tactics, { style: 'tables' })));
  assert.match(inserted, /\n## Attack Methodology\n\| Tactic \| Technique \|\n/);
});

test('snippets: each table snippet, inserted as is in place of its bullets in the full report, adds nothing but holes', () => {
  const snippets = JSON.parse(snippetsFileText()) as Record<string, { body: string[] }>;
  const full = expandSnippet(snippets['Incident report'].body, '2026-11-01');
  const sections = (text: string) => text.split(/\n(?=## )/);
  for (const name of ['Attack Methodology table', 'Impact Assessment table', 'Response Actions table']) {
    const section = expandSnippet(snippets[name].body, '2026-11-01');
    const heading = section.slice(0, section.indexOf('\n'));
    const replaced = sections(full).map((part) => (part.startsWith(`${heading}\n`) ? section.replace(/\n$/, '') : part));
    assert.notDeepEqual(replaced, sections(full), name);
    assert.deepEqual(nonPlaceholder(`${replaced.join('\n')}\n`), [], name);
  }
  const table = ['## Timeline of Events', '| Date/Time | Phase | Details |', '|---|---|---|', expandSnippet(snippets['Timeline row'].body, '2026-11-01')].join(
    '\n',
  );
  const withRow = sections(full).map((part) => (part.startsWith('## Timeline of Events\n') ? table.replace(/\n$/, '') : part));
  assert.deepEqual(nonPlaceholder(`${withRow.join('\n')}\n`), []);
});

test('snippets: table snippets have prefixes of their own, and every prefix names one snippet', () => {
  const snippets = JSON.parse(snippetsFileText()) as Record<string, { prefix: string[] }>;
  const prefixes = Object.values(snippets).flatMap((snippet) => snippet.prefix);
  assert.equal(new Set(prefixes).size, prefixes.length);
  assert.deepEqual(
    Object.entries(snippets)
      .filter(([name]) => / table$|\(tables\)$|row$/.test(name))
      .map(([, snippet]) => snippet.prefix),
    [
      ['incident-report-table', 'increport-table'],
      ['timeline-row'],
      ['attack-methodology-table', 'tactics-table'],
      ['impact-table'],
      ['response-actions-table'],
    ],
  );
});

test('snippets: the Attack Methodology block has every tactic of the catalog in matrix order', () => {
  const snippets = JSON.parse(snippetsFileText()) as Record<string, { body: string[] }>;
  const rows = snippets['Attack Methodology'].body.slice(1).map((line) => /^- \*\*(.+):\*\*/.exec(line)?.[1]);
  assert.deepEqual(
    rows,
    engine().catalog.tactics.map((tactic) => tactic.name),
  );
});

test('snippets: the Attack Methodology table has every tactic of the catalog in matrix order', () => {
  const snippets = JSON.parse(snippetsFileText()) as Record<string, { body: string[] }>;
  const rows = snippets['Attack Methodology table'].body.slice(3).map((line) => /^\| (.+) \| \$\{\d+:\[TODO: techniques used, or N\/A\]\} \|$/.exec(line)?.[1]);
  assert.deepEqual(
    rows,
    engine().catalog.tactics.map((tactic) => tactic.name),
  );
});
