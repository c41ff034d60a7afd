import assert from 'node:assert/strict';
import { test } from 'node:test';
import { folderForNewReport } from '../../../client/src/newReportFolder';

interface FakeUri {
  scheme: string;
  path: string;
}
const uri = (text: string): FakeUri => {
  const [scheme, path] = text.split(':');
  return { scheme, path };
};
const parentOf = (of: FakeUri): FakeUri => ({ ...of, path: of.path.replace(/\/[^/]*$/, '') });
const folders = [uri('vscode-remote:/ws'), uri('file:/home/ana/reports')];
const workspaceFolderOf = (of: FakeUri) => folders.find((folder) => folder.scheme === of.scheme && of.path.startsWith(`${folder.path}/`));
const choose = (active: string | undefined) => folderForNewReport(active === undefined ? undefined : uri(active), workspaceFolderOf, parentOf, folders[0]);

test('folderForNewReport: the active report’s folder on the desktop and in a browser workbench, else the first workspace folder', () => {
  assert.deepEqual(choose('file:/home/ana/reports/2026/ir-1.md'), uri('file:/home/ana/reports/2026'));
  assert.deepEqual(choose('file:/tmp/outside.md'), uri('file:/tmp'), 'a file outside the workspace still has its folder');
  assert.deepEqual(choose('vscode-remote:/ws/incidents/web.md'), uri('vscode-remote:/ws/incidents'), 'the browser workbench’s own scheme');
  assert.deepEqual(choose('untitled:Untitled-1'), folders[0]);
  assert.deepEqual(choose('git:/ws/incidents/web.md'), folders[0], 'a virtual document has no folder of its own');
  assert.deepEqual(choose(undefined), folders[0]);
});
