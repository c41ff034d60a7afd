import assert from 'node:assert/strict';
import { test } from 'node:test';
import { statusText } from '../../../client/src/statusText';
import type { StatusParams } from '../../../server/src/lsp/protocol';

const status = (overrides: Partial<StatusParams>): StatusParams => ({
  uri: 'file:///r.md',
  isReport: true,
  errors: 2,
  warnings: 1,
  infos: 3,
  attackVersion: '18.1',
  trusted: true,
  ...overrides,
});

test('status bar: names the ATT&CK version the server checked the report against', () => {
  for (const version of ['18.1', '19.2']) {
    const { text, tooltip } = statusText(status({ attackVersion: version }));
    assert.equal(text, `$(error) 2 $(warning) 1 · ATT&CK v${version}`);
    assert.equal(tooltip, `Incident report: 2 errors, 1 warnings, 3 notes (checked against MITRE ATT&CK v${version})`);
  }
});

test('status bar: Restricted Mode is said, with the version still in use; a bundle without a version is not "vunknown"', () => {
  const restricted = statusText(status({ trusted: false }));
  assert.equal(restricted.text, '$(error) 2 $(warning) 1 · ATT&CK v18.1 $(shield) Restricted');
  assert.match(restricted.tooltip, /^Restricted Mode: .*MITRE ATT&CK v18\.1 are used\.$/);
  for (const version of ['unknown', '']) assert.equal(statusText(status({ attackVersion: version })).text, '$(error) 2 $(warning) 1 · ATT&CK');
});
