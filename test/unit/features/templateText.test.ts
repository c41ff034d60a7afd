import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SNIPPETS_PATH } from '../../../scripts/generate-snippets';
import type { AnalysedReport } from '../../../server/src/engine/analysedReport';
import { codeActions } from '../../../server/src/engine/features/codeActions';
import { complete } from '../../../server/src/engine/features/completion';
import type { FeatureContext, QuickFix } from '../../../server/src/engine/features/featureTypes';
import { ReportEngine } from '../../../server/src/engine/engine';
import { renderText, reportTemplate } from '../../../server/src/engine/templates/skeleton';
import type { TemplateStyle } from '../../../server/src/engine/templates/templateStyle';
import { LineIndex } from '../../../server/src/engine/text/lineIndex';
import type { Finding } from '../../../server/src/engine/types';
import { createBundledReportSchema } from '../../../server/src/node/bundledResources';
import { cleanReportText, defaultVersionEngine, describeFinding, formatRange, TEST_NOW } from '../../helpers';
import { readFileSync } from 'node:fs';
import { applyEdits, checked, key } from './fixHarness';

/*
 * Template text is `[TODO: …]` and nothing else (templates/templateParts.ts): whatever a fix, a snippet,
 * completion or New Report inserts, the placeholder rule reports exactly where such text stands, and no
 * other finding appears or disappears because of it.
 */

const TODO = /\[TODO: [^[\]\n]*\]/g;

/** The ranges of the `[TODO: …]` holes of a text, outside front matter. */
function holeRanges(text: string): string[] {
  const lines = new LineIndex(text);
  return [...text.matchAll(TODO)].map((match) => formatRange({ start: lines.positionAt(match.index), end: lines.positionAt(match.index + match[0].length) }));
}

const placeholderRanges = (findings: readonly Finding[]) =>
  findings.filter((finding) => finding.ruleId === 'placeholder').map((finding) => formatRange(finding.range));

/** The findings of a text with template text in it: the placeholder ones exactly at its holes, and the others. */
function assertHolesFlagged(text: string, checker: ReportEngine = defaultVersionEngine(), where = ''): Finding[] {
  const findings = checker.check(text).findings;
  assert.ok(holeRanges(text).length > 0, `${where}: no template text`);
  assert.deepEqual(placeholderRanges(findings).sort(), holeRanges(text).sort(), `${where}: placeholder findings are the holes`);
  return findings.filter((finding) => finding.ruleId !== 'placeholder');
}

const withStyle = (context: FeatureContext, style: TemplateStyle): FeatureContext => ({
  ...context,
  config: { templates: { style } } as AnalysedReport['config'],
});

/** What VS Code inserts when every tab stop keeps its default. */
function expandSnippet(body: string): string {
  let expanded = '';
  for (let index = 0; index < body.length; index++) {
    const char = body[index];
    if (char === '\\') expanded += body[++index];
    else if (char === '$' && body[index + 1] === '{') index = body.indexOf(':', index);
    else if (char === '}') continue;
    else expanded += char;
  }
  return expanded;
}

/** The section (up to the next `## ` heading or the end) replaced by `by`. */
const replaceSection = (text: string, heading: string, by = ''): string => text.replace(new RegExp(`^## ${heading}\\n[^]*?(?=^## |(?![^]))`, 'm'), by);
const withoutSection = (text: string, heading: string): string => replaceSection(text, heading);

const fixTitled = (fixes: readonly QuickFix[], prefix: string): QuickFix | undefined => fixes.find((fix) => fix.title.startsWith(prefix));

test('template text: New Report, in both styles, is flagged at every hole and nowhere else, and breaks no other rule', () => {
  const checker = defaultVersionEngine();
  for (const style of ['bullets', 'tables'] as const) {
    const text = renderText(reportTemplate(checker.schema.spec, checker.catalog.tactics, { style }));
    assert.doesNotMatch(text, /hxxp|SHA-256|Example Corp|Not yet determined|\d{4}-\d\d-\d\d|: N\/A|\| N\/A/, style);
    assert.deepEqual(assertHolesFlagged(text, checker, style).map(describeFinding), [], style);
  }
});

test('template text: every snippet, inserted as is into a report, is flagged at every hole and nowhere else', () => {
  const snippets = JSON.parse(readFileSync(SNIPPETS_PATH, 'utf8')) as Record<string, { body: string[] }>;
  const clean = cleanReportText();
  for (const [name, snippet] of Object.entries(snippets)) {
    const inserted = expandSnippet(snippet.body.join('\n'));
    const heading = /^## (.+)$/m.exec(inserted)?.[1];
    let text: string;
    if (inserted.startsWith('# ')) text = `${inserted}\n`;
    else if (heading) text = replaceSection(clean, heading, `${inserted}\n`);
    else if (inserted.startsWith('|'))
      text = replaceSection(clean, 'Timeline of Events', `## Timeline of Events\n| Date/Time | Phase | Details |\n|---|---|---|\n${inserted}\n`);
    else text = clean.replace('## Attack Methodology', `${inserted}\n## Attack Methodology`);
    const others = assertHolesFlagged(text, defaultVersionEngine(), name);
    // Sections moved by the insertion may be out of order; nothing else.
    assert.deepEqual(others.filter((finding) => finding.ruleId !== 'section-order').map(describeFinding), [], name);
  }
});

test('template text: every "Add section" fix and section completion, in both styles, inserts holes that are flagged, and nothing else', () => {
  const checker = defaultVersionEngine();
  const clean = cleanReportText();
  for (const section of checker.schema.spec.sections) {
    const text = withoutSection(clean, section.title);
    assert.notEqual(text, clean, section.title);
    for (const style of ['bullets', 'tables'] as const) {
      const start = checked(text, checker);
      const missing = start.findings.find((finding) => finding.ruleId === 'section-missing' && finding.data?.sectionKey === section.key);
      assert.ok(missing, section.title);
      const fix = fixTitled(codeActions(withStyle(start.context, style), start.findings, missing.range), 'Add section');
      assert.ok(fix, `${section.title}: no Add section fix`);
      const after = applyEdits(text, fix.edits);
      assert.deepEqual(assertHolesFlagged(after, checker, `${section.title} ${style}`).map(describeFinding), [], `${section.title} ${style}`);
      // Completion on a blank line where the section was offers the same text as a snippet.
      const blank = applyEdits(text, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: '\n' }]);
      const entry = complete(withStyle(checked(blank, checker).context, style), { line: 1, character: 0 }).find((each) => each.label === section.title);
      assert.ok(entry?.insertText, `${section.title}: completion`);
      assert.ok(!/\$\{\d+:(?!\[TODO: )/.test(entry.insertText), `${section.title}: every tab stop is a hole: ${entry.insertText}`);
    }
  }
});

test('template text: every "Add field" fix inserts a hole that is flagged, in a list and in a table', () => {
  const checker = defaultVersionEngine();
  const bullets = cleanReportText();
  const tables = bullets.replace(/## Incident Details\n[^]*?(?=## )/, (section) =>
    section
      .replace(/^- \*\*(.+?):\*\* (.*)$/gm, (_, field: string, value: string) => `| ${field} | ${value} |`)
      .replace('\n|', '\n| Field | Value |\n|---|---|\n|'),
  );
  for (const base of [bullets, tables]) {
    for (const field of (checker.schema.spec.sectionByKey('incidentDetails')?.fields ?? []).filter((each) => each.required)) {
      const text = base.replace(new RegExp(`^(?:- \\*\\*${field.title}:\\*\\*|\\| ${field.title} \\|).*\\n`, 'm'), '');
      assert.notEqual(text, base, field.title);
      const start = checked(text, checker);
      const missing = start.findings.find((finding) => finding.ruleId === 'field-missing' && finding.message.includes(`'${field.title}'`));
      assert.ok(missing, field.title);
      const fix = fixTitled(codeActions(start.context, start.findings, missing.range), 'Add field');
      assert.ok(fix, field.title);
      const after = applyEdits(text, fix.edits);
      assert.deepEqual(assertHolesFlagged(after, checker, field.title).map(describeFinding), [], field.title);
    }
  }
});

test('template text: a required front matter key is added with a hole, which the placeholder rule reports there', () => {
  const strict = new ReportEngine({
    schema: createBundledReportSchema([{ properties: { frontMatter: { required: ['severity', 'id'] } } }]),
    catalog: defaultVersionEngine().catalog,
    now: () => TEST_NOW,
  });
  let text = cleanReportText();
  for (const name of ['severity', 'id']) {
    const start = checked(text, strict);
    const missing = start.findings.find((finding) => finding.ruleId === 'field-missing' && finding.data?.frontMatterKey === name);
    assert.ok(missing, name);
    const fix = fixTitled(codeActions(start.context, start.findings, missing.range), 'Add field');
    assert.ok(fix, name);
    text = applyEdits(text, fix.edits);
  }
  assert.ok(text.startsWith('---\nseverity: "[TODO: severity]"\nid: "[TODO: id]"\n---\n'));
  const findings = strict.check(text).findings;
  assert.deepEqual(placeholderRanges(findings), ['1:10-1:28', '2:4-2:16']);
  // An enumerated value is not one yet: the value rule says so too.
  assert.deepEqual(
    findings.filter((finding) => finding.ruleId !== 'placeholder').map((finding) => finding.ruleId),
    ['value-invalid'],
  );
});

test('template text: an Indicators of Compromise section with only holes is no section of indicators', () => {
  const checker = defaultVersionEngine();
  const text = withoutSection(cleanReportText(), 'Indicators of Compromise');
  const start = checked(text, checker);
  const missing = start.findings.find((finding) => finding.ruleId === 'section-missing');
  assert.ok(missing);
  const fix = fixTitled(codeActions(start.context, start.findings, missing.range), 'Add section');
  assert.ok(fix);
  const after = applyEdits(text, fix.edits);
  assert.match(after, /- \*\*Network indicators:\*\* \[TODO: network indicators\]\n- \*\*File indicators:\*\* \[TODO: file indicators\]\n/);
  assert.doesNotMatch(after, /hxxp|SHA-256|example/);
  assert.equal(assertHolesFlagged(after, checker).length, 0);
  assert.ok(checked(after, checker).findings.every((finding) => finding.severity === 'warning' && key(finding).includes('[TODO: ')));
});
