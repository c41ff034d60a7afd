import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import type { Finding, Severity } from '../../server/src/engine/types';
import { describeInOrder, dialectExamples, expectedFindings } from '../dialectExpectations';
import { LspSession } from './lspHarness';

/*
 * Every dialect example (examples/dialects/, clean and broken) opened in the language server: the published
 * diagnostics are exactly the findings the file marks, with the engine's ranges and messages, the rule as
 * code and its default severity (test/dialectExpectations.ts).
 */
let session: LspSession;
before(async () => {
  session = new LspSession();
  await session.initialize();
});
after(() => session.dispose());

const SEVERITY: Record<number, Severity> = { 1: 'error', 2: 'warning', 3: 'info' };

function asFinding(diagnostic: Diagnostic): Finding {
  const message = typeof diagnostic.message === 'string' ? diagnostic.message : JSON.stringify(diagnostic.message);
  return { ruleId: String(diagnostic.code), severity: SEVERITY[diagnostic.severity ?? 0] ?? ('none' as Severity), message, range: diagnostic.range };
}

for (const example of dialectExamples()) {
  test(`protocol: ${example.name} opened in the server publishes exactly the findings marked in it`, async () => {
    const expected = expectedFindings(example);
    // The example's own URI: the server looks up configuration beside it as it would in the editor.
    const uri = pathToFileURL(example.path).href;
    const published = session.nextDiagnostics(uri);
    await session.open(uri, example.text);
    const { diagnostics } = await published;
    assert.deepEqual(describeInOrder(diagnostics.map(asFinding)), expected);
    for (const diagnostic of diagnostics) {
      assert.equal(diagnostic.source, 'increport');
      assert.match(diagnostic.codeDescription?.href ?? '', new RegExp(`/docs/rules/${String(diagnostic.code)}\\.md$`));
    }
  });
}
