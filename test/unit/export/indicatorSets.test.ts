import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020';
import { exportJson, exportStix } from '../../../server/src/engine/export';
import { projectRoot } from '../../helpers';
import { reportWithIocs } from '../iocs/iocReports';
import { describeErrors, exportInput, schemaForType, stixValidator } from './exportHelpers';

/*
 * Issue 15: an indicator listed twice is one entry with every place; a value quoted in a log excerpt is
 * evidence, not an indicator; the organization's own names are affected assets; a context shows the
 * indicator in place, defanged.
 */

const IOCS = [
  '- **C2:** update-check[.]io, 203.0.113.50',
  '- **Also seen:** UPDATE-CHECK.IO (beacon every 60 s) and 2001:DB8:0::5',
  '- **Phishing sender:** billing@invoice-desk.io',
  '- **Hosts:** vpn.contoso.com, j.doe@contoso.com',
  '',
  '| Indicator | Type | Context |',
  '|---|---|---|',
  '| 2001:db8::5 | IPv6 | Staging server |',
  '| 203.0.113.50 | IP | Uploads to 203.0.113.50 from host WS-114 |',
  '',
  '```',
  'Jun 01 10:02:11 mx1 postfix/smtp: to=<j.smith@fabrikam-partner.com> relay=evil-relay.ru[198.18.7.7]',
  'stage2.evil-cdn.net',
  '```',
  '',
  '```csv',
  'value,kind',
  'kb-update.top,domain',
  '```',
];
const TEXT = reportWithIocs(IOCS, 'Contoso Ltd (contoso.com)');

const exportValidator = () =>
  new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true }).compile(
    JSON.parse(fs.readFileSync(path.join(projectRoot(), 'schemas', 'report-export.schema.json'), 'utf8')) as object,
  );

test('json export: each indicator once with all its places; evidence and affected assets apart; valid against the export schema', () => {
  const document = JSON.parse(JSON.stringify(exportJson(exportInput(TEXT)))) as ReturnType<typeof exportJson>;
  const validate = exportValidator();
  assert.ok(validate(document), JSON.stringify(validate.errors, null, 2));
  const line = (text: string) => TEXT.split('\n').findIndex((candidate) => candidate.includes(text)) + 1;
  assert.deepEqual(
    document.indicators.map((indicator) => [indicator.refanged, indicator.locations.map((location) => location.line)]),
    [
      ['update-check.io', [line('**C2:**'), line('UPDATE-CHECK')]],
      ['203.0.113.50', [line('**C2:**'), line('| 203.0.113.50 |'), line('| 203.0.113.50 |')]],
      ['2001:DB8:0::5'.toLowerCase(), [line('UPDATE-CHECK'), line('| 2001:db8::5 |')]],
      ['billing@invoice-desk.io', [line('billing@')]],
      ['stage2.evil-cdn.net', [line('stage2.')]],
      ['kb-update.top', [line('kb-update')]],
    ],
  );
  assert.deepEqual(
    document.evidence.map((indicator) => [indicator.type, indicator.refanged, indicator.locations[0].evidence]),
    [
      ['email', 'j.smith@fabrikam-partner.com', true],
      ['domain', 'evil-relay.ru', true],
      ['ipv4', '198.18.7.7', true],
    ],
  );
  assert.deepEqual(
    document.affectedAssets.map((asset) => asset.value),
    ['vpn.contoso.com', 'j.doe@contoso.com'],
  );
  // The context is the line with the indicator in place, every indicator on it defanged (an own name as written).
  const ip = document.indicators[1];
  assert.equal(ip.context, 'update-check[.]io, 203[.]0[.]113[.]50');
  assert.equal(ip.locations[1].context, '203[.]0[.]113[.]50 | IP | Uploads to 203[.]0[.]113[.]50 from host WS-114');
  assert.equal(document.indicators[0].locations[1].context, 'update-check[.]io (beacon every 60 s) and 2001[:]db8[:]0[:][:]5');
  assert.equal(document.affectedAssets[1].context, 'vpn.contoso.com, j.doe@contoso.com');
  assert.equal(document.evidence[0].context, 'Jun 01 10:02:11 mx1 postfix/smtp: to=<j.smith[@]fabrikam-partner[.]com> relay=evil-relay[.]ru[198[.]18[.]7[.]7]');
});

test('stix export: one indicator per distinct value; no evidence-only value (a quoted victim mailbox) and no own name; valid STIX 2.1', () => {
  const bundle = exportStix(exportInput(TEXT));
  for (const object of bundle.objects) {
    const validate = stixValidator(schemaForType(object.type));
    assert.ok(validate(JSON.parse(JSON.stringify(object))), `${object.type}: ${describeErrors(validate)}`);
  }
  const patterns = bundle.objects.filter((object) => object.type === 'indicator').map((object) => object.pattern);
  assert.deepEqual(patterns, [
    "[domain-name:value = 'update-check.io']",
    "[ipv4-addr:value = '203.0.113.50']",
    "[ipv6-addr:value = '2001:db8:0::5']",
    "[email-addr:value = 'billing@invoice-desk.io']",
    "[domain-name:value = 'stage2.evil-cdn.net']",
    "[domain-name:value = 'kb-update.top']",
  ]);
  assert.ok(!JSON.stringify(bundle).includes('j.smith@fabrikam-partner'), 'a mailbox quoted in a log excerpt is no email-addr indicator');
  assert.ok(!patterns.some((pattern) => String(pattern).includes('contoso')), 'own names are no indicators');
});
