import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { canonicalIpv6, ipv6Bytes, parseNetwork } from '../../../server/src/engine/iocs/ipNetworks';
import { indicatorKey, OwnAssets } from '../../../server/src/engine/iocs/ownAssets';
import { ConfigError } from '../../../server/src/engine/config/configTypes';
import { ReportWorkspace } from '../../../server/src/engine/workspace';
import { createNodeHost } from '../../../server/src/node/nodeHost';
import { cleanReportText, describeFinding, engine } from '../../helpers';
import { tempTree } from '../../tempTree';
import { reportWithIocs } from './iocReports';

const root = mkdtempSync(join(tmpdir(), 'increport-own-'));
after(() => rmSync(root, { recursive: true, force: true }));

const iocFindings = (findings: ReturnType<typeof describeFinding>[]) => findings.filter((finding) => finding.includes('ioc-'));

test('ipNetworks: CIDR networks parse, with messages for bad ones; IPv6 spellings share one canonical form', () => {
  assert.deepEqual(parseNetwork('10.20.0.0/16'), { version: 4, bytes: [10, 20, 0, 0], prefix: 16 });
  assert.equal((parseNetwork('203.0.113.7') as { prefix: number }).prefix, 32);
  assert.equal((parseNetwork('2001:db8:10::/48') as { prefix: number }).prefix, 48);
  assert.match((parseNetwork('10.0.0.1/8') as { error: string }).error, /host bits set .* write 10\.0\.0\.0\/8/);
  assert.match((parseNetwork('10.0.0.0/33') as { error: string }).error, /prefix length/);
  assert.match((parseNetwork('intranet') as { error: string }).error, /not an IP address or a CIDR network/);
  assert.match((parseNetwork('300.1.1.0/24') as { error: string }).error, /not an IP address/);
  assert.equal(canonicalIpv6('2001:DB8::0:1'), canonicalIpv6('2001:db8:0:0:0:0:0:1'));
  assert.deepEqual(ipv6Bytes('::ffff:192.0.2.1')?.slice(10), [0xff, 0xff, 192, 0, 2, 1]);
  assert.equal(ipv6Bytes('1::2::3'), undefined);
  assert.equal(indicatorKey('domain', 'Evil.COM'), indicatorKey('domain', 'evil.com'));
  assert.equal(indicatorKey('ipv6', '2001:db8::1'), indicatorKey('ipv6', '2001:DB8:0::1'));
});

test('own assets: domains and their subdomains, mailboxes at them or listed, addresses in the networks, URLs at any of these', () => {
  const own = new OwnAssets({
    domains: ['contoso.com', '*.contoso-cdn.net'],
    emails: ['alerts.contoso@gmail.com'],
    networks: ['198.51.100.0/24', '2001:db8:10::/48'],
  });
  assert.ok(own.owns('domain', 'contoso.com'));
  assert.ok(own.owns('domain', 'vpn.eu.contoso.com'));
  assert.ok(own.owns('domain', 'static.contoso-cdn.net'));
  assert.ok(!own.owns('domain', 'notcontoso.com'));
  assert.ok(!own.owns('domain', 'contoso.com.evil.io'));
  assert.ok(own.owns('email', 'j.doe@contoso.com'));
  assert.ok(own.owns('email', 'Alerts.Contoso@gmail.com'));
  assert.ok(!own.owns('email', 'attacker@gmail.com'));
  assert.ok(own.owns('ipv4', '198.51.100.23'));
  assert.ok(!own.owns('ipv4', '198.51.101.23'));
  assert.ok(own.owns('ipv6', '2001:db8:10:ff::5'));
  assert.ok(own.owns('url', 'https://sso.contoso.com/login'));
  assert.ok(own.owns('url', 'http://198.51.100.9:8080/x'));
  assert.ok(!own.owns('url', 'https://evil.io/?u=contoso.com'));
  assert.ok(!own.owns('sha256', 'a'.repeat(64)));
});

test('ioc-live: own names (Affected Organization) need no defanging; others are still reported', () => {
  const text = reportWithIocs(['- **Targeted hosts:** vpn.contoso.com, mailbox j.doe@contoso.com', '- **C2:** update-check.io'], 'Contoso Ltd (contoso.com)');
  const findings = iocFindings(engine().check(text).findings.map(describeFinding));
  assert.equal(findings.length, 1, findings.join('\n'));
  assert.match(findings[0], /ioc-live .*update-check\.io/);
});

test('ioc-live: organization networks and mailboxes from .increport.yaml, nearest file per list; the Affected Organization hint adds to them', () => {
  const base = tempTree(root, {
    '.increport.yaml': 'root: true\norganization:\n  domains: [contoso.com]\n  networks: [198.51.100.0/24]\n',
    'team/.increport.yaml': 'organization:\n  domains: [fabrikam.com]\n',
  });
  const workspace = new ReportWorkspace({ host: createNodeHost(), baseDirectory: base });
  const text = reportWithIocs(['- **Seen:** 198.51.100.7, 203.0.113.9, mail.contoso.com, fabrikam.com, login.northwind.de'], 'Northwind GmbH (northwind.de)');
  const live = (dir: string) =>
    workspace
      .analyse(join(base, dir, 'r.md'), text)
      .findings.filter((finding) => finding.ruleId.startsWith('ioc-live'))
      .map((finding) => text.split('\n')[finding.range.start.line].slice(finding.range.start.character, finding.range.end.character));
  assert.deepEqual(live('.'), ['203.0.113.9', 'fabrikam.com']);
  // team/ sets its own domains (contoso.com is no longer own there) and keeps the root's networks.
  assert.deepEqual(live('team'), ['203.0.113.9', 'mail.contoso.com']);
  assert.deepEqual(workspace.configs.forDirectory(join(base, 'team')).organization, { domains: ['fabrikam.com'], networks: ['198.51.100.0/24'] });
});

test('config: a bad CIDR network is a configuration error at its item', () => {
  const cases: [string, string][] = [
    [
      'organization:\n  networks: [10.0.0.0/8, 10.0.0.1/8]\n',
      "2:26: Setting 'organization.networks' item 2 has host bits set after the /8 prefix: write 10.0.0.0/8",
    ],
    ['organization:\n  networks:\n    - intranet\n', "3:7: Setting 'organization.networks' item 1 is not an IP address or a CIDR network"],
    ['organization:\n  networks: ["2001:db8::/129"]\n', "2:14: Setting 'organization.networks' item 1 has an invalid prefix length"],
    ['organization:\n  domain: [contoso.com]\n', "2:3: Unknown setting 'organization.domain'"],
  ];
  for (const [config, expected] of cases) {
    const base = tempTree(root, { '.increport.yaml': config });
    assert.throws(
      () => new ReportWorkspace({ host: createNodeHost(), baseDirectory: base }).analyse(join(base, 'r.md'), cleanReportText()),
      (error: unknown) => error instanceof ConfigError && error.toString().startsWith(`${join(base, '.increport.yaml')}:${expected}`),
      `config ${JSON.stringify(config)}`,
    );
  }
});
