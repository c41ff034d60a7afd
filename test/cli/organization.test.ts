import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runCli } from './cliHarness';
import { reportWithIocs } from '../unit/iocs/iocReports';

const dir = mkdtempSync(join(tmpdir(), 'increport-organization-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const REPORT = reportWithIocs([
  '- **Targeted:** sso.fabrikam.com, 10.40.3.17, helpdesk@fabrikam.com',
  '- **C2:** update-check.io',
  '- **Seen twice:** update-check[.]io',
]);

test('cli: an organization block in .increport.yaml makes own names affected assets: no ioc-live, not in the STIX bundle', () => {
  writeFileSync(join(dir, '.increport.yaml'), 'root: true\norganization:\n  domains: [fabrikam.com]\n  networks: [10.40.0.0/16]\n');
  writeFileSync(join(dir, 'report.md'), REPORT);
  const check = runCli(['check', '--format', 'json', 'report.md'], { cwd: dir });
  const live = (JSON.parse(check.stdout) as { files: { findings: { ruleId: string; message: string }[] }[] }).files[0].findings.filter((finding) =>
    finding.ruleId.startsWith('ioc-live'),
  );
  assert.deepEqual(
    live.map((finding) => finding.message.split("'")[1]),
    ['update-check.io'],
  );
  const json = JSON.parse(runCli(['export', '-f', 'json', 'report.md'], { cwd: dir }).stdout) as {
    indicators: { refanged: string; locations: unknown[] }[];
    affectedAssets: { refanged: string }[];
  };
  assert.deepEqual(
    json.indicators.map((indicator) => [indicator.refanged, indicator.locations.length]),
    [['update-check.io', 2]],
  );
  assert.deepEqual(
    json.affectedAssets.map((asset) => asset.refanged),
    ['sso.fabrikam.com', '10.40.3.17', 'helpdesk@fabrikam.com'],
  );
  const stix = runCli(['export', '-f', 'stix', 'report.md'], { cwd: dir }).stdout;
  assert.doesNotMatch(stix, /fabrikam|10\.40\.3\.17/);
});

test('cli: a bad CIDR in organization.networks is a configuration error (exit 2)', () => {
  writeFileSync(join(dir, '.increport.yaml'), 'root: true\norganization:\n  networks: [10.40.0.0/33]\n');
  const result = runCli(['check', 'report.md'], { cwd: dir });
  assert.equal(result.status, 2);
  assert.match(result.stderr, /\.increport\.yaml:3:14: Setting 'organization\.networks' item 1 has an invalid prefix length/);
});
