import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { RENDER_USAGE, runRender } from '../../server/src/cli/renderCommand';
import { fakeIo } from './fakeIo';
import { projectRoot, cleanReportText } from '../helpers';

const ROOT = projectRoot();

describe('render: increport render', () => {
  test('writes a standalone document to stdout, exit 0 even with findings', async () => {
    const { io, out } = fakeIo(ROOT);
    assert.equal(await runRender(['examples/broken/fields.md'], io), 0);
    assert.match(out.stdout, /^<!DOCTYPE html>\n<html lang="en" data-target="standalone">/);
    assert.match(out.stdout, /<section class="validation card"/);
    assert.equal(out.stderr, '');
  });

  test('-o writes a file; stdin with - ; --help', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'increport-render-'));
    const { io, out } = fakeIo(dir, cleanReportText());
    assert.equal(await runRender(['-', '-o', 'seed.html'], io), 0);
    const html = readFileSync(join(dir, 'seed.html'), 'utf8');
    assert.match(html, /<title>Incident Report: Microsoft MFA and My Sign-Ins Service Outage<\/title>/);
    assert.equal(out.stdout, '');
    const help = fakeIo(dir);
    assert.equal(await runRender(['--help'], help.io), 0);
    assert.equal(help.out.stdout, RENDER_USAGE);
  });

  test('usage, input, config and output errors exit 2 with a clear message', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'increport-render-'));
    const cases: [string[], RegExp][] = [
      [[], /no report given/],
      [['a.md', 'b.md'], /one report at a time/],
      [['--bogus', 'a.md'], /unknown option '--bogus'/],
      [['missing.md'], /missing\.md: File not found/],
      [['.'], /\.: Not a regular file \(a directory\)/],
      [[join(ROOT, 'examples', 'microsoft-mfa-outage.md'), '-o', join(dir, 'no', 'such', 'dir', 'x.html')], /cannot write .*x\.html: no such folder/],
    ];
    for (const [args, message] of cases) {
      const { io, out } = fakeIo(dir);
      assert.equal(await runRender(args, io), 2, args.join(' '));
      assert.match(out.stderr, message);
      assert.equal(out.stdout, '');
    }
    const configured = join(dir, 'configured');
    mkdirSync(configured);
    writeFileSync(join(configured, '.increport.yaml'), 'rules:\n  no-such-rule: error\n');
    writeFileSync(join(configured, 'r.md'), cleanReportText());
    const { io, out } = fakeIo(configured);
    assert.equal(await runRender(['r.md'], io), 2);
    assert.match(out.stderr, /invalid configuration/);
  });

  test('the real executable: node bin/increport.js render', () => {
    const result = spawnSync(process.execPath, [join(ROOT, 'bin', 'increport.js'), 'render', 'examples/northwind-ransomware-intrusion.md'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /<table class="iocs">/);
  });
});
