import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dialectExamples, expectedFindings, markedExpectations } from '../dialectExpectations';

// The examples and their `<!-- expect: … -->` marks are described in test/dialectExpectations.ts; expectedFindings
// asserts that the engine finds exactly the marked rules, line by line, each at its rule's default severity.
const examples = dialectExamples();

test('dialect examples: each clean report checks with no finding under the default ATT&CK version', () => {
  const clean = examples.filter((example) => !example.name.startsWith('broken/'));
  assert.ok(clean.some((example) => example.name === 'attack-table.md') && clean.some((example) => example.name === 'timeline-table.md'));
  for (const example of clean) {
    assert.equal(markedExpectations(example.text).size, 0, `${example.name} is clean: it marks no finding`);
    assert.deepEqual(expectedFindings(example), [], example.name);
  }
});

for (const example of examples.filter((candidate) => candidate.name.startsWith('broken/'))) {
  test(`dialect examples: ${example.name} has exactly the findings marked in it, at their default severities`, () => {
    assert.ok(markedExpectations(example.text).size > 0, `${example.name} marks no finding`);
    assert.ok(expectedFindings(example).length > 0);
  });
}
