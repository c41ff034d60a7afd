import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderReportBody } from '../../../server/src/engine/render/renderReport';
import { engine, TEST_NOW } from '../../helpers';
import { reportWithManyIps } from '../complexity/caseHelpers';

/*
 * Issue 11: every row of the IOC table quoted the rest of its line, so 4,000 IPs on one line (70 KB) gave
 * 4,000 copies of it: 266 MB of HTML, 25 s, and `Invalid string length` in the preview. Each context cell
 * is now an excerpt of about 60 characters either side of its indicator.
 */

function render(text: string): string {
  const result = engine().check(text);
  return renderReportBody({ model: result.model, spec: engine().schema.spec, catalog: engine().catalog, now: TEST_NOW, findings: result.findings });
}

const rowsOf = (html: string) => [...html.matchAll(/<tr data-line="\d+">.*?<\/tr>/g)].map((match) => match[0]);
const contextOf = (row: string) => /<td class="context">(.*?)<\/td>/.exec(row)?.[1];

for (const live of [false, true]) {
  test(`render: 4,000 ${live ? 'live' : 'defanged'} IPs on one line give 4,000 rows of bounded size`, () => {
    const html = render(reportWithManyIps(4000, live));
    const rows = rowsOf(html).filter((row) => /<code class="ioc">10[.[]/.test(row));
    assert.equal(rows.length, 4000);
    const longest = Math.max(...rows.map((row) => row.length));
    assert.ok(longest < 1024, `a row of ${longest} characters`);
    assert.ok(html.length < 2_500_000, `${html.length} characters of HTML (the rest-of-line context made 266 MB)`);
    assert.ok(!/\b10\.0\.1\.2\b/.test(html), 'no live IP reaches the HTML');
    if (live) return;
    // The 1,000th IP's cell: its neighbours, cut at spaces with "…", the IP itself in place (issue 15).
    assert.equal(
      contextOf(rows[999]),
      '…10.3.228[.]247, 10.3.229[.]248, 10.3.230[.]249, 10.3.231[.]250, 10.3.232[.]1, 10.3.233[.]2, 10.3.234[.]3, 10.3.235[.]4,…',
    );
    // The first and last cells reach the start of the item's text and the end of the line.
    assert.equal(contextOf(rows[0]), 'seen in the firewall logs: 10.0.0[.]1, 10.0.1[.]2, 10.0.2[.]3, 10.0.3[.]4, 10.0.4[.]5,…');
    assert.equal(contextOf(rows[3999]), '…10.15.156[.]247, 10.15.157[.]248, 10.15.158[.]249, 10.15.159[.]250 (all blocked).');
  });
}
