import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exportJson, exportReportText, exportStix } from '../../../server/src/engine/export';
import { reportWithManyIps } from '../complexity/caseHelpers';
import { exportInput } from './exportHelpers';

/*
 * Issue 11: each indicator's `context` (JSON) and `description` (STIX) was its whole line, so 4,000 IPs
 * on one line (70 KB) made 266 MB of JSON and 270 MB of STIX. Each is now an excerpt around its indicator.
 */

test('json and stix exports: 4,000 IPs on one line give 4,000 bounded contexts', () => {
  const input = exportInput(reportWithManyIps(4000));
  const ips = exportJson(input).indicators.filter((indicator) => indicator.type === 'ipv4');
  assert.equal(ips.length, 4000);
  const longest = Math.max(...ips.map((indicator) => indicator.context.length));
  assert.ok(longest <= 2 * 60 + 20, `a context of ${longest} characters`);
  assert.equal(ips[0].context, 'seen in the firewall logs: 10.0.0[.]1, 10.0.1[.]2, 10.0.2[.]3, 10.0.3[.]4, 10.0.4[.]5,…');
  assert.equal(ips[999].context, '…10.3.228[.]247, 10.3.229[.]248, 10.3.230[.]249, 10.3.231[.]250, 10.3.232[.]1, 10.3.233[.]2, 10.3.234[.]3, 10.3.235[.]4,…');
  assert.equal(ips[3999].context, '…10.15.156[.]247, 10.15.157[.]248, 10.15.158[.]249, 10.15.159[.]250 (all blocked).');
  const descriptions = exportStix(input)
    .objects.filter((object) => object.type === 'indicator')
    .map((object) => String(object.description));
  assert.ok(descriptions.includes(ips[999].context));
  for (const format of ['json', 'stix'] as const) {
    const size = exportReportText(format, input).length;
    assert.ok(size < 6_000_000, `${format}: ${size} characters (the whole-line context made about 270 MB)`);
  }
});
