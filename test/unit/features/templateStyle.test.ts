import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { AnalysedReport } from '../../../server/src/engine/analysedReport';
import { codeActions } from '../../../server/src/engine/features/codeActions';
import { complete } from '../../../server/src/engine/features/completion';
import type { FeatureContext } from '../../../server/src/engine/features/featureTypes';
import type { TemplateStyle } from '../../../server/src/engine/templates/templateStyle';
import { ReportWorkspace } from '../../../server/src/engine/workspace';
import { cleanReportText, describeFinding, testHost } from '../../helpers';
import { applyEdits } from './fixHarness';

const root = mkdtempSync(join(tmpdir(), 'increport-template-features-'));
after(() => rmSync(root, { recursive: true, force: true }));
writeFileSync(join(root, '.increport.yaml'), 'root: true\n');

/** The report as the language server analyses it: with the configuration, whose template style is the editor's setting here. */
const analyse = (text: string, templateStyle?: TemplateStyle): AnalysedReport =>
  new ReportWorkspace({ host: testHost(), baseDirectory: root, defaults: { templateStyle } }).analyse(join(root, 'report.md'), text);

/** The clean report without its Timeline of Events and Attack Methodology, a blank line (line 9) in their place. */
const WITHOUT_TWO = cleanReportText().replace(/## Timeline of Events\n[^]*?(?=## Impact Assessment)/, '\n');

const sectionSnippet = (context: FeatureContext, label: string) =>
  complete(context, { line: 9, character: 0 }).find((entry) => entry.label === label)?.insertText;

test('template style: completion offers the missing sections as tables when the style is tables, with [TODO: …] holes', () => {
  const tables = analyse(WITHOUT_TWO, 'tables');
  assert.equal(
    sectionSnippet(tables, 'Timeline of Events'),
    [
      '## Timeline of Events',
      '| Date/Time | Phase | Details |',
      '|---|---|---|',
      '| ${1:[TODO: YYYY-MM-DD HH:MM UTC]} | ${2:[TODO: phase name]} | ${3:[TODO: details]} |',
    ].join('\n'),
  );
  const methodology = sectionSnippet(tables, 'Attack Methodology')?.split('\n');
  assert.deepEqual(methodology?.slice(0, 4), [
    '## Attack Methodology',
    '| Tactic | Technique |',
    '|---|---|',
    '| Reconnaissance | ${1:[TODO: techniques used, or N/A]} |',
  ]);
  assert.equal(methodology?.length, 3 + tables.catalog.tactics.length);
});

test('template style: completion offers bullet sections by default, and where the features get no configuration', () => {
  const bullets = analyse(WITHOUT_TWO);
  const { model, spec, catalog, now } = analyse(WITHOUT_TWO, 'tables');
  for (const context of [bullets, { model, spec, catalog, now }]) {
    assert.match(sectionSnippet(context, 'Timeline of Events') ?? '', /^## Timeline of Events\n### \$\{1:\[TODO: phase name\]\}\n- \*\*Date\/Time:\*\* /);
    assert.match(
      sectionSnippet(context, 'Attack Methodology') ?? '',
      /^## Attack Methodology\n- \*\*Reconnaissance:\*\* \$\{1:\[TODO: techniques used, or N\/A\]\}\n/,
    );
  }
});

test('template style: the section-missing quick fix adds the section in the configured style, and the report is clean after it but for its holes', () => {
  const text = cleanReportText().replace(/## Attack Methodology\n[^]*?(?=## Impact Assessment)/, '');
  for (const style of ['tables', 'bullets'] as const) {
    const report = analyse(text, style);
    const missing = report.findings.filter((finding) => finding.ruleId === 'section-missing');
    assert.deepEqual(missing.map(describeFinding), [
      "21:3-21:20 error section-missing Section 'Attack Methodology' is missing: add it before 'Impact Assessment'",
    ]);
    const fix = codeActions(report, missing, missing[0].range).find((action) => action.title === "Add section 'Attack Methodology'");
    assert.ok(fix, style);
    const fixed = applyEdits(text, fix.edits);
    assert.match(
      fixed,
      style === 'tables'
        ? /\n## Attack Methodology\n\| Tactic \| Technique \|\n\|---\|---\|\n\| Reconnaissance \| \[TODO: techniques used, or N\/A\] \|\n/
        : /\n## Attack Methodology\n- \*\*Reconnaissance:\*\* \[TODO: techniques used, or N\/A\]\n/,
      style,
    );
    assert.deepEqual(
      analyse(fixed, style)
        .findings.filter((finding) => finding.ruleId !== 'placeholder')
        .map(describeFinding),
      [],
      style,
    );
  }
});
