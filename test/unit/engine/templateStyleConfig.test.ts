import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { tempTree } from '../../tempTree';
import { ConfigError } from '../../../server/src/engine/config/configTypes';
import type { TemplateStyle } from '../../../server/src/engine/templates/templateStyle';
import { ReportWorkspace } from '../../../server/src/engine/workspace';
import { createNodeHost } from '../../../server/src/node/nodeHost';
import { cleanReportText } from '../../helpers';

const root = mkdtempSync(join(tmpdir(), 'increport-template-style-'));
after(() => rmSync(root, { recursive: true, force: true }));

const tree = (files: Record<string, string>): string => tempTree(root, files);

const styleAt = (base: string, folder: string, templateStyle?: TemplateStyle) =>
  new ReportWorkspace({ host: createNodeHost(), baseDirectory: base, defaults: { templateStyle } }).analyse(join(base, folder, 'r.md'), cleanReportText())
    .config.templates.style;

test('template style config: templates.style is read, and the nearest file that sets it wins', () => {
  const base = tree({
    '.increport.yaml': 'root: true\ntemplates:\n  style: tables\n',
    'legacy/.increport.yaml': 'templates:\n  style: bullets\n',
    'team/.increport.yaml': 'rules:\n  placeholder: info\n',
  });
  assert.equal(styleAt(base, '.'), 'tables');
  assert.equal(styleAt(base, 'legacy/deeper'), 'bullets');
  assert.equal(styleAt(base, 'team'), 'tables', 'a nearer file that does not set it leaves the farther choice');
});

test('template style config: unset without a file that sets it; the editor setting applies then, and the repository wins over it', () => {
  const bare = tree({ '.increport.yaml': 'root: true\n' });
  assert.equal(styleAt(bare, '.'), undefined, 'unset: the templates write bullets');
  assert.equal(styleAt(bare, '.', 'tables'), 'tables');
  const pinned = tree({ '.increport.yaml': 'root: true\ntemplates:\n  style: bullets\n' });
  assert.equal(styleAt(pinned, '.', 'tables'), 'bullets', "the repository's choice wins over the setting");
});

test('template style config: a wrong value or key is a configuration error at the value or key', () => {
  const cases: [string, string][] = [
    ['templates:\n  style: table\n', "3:10: Setting 'templates.style' must be equal to one of the allowed values"],
    ['templates:\n  style: [tables]\n', "3:10: Setting 'templates.style' must be equal to one of the allowed values"],
    ['templates:\n  styles: tables\n', "3:3: Unknown setting 'templates.styles'"],
    ['templates: tables\n', "2:12: Setting 'templates' must be object"],
    ['template:\n  style: tables\n', "2:1: Unknown setting 'template'"],
  ];
  for (const [config, expected] of cases) {
    const base = tree({ '.increport.yaml': `root: true\n${config}` });
    assert.throws(
      () => styleAt(base, '.'),
      (error: unknown) => error instanceof ConfigError && error.toString() === `${join(base, '.increport.yaml')}:${expected}`,
      `config ${JSON.stringify(config)}`,
    );
  }
});
