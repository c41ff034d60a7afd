import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import type { FileText } from '../../../server/src/engine/config/configTypes';
import type { EngineHost } from '../../../server/src/engine/host';
import { ReportWorkspace } from '../../../server/src/engine/workspace';
import { nodeBundledResources } from '../../../server/src/node/bundledResources';
import { createNodeHost } from '../../../server/src/node/nodeHost';
import { packageRoot } from '../../../server/src/node/packageRoot';
import { projectRoot, cleanReportText, testHost, TEST_NOW } from '../../helpers';

/** A host with no disk at all: files from a map, the given path flavour, a fixed clock. */
function memoryHost(files: Record<string, string>, paths: EngineHost['paths'], reads: string[] = []): EngineHost {
  return {
    readFile: (file, kind): FileText => {
      reads.push(`${kind} ${file}`);
      return file in files ? { text: files[file] } : { missing: true };
    },
    paths,
    resources: nodeBundledResources,
    now: () => TEST_NOW,
  };
}

const TBD_SEED = () => cleanReportText().replace('- **Sector:** Information Technology / Cloud Service Provider', '- **Sector:** TBD');

test('host: the workspace reads configuration only through the host it is given (POSIX paths)', () => {
  const reads: string[] = [];
  const host = memoryHost({ '/repo/.increport.yaml': 'rules:\n  placeholder: error\n' }, path.posix, reads);
  const workspace = new ReportWorkspace({ host, baseDirectory: '/repo' });
  const result = workspace.analyse('/repo/reports/r.md', TBD_SEED());
  assert.deepEqual(
    result.findings.map((finding) => `${finding.ruleId} ${finding.severity}`),
    ['placeholder error'],
  );
  assert.deepEqual(result.config.sources, ['/repo/.increport.yaml']);
  assert.deepEqual(reads.slice(0, 4), [
    'config /repo/reports/.increport.yaml',
    'config /repo/reports/.increport.yml',
    'config /repo/reports/.increport.json',
    'config /repo/.increport.yaml',
  ]);
});

test('host: Windows paths (drive letters, backslashes) through path.win32', () => {
  const host = memoryHost(
    {
      'C:\\repo\\.increport.yaml': 'root: true\nrules:\n  placeholder: info\nschema:\n  extend: ..\\shared\\org.json\n',
      'C:\\shared\\org.json': JSON.stringify({ properties: { frontMatter: { required: ['id'] } } }),
    },
    path.win32,
  );
  const workspace = new ReportWorkspace({ host, baseDirectory: 'C:\\repo' });
  const result = workspace.analyse('C:\\repo\\team\\r.md', TBD_SEED());
  assert.deepEqual(result.config.sources, ['C:\\repo\\.increport.yaml']);
  assert.ok(result.findings.some((finding) => finding.ruleId === 'placeholder' && finding.severity === 'info'));
  assert.ok(
    result.findings.some((finding) => finding.message.includes('id')),
    'the extension, found at C:\\shared\\org.json, applies',
  );
});

test("host: the engine's clock is the host's", () => {
  const future = cleanReportText().replace(/^(- \*\*Incident Date:\*\*).*$/m, '$1 2031-01-01');
  const at = (now: Date) =>
    new ReportWorkspace({ host: testHost({ now: () => now }), baseDirectory: projectRoot() })
      .analyse(path.join(projectRoot(), 'r.md'), future)
      .findings.map((finding) => finding.ruleId);
  assert.notDeepEqual(at(TEST_NOW), at(new Date('2032-01-01T00:00:00Z')));
});

test('host: the Node host finds the bundled resources from the one package root', () => {
  assert.equal(packageRoot(), projectRoot());
  const host = createNodeHost();
  assert.equal(host.resources.attackCatalog(), host.resources.attackCatalog(), 'read once');
  assert.equal(typeof host.resources.reportSchema(), 'object');
  assert.ok('properties' in host.resources.configSchema());
  assert.throws(() => packageRoot(path.parse(projectRoot()).root), /Cannot find the incident-report-studio package root/);
});
