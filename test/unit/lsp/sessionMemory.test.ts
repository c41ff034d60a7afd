import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { test } from 'node:test';
import { ReportSession } from '../../../server/src/lsp/reportSession';
import { normalizeSettings } from '../../../server/src/lsp/settings';
import { cleanReportText, projectRoot, TEST_NOW } from '../../helpers';

// A garbage collection on demand, without starting the test process with --expose-gc.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const DOCUMENTS = 200;

test(`ReportSession: the analyses of ${DOCUMENTS} forgotten (closed) documents are released, models and text included`, async () => {
  const session = new ReportSession(normalizeSettings({}), projectRoot(), true, () => TEST_NOW);
  const baseline = () => {
    collectGarbage();
    return process.memoryUsage().heapUsed;
  };
  session.analyze({ uri: pathToFileURL(join(projectRoot(), 'examples', 'warm.md')).href, version: 1, getText: cleanReportText });
  const before = baseline();
  const { uris, refs } = openDocuments(session);
  const open = baseline();
  for (const uri of uris) session.forget(uri);
  // WeakRefs are cleared only after the current job: let it end before collecting.
  await new Promise((resolve) => setImmediate(resolve));
  const closed = baseline();
  const alive = refs.filter((ref) => ref.deref() !== undefined).length;
  assert.equal(alive, 0, `${alive} of ${DOCUMENTS} analyses are still reachable after their documents were forgotten`);
  assert.ok(open - before > 0, 'open analyses take memory');
  assert.ok(closed - before < (open - before) / 4, `heap: ${mb(before)} before, ${mb(open)} open, ${mb(closed)} after forgetting`);
});

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Analyses DOCUMENTS distinct reports; a function of its own, so that no local of the test holds the last one. */
function openDocuments(session: ReportSession): { uris: string[]; refs: WeakRef<object>[] } {
  const uris: string[] = [];
  const refs: WeakRef<object>[] = [];
  for (let index = 0; index < DOCUMENTS; index++) {
    const uri = pathToFileURL(join(projectRoot(), 'examples', `closed-${index}.md`)).href;
    const text = cleanReportText().replace(/^# (.*)$/m, `# $1 ${index}`);
    const analysis = session.analyze({ uri, version: 1, getText: () => text });
    assert.ok(analysis.report, 'a report');
    refs.push(new WeakRef(analysis.report));
    uris.push(uri);
  }
  return { uris, refs };
}
