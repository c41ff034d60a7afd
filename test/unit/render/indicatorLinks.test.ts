import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { renderReportBody } from '../../../server/src/engine/render/renderReport';
import { engine, TEST_NOW } from '../../helpers';

function render(text: string): string {
  const result = engine().check(text);
  return renderReportBody({ model: result.model, spec: engine().schema.spec, catalog: engine().catalog, now: TEST_NOW, findings: result.findings });
}

/** Every match of a regex's first group, in order. */
const all = (html: string, re: RegExp) => [...html.matchAll(re)].map((m) => m[1]);

/** The inner HTML of the first element opening with `open` (balanced on its tag name). */
function element(html: string, open: RegExp): string {
  const match = open.exec(html);
  assert.ok(match, `no element ${open}`);
  const tag = /^<([a-z0-9]+)/.exec(match[0])![1];
  let depth = 0;
  const re = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'g');
  re.lastIndex = match.index;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) return html.slice(match.index + match[0].length, m.index);
  }
  throw new Error('unbalanced');
}

describe('render: links to indicators', () => {
  const linkTags = (html: string) => all(html, /(<a [^>]*>|<span class="link-blocked"[^>]*>)/g);

  test('reference definitions in the IOC section (last, in the middle, with a title, <angle>) are defanged; links using them are not live', () => {
    const text = `# Incident Report: R
## Executive Summary
See [the C2][c2], [c2], [mid] and [ang].
## Indicators of Compromise
- **Network indicators:** hxxp[://]a[.]example

[mid]: http://mid.example.com/y "Staging"

- **Other:** x

[c2]: http://evil.example.com/x
[ang]: <http://angle.example.com/z> 'T'
## Response Actions
Blocked [c2] at the proxy.
`;
    const html = render(text);
    for (const live of ['http://evil.example.com', 'http://mid.example.com', 'http://angle.example.com', 'evil.example.com', 'mid.example.com'])
      assert.ok(!html.includes(live), live);
    assert.ok(!/<a\b/.test(html), 'no link at all');
    const summary = element(html, /<section class="report-section kind-prose" data-line="1">/);
    assert.equal(
      summary,
      '<h2 data-line="1">Executive Summary</h2>\n<p data-line="2">See ' +
        '<span class="link-blocked" title="Link not rendered: hxxp%5B://%5Devil%5B.%5Dexample%5B.%5Dcom/x">the C2</span>, ' +
        '<span class="link-blocked" title="Link not rendered: hxxp%5B://%5Devil%5B.%5Dexample%5B.%5Dcom/x">c2</span>, ' +
        '<span class="link-blocked" title="Link not rendered: hxxp%5B://%5Dmid%5B.%5Dexample%5B.%5Dcom/y">mid</span> and ' +
        '<span class="link-blocked" title="Link not rendered: hxxp%5B://%5Dangle%5B.%5Dexample%5B.%5Dcom/z">ang</span>.</p>\n',
    );
    const table = element(html, /<table class="iocs">/);
    assert.deepEqual(all(table, /<code class="ioc">([^<]+)<\/code>/g), [
      'hxxp[://]a[.]example',
      'hxxp[://]mid[.]example[.]com/y',
      'hxxp[://]evil[.]example[.]com/x',
      'hxxp[://]angle[.]example[.]com/z',
    ]);
    assert.deepEqual(all(table, /<tr data-line="(\d+)">/g), ['4', '6', '10', '11']);
  });

  test('a link anywhere whose host is an indicator (inline, autolink, by reference) is not rendered as a link; other links are', () => {
    const text = `# Incident Report: R
## Executive Summary
[portal](https://Invoice-Northwind.com/other) <http://185.0.113.9:8080/> [ref] [mail](mailto:Billing@invoice-northwind.com) [v6](http://[2a0b:7280::4]/) [ok](https://learn.microsoft.com/mfa)

[ref]: https://invoice-northwind.com/
## Indicators of Compromise
- **Network indicators:** hxxps[://]invoice-northwind[.]com/portal/login, 185[.]0[.]113[.]9, 2a0b[:]7280[:][:]4
- **Mail:** billing[@]invoice-northwind[.]com
`;
    const html = render(text);
    const blocked = '<span class="link-blocked" title="Link to an indicator of compromise: not rendered">';
    assert.deepEqual(linkTags(element(html, /<section class="report-section kind-prose" data-line="1">/)), [
      blocked,
      blocked,
      blocked,
      blocked,
      blocked,
      '<a href="https://learn.microsoft.com/mfa" rel="noopener noreferrer" title="https://learn.microsoft.com/mfa">',
    ]);
    // The blocked span does not repeat the live target (an autolink's text is the URL as written, like any prose).
    assert.deepEqual(all(html, /href="([^"]*)"/g), ['https://learn.microsoft.com/mfa']);
    assert.ok(!/title="[^"]*(?:invoice-northwind|185\.0\.113)/i.test(html));
  });
});
