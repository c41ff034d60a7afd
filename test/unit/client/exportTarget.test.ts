import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSameResource, temporarySiblingPath, type ResourceName } from '../../../client/src/exportTarget';

const file = (path: string, authority = ''): ResourceName => ({ scheme: 'file', authority, path });

test('export target: the report itself is recognised, with case ignored only where file systems ignore it', () => {
  const report = file('/home/ana/reports/Report.md');
  assert.equal(isSameResource(report, file('/home/ana/reports/Report.md'), 'linux'), true);
  assert.equal(isSameResource(report, file('/home/ana/reports/report.md'), 'linux'), false, 'two files on Linux');
  for (const platform of ['win32', 'darwin']) assert.equal(isSameResource(report, file('/home/ana/reports/REPORT.MD'), platform), true, platform);
  assert.equal(isSameResource(file('/c:/Reports/r.md'), file('/C:/reports/R.md'), 'win32'), true, 'drive letter and folder case on Windows');
  assert.equal(isSameResource(report, file('/home/ana/reports/Report.stix.json'), 'win32'), false);
  assert.equal(isSameResource(report, file('/home/ana/reports/Report.md/'), 'linux'), true, 'a trailing slash names the same resource');
});

test('export target: different schemes or hosts are different resources; other schemes keep case', () => {
  const report = file('/reports/r.md');
  assert.equal(isSameResource(report, { scheme: 'vscode-remote', authority: '', path: '/reports/r.md' }, 'linux'), false);
  assert.equal(isSameResource(file('/r.md', 'server-a'), file('/r.md', 'SERVER-A'), 'linux'), true, 'UNC host names ignore case');
  assert.equal(isSameResource(file('/r.md', 'server-a'), file('/r.md', 'server-b'), 'win32'), false);
  const remote = (path: string): ResourceName => ({ scheme: 'vscode-remote', authority: 'ssh-remote+box', path });
  assert.equal(isSameResource(remote('/r/A.md'), remote('/r/a.md'), 'darwin'), false, 'the remote file system decides, not the local platform');
  assert.equal(isSameResource(remote('/r/A.md'), remote('/r/A.md'), 'darwin'), true);
});

test('export target: the temporary file is a hidden sibling with a bounded name', () => {
  assert.equal(temporarySiblingPath('/home/ana/r.stix.json', 'ab12'), '/home/ana/.r.stix.json.increport-ab12.tmp');
  assert.equal(temporarySiblingPath('/c:/out/r.json', 'ff'), '/c:/out/.r.json.increport-ff.tmp');
  const long = temporarySiblingPath(`/out/${'x'.repeat(250)}.json`, '0123456789ab');
  assert.ok(long.startsWith('/out/.x') && long.length - '/out/'.length < 140);
});
