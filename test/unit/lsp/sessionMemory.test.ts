import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { test } from 'node:test';
import { KEPT_MODELS, ReportSession } from '../../../server/src/lsp/reportSession';
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

test(`ReportSession: only the ${KEPT_MODELS} most recently used models are kept; a released one keeps its findings and is checked again when asked`, () => {
  const session = new ReportSession(normalizeSettings({}), projectRoot(), true, () => TEST_NOW);
  const documents = Array.from({ length: KEPT_MODELS + 10 }, (_, index) => {
    const text = cleanReportText()
      .replace(/^# (.*)$/m, `# $1 ${index}`)
      .replace('## Executive Summary', `## Executive Summary\n\nSee ticket INC-${index}.\n\n## Note ${index}`);
    return { uri: pathToFileURL(join(projectRoot(), 'examples', `kept-${index}.md`)).href, version: 1, getText: () => text };
  });
  const first = documents.map((document) => session.analyze(document));
  const kept = (index: number) => session.lastAnalysis(documents[index].uri)?.report !== undefined;
  assert.deepEqual(
    documents.map((_, index) => kept(index)),
    documents.map((_, index) => index >= 10),
    'the oldest ten are released',
  );
  const stale = session.lastAnalysis(documents[0].uri)!;
  assert.equal(stale.released, true);
  assert.equal(stale.version, 1);
  assert.deepEqual(stale.findings, first[0].findings, 'the findings stay for "check on save"');
  assert.equal(session.attackVersion(documents[0].uri, stale), first[0].report!.catalog.version);
  const checks = session.checks;
  const again = session.analyze(documents[0]);
  assert.ok(again.report, 'asked again, it has a model');
  assert.equal(session.checks, checks + 1, 'checked again once');
  assert.deepEqual(again.findings, first[0].findings);
  assert.equal(session.analyze(documents[0]), again, 'and is kept, now the most recently used');
  assert.equal(kept(10), false, 'which released the least recently used of the others');
  assert.ok(session.featureContext(documents[10], 5), 'a feature request on a released document checks it again');
  assert.equal(session.checks, checks + 2);
});
