import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { defaultVersionEngine, projectRoot } from '../helpers';

/*
 * The quality bar (issue 14), measured on test/fixtures/quality (see its README): correct reports get no
 * warning or error (at most 2 % of files may), and at least 95 % of the defects planted in their broken
 * copies are flagged, by one of the expected rules, at the expected line, as a warning or an error.
 */
const CORPUS = join(projectRoot(), 'test', 'fixtures', 'quality');
const NOW = new Date('2026-12-02T12:00:00Z');
const MAX_FALSE_ALARM_RATE = 0.02;
const MIN_DETECTION_RATE = 0.95;

interface Defect {
  file: string;
  defect: string;
  rules: string[];
  /** 1-based; absent for a defect with no line of its own (a missing section). */
  line?: number;
  /** Text that stands on that line, so that an edit that moves the defect fails loudly here. */
  marker?: string;
}

const markdownIn = (folder: string) =>
  readdirSync(folder)
    .filter((name) => name.endsWith('.md'))
    .sort();

function checkFile(path: string) {
  const text = readFileSync(path, 'utf8');
  return { text, findings: defaultVersionEngine().check(text, {}, NOW).findings };
}

test('quality: at most 2 % of the correct reports get a warning or an error', () => {
  const folder = join(CORPUS, 'clean');
  const files = markdownIn(folder);
  assert.ok(files.length >= 12, `only ${files.length} correct reports`);
  const alarms = files.flatMap((name) => {
    const loud = checkFile(join(folder, name)).findings.filter((finding) => finding.severity !== 'info');
    return loud.map((finding) => `${name}:${finding.range.start.line + 1}: ${finding.severity} ${finding.ruleId}: ${finding.message}`);
  });
  const alarmed = new Set(alarms.map((alarm) => alarm.split(':')[0]));
  assert.ok(alarmed.size / files.length <= MAX_FALSE_ALARM_RATE, `${alarmed.size} of ${files.length} correct reports warned about:\n${alarms.join('\n')}`);
});

test('quality: at least 95 % of the planted defects are flagged at their line, by an expected rule, as a warning or an error', () => {
  const folder = join(CORPUS, 'broken');
  const defects = JSON.parse(readFileSync(join(folder, 'defects.json'), 'utf8')) as Defect[];
  assert.ok(defects.length >= 20, `only ${defects.length} defects`);
  const checked = new Map(markdownIn(folder).map((name) => [name, checkFile(join(folder, name))]));
  const missed = defects.filter((defect) => {
    const result = checked.get(defect.file);
    assert.ok(result, `${defect.file} is not in the corpus`);
    if (defect.line !== undefined) {
      const line = result.text.split('\n')[defect.line - 1] ?? '';
      assert.ok(defect.marker !== undefined && line.includes(defect.marker), `${defect.file}:${defect.line} no longer holds '${defect.marker}'`);
    }
    return !result.findings.some(
      (finding) =>
        finding.severity !== 'info' && defect.rules.includes(finding.ruleId) && (defect.line === undefined || finding.range.start.line === defect.line - 1),
    );
  });
  const rate = (defects.length - missed.length) / defects.length;
  assert.ok(
    rate >= MIN_DETECTION_RATE,
    `${defects.length - missed.length} of ${defects.length} defects flagged; missed:\n${missed.map((defect) => `${defect.file}:${defect.line ?? '-'} ${defect.rules.join('/')}: ${defect.defect}`).join('\n')}`,
  );
});
