import assert from 'node:assert/strict';
import { relative } from 'node:path';
import { test } from 'node:test';
import type { JsonReport } from '../../server/src/cli/formatters/json';
import { describeInOrder, expectedFindings } from '../dialectExpectations';
import { projectRoot, TEST_NOW } from '../helpers';
import { realWorldReports } from '../realWorldLines';
import { runCli } from './cliHarness';

// The real-world lines (test/realWorldLines.ts) through the executable, on the test clock: the same findings as the engine's, which are the marked ones.
test('cli: the real-world lines give exactly the marked findings (json format)', () => {
  const reports = realWorldReports();
  const paths = reports.map((report) => relative(projectRoot(), report.path));
  const run = runCli(['check', '--format', 'json', ...paths], { env: { INCREPORT_NOW: TEST_NOW.toISOString() } });
  assert.equal(run.stderr, '');
  const report = JSON.parse(run.stdout) as JsonReport;
  assert.deepEqual(
    report.files.map((file) => file.path),
    paths,
  );
  reports.forEach((fixture, index) => {
    assert.equal(report.files[index].error, undefined, fixture.name);
    assert.deepEqual(describeInOrder(report.files[index].findings), expectedFindings(fixture), fixture.name);
  });
});
