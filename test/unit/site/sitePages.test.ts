import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildRegister, type RegisterRow } from '../../../server/src/engine/register';
import { buildSitePages, reportPage, reportPageName, SITE_CSP, withLineAnchors } from '../../../server/src/engine/site';
import { heatLevel } from '../../../server/src/engine/site/siteAttack';
import { histogramSvg, niceScale } from '../../../server/src/engine/site/siteCharts';
import { incidentsPerMonth, ttdHistogram } from '../../../server/src/engine/site/siteMetrics';
import { engine, TEST_NOW } from '../../helpers';

/** Values a hostile report could put in any field the site shows. */
const HOSTILE = ['<script>__xss()</script>', '"><img src=x onerror=__xss()>', 'javascript:__xss()', "'><svg onload=__xss()>", '</title><script>x</script>'];

function row(index: number, overrides: Partial<RegisterRow> = {}): RegisterRow {
  const h = HOSTILE[index % HOSTILE.length];
  return {
    path: `reports/${index}-${h}.md`,
    title: { value: `Title ${h}`, line: 1 },
    id: { value: h, line: 2 },
    status: { value: h, line: 3 },
    severity: { value: index % 2 ? 'critical' : h, line: 4 },
    tlp: { value: h, line: 5 },
    organization: { value: h, line: 6 },
    dates: {
      incidentStart: { text: h, line: 10, start: `2026-0${1 + (index % 3)}-01T00:00:00.000Z`, end: '2026-01-01T23:59:59.999Z', precision: 'day' },
      discovery: { text: h, line: 11, start: `2026-0${1 + (index % 3)}-02T06:00:00.000Z`, end: '2026-01-02T06:00:59.999Z', precision: 'minute' },
      containment: null,
    },
    findings: { error: index % 2, warning: 1, info: 0 },
    hasErrors: index % 2 === 1,
    attackVersion: '19.2',
    techniques: [{ id: 'T1566.002', name: `Spearphishing ${h}`, tactics: [{ shortname: 'initial-access', name: `Initial ${h}` }], line: 20 }],
    indicators: [{ type: 'domain', refanged: `evil.example/${h}`, defanged: `evil[.]example/${h}`, line: 30 + index }],
    ...overrides,
  };
}

const rows = [0, 1, 2, 3, 4, 5].map((index) => row(index));
const register = buildRegister(rows, [{ path: `gone/${HOSTILE[0]}.md`, reason: HOSTILE[1] }], { name: 'increport', version: 'test' });
const pages = buildSitePages(register, {
  tacticOrder: [{ shortname: 'initial-access', name: 'Initial Access' }],
  footer: `footer ${HOSTILE[0]}`,
  title: HOSTILE[1],
});

/** Every attribute of every tag in the page, as written. */
function attributes(html: string): { tag: string; name: string; value: string }[] {
  const found: { tag: string; name: string; value: string }[] = [];
  for (const tag of html.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>/]+(?:="[^"]*")?)*)\s*\/?>/g)) {
    for (const attribute of tag[2].matchAll(/([^\s=]+)(?:="([^"]*)")?/g))
      found.push({ tag: tag[1].toLowerCase(), name: attribute[1].toLowerCase(), value: attribute[2] ?? '' });
  }
  return found;
}

const SITE_LINK =
  /^(?:(?:\.\.\/)?(?:index(?:-[a-z]+-(?:asc|desc))?|attack|metrics|indicators)\.html|reports\/[a-z0-9-]+\.html(?:#L\d+)?|#technique-[A-Za-z0-9._-]+)$/;

describe('site pages', () => {
  test('hostile titles, IDs, statuses, indicators and paths stay text: no tag, attribute, handler or link comes from a report', () => {
    assert.equal(pages.length, 22 + 3);
    for (const page of pages) {
      assert.match(page.file, /^[a-z0-9-]+\.html$/);
      assert.ok(page.html.includes(`<meta http-equiv="Content-Security-Policy" content="${SITE_CSP}">`), page.file);
      assert.doesNotMatch(page.html, /<script|<img|<svg onload|<\/title><script/i, page.file);
      const tags = [...page.html.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)/g)].map((match) => match[1].toLowerCase());
      const allowed = new Set([
        'html',
        'head',
        'meta',
        'title',
        'style',
        'body',
        'header',
        'h1',
        'h2',
        'nav',
        'a',
        'main',
        'footer',
        'p',
        'table',
        'caption',
        'thead',
        'tbody',
        'tr',
        'th',
        'td',
        'span',
        'code',
        'time',
        'ul',
        'ol',
        'li',
        'br',
        'div',
        'details',
        'summary',
        'figure',
        'figcaption',
        'svg',
        'desc',
        'line',
        'text',
        'rect',
      ]);
      for (const tag of tags) assert.ok(allowed.has(tag), `${page.file}: <${tag}>`);
      for (const attribute of attributes(page.html)) {
        assert.doesNotMatch(attribute.name, /^on|^style$|^src$|^srcdoc$|^action$|^formaction$/, `${page.file}: ${attribute.name}`);
        if (attribute.name === 'href') assert.match(attribute.value, SITE_LINK, `${page.file}: href ${attribute.value}`);
      }
    }
    const index = pages.find((page) => page.file === 'index.html')!.html;
    assert.ok(index.includes('&lt;script&gt;__xss()&lt;/script&gt;'), 'the hostile ID is shown, escaped');
    assert.ok(index.includes('&quot;&gt;&lt;img src=x onerror=__xss()&gt;'));
  });

  test('report page names: only [a-z0-9-], bounded, distinct for paths that slugify alike, nothing of a traversal left', () => {
    const names = [
      '../../etc/passwd',
      '..\\..\\windows\\system32',
      'a/b.md',
      'a-b.md',
      'A B.md',
      'CON',
      '',
      'x'.repeat(5000),
      'ÿ̈/\u202e/\u0000.md',
      '%2e%2e/x.md',
    ].map(reportPageName);
    for (const name of names) assert.match(name, /^[a-z0-9][a-z0-9-]{0,60}-[0-9a-f]{8}\.html$/, name);
    assert.equal(new Set(names).size, names.length);
    assert.equal(reportPageName('a/b.md'), reportPageName('a/b.md'));
  });

  test('the register table: one page per column and direction, headers link to the other orders, aria-sort on the current one', () => {
    const files = new Set(pages.map((page) => page.file));
    const bySeverity = pages.find((page) => page.file === 'index-severity-desc.html')!.html;
    assert.match(bySeverity, /<th scope="col" aria-sort="descending"><a href="index-severity-asc.html"[^>]*>Severity ▼<\/a><\/th>/);
    for (const href of bySeverity.matchAll(/href="(index[^"]*)"/g)) assert.ok(files.has(href[1]), href[1]);
    const body = bySeverity.slice(bySeverity.indexOf('<tbody>'));
    assert.ok(body.indexOf('>critical<') < body.indexOf('&lt;script&gt;'), 'critical sorts above an unknown severity');
    assert.match(pages.find((page) => page.file === 'index.html')!.html, /aria-sort="descending"><a href="index-discovery-asc.html"/);
  });

  test('shared indicators: defanged, linked to each report page at its line', () => {
    const html = pages.find((page) => page.file === 'indicators.html')!.html;
    // Each row's indicator differs (the hostile value is part of it) but rows 0 and 5 share theirs.
    assert.match(html, /1 indicator appears in more than one report/);
    assert.ok(html.includes(`href="reports/${reportPageName(rows[0].path)}#L30"`));
    assert.ok(html.includes(`href="reports/${reportPageName(rows[5].path)}#L35"`));
    assert.ok(html.includes('evil[.]example/'));
    assert.ok(!html.includes('evil.example/'), 'only the defanged form is shown');
  });

  test('heatmap: the count is written in each cell and the colour bucket is a fixed class', () => {
    const html = pages.find((page) => page.file === 'attack.html')!.html;
    assert.match(html, /<td class="heat-5"><a href="#technique-T1566.002" title="[^"]*"><span class="count">6<\/span><code>T1566.002<\/code>/);
    assert.deepEqual(
      [0, 1, 2, 5, 6, 10].map((count) => heatLevel(count, 10)),
      [0, 1, 1, 3, 3, 5],
    );
  });

  test('metrics: months with the gaps filled, severity buckets, the histogram bins, tables next to the charts', () => {
    const gap = buildRegister(
      [
        row(1),
        row(2, {
          dates: { ...row(2).dates, discovery: { text: 'x', line: 1, start: '2026-05-02T00:00:00.000Z', end: '2026-05-02T23:59:59.999Z', precision: 'day' } },
        }),
      ],
      [],
      { name: 'i', version: 't' },
    );
    const perMonth = incidentsPerMonth(gap);
    assert.deepEqual(perMonth.months, ['2026-02', '2026-03', '2026-04', '2026-05']);
    assert.deepEqual(perMonth.counts[0], [1, 0, 0, 0, 0]);
    assert.deepEqual(perMonth.counts[3], [0, 0, 0, 0, 1]);
    assert.deepEqual(
      ttdHistogram(register.metrics.timeToDetect).map((bin) => bin.count),
      [0, 0, 0, 0, 6, 0, 0, 0],
    );
    const html = pages.find((page) => page.file === 'metrics.html')!.html;
    assert.equal((html.match(/<svg class="chart"/g) ?? []).length, 2);
    assert.match(html, /<th scope="row">1–3 d<\/th><td class="num">6<\/td>/);
    assert.deepEqual(niceScale(7), { top: 8, step: 2 });
    assert.match(
      histogramSvg({ title: '<t>', description: '"d"', bins: [{ label: '<b>', count: 1 }] }),
      /<title>&lt;t&gt;<\/title><desc>&quot;d&quot;<\/desc>/,
    );
  });

  test('report pages: the standalone render with the register navigation and an anchor per line', () => {
    const text = `# Incident Report: ${HOSTILE[0]}\n\n## Executive Summary\n${HOSTILE[1]} [x](javascript:__xss())\n`;
    const result = engine().check(text);
    const html = reportPage(
      { model: result.model, spec: engine().schema.spec, catalog: engine().catalog, now: TEST_NOW, findings: result.findings },
      'fallback',
    );
    assert.match(html, /<html lang="en" data-target="standalone">/);
    assert.match(html, /<a href="\.\.\/index\.html">Register<\/a>/);
    assert.match(html, /id="L1" data-line="0"/);
    assert.doesNotMatch(html, /<script|<img|href="javascript/i);
    assert.equal(
      withLineAnchors('<p data-line="2">a</p><p data-line="2">b</p><code>data-line=&quot;3&quot;</code>'),
      '<p id="L3" data-line="2">a</p><p data-line="2">b</p><code>data-line=&quot;3&quot;</code>',
    );
  });
});
