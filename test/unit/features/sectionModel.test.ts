import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { complete } from '../../../server/src/engine/features/completion';
import { presetDateStyle, reportDateStyle } from '../../../server/src/engine/features/completionContext';
import type { FeatureContext } from '../../../server/src/engine/features/featureTypes';
import { hover } from '../../../server/src/engine/features/hover';
import { sectionModel, sectionWindow } from '../../../server/src/engine/features/sectionModel';
import { engine, projectRoot, TEST_NOW } from '../../helpers';

function markdownFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? markdownFiles(join(folder, entry.name)) : entry.name.endsWith('.md') ? [join(folder, entry.name)] : [],
  );
}

/** Where completion and hover are asked on each line: its start, a few columns in, its middle and its end. */
function columnsOf(text: string): number[] {
  return [...new Set([0, 2, 5, 9, Math.floor(text.length / 2), text.length - 1, text.length])].filter((column) => column >= 0 && column <= text.length);
}

test('completion and hover on a section model equal those on the full model, at every line of every example', () => {
  const files = markdownFiles(join(projectRoot(), 'examples'));
  assert.ok(files.length > 10);
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const checked = engine().check(text);
    const spec = engine().schema.spec;
    const full: FeatureContext = { model: checked.model, spec, catalog: checked.catalog, now: TEST_NOW };
    const lines = text.split('\n');
    let window: { model: FeatureContext['model']; startLine: number; endLine: number } | undefined;
    for (let line = 0; line < lines.length; line++) {
      if (!window || line >= window.endLine) {
        window = sectionModel(text, line, spec);
        presetDateStyle(window.model, reportDateStyle(checked.model, spec));
      }
      const local: FeatureContext = { ...full, model: window.model };
      for (const character of columnsOf(lines[line])) {
        const where = `${relative(projectRoot(), file)} ${line}:${character}`;
        assert.deepEqual(complete(local, { line, character }), complete(full, { line, character }), `completion at ${where}`);
        assert.deepEqual(hover(local, { line, character }), hover(full, { line, character }), `hover at ${where}`);
      }
    }
  }
});

test('a section window keeps the structure and blanks the other sections', () => {
  const text = [
    '---',
    'attack: v18.1',
    '---',
    '# Incident Report: X',
    '## Summary',
    'Text of the summary.',
    '```',
    '## not a heading',
    '```',
    '<!--',
    '## not a heading either',
    '-->',
    '## Timeline of Events',
    '### Phase',
    '- **Date/Time:** 2026-01-01',
    '## Impact',
    'Impact text.',
  ].join('\n');
  const window = sectionWindow(text, 14);
  assert.equal(window.startLine, 12);
  assert.equal(window.endLine, 15);
  assert.deepEqual(window.text.split('\n'), [
    '---',
    'attack: v18.1',
    '---',
    '# Incident Report: X',
    '## Summary',
    '',
    '```',
    '',
    '```',
    '<!--',
    '## not a heading either',
    '-->',
    '## Timeline of Events',
    '### Phase',
    '- **Date/Time:** 2026-01-01',
    '## Impact',
    '',
  ]);
  const model = sectionModel(text, 14, engine().schema.spec).model;
  assert.deepEqual(
    model.sections.map((section) => section.heading.text),
    ['Summary', 'Timeline of Events', 'Impact'],
  );
});
