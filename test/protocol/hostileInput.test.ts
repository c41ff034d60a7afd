import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { CHECK_FILES_REQUEST, type CheckFilesResult } from '../../server/src/lsp/protocol';
import { cleanReportText } from '../helpers';
import { LspSession } from './lspHarness';
import { hostileTree } from '../hostileTree';

const work = mkdtempSync(join(tmpdir(), 'increport-lsp-hostile-'));
after(() => rmSync(work, { recursive: true, force: true }));

const tree = (files: Record<string, string>): string => hostileTree(work, files);

/** A server rooted at `root`, recording what it shows in the window; always disposed. */
async function withServer(root: string, settings: Record<string, unknown>, body: (session: LspSession, messages: string[]) => Promise<void>): Promise<void> {
  const session = new LspSession();
  const messages: string[] = [];
  session.connection.onNotification('window/showMessage', (params: { message: string }) => void messages.push(params.message));
  // showWarningMessage is a request (it could offer actions): answer it as a user closing it would.
  session.connection.onRequest('window/showMessageRequest', (params: { message: string }) => {
    messages.push(params.message);
    return null;
  });
  try {
    await session.initialize(root, { settings });
    await body(session, messages);
  } finally {
    await session.dispose();
  }
}

const uriIn = (root: string, name: string) => pathToFileURL(join(root, name)).href;
const ALIASES = `status: &s draft\n${Array.from({ length: 100 }, (_, index) => `k${index}: *s\n`).join('')}`;

test('protocol: checkFiles refuses FIFOs, devices, folders and oversized files at once, and checks the rest', { timeout: 30_000 }, async () => {
  const root = tree({
    'fifo.md': 'fifo:',
    'zero.md': 'link:/dev/zero',
    'folder.md/x.txt': 'x',
    'huge.md': `sparse:${10 * 1024 * 1024 + 1}`,
    'ok.md': cleanReportText(),
  });
  await withServer(root, {}, async (session) => {
    const names = ['fifo.md', 'zero.md', 'folder.md', 'huge.md', 'missing.md', 'ok.md'];
    const result = await session.request<CheckFilesResult>(CHECK_FILES_REQUEST, { uris: names.map((name) => uriIn(root, name)) });
    assert.deepEqual(
      result.files.map((file) => [file.uri.slice(file.uri.lastIndexOf('/') + 1), file.error, file.isReport, file.diagnostics.length]),
      [
        ['fifo.md', 'Not a regular file (a FIFO)', false, 0],
        ['zero.md', 'Not a regular file (a character device)', false, 0],
        ['folder.md', 'Not a regular file (a directory)', false, 0],
        ['huge.md', 'File is larger than the 10 MiB limit', false, 0],
        ['missing.md', 'File not found', false, 0],
        ['ok.md', undefined, true, 0],
      ],
    );
  });
});

test('protocol: too many aliases give diagnostics: on the front matter, or a config error for .increport.yaml', { timeout: 30_000 }, async () => {
  const root = tree({ 'config/.increport.yaml': ALIASES.replace('status', 'x-anchor') });
  await withServer(root, {}, async (session) => {
    const report = uriIn(root, 'aliases.md');
    const published = session.nextDiagnostics(report);
    await session.open(report, `---\n${ALIASES}---\n${cleanReportText()}`);
    assert.deepEqual(
      (await published).diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.range, diagnostic.message]),
      [
        [
          'front-matter-invalid',
          { start: { line: 2, character: 4 }, end: { line: 2, character: 6 } },
          'The front matter is not valid YAML: Too many alias expansions (the limit is 100)',
        ],
      ],
    );
    const configured = uriIn(root, 'config/r.md');
    const configPublished = session.nextDiagnostics(configured);
    await session.open(configured, cleanReportText());
    assert.deepEqual(
      (await configPublished).diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.message]),
      [
        [
          'config-invalid',
          `Invalid increport configuration: ${join(root, 'config/.increport.yaml')}:2:5: Invalid YAML: Too many alias expansions (the limit is 100)`,
        ],
      ],
    );
  });
});

const SECRETS = [
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'ghp_R8x2Lq0Zt5Vw9Yb3Nc7Md1Kf4Hj6Gs2Pa8Ue',
  'root:x:0:0:root:/root:/bin/bash',
];
const SECRETS_FILE = `[default]\naws_access_key_id = ${SECRETS[0]}\naws_secret_access_key = ${SECRETS[1]}\ngithub_token = ${SECRETS[2]}\n${SECRETS[3]}\n`;
const assertNoSecret = (texts: string[], what: string) => {
  for (const secret of SECRETS) assert.ok(!texts.some((text) => text.includes(secret)), `${secret} leaked in ${what}`);
};
const messagesOf = (diagnostics: Diagnostic[]) =>
  diagnostics.map((diagnostic) => (typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value));

test('protocol: a secrets file named by schema.extend or attack.bundle is not quoted in diagnostics', { timeout: 30_000 }, async () => {
  const root = tree({
    'home/.aws/credentials': SECRETS_FILE,
    'extend/.increport.yaml': 'schema:\n  extend: ../home/.aws/credentials\n',
    'bundle/.increport.yaml': 'attack:\n  bundle: ../home/.aws/credentials\n',
    'bundle/on-disk.md': cleanReportText(),
  });
  await withServer(root, {}, async (session, messages) => {
    const expected: [string, string][] = [
      [
        'extend/r.md',
        `${join(root, 'extend/.increport.yaml')}:2:11: Schema extension '../home/.aws/credentials' cannot be read: invalid YAML at line 2, column 1: unexpected text`,
      ],
      [
        'bundle/r.md',
        `${join(root, 'bundle/.increport.yaml')}:2:11: attack.bundle: ATT&CK bundle ${join(root, 'home/.aws/credentials')} is not valid JSON: Unexpected character`,
      ],
    ];
    for (const [name, message] of expected) {
      const uri = uriIn(root, name);
      const published = session.nextDiagnostics(uri);
      await session.open(uri, cleanReportText());
      const diagnostics = (await published).diagnostics;
      assert.deepEqual(messagesOf(diagnostics), [`Invalid increport configuration: ${message}`]);
    }
    const onDisk = await session.request<CheckFilesResult>(CHECK_FILES_REQUEST, { uris: [uriIn(root, 'bundle/on-disk.md')] });
    assert.equal(onDisk.files[0].diagnostics[0].code, 'config-invalid');
    assertNoSecret([...messagesOf(onDisk.files[0].diagnostics), ...messages], 'checkFiles and window messages');
  });
});

test('protocol: a secrets file named by the incidentReport.schema and attackBundle settings is not quoted either', { timeout: 30_000 }, async () => {
  const root = tree({ 'home/.aws/credentials': SECRETS_FILE });
  await withServer(root, { schema: 'home/.aws/credentials', attackBundle: 'home/.aws/credentials' }, async (session, messages) => {
    const uri = uriIn(root, 'r.md');
    const published = session.nextDiagnostics(uri);
    await session.open(uri, cleanReportText());
    const diagnostics = (await published).diagnostics;
    assert.deepEqual(messagesOf(diagnostics), [
      `Invalid increport configuration: .increport.yaml:1:1: attack.bundle: ATT&CK bundle ${join(root, 'home/.aws/credentials')} is not valid JSON: Unexpected character`,
    ]);
    assert.deepEqual(messages, [
      "incidentReport.schema: Schema extension 'home/.aws/credentials' cannot be read: invalid YAML at line 2, column 1: unexpected text",
    ]);
    assertNoSecret([...messagesOf(diagnostics), ...messages], 'diagnostics and window messages');
  });
});

test('protocol: a bad schema extension gives the same error from the incidentReport.schema setting as from schema.extend', { timeout: 60_000 }, async () => {
  const root = tree({
    'secrets.yaml': SECRETS_FILE,
    'aliases.yaml': ALIASES,
    'list.yaml': '- a\n- b\n',
    'huge.yaml': `sparse:${1024 * 1024 + 1}`,
    'fifo.yaml': 'fifo:',
  });
  for (const name of ['secrets.yaml', 'aliases.yaml', 'list.yaml', 'huge.yaml', 'fifo.yaml', 'missing.yaml']) {
    // The same absolute path in both places, so that the two messages can be compared word for word.
    const path = join(root, name);
    const config = join(root, `extend-${name}`, '.increport.yaml');
    mkdirSync(join(config, '..'));
    writeFileSync(config, `schema:\n  extend: ${JSON.stringify(path)}\n`);
    await withServer(root, { schema: path }, async (session, messages) => {
      const uri = uriIn(root, `extend-${name}/r.md`);
      const published = session.nextDiagnostics(uri);
      await session.open(uri, cleanReportText());
      const [fromConfig] = messagesOf((await published).diagnostics);
      const prefix = `Invalid increport configuration: ${config}:2:11: `;
      assert.ok(fromConfig.startsWith(prefix), fromConfig);
      const error = fromConfig.slice(prefix.length);
      assert.match(error, /^Schema extension '.*' (cannot be read: |not found \(looked for )/);
      assert.deepEqual(messages, [`incidentReport.schema: ${error}`], name);
      assertNoSecret([fromConfig, ...messages], name);
    });
  }
});
