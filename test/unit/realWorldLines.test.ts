import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expectedFindings, markedExpectations } from '../dialectExpectations';
import { contentLines, realWorldReports } from '../realWorldLines';

const reports = realWorldReports();

test('real-world lines: at least 150 lines of every kind, and some of them marked', () => {
  const lines = reports.flatMap((report) => contentLines(report.text));
  assert.ok(lines.length >= 150, `${lines.length} content lines`);
  const marked = reports.reduce((sum, report) => sum + markedExpectations(report.text).size, 0);
  assert.ok(marked >= 20 && marked < lines.length / 3, `${marked} marked lines`);
});

for (const report of reports) {
  test(`real-world lines: ${report.name} gives exactly the findings marked in it, at their default severities`, () => {
    expectedFindings(report);
  });
}
