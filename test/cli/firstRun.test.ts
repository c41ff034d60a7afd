import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { CHECK_USAGE } from '../../server/src/cli/checkCommand';
import { EXPORT_USAGE } from '../../server/src/cli/exportCommand';
import { runCli } from '../../server/src/cli/main';
import { RENDER_USAGE } from '../../server/src/cli/renderCommand';
import { fakeIo } from './fakeIo';
import { cleanReportText } from '../helpers';

const work = mkdtempSync(join(tmpdir(), 'increport-first-run-'));
after(() => rmSync(work, { recursive: true, force: true }));
const write = (name: string, content: string) => {
  mkdirSync(join(work, name, '..'), { recursive: true });
  writeFileSync(join(work, name), content);
};
write('notes/README.md', '# Team notes\n\nNothing to see.\n');
write('notes/how-to.md', '# How to write a report\n\n- Start with a title.\n');
write('reports/ir-1.md', cleanReportText());
write(
  'warnings-only/ir-2.md',
  cleanReportText()
    .replace('- **Sector:** Information Technology / Cloud Service Provider', '- **Sector:** TBD')
    .replace('- **Geography:** Global', '- **Geography:** TODO'),
);

async function run(args: string[]) {
  const { io, out } = fakeIo(work);
  const code = await runCli(args, io);
  return { code, ...out };
}

describe('first run: a check that finds no report fails', () => {
  test('a folder of non-report Markdown exits 2 and says how many files were skipped and why', async () => {
    const result = await run(['check', 'notes/']);
    assert.equal(result.code, 2);
    assert.equal(
      result.stderr,
      'increport: no incident report found in \'notes/\': 2 Markdown files were skipped as not an incident report (no "# Incident Report" title, report front matter or report sections) (--verbose lists them).\n' +
        'Nothing was checked, so this run fails; add --allow-empty if an empty run is fine.\n',
    );
  });

  test('--verbose lists the skipped files; --allow-empty keeps exit 0', async () => {
    const verbose = await run(['check', '--verbose', 'notes/']);
    assert.equal(verbose.code, 2);
    assert.match(verbose.stderr, /^increport: skipped notes\/README\.md: not an incident report .*\nincreport: skipped notes\/how-to\.md: /);
    assert.doesNotMatch(verbose.stderr, /--verbose lists them/);
    const allowed = await run(['check', '--allow-empty', 'notes/']);
    assert.deepEqual([allowed.code, allowed.stderr], [0, '']);
  });

  test('--only-reports on named non-reports is an empty run too; one report among them is enough', async () => {
    assert.equal((await run(['check', '--only-reports', 'notes/README.md'])).code, 2);
    const mixed = await run(['check', 'notes/', 'reports/']);
    assert.deepEqual([mixed.code, mixed.stderr], [0, '']);
  });
});

describe('first run: --quiet says what it left out', () => {
  test('only warnings: "no errors", with the number of warnings not shown', async () => {
    const result = await run(['check', '--quiet', 'warnings-only/']);
    assert.deepEqual([result.code, result.stdout, result.stderr], [0, '✔ No errors (1 file checked; 2 warnings not shown: --quiet shows errors only)\n', '']);
    const plain = await run(['check', 'warnings-only/']);
    assert.match(plain.stdout, /✖ 2 problems \(2 warnings\) in the 1 file checked\n/);
  });

  test('errors and warnings: the errors are shown, the summary says how many warnings were hidden', async () => {
    write(
      'mixed/ir-3.md',
      cleanReportText()
        .replace('- **Sector:** Information Technology / Cloud Service Provider', '- **Sector:** TBD')
        .replace('- **Incident Date:** June 1, 2026\n', ''),
    );
    const result = await run(['check', '--quiet', 'mixed/']);
    assert.equal(result.code, 1);
    assert.doesNotMatch(result.stdout, /placeholder/);
    assert.match(result.stdout, /error +Field 'Incident Date' is missing/);
    assert.match(result.stdout, /✖ 1 problem \(1 error\) in the 1 file checked\n {2}\(1 warning not shown: --quiet shows errors only\)\n/);
  });

  test('nothing hidden: still "no problems"', async () => {
    assert.match((await run(['check', '--quiet', 'reports/'])).stdout, /^✔ No problems \(1 file checked\)\n$/);
  });
});

describe('first run: mistakes on the command line get a did-you-mean and the usage', () => {
  const cases: [string[], string, string][] = [
    [['chek', 'reports/'], "increport: unknown command 'chek' (did you mean 'check'?)", ''],
    [['--verison'], "increport: unknown option '--verison' (did you mean '--version'?)", ''],
    [['check', '--quite', 'reports/'], "increport: unknown option '--quite' (did you mean '--quiet'?)", CHECK_USAGE],
    [['check', '-q', 'reports/'], "increport: unknown option '-q' (did you mean '--quiet'?)", CHECK_USAGE],
    [['check', '--quiet=yes', 'reports/'], "increport: option '--quiet' takes no value (write '--quiet' alone)", CHECK_USAGE],
    [['check', 'reports/', '--format'], "increport: option '--format' needs a value (write '--format <value>' or '--format=<value>')", CHECK_USAGE],
    [
      ['check', '--format', 'sarf', 'reports/'],
      "increport: unknown format 'sarf' (did you mean 'sarif'?) (expected one of: stylish, json, sarif, junit, github)",
      CHECK_USAGE,
    ],
    [['check', '--frobnicate', 'reports/'], "increport: unknown option '--frobnicate'", CHECK_USAGE],
    [['render', '--out', 'x.html', 'reports/ir-1.md'], "increport render: unknown option '--out' (did you mean '--output'?)", RENDER_USAGE],
    [['export', '--fromat', 'json', 'reports/ir-1.md'], "increport: unknown option '--fromat' (did you mean '--format'?)", EXPORT_USAGE],
    [
      ['export', '-f', 'stx', 'reports/ir-1.md'],
      "increport: unknown export format 'stx' (did you mean 'stix'?) (expected one of: json, stix, navigator)",
      EXPORT_USAGE,
    ],
  ];
  for (const [args, message, usage] of cases) {
    test(args.join(' '), async () => {
      const result = await run(args);
      assert.equal(result.code, 2);
      assert.equal(result.stdout, '');
      const [first, ...rest] = result.stderr.split('\n\n');
      assert.equal(first, message);
      assert.doesNotMatch(result.stderr, /To specify a positional argument|ERR_PARSE_ARGS/, "not Node's parser text");
      if (usage) assert.ok(result.stderr.endsWith(`\n\n${usage}`), 'ends with the usage of the command');
      else assert.match(rest.join('\n\n'), /^Usage: increport <command> \[options\]\n\nCommands:\n {2}check /);
    });
  }
});
