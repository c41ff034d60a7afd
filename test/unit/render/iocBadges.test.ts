import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderReportBody } from '../../../server/src/engine/render/renderReport';
import { engine, TEST_NOW } from '../../helpers';
import { reportWithIocs } from '../iocs/iocReports';

function iocTable(text: string): string {
  const result = engine().check(text);
  const html = renderReportBody({ model: result.model, spec: engine().schema.spec, catalog: engine().catalog, now: TEST_NOW, findings: result.findings });
  return /<table class="iocs">[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
}
const rowOf = (table: string, value: string) =>
  new RegExp(`<tr[^>]*><td class="value"><code class="ioc">${value.replace(/[[\].]/g, '\\$&')}</code>.*?</tr>`).exec(table)?.[0] ?? '';

test('preview: an indicator listed twice is one row; own names and evidence-only values are badged; the context keeps the indicator in place', () => {
  const table = iocTable(
    reportWithIocs(
      [
        '- **C2:** update-check[.]io, 203.0.113.50',
        '- **Again:** UPDATE-CHECK.IO (beacon)',
        '- **Hosts:** vpn.contoso.com',
        '',
        '```',
        'Jun 01 10:02:11 mx1 postfix/smtp: to=<j.smith@fabrikam-partner.com> status=sent',
        '```',
      ],
      'Contoso Ltd (contoso.com)',
    ),
  );
  assert.equal(table.match(/update-check\[\.\]io<\/code>/g)?.length, 1, 'one row for the domain written twice');
  assert.match(rowOf(table, 'update-check[.]io'), /<span class="live"[^>]*>was live<\/span>.*<span class="repeat" title="Also on line \d+">×2<\/span>/);
  assert.match(rowOf(table, 'vpn[.]contoso[.]com'), /<span class="badge asset"[^>]*>affected asset<\/span>/);
  assert.doesNotMatch(rowOf(table, 'vpn[.]contoso[.]com'), /was live/);
  assert.match(rowOf(table, 'j.smith[@]fabrikam-partner[.]com'), /<span class="badge evidence"[^>]*>evidence only<\/span>/);
  assert.doesNotMatch(rowOf(table, 'update-check[.]io'), /badge/);
  assert.match(rowOf(table, '203[.]0[.]113[.]50'), /<td class="context">update-check\[\.\]io, 203\[\.\]0\[\.\]113\[\.\]50<\/td>/);
  assert.doesNotMatch(table, /update-check\.io|203\.0\.113\.50|j\.smith@/i, 'nothing live reaches the HTML');
});
