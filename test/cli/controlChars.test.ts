import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from './cliHarness';

/** What a terminal or a CI log viewer would act on: C0 controls but tab/LF/CR, DEL, C1 controls, bidi controls. */
const ACTIVE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

// Front matter double-quoted YAML turns \e, \a and \x9b into ESC, BEL and the C1 CSI; the messages quote the values.
const REPORT = [
  '---',
  'status: "x\\e]8;;http://evil\\alink\\e]8;;\\a"',
  'severity: "\\e[2J\\x9b31m\\u202Ehigh"',
  '---',
  '# Incident Report: T',
  '## Executive Summary',
  'TBD\u001b[2J here',
  '',
].join('\n');

test('cli: control characters quoted from a report never reach the output raw, in any format', () => {
  for (const format of ['stylish', 'json', 'sarif', 'junit', 'github']) {
    const run = runCli(['check', '--format', format, '-'], { input: REPORT });
    assert.equal(run.status, 1, `${format}: ${run.stderr}`);
    assert.match(run.stdout, /status/, format);
    const active = ACTIVE.exec(run.stdout);
    assert.equal(active, null, `${format}: U+${active?.[0].charCodeAt(0).toString(16)} at ${active?.index}`);
  }
  // JSON keeps the value exactly, escaped.
  const json = JSON.parse(runCli(['check', '--format', 'json', '-'], { input: REPORT }).stdout) as { files: { findings: { message: string }[] }[] };
  assert.ok(json.files[0].findings.some((finding) => finding.message.includes("'x\u001b]8;;http://evil\u0007link\u001b]8;;\u0007'")));
  assert.ok(json.files[0].findings.some((finding) => finding.message.includes("'\u001b[2J\u009b31m\u202ehigh'")));
});
