import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { cleanReportText, TEST_NOW } from '../helpers';
import { BIN, runCli } from './cliHarness';
import { hostileTree } from '../hostileTree';

/** Every run is killed after this long: a read that hangs (a FIFO) fails the test instead of the suite. */
const TIMEOUT_MS = 30_000;
const MiB = 1024 * 1024;

const work = mkdtempSync(join(tmpdir(), 'increport-hostile-'));
after(() => rmSync(work, { recursive: true, force: true }));

const tree = (files: Record<string, string>): string => hostileTree(work, files);

const run = (args: string[], cwd: string) => {
  const result = runCli(args, { cwd, timeoutMs: TIMEOUT_MS });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.replaceAll(cwd, '<dir>') };
};

test('hostile input: FIFOs, devices, folders and oversized files are refused by check, render and export', { timeout: 4 * TIMEOUT_MS }, () => {
  const cwd = tree({
    'fifo.md': 'fifo:',
    'zero.md': 'link:/dev/zero',
    'huge.md': `sparse:${10 * MiB + 1}`,
    'folder.md/readme.txt': 'x',
    'ok.md': cleanReportText(),
  });
  const check = run(['check', '--format', 'json', 'fifo.md', 'zero.md', 'huge.md', 'ok.md'], cwd);
  assert.equal(check.status, 2, check.stderr);
  assert.deepEqual(
    (JSON.parse(check.stdout) as { files: { path: string; error?: string }[] }).files.map((file) => [file.path, file.error]),
    [
      ['fifo.md', 'Not a regular file (a FIFO)'],
      ['zero.md', 'Not a regular file (a character device)'],
      ['huge.md', 'File is larger than the 10 MiB limit'],
      ['ok.md', undefined],
    ],
  );
  const expected: [string, string][] = [
    ['fifo.md', 'Not a regular file (a FIFO)'],
    ['zero.md', 'Not a regular file (a character device)'],
    ['folder.md', 'Not a regular file (a directory)'],
    ['huge.md', 'File is larger than the 10 MiB limit'],
  ];
  for (const [name, message] of expected) {
    assert.deepEqual(run(['render', name], cwd), { status: 2, stdout: '', stderr: `increport render: cannot render ${name}: ${message}\n` });
    assert.deepEqual(run(['export', '--format', 'json', name], cwd), { status: 2, stdout: '', stderr: `increport: cannot export ${name}: ${message}\n` });
  }
});

test(
  'hostile input: a configuration, schema extension or ATT&CK bundle that is a FIFO, a device or too large is a config error',
  { timeout: 8 * TIMEOUT_MS },
  () => {
    const cases: [Record<string, string>, string][] = [
      [{ '.increport.yaml': 'fifo:' }, '<dir>/.increport.yaml:1:1: Cannot read this configuration file: not a regular file (a FIFO)'],
      [{ '.increport.yaml': 'link:/dev/zero' }, '<dir>/.increport.yaml:1:1: Cannot read this configuration file: not a regular file (a character device)'],
      [{ '.increport.yaml': `sparse:${MiB + 1}` }, '<dir>/.increport.yaml:1:1: Cannot read this configuration file: file is larger than the 1 MiB limit'],
      [
        { '.increport.yaml': 'schema:\n  extend: ./ext\n', ext: 'fifo:' },
        "<dir>/.increport.yaml:2:11: Schema extension './ext' cannot be read: not a regular file (a FIFO)",
      ],
      [
        { '.increport.yaml': 'schema:\n  extend: /dev/zero\n' },
        "<dir>/.increport.yaml:2:11: Schema extension '/dev/zero' cannot be read: not a regular file (a character device)",
      ],
      [
        { '.increport.yaml': 'schema:\n  extend: ./ext\n', ext: `sparse:${MiB + 1}` },
        "<dir>/.increport.yaml:2:11: Schema extension './ext' cannot be read: file is larger than the 1 MiB limit",
      ],
      [
        { '.increport.yaml': 'attack:\n  bundle: ./bundle.json\n', 'bundle.json': 'fifo:' },
        '<dir>/.increport.yaml:2:11: attack.bundle: Cannot read ATT&CK bundle <dir>/bundle.json: not a regular file (a FIFO)',
      ],
      [
        { '.increport.yaml': 'attack:\n  bundle: /dev/zero\n' },
        '<dir>/.increport.yaml:2:11: attack.bundle: Cannot read ATT&CK bundle /dev/zero: not a regular file (a character device)',
      ],
      [
        { '.increport.yaml': 'attack:\n  bundle: ./bundle.json\n', 'bundle.json': `sparse:${128 * MiB + 1}` },
        '<dir>/.increport.yaml:2:11: attack.bundle: Cannot read ATT&CK bundle <dir>/bundle.json: file is larger than the 128 MiB limit',
      ],
    ];
    for (const [files, message] of cases) {
      const cwd = tree({ ...files, 'ok.md': cleanReportText() });
      const place = /^<dir>\/(\.increport\.yaml:\d+:\d+):/.exec(message)![1];
      const notChecked = `ok.md  error  not checked: its configuration is invalid (${place})\n\n✖ 1 file could not be checked\n`;
      assert.deepEqual(run(['check', 'ok.md'], cwd), { status: 2, stdout: notChecked, stderr: `increport: invalid configuration: ${message}\n` }, message);
      assert.deepEqual(run(['render', 'ok.md'], cwd), { status: 2, stdout: '', stderr: `increport render: invalid configuration: ${message}\n` }, message);
    }
  },
);

/** `increport args` with an endless producer on standard input; resolves when increport exits, or fails after the timeout. */
function runWithEndlessStdin(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string; produced: number }> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, NO_COLOR: '', FORCE_COLOR: '', INCREPORT_NOW: TEST_NOW.toISOString() };
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let produced = 0;
    child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
    child.stdin.on('error', () => undefined); // EPIPE once increport stops reading and exits: expected
    const block = Buffer.alloc(64 * 1024, 0x61);
    const pump = () => {
      while (!child.stdin.destroyed && child.stdin.write(block)) produced += block.length;
      if (!child.stdin.destroyed) child.stdin.once('drain', pump);
    };
    pump();
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`increport ${args.join(' ')} still reading standard input after ${TIMEOUT_MS} ms (${produced} bytes produced)`));
    }, TIMEOUT_MS);
    child.on('exit', (status) => {
      clearTimeout(timer);
      child.stdin.destroy();
      resolve({ status, stdout, stderr, produced });
    });
  });
}

test('hostile input: endless standard input is cut off at the 10 MiB cap, not buffered', { timeout: 3 * TIMEOUT_MS }, async () => {
  const check = await runWithEndlessStdin(['check', '-']);
  assert.deepEqual(
    [check.status, check.stdout, check.stderr],
    [2, '<stdin>  error  File is larger than the 10 MiB limit\n\n✖ 1 file could not be checked\n', ''],
  );
  // The producer only got as far as the pipe's buffers past the cap: increport stopped reading there.
  assert.ok(check.produced < 12 * MiB, `${check.produced} bytes produced`);
  const render = await runWithEndlessStdin(['render', '-']);
  assert.deepEqual([render.status, render.stdout, render.stderr], [2, '', 'increport render: cannot render <stdin>: File is larger than the 10 MiB limit\n']);
  const exported = await runWithEndlessStdin(['export', '--format', 'json', '-']);
  assert.deepEqual([exported.status, exported.stderr], [2, 'increport: cannot export <stdin>: File is larger than the 10 MiB limit\n']);
});

/** 100 uses of one anchor: the count that crashed the whole run before the alias limit was handled. */
const ALIASES = `status: &s draft\n${Array.from({ length: 100 }, (_, index) => `k${index}: *s\n`).join('')}`;

test('hostile input: too many aliases in one report are a finding; the folder check goes on and writes its SARIF', { timeout: TIMEOUT_MS }, () => {
  const cwd = tree({
    'reports/aliases.md': `---\n${ALIASES}---\n${cleanReportText()}`,
    'reports/tbd.md': cleanReportText().replace('Global (Impact reported across multiple regions)', 'TBD'),
  });
  const result = run(['check', '--format', 'sarif', '-o', 'out.sarif', 'reports'], cwd);
  assert.deepEqual([result.status, result.stdout, result.stderr], [1, '', '']);
  const sarif = JSON.parse(readFileSync(join(cwd, 'out.sarif'), 'utf8')) as {
    runs: {
      results: { ruleId: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: unknown } }[] }[];
    }[];
  };
  assert.deepEqual(
    sarif.runs[0].results.map((entry) => [entry.ruleId, entry.locations[0].physicalLocation.artifactLocation.uri]),
    [
      ['front-matter-invalid', 'reports/aliases.md'],
      ['placeholder', 'reports/tbd.md'],
    ],
  );
  assert.equal(sarif.runs[0].results[0].message.text, 'The front matter is not valid YAML: Too many alias expansions (the limit is 100)');
  assert.deepEqual(sarif.runs[0].results[0].locations[0].physicalLocation.region, { startLine: 3, startColumn: 5, endLine: 3, endColumn: 7 });
});

test('hostile input: too many aliases in .increport.yaml are a config error with file, line and column', { timeout: TIMEOUT_MS }, () => {
  const cwd = tree({ '.increport.yaml': ALIASES.replace('status', 'x-anchor'), 'ok.md': cleanReportText() });
  assert.deepEqual(run(['check', 'ok.md'], cwd), {
    status: 2,
    stdout: 'ok.md  error  not checked: its configuration is invalid (.increport.yaml:2:5)\n\n✖ 1 file could not be checked\n',
    stderr: 'increport: invalid configuration: <dir>/.increport.yaml:2:5: Invalid YAML: Too many alias expansions (the limit is 100)\n',
  });
});

test(
  'hostile input: an invalid configuration stops only the reports under it; the others are checked and the SARIF is written',
  { timeout: TIMEOUT_MS },
  () => {
    const cwd = tree({
      'team-a/.increport.yaml': ALIASES.replace('status', 'x-anchor'),
      'team-a/one.md': cleanReportText(),
      'team-a/two.md': cleanReportText(),
      'team-a/README.md': '# Team A\n\nHow we write reports.\n',
      'team-b/tbd.md': cleanReportText().replace('Global (Impact reported across multiple regions)', 'TBD'),
    });
    const result = run(['check', '--format', 'sarif', '-o', 'out.sarif', '.'], cwd);
    // The problem is said once, however many reports it stops; the README beside them is skipped as usual.
    assert.deepEqual(
      [result.status, result.stdout, result.stderr],
      [2, '', 'increport: invalid configuration: <dir>/team-a/.increport.yaml:2:5: Invalid YAML: Too many alias expansions (the limit is 100)\n'],
    );
    const sarif = JSON.parse(readFileSync(join(cwd, 'out.sarif'), 'utf8')) as {
      runs: {
        results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
        invocations: {
          toolExecutionNotifications?: { message: { text: string }; locations?: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
        }[];
      }[];
    };
    assert.deepEqual(
      sarif.runs[0].results.map((entry) => [entry.ruleId, entry.locations[0].physicalLocation.artifactLocation.uri]),
      [['placeholder', 'team-b/tbd.md']],
    );
    const notes = sarif.runs[0].invocations[0].toolExecutionNotifications ?? [];
    assert.deepEqual(
      notes.map((note) => [note.locations?.[0].physicalLocation.artifactLocation.uri, note.message.text]),
      [
        ['team-a/one.md', 'not checked: its configuration is invalid (team-a/.increport.yaml:2:5)'],
        ['team-a/two.md', 'not checked: its configuration is invalid (team-a/.increport.yaml:2:5)'],
      ],
    );
    // JSON likewise: every report is listed, the stopped ones with their error.
    const json = run(['check', '--format', 'json', 'team-a/one.md', 'team-b/tbd.md'], cwd);
    assert.equal(json.status, 2);
    const parsed = JSON.parse(json.stdout) as { files: { path: string; error?: string; findings: { ruleId?: string; rule?: string }[] }[] };
    assert.deepEqual(
      parsed.files.map((file) => [file.path, file.error ?? '', file.findings.length]),
      [
        ['team-a/one.md', 'not checked: its configuration is invalid (team-a/.increport.yaml:2:5)', 0],
        ['team-b/tbd.md', '', 1],
      ],
    );
  },
);

const SECRETS = [
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'ghp_R8x2Lq0Zt5Vw9Yb3Nc7Md1Kf4Hj6Gs2Pa8Ue',
  'root:x:0:0:root:/root:/bin/bash',
  'runner:x:1001',
];
/** An AWS credentials file with a GitHub token and /etc/passwd lines pasted in, as a runner's home may hold. */
const SECRETS_FILE = `[default]\naws_access_key_id = ${SECRETS[0]}\naws_secret_access_key = ${SECRETS[1]}\ngithub_token = ${SECRETS[2]}\n${SECRETS[3]}\n${SECRETS[4]}:1001::/home/runner:/bin/bash\n`;
/** The same secrets as YAML, which parses: it gets further, to the schema and STIX checks. */
const SECRETS_YAML = `aws_access_key_id: ${SECRETS[0]}\naws_secret_access_key: "${SECRETS[1]}"\n$ref: "#/${SECRETS[2]}"\npattern: "(${SECRETS[3]}"\n`;

test(
  'hostile input: a secrets file named by schema.extend or attack.bundle never reaches stdout, stderr or an output file',
  { timeout: 16 * TIMEOUT_MS },
  () => {
    const configs = [
      'schema:\n  extend: ./home/.aws/credentials\n',
      'attack:\n  bundle: ./home/.aws/credentials\n',
      'schema:\n  extend: ./home/secrets.yaml\n',
      'attack:\n  bundle: ./home/secrets.yaml\n',
    ];
    const commands = [
      ['check', '--format', 'json', '-o', 'out.json', 'reports'],
      ['check', '--format', 'sarif', '-o', 'out.sarif', 'reports'],
      ['check', '--format', 'stylish', 'reports'],
      ['render', '-o', 'out.html', 'reports/r.md'],
      ['export', '--format', 'stix', '-o', 'out.stix.json', 'reports/r.md'],
    ];
    for (const config of configs) {
      const cwd = tree({
        '.increport.yaml': config,
        'home/.aws/credentials': SECRETS_FILE,
        'home/secrets.yaml': SECRETS_YAML,
        'reports/r.md': cleanReportText(),
      });
      for (const args of commands) {
        const result = run(args, cwd);
        assert.equal(result.status, 2, `${config} ${args.join(' ')}`);
        assert.match(result.stderr, /invalid configuration: <dir>\/\.increport\.yaml:/);
        const outputs = [result.stdout, result.stderr, ...['out.json', 'out.sarif', 'out.html', 'out.stix.json'].map((name) => readIfPresent(join(cwd, name)))];
        for (const secret of SECRETS) assert.ok(!outputs.some((output) => output.includes(secret)), `${secret} leaked by ${args.join(' ')} with ${config}`);
      }
    }
  },
);

function readIfPresent(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
