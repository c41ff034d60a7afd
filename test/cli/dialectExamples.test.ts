import assert from 'node:assert/strict';
import { relative } from 'node:path';
import { test } from 'node:test';
import type { JsonReport } from '../../server/src/cli/formatters/json';
import { describeInOrder, dialectExamples, expectedFindings } from '../dialectExpectations';
import { projectRoot } from '../helpers';
import { runCli } from './cliHarness';

/*
 * The dialect examples through the executable (`increport check --format json`, one run for all of them):
 * each file's findings are exactly those it marks, with the engine's ranges and messages, at the rules'
 * default severities (test/dialectExpectations.ts); the language server is held to the same in
 * test/protocol/dialectExamples.test.ts.
 */
test('cli: every dialect example gives exactly the findings marked in it (json format)', () => {
  const examples = dialectExamples();
  const paths = examples.map((example) => relative(projectRoot(), example.path));
  const run = runCli(['check', '--format', 'json', ...paths]);
  assert.equal(run.stderr, '');
  assert.equal(run.status, 1, 'the broken examples have errors');
  const report = JSON.parse(run.stdout) as JsonReport;
  assert.deepEqual(
    report.files.map((file) => file.path),
    paths,
  );
  examples.forEach((example, index) => {
    const file = report.files[index];
    assert.equal(file.error, undefined, example.name);
    assert.deepEqual(describeInOrder(file.findings), expectedFindings(example), example.name);
    for (const finding of file.findings) {
      assert.deepEqual(
        [finding.line, finding.column, finding.endLine, finding.endColumn],
        [finding.range.start.line + 1, finding.range.start.character + 1, finding.range.end.line + 1, finding.range.end.character + 1],
      );
    }
  });
});
