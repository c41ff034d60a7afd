import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { SNIPPETS_PATH, snippetsFileText } from '../../../scripts/generate-snippets';
import { renderText, reportTemplate } from '../../../server/src/engine/templates/skeleton';
import { defaultVersionEngine as engine, describeFinding } from '../../helpers';

/** What VS Code inserts when every tab stop keeps its default (date variables given as `today`). */
function expandSnippet(body: readonly string[], today: string): string {
  const text = body.join('\n').replace(/\$CURRENT_YEAR-\$CURRENT_MONTH-\$CURRENT_DATE/g, today);
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

test('snippets: the full report snippet, inserted as is, is a clean report', () => {
  const snippets = JSON.parse(snippetsFileText()) as Record<string, { body: string[] }>;
  const inserted = expandSnippet(snippets['Incident report'].body, '2026-11-01');
  assert.deepEqual(engine().check(inserted).findings.map(describeFinding), []);
  assert.equal(inserted, renderText(reportTemplate(engine().schema.spec, engine().catalog.tactics), '2026-11-01'));
});

test('snippets: the Attack Methodology block has every tactic of the catalog in matrix order', () => {
  const snippets = JSON.parse(snippetsFileText()) as Record<string, { body: string[] }>;
  const rows = snippets['Attack Methodology'].body.slice(1).map((line) => /^- \*\*(.+):\*\*/.exec(line)?.[1]);
  assert.deepEqual(
    rows,
    engine().catalog.tactics.map((tactic) => tactic.name),
  );
});
