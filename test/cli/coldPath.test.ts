import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { projectRoot, TEST_NOW } from '../helpers';
import { TINY_INPUT_FILES } from '../../server/src/cli/checkPool';
import { BIN } from './cliHarness';

/*
 * What a cold `increport check` of one report (a pre-commit hook, an editor's first run) must not pay for
 * (issue 16): node:crypto, node:worker_threads and node:v8 (3-4, 2-3 and 2 ms to load) and the runtime's
 * collation data, loaded by the first String.prototype.localeCompare (6-9 ms). A preload records what the
 * real executable loads and calls.
 */
const work = mkdtempSync(join(tmpdir(), 'increport-cold-path-'));
after(() => rmSync(work, { recursive: true, force: true }));
const preload = join(work, 'record.js');
writeFileSync(
  preload,
  `const Module = require('node:module');
const seen = new Set();
const load = Module._load;
Module._load = function (request, ...rest) { seen.add(request.replace(/^node:/, '')); return load.call(this, request, ...rest); };
const compare = String.prototype.localeCompare;
String.prototype.localeCompare = function (...args) { seen.add('localeCompare'); return compare.apply(this, args); };
process.on('exit', () => require('node:fs').writeFileSync(process.env.RECORD_FILE, JSON.stringify([...seen])));
`,
);

function loadedBy(args: string[]): string[] {
  const record = join(work, `record-${args.join('-').replace(/\W+/g, '_')}.json`);
  const run = spawnSync(process.execPath, ['--require', preload, BIN, ...args], {
    cwd: projectRoot(),
    env: { ...process.env, RECORD_FILE: record, INCREPORT_NOW: TEST_NOW.toISOString(), NO_COLOR: '1' },
    encoding: 'utf8',
  });
  assert.ok(run.status === 0 || run.status === 1, `${args.join(' ')}: exit ${run.status}\n${run.stderr}`);
  return JSON.parse(readFileSync(record, 'utf8')) as string[];
}

test('cold path: a check of one report loads neither node:crypto, node:worker_threads nor node:v8, and never collates', () => {
  for (const report of ['examples/microsoft-mfa-outage.md', 'examples/dialects/attack-table.md']) {
    const loaded = loadedBy(['check', report]);
    assert.ok(loaded.includes('fs'), `the recorder saw the executable's own loads: ${loaded.join(', ')}`);
    for (const costly of ['crypto', 'worker_threads', 'v8', 'localeCompare']) assert.ok(!loaded.includes(costly), `${report}: ${costly} was used`);
  }
});

test('cold path: the recorder sees each where a command needs it (control)', () => {
  const out = join(work, 'out.html');
  assert.ok(
    loadedBy(['render', 'examples/microsoft-mfa-outage.md', '--output', out]).includes('crypto'),
    'render writes its page atomically, with a random temporary name',
  );
  // A check of many reports sizes the heap for them (node:v8) and checks on worker threads.
  const many = join(work, 'many');
  mkdirSync(many);
  const report = readFileSync(join(projectRoot(), 'examples', 'microsoft-mfa-outage.md'), 'utf8');
  for (let index = 0; index < TINY_INPUT_FILES; index++) writeFileSync(join(many, `ir-${index}.md`), report);
  const loaded = loadedBy(['check', '--jobs', '2', many]);
  for (const needed of ['v8', 'worker_threads']) assert.ok(loaded.includes(needed), `${needed} not loaded for ${TINY_INPUT_FILES} reports`);
});
