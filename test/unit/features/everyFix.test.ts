import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { codeActions, fixAll } from '../../../server/src/engine/features/codeActions';
import type { Finding } from '../../../server/src/engine/types';
import { cleanReportText, defaultVersionEngine, describeFinding, projectRoot } from '../../helpers';
import { applyEdits, checked, replaceOnce, titles } from './fixHarness';

/*
 * Every fix offered for every finding of the broken examples and fixtures (and their CRLF copies) removes
 * its finding and adds none, but the placeholder findings of the `[TODO: …]` holes it inserts; a disable
 * fix silences its finding where it is reported.
 */

const FOLDERS = ['examples/broken', 'examples/dialects/broken', 'test/fixtures/quality/broken'];
const REPORTS = FOLDERS.flatMap((folder) =>
  readdirSync(join(projectRoot(), folder))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => join(folder, name)),
);

/** A finding's identity across a fix that shifts lines: severity, rule and message, line numbers in it blanked. */
const identity = (finding: Finding) => `${finding.severity} ${finding.ruleId} ${finding.message.replace(/\bline \d+/g, 'line N')}`;
const counts = (findings: readonly Finding[]) => {
  const map = new Map<string, number>();
  for (const finding of findings) map.set(identity(finding), (map.get(identity(finding)) ?? 0) + 1);
  return map;
};
const isHole = (finding: Finding) => finding.ruleId === 'placeholder' && finding.message.startsWith("Placeholder '[TODO: ");

test('every fix offered over the broken examples removes its finding and adds none but its holes', () => {
  const checker = defaultVersionEngine();
  let offered = 0;
  const failures: string[] = [];
  for (const report of REPORTS) {
    const original = readFileSync(join(projectRoot(), report), 'utf8');
    for (const text of [original, original.replace(/\r?\n/g, '\r\n')]) {
      const start = checked(text, checker);
      const before = counts(start.findings);
      for (const finding of start.findings) {
        for (const fix of codeActions(start.context, start.findings, finding.range).filter((candidate) => candidate.fixes.includes(finding))) {
          offered++;
          const after = checker.check(applyEdits(text, fix.edits)).findings;
          const left = counts(after);
          const where = `${report}: ${describeFinding(finding)}\n  '${fix.title}'`;
          if ((left.get(identity(finding)) ?? 0) >= (before.get(identity(finding)) ?? 0)) failures.push(`${where}: the finding is still there`);
          const added = after.filter((other) => !isHole(other) && (left.get(identity(other)) ?? 0) > (before.get(identity(other)) ?? 0));
          if (added.length > 0) failures.push(`${where}: added ${added.map(describeFinding).join('; ')}`);
        }
      }
    }
  }
  assert.deepEqual(failures, []);
  assert.ok(offered >= 300, `${offered} fixes offered`);
});

test('a section written as a timeline H3 is made the section, not added a second time', () => {
  const clean = cleanReportText();
  const methodology = /## Attack Methodology\n[^]*?(?=## Impact Assessment)/.exec(clean)![0];
  const buried = (at: string) => replaceOnce(clean.replace(methodology, ''), at, `${methodology.replace('## Attack', '### Attack')}${at}`);
  // As the timeline's last H3, and between two phases.
  for (const text of [buried('## Impact Assessment'), buried('### Lateral Movement')]) {
    const start = checked(text, defaultVersionEngine());
    const missing = start.findings.find((finding) => finding.ruleId === 'section-missing');
    assert.ok(missing);
    const fixes = codeActions(start.context, start.findings, missing.range);
    assert.ok(!titles(fixes).some((title) => title.startsWith('Add section')), JSON.stringify(titles(fixes)));
    const promote = fixes.find((fix) => fix.isPreferred);
    assert.match(promote?.title ?? '', /^Make the timeline heading 'Attack Methodology' on line \d+ the level-2 section 'Attack Methodology'$/);
    const after = applyEdits(text, promote!.edits);
    assert.deepEqual(defaultVersionEngine().check(after).findings.map(describeFinding), []);
    assert.ok(after.includes('## Attack Methodology\n') && after.includes('T1') === clean.includes('T1'));
  }
  // A dated phase named like a section (`### Impact` of the timeline) stays a phase.
  const impact = replaceOnce(clean, '### Data Exfiltration/Impact', '### Impact').replace(/## Impact Assessment\n[^]*?(?=## Indicators)/, '');
  const start = checked(impact, defaultVersionEngine());
  const missing = start.findings.find((finding) => finding.ruleId === 'section-missing');
  assert.ok(missing);
  assert.ok(titles(codeActions(start.context, start.findings, missing.range)).includes("Add section 'Impact Assessment'"));
});

test('document-level findings: disabled for the file at its top (after front matter), or not offered where that cannot work', () => {
  const untitled = cleanReportText().replace(/^# .*\n/, '');
  const start = checked(untitled, defaultVersionEngine());
  const missing = start.findings.find((finding) => finding.ruleId === 'title-missing');
  assert.ok(missing);
  const fixes = codeActions(start.context, start.findings, missing.range);
  assert.ok(!titles(fixes).includes('Disable title-missing for this line'));
  const disable = fixes.find((fix) => fix.title === 'Disable title-missing for this file');
  assert.ok(disable);
  const after = applyEdits(untitled, disable.edits);
  assert.ok(after.startsWith('<!-- increport-disable title-missing -->\n## Executive Summary'));
  assert.deepEqual(defaultVersionEngine().check(after).findings.map(describeFinding), []);
  // With front matter and no title, the finding is reported on the front matter's first line: no comment can reach it.
  const withFrontMatter = `---\ntype: incident-report\n---\n${untitled}`;
  const again = checked(withFrontMatter, defaultVersionEngine());
  const inFrontMatter = again.findings.find((finding) => finding.ruleId === 'title-missing');
  assert.ok(inFrontMatter);
  assert.ok(!titles(codeActions(again.context, again.findings, inFrontMatter.range)).some((title) => title.startsWith('Disable')));
});

test('a disable fix on a line that continues a paragraph goes at its end: a comment line above would split the paragraph', () => {
  const text = replaceOnce(
    cleanReportText(),
    '- **Behavioral indicators:**',
    'Seen in the logs of the portal,\nhttps://mysignins.example.net/x and more.\n\n- **Behavioral indicators:**',
  );
  const start = checked(text, defaultVersionEngine());
  const finding = start.findings.find((candidate) => candidate.ruleId.startsWith('ioc-live'));
  assert.ok(finding, start.findings.map(describeFinding).join('\n'));
  const disable = codeActions(start.context, start.findings, finding.range).find((fix) => fix.title.startsWith('Disable'));
  assert.ok(disable);
  const after = applyEdits(text, disable.edits);
  assert.match(after, /\nhttps:\/\/mysignins\.example\.net\/x and more\. <!-- increport-disable-line ioc-live[-a-z]* -->\n/);
  assert.deepEqual(defaultVersionEngine().check(after).findings.map(describeFinding), []);
});

test('Fix All leaves a finding alone when its fixes are alternatives (technique ID or name), and takes one that has a single safe fix', () => {
  const text = replaceOnce(
    cleanReportText(),
    '- **Initial Access:** N/A',
    '- **Initial Access:** T1566.002 Spearphishing Attachment, T1566.001 Spearphishing Atachment',
  );
  const start = checked(text, defaultVersionEngine());
  const names = start.findings.filter((finding) => finding.ruleId === 'attack-technique-name');
  assert.equal(names.length, 2, start.findings.map(describeFinding).join('\n'));
  assert.deepEqual(
    names.map((finding) => codeActions(start.context, start.findings, finding.range).filter((fix) => !fix.title.startsWith('Disable')).length),
    [2, 1],
  );
  const all = fixAll(start.context, start.findings);
  assert.ok(all);
  assert.deepEqual(
    all.fixes.map((finding) => finding.range.start.character),
    [names[1].range.start.character],
  );
  assert.ok(applyEdits(text, all.edits).includes('T1566.002 Spearphishing Attachment, T1566.001 Spearphishing Attachment'));
});
