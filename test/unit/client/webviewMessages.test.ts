import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isWorkspaceFile, MAX_TRACE_KEY, parseWebviewMessage, type Location } from '../../../client/src/register/webviewMessages';
import { MAX_TRACE_KEY as ENGINE_MAX_TRACE_KEY } from '../../../server/src/engine/site';

test('register webview messages: a trace key or a report link of the page; anything else is dropped', () => {
  assert.deepEqual(parseWebviewMessage({ type: 'trace', key: 'technique:T1486' }), { type: 'trace', key: 'technique:T1486' });
  assert.deepEqual(parseWebviewMessage({ type: 'open', href: 'reports/incident-0042-1a2b3c4d.html#L12' }), {
    type: 'open',
    page: 'incident-0042-1a2b3c4d.html',
    line: 12,
  });
  assert.deepEqual(parseWebviewMessage({ type: 'open', href: 'reports/a-00000000.html' }), { type: 'open', page: 'a-00000000.html', line: 1 });
  for (const message of [
    null,
    'trace',
    { type: 'trace' },
    { type: 'trace', key: 42 },
    { type: 'trace', key: '' },
    { type: 'trace', key: 'x'.repeat(MAX_TRACE_KEY + 1) },
    { type: 'trace', key: 'technique:T1486\n' },
    { type: 'open', href: '../../etc/passwd' },
    { type: 'open', href: 'reports/../../secret.html' },
    { type: 'open', href: 'file:///etc/passwd' },
    { type: 'open', href: 'reports/UPPER.html' },
    { type: 'open', href: 'reports/a.html#L1e9' },
    { type: 'command', command: 'workbench.action.terminal.new' },
  ])
    assert.equal(parseWebviewMessage(message), undefined, JSON.stringify(message));
  assert.equal(MAX_TRACE_KEY, ENGINE_MAX_TRACE_KEY, 'the extension and the engine agree on the longest key');
});

const file = (path: string, authority = ''): Location => ({ scheme: 'file', authority, path });

test('register locations: only a file inside a workspace folder is opened', () => {
  const folders = [file('/work/alpha'), file('/c:/Reports/beta/')];
  assert.equal(isWorkspaceFile(file('/work/alpha/reports/001.md'), folders), true);
  assert.equal(isWorkspaceFile(file('/C:/Reports/beta/x.md'), folders), true, 'a drive letter compares without case');
  assert.equal(isWorkspaceFile(file('/work/alphabet/x.md'), folders), false, 'a folder ends at a slash');
  assert.equal(isWorkspaceFile(file('/work/alpha'), folders), false, 'the folder itself is no file');
  assert.equal(isWorkspaceFile(file('/work/alpha/../secret.md'), folders), false);
  assert.equal(isWorkspaceFile(file('/etc/passwd'), folders), false);
  assert.equal(isWorkspaceFile({ scheme: 'vscode-remote', authority: '', path: '/work/alpha/x.md' }, folders), false, 'another scheme than the folder’s');
  assert.equal(isWorkspaceFile(file('/work/alpha/x.md', 'server'), folders), false, 'another host than the folder’s');
  assert.equal(isWorkspaceFile(file('/work/alpha/x.md'), []), false, 'no folder, nothing opens');
});

test('register locations: in a browser workbench, the folder’s own scheme and host (the host without case)', () => {
  const remote = (path: string, authority = 'localhost:8080'): Location => ({ scheme: 'vscode-remote', authority, path });
  const folders = [remote('/ws')];
  assert.equal(isWorkspaceFile(remote('/ws/incidents/web.md'), folders), true);
  assert.equal(isWorkspaceFile(remote('/ws/incidents/web.md', 'LOCALHOST:8080'), folders), true);
  assert.equal(isWorkspaceFile(remote('/ws/x.md', 'other:8080'), folders), false);
  assert.equal(isWorkspaceFile(file('/ws/incidents/web.md'), folders), false, 'the server’s file: URI itself is not opened');
  assert.equal(isWorkspaceFile(remote('/ws/../etc/passwd'), folders), false);
});
