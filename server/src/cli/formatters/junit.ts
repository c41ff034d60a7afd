import type { FileResult, Formatter } from './formatterTypes';
import { compareFindings, type Finding } from '../../engine/types';
import { replaceControlChars } from './controlChars';

/*
 * JUnit XML for CI test dashboards (Jenkins JUnit, GitLab test reports, GitHub test-reporter actions).
 *
 * - <testsuites> holds one <testsuite name=FILE> per checked file, in input order.
 * - Each finding is a <testcase classname=FILE name="RULE line:col" file=FILE line=N>.
 * - Errors are <failure message=MESSAGE type=RULE> with `FILE:line:col: severity: message (rule)` as text.
 *   Warnings and infos are passing test cases whose <system-out> carries the same text: the dashboard
 *   turns red exactly when `increport check` exits 1 for findings, and the warnings are still listed
 *   (Jenkins, GitLab and the GitHub reporters show system-out with the test case). To fail the build on
 *   warnings too, use --max-warnings 0: the exit status then fails the job whatever the dashboard shows.
 * - A file without findings is one passing <testcase name="increport">.
 * - A file that could not be read is an <error message=REASON type="unreadable"> (counted in `errors`).
 * No timestamps or durations, so the output is deterministic. Text is escaped for XML 1.0; characters
 * XML 1.0 cannot carry at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF) become U+FFFD, and so do
 * those it can but a terminal would act on when the file is printed in a CI log (DEL, C1 controls, bidi overrides).
 */

/** Characters not allowed anywhere in an XML 1.0 document. */
const INVALID_XML_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Escapes element text (a carriage return as a reference, as parsers would otherwise turn CR LF into LF). */
export function xmlText(text: string): string {
  return replaceControlChars(text.replace(INVALID_XML_CHARS, '\uFFFD'))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
}

/** Escapes an attribute value (double-quoted); tabs and line breaks as character references so they survive attribute normalization. */
export function xmlAttribute(text: string): string {
  return xmlText(text).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

function attributes(pairs: readonly (readonly [string, string | number])[]): string {
  return pairs.map(([name, value]) => ` ${name}="${xmlAttribute(String(value))}"`).join('');
}

function location(result: FileResult, finding: Finding): string {
  return `${result.displayPath}:${finding.range.start.line + 1}:${finding.range.start.character + 1}`;
}

function testcase(result: FileResult, finding: Finding): string[] {
  const line = finding.range.start.line + 1;
  const name = `${finding.ruleId} ${line}:${finding.range.start.character + 1}`;
  const open = `    <testcase${attributes([
    ['classname', result.displayPath],
    ['name', name],
    ['file', result.displayPath],
    ['line', line],
  ])}>`;
  const detail = xmlText(`${location(result, finding)}: ${finding.severity}: ${finding.message} (${finding.ruleId})`);
  const body =
    finding.severity === 'error'
      ? `      <failure${attributes([
          ['message', finding.message],
          ['type', finding.ruleId],
        ])}>${detail}</failure>`
      : `      <system-out>${detail}</system-out>`;
  return [open, body, '    </testcase>'];
}

function testsuite(result: FileResult): { xml: string[]; tests: number; failures: number; errors: number } {
  const suite = (tests: number, failures: number, errors: number, cases: string[]) => ({
    xml: [
      `  <testsuite${attributes([
        ['name', result.displayPath],
        ['tests', tests],
        ['failures', failures],
        ['errors', errors],
        ['skipped', 0],
      ])}>`,
      ...cases,
      '  </testsuite>',
    ],
    tests,
    failures,
    errors,
  });
  const caseAttributes = attributes([
    ['classname', result.displayPath],
    ['name', 'increport'],
    ['file', result.displayPath],
  ]);
  if (result.error !== undefined) {
    const error = `      <error${attributes([
      ['message', result.error],
      ['type', 'unreadable'],
    ])}>${xmlText(`${result.displayPath}: ${result.error}`)}</error>`;
    return suite(1, 0, 1, [`    <testcase${caseAttributes}>`, error, '    </testcase>']);
  }
  if (result.findings.length === 0) return suite(1, 0, 0, [`    <testcase${caseAttributes}/>`]);
  const findings = [...result.findings].sort(compareFindings);
  const failures = findings.filter((finding) => finding.severity === 'error').length;
  return suite(
    findings.length,
    failures,
    0,
    findings.flatMap((finding) => testcase(result, finding)),
  );
}

export const junit: Formatter = (results, context) => {
  const suites = results.map(testsuite);
  const total = (key: 'tests' | 'failures' | 'errors') => suites.reduce((sum, suite) => sum + suite[key], 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attributes([
      ['name', context.toolName],
      ['tests', total('tests')],
      ['failures', total('failures')],
      ['errors', total('errors')],
    ])}>`,
    ...suites.flatMap((suite) => suite.xml),
    '</testsuites>',
    '',
  ].join('\n');
};
