import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { PREVIEW_CSS } from '../../../server/src/engine/render/renderReport';
import { engine, projectRoot, seedText, TEST_NOW } from '../../helpers';
import { renderReportBody } from '../../../server/src/engine/render/renderReport';

/** Issue 19: what a colour, an outline or an icon says in the render is also said in words. */

function render(text: string): string {
  const result = engine().check(text);
  return renderReportBody({ model: result.model, spec: engine().schema.spec, catalog: result.catalog, now: TEST_NOW, findings: result.findings });
}
const example = (name: string) => readFileSync(join(projectRoot(), 'examples', name), 'utf8');
/** The text a screen reader reads of an HTML fragment: tags dropped, aria-hidden parts left out. */
const spoken = (html: string) => html.replace(/<span aria-hidden="true">[^<]*<\/span>/g, '').replace(/<[^>]*>/g, '');

const withTechniques = () =>
  seedText()
    .replace('- **Discovery:** N/A', '- **Discovery:** T1087.004 Cloud Account; T1059.999 made up; T1078 Valid Accounts')
    .replace('## Lessons Learned', '## Lessons Learned\nThe actor also used T1110.003 Password Spraying.');

test('matrix: each technique says whether it was listed, only mentioned, unknown or off its tactic', () => {
  const html = render(withTechniques());
  const chip = (id: string) =>
    new RegExp(`<li class="technique[^"]*"[^>]*><span class="tid">${id.replace('.', '\\.')}</span>[\\s\\S]*?</li>`).exec(html)?.[0] ?? '';
  assert.match(spoken(chip('T1087.004')), /^T1087\.004Cloud Account \(listed in a tactic row\)$/);
  assert.match(spoken(chip('T1059.999')), /\(listed in a tactic row; not in ATT&amp;CK v18\.1\)$/);
  assert.match(spoken(chip('T1078')), /\(listed in a tactic row; ATT&amp;CK lists it under [^)]*Initial Access[^)]*\)$/);
  assert.match(spoken(chip('T1110.003')), /\(only mentioned elsewhere in the report\)$/);
});

test('matrix: a tactic with no row says so, and a count says it counts listed techniques', () => {
  const html = render(withTechniques());
  assert.match(html, /title="TA0043 Reconnaissance">Reconnaissance<span class="visually-hidden"> \(no row in the report\)<\/span><\/div>/);
  assert.match(html, /<span class="count">\d+<span class="visually-hidden"> listed<\/span><\/span><\/div>/);
});

test('timeline: a date that does not parse says so in words, not only by its red wavy underline', () => {
  const html = render(example('broken/dates.md'));
  const invalid = [...html.matchAll(/<span class="date-invalid"[^>]*>[\s\S]*?<\/span><\/span>/g)].map((m) => spoken(m[0]));
  assert.ok(invalid.length > 0);
  for (const text of invalid) assert.match(text, / \(not a valid date: [^)]+\)$/);
});

test('indicators: the ⚠ of a malformed value is read as the problem it marks', () => {
  const html = render(example('broken/iocs.md'));
  const problems = [...html.matchAll(/<span class="problem" title="([^"]*)">([\s\S]*?<\/span>)<\/span>/g)];
  assert.ok(problems.length > 0);
  for (const [, title, inner] of problems) assert.equal(spoken(inner), `Problem: ${title}`);
});

test('stylesheet: no animation or transition outside a prefers-reduced-motion guard; forced colours keep borders', () => {
  const guard = /@media \(prefers-reduced-motion: reduce\) \{\n[^\n]*\n\}\n/;
  assert.match(PREVIEW_CSS, guard);
  const unguarded = PREVIEW_CSS.replace(guard, '');
  assert.doesNotMatch(unguarded, /\b(?:animation|transition)(?:-[a-z-]+)?\s*:/);
  assert.doesNotMatch(unguarded, /@keyframes|scroll-behavior:\s*smooth/);
  const forced = /@media \(forced-colors: active\) \{\n([\s\S]*?)\n\}\n/.exec(PREVIEW_CSS)?.[1] ?? '';
  for (const selector of ['.badge', '.technique', '.matrix .tactic', '.technique.mentioned', '.timeline .undated .phase-body::before']) {
    assert.ok(forced.includes(selector), selector);
  }
});
