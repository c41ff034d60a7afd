import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { indicatorsOf } from '../../../server/src/engine/queries/iocQueries';
import { renderReportBody } from '../../../server/src/engine/render/renderReport';
import { formatSpan } from '../../../server/src/engine/render/renderTimeline';
import { engine, projectRoot, seedText, TEST_NOW } from '../../helpers';

const ROOT = projectRoot();
const northwindText = () => readFileSync(join(ROOT, 'examples', 'northwind-ransomware-intrusion.md'), 'utf8');

function render(text: string): string {
  const result = engine().check(text);
  return renderReportBody({ model: result.model, spec: engine().schema.spec, catalog: engine().catalog, now: TEST_NOW, findings: result.findings });
}

/** Every match of a regex's first group, in order. */
const all = (html: string, re: RegExp) => [...html.matchAll(re)].map((m) => m[1]);
const lineOf = (text: string, prefix: string) => text.split('\n').findIndex((line) => line.startsWith(prefix));

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

describe('render: header card', () => {
  test('title, incident facts from Incident Details, front matter badges (TLP coloured) and authors', () => {
    const text = northwindText();
    const header = element(render(text), /<header class="report-header card"[^>]*>/);
    assert.match(
      header,
      new RegExp(`<h1 data-line="${lineOf(text, '# Incident Report')}">Incident Report: Akira-Style Ransomware Intrusion at Northwind Manufacturing</h1>`),
    );
    assert.match(header, /<span class="badge tlp tlp-amber" data-line="5" title="Traffic Light Protocol">TLP:AMBER<\/span>/);
    assert.match(header, /<span class="badge severity sev-critical"[^>]*>Severity: critical<\/span>/);
    assert.match(header, /<span class="badge status status-final"[^>]*>final<\/span>/);
    assert.match(header, /<span class="badge report-id"[^>]*>IR-2026-0117<\/span>/);
    const facts = Object.fromEntries(
      [...header.matchAll(/<div class="fact" data-line="(\d+)"><dt>([^<]+)<\/dt><dd>(.*?)<\/dd><\/div>/g)].map((m) => [
        m[2],
        { line: Number(m[1]), value: m[3] },
      ]),
    );
    assert.deepEqual(facts['Discovery Date'], {
      line: lineOf(text, '- **Discovery Date:**'),
      value: '<time datetime="2026-04-18T02:47:00.000Z">2026-04-18 02:47 UTC</time>',
    });
    assert.equal(facts['Incident Date'].value, '<time datetime="2026-04-14T09:12:00.000Z">2026-04-14 09:12 UTC</time>');
    assert.equal(facts['Affected Organization'].value, 'Northwind Manufacturing GmbH (corporate IT and two production plants)');
    assert.equal(facts.Sector.value, 'Manufacturing / Industrial Automation');
    assert.equal(facts.Geography.value, 'Germany and Czech Republic');
    assert.equal(facts.Authors.value, 'Security Operations Center, Incident Response Team');
    assert.match(header, /Discovered 3 days 18 h after the incident began\./);
  });

  test('TLP levels map to fixed classes; unknown values never become class names', () => {
    const badge = (tlp: string) => /class="badge tlp ([a-z-]+)"/.exec(render(`---\ntlp: ${tlp}\n---\n# Incident Report: x\n`))?.[1];
    assert.equal(badge('TLP:RED'), 'tlp-red');
    assert.equal(badge('green'), 'tlp-green');
    assert.equal(badge('TLP:AMBER+STRICT'), 'tlp-amber-strict');
    assert.equal(badge('TLP:CLEAR'), 'tlp-clear');
    assert.equal(badge('"x onclick=y"'), 'tlp-unknown');
    assert.equal(badge('constructor'), 'tlp-unknown');
  });

  test('Incident Details is not repeated as a section; a report without it still has a header', () => {
    const html = render(seedText());
    assert.equal(html.match(/>Incident Details</g), null);
    assert.match(
      render('# Incident Report: Minimal\n'),
      /<header class="report-header card" data-line="0">[\s\S]*<h1 data-line="0">Incident Report: Minimal<\/h1>/,
    );
  });
});

describe('render: validation summary', () => {
  test('counts by severity, each finding a button with its data-line and rule id, messages escaped', () => {
    const text = northwindText()
      .replace('T1486 Data', 'T1486.999 Data')
      .replace(/- \*\*Discovery Date:\*\*.*\n/, '')
      .replace('hxxps[://]invoice-northwind[.]com/portal/login', 'https://invoice-northwind.com/portal/login');
    const result = engine().check(text);
    const html = render(text);
    const summary = element(html, /<section class="validation card"[^>]*>/);
    const count = (severity: string) => result.findings.filter((f) => f.severity === severity).length;
    assert.ok(count('error') >= 2 && count('warning') >= 1);
    assert.match(summary, new RegExp(`<span class="count sev-error">${count('error')} errors</span>`));
    assert.match(summary, new RegExp(`<span class="count sev-warning">${count('warning')} warnings?</span>`));
    const buttons = [
      ...summary.matchAll(/<button type="button" class="finding sev-(\w+)" data-line="(\d+)"[^>]*>.*?<code class="rule">([^<]+)<\/code><\/button>/g),
    ];
    assert.deepEqual(
      buttons.map((m) => [m[1], Number(m[2]), m[3]]),
      result.findings.map((f) => [f.severity, f.range.start.line, f.ruleId]),
    );
    assert.match(summary, /T1486\.999 is not a sub-technique of T1486 \(Data Encrypted for Impact\)/);
    // The ioc-live message quotes the live URL; the preview shows it defanged.
    assert.ok(!html.includes('https://invoice-northwind.com'));
    assert.match(summary, /Live URL &#39;hxxps\[:\/\/\]invoice-northwind\[\.\]com\/portal\/login&#39;/);
  });

  test('a clean report says so', () => {
    assert.match(render(seedText()), /<span class="count sev-error zero">0 errors<\/span>[\s\S]*No problems found\./);
  });
});

describe('render: timeline lane', () => {
  test('phases in the order written, dates as written in <time>, gaps between dated phases, unknown dates', () => {
    const text = northwindText();
    const timeline = element(render(text), /<ol class="timeline">/);
    assert.deepEqual(all(timeline, /<h3 data-line="\d+">([^<]+)<\/h3>/g), [
      'Initial Access',
      'Discovery and Credential Access',
      'Lateral Movement',
      'Exfiltration',
      'Impact',
      'Detection &amp; Response',
    ]);
    assert.deepEqual(all(timeline, /<li class="gap[^"]*"[^>]*><span>([^<]+)<\/span>/g), ['+53 min', '+1 day 11 h', '+1 day 4 h', '+1 day 1 h', '+16 min']);
    assert.deepEqual(all(timeline, /<li class="phase (\w+)" data-line="(?:\d+)">/g), ['dated', 'dated', 'dated', 'dated', 'dated', 'dated']);
    assert.deepEqual(
      all(timeline, /<li class="phase \w+" data-line="(\d+)">/g).map(Number),
      ['### Initial Access', '### Discovery and', '### Lateral', '### Exfiltration', '### Impact', '### Detection'].map((p) => lineOf(text, p)),
    );
    assert.match(timeline, /<time datetime="2026-04-15T21:30:00.000Z">2026-04-15 21:30 UTC<\/time>/);
    assert.ok(!timeline.includes('<dt>Date/Time</dt>'), 'the date is shown on the lane, not repeated as a field');

    const seed = element(render(seedText()), /<ol class="timeline">/);
    assert.deepEqual(all(seed, /<li class="phase (\w+)"/g), ['dated', 'undated', 'undated', 'undated']);
    assert.equal(seed.match(/<span class="date-unknown">date unknown<\/span>/g)?.length, 3);
    assert.match(seed, /<time datetime="2026-06-01T[^"]+">June 1, 2026, prior to 05:00 AM ET<\/time>/);
  });

  test('a phase out of order gets a backwards gap; a gap skips undated phases; day-only dates count days', () => {
    const text = `# Incident Report: T
## Timeline of Events
### One
- **Date/Time:** 2026-06-03
### Two
- **Details:** no date here
### Three
- **Date/Time:** 2026-06-01
### Four
- **Date/Time:** 2026-06-01 10:00 UTC
`;
    const timeline = element(render(text), /<ol class="timeline">/);
    assert.deepEqual(all(timeline, /<h3[^>]*>([^<]+)</g), ['One', 'Two', 'Three', 'Four']);
    assert.deepEqual(all(timeline, /<li class="(gap[^"]*|phase \w+)"/g), [
      'phase dated',
      'phase undated',
      'gap backwards',
      'phase dated',
      'gap',
      'phase dated',
    ]);
    assert.deepEqual(all(timeline, /<li class="gap[^"]*"[^>]*><span>([^<]+)</g), ['−2 days (earlier than the phase before)', 'same day']);
  });

  test('formatSpan', () => {
    assert.equal(formatSpan(40 * 60_000, false), '+40 min');
    assert.equal(formatSpan(125 * 60_000, false), '+2 h 5 min');
    assert.equal(formatSpan(3 * 3_600_000, false), '+3 h');
    assert.equal(formatSpan(26 * 3_600_000, false), '+1 day 2 h');
    assert.equal(formatSpan(48 * 3_600_000, false), '+2 days');
    assert.equal(formatSpan(2 * 86_400_000, true), '+2 days');
    assert.equal(formatSpan(-86_400_000, true), '−1 day');
    assert.equal(formatSpan(0, false), 'same time');
  });
});

describe('render: ATT&CK matrix', () => {
  const catalog = () => engine().catalog;
  const columns = (html: string) =>
    [
      ...element(html, /<div class="matrix" role="list">/).matchAll(
        /<div class="tactic (\w+)" role="listitem"(?: data-line="(\d+)")?><div class="tactic-name" title="([^"]+)">([\s\S]*?)<\/div><div class="tactic-body">([\s\S]*?)<\/div><\/div>/g,
      ),
    ].map((m) => ({
      state: m[1],
      line: m[2] === undefined ? undefined : Number(m[2]),
      title: m[3],
      body: m[5],
      techniques: all(m[5], /<span class="tid">([^<]+)<\/span>/g),
    }));

  test('every catalog tactic is a column in matrix order, with the techniques of its row, N/A dimmed, version shown', () => {
    const text = northwindText();
    const html = render(text);
    const cols = columns(html);
    assert.deepEqual(
      cols.map((c) => c.title),
      catalog().tactics.map((t) => `${t.id} ${t.name}`),
    );
    const by = (name: string) => cols.find((c) => c.title.endsWith(` ${name}`))!;
    assert.deepEqual(by('Initial Access').techniques, ['T1566.002', 'T1133']);
    assert.deepEqual(by('Persistence').techniques, ['T1078.002'], 'T1133 is mentioned in the timeline but listed under Initial Access only');
    assert.deepEqual(by('Privilege Escalation').techniques, ['T1078.002']);
    assert.deepEqual(by('Impact').techniques, ['T1486', 'T1490']);
    assert.equal(by('Reconnaissance').state, 'na');
    assert.match(by('Reconnaissance').body, /N\/A/);
    assert.equal(by('Resource Development').state, 'unlisted');
    assert.equal(by('Initial Access').line, lineOf(text, '- **Initial Access:**'));
    assert.match(by('Initial Access').body, /<li class="technique listed" data-line="\d+" title="T1566\.002 Phishing: Spearphishing Link">/);
    assert.match(html, /<span class="attack-version">MITRE ATT&amp;CK® Enterprise v18\.1<\/span>/);
  });

  test('a technique under a tactic the catalog does not list it for stays in that column, marked; unknown IDs and free text are shown', () => {
    const text = `# Incident Report: M
## Timeline of Events
### P
- **Vector:** T1059.001 PowerShell, seen on the way
## Attack Methodology
- **Initial Access:** T1486 Data Encrypted for Impact
- **Execution:** T9999 Made Up
- **Impact:** Service interruption only.
- **Persistance:** T1078
`;
    const html = render(text);
    const cols = columns(html);
    const by = (name: string) => cols.find((c) => c.title.endsWith(` ${name}`))!;
    assert.deepEqual(by('Initial Access').techniques, ['T1486']);
    assert.match(
      by('Initial Access').body,
      /class="technique listed off-tactic"[^>]*title="T1486 Data Encrypted for Impact \(ATT&amp;CK lists it under Impact\)"/,
    );
    assert.match(by('Execution').body, /class="technique listed unknown"[^>]*title="T9999: not in ATT&amp;CK v18\.1"/);
    assert.match(
      by('Execution').body,
      /class="technique mentioned"[^>]*><span class="tid">T1059\.001<\/span>/,
      'mentioned in the timeline, outlined under its catalog tactic',
    );
    assert.match(by('Impact').body, /<p class="cell-note" data-line="\d+">Service interruption only\.<\/p>/);
    assert.match(html, /Rows that name no ATT&amp;CK tactic:[\s\S]*<dt>Persistance<\/dt>/);
  });
});

describe('render: indicators', () => {
  test('grouped by type, ALWAYS defanged with a copy button of the same value; refanged forms never appear', () => {
    const text = northwindText();
    const html = render(text);
    const table = element(html, /<table class="iocs">/);
    assert.deepEqual(all(table, /<tbody class="ioc-group ioc-(\w+)">/g), ['url', 'ipv4', 'ipv6', 'email', 'sha256', 'md5']);
    const rows = [...table.matchAll(/<tr data-line="(\d+)"><td class="value"><code class="ioc">([^<]+)<\/code>.*?data-copy="([^"]+)"/g)];
    assert.deepEqual(
      rows.map((m) => m[2]),
      rows.map((m) => m[3]),
    );
    assert.deepEqual(
      rows.map((m) => m[2]),
      [
        'hxxps[://]invoice-northwind[.]com/portal/login',
        '185[.]220[.]101[.]47',
        '2a0b[:]7280[:]200[:][:]4',
        'billing[@]invoice-northwind[.]com',
        '9f2b3c1d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9',
        '5d41402abc4b2a76b9719d911017c592',
      ],
    );
    assert.equal(Number(rows[1][1]), lineOf(text, '  - 185[.]220'));
    assert.match(table, /<td class="context">185\[\.\]220\[\.\]101\[\.\]47 \(VPN logins\)<\/td><td class="listed-under">Network indicators<\/td>/);
    for (const located of indicatorsOf(engine().check(text).model, engine().schema.spec)) {
      if (located.ioc.refanged !== located.ioc.text) assert.ok(!html.includes(located.ioc.refanged), located.ioc.refanged);
    }
    assert.ok(!/<a\b/.test(element(html, /<section class="report-section kind-indicators"[^>]*>/)), 'no links in the IOC section');
    assert.match(html, /<dt>Behavioral indicators<\/dt><dd><code>vssadmin delete shadows \/all \/quiet<\/code> on many servers/);
  });

  test('indicators written live are defanged everywhere in the section and marked; nothing refanged or live remains', () => {
    const text = `# Incident Report: L
## Indicators of Compromise
- **Network indicators:** http://evil.example.com/x and 185.0.113.9
- **Mail:** bad@evil.example.com
- Partly defanged http://live.example/hxxp[://]x[.]example/
`;
    const html = render(text);
    for (const live of ['http://evil.example.com', 'evil.example.com', '185.0.113.9', 'bad@evil', 'http://live.example']) assert.ok(!html.includes(live), live);
    assert.match(html, /<code class="ioc">hxxp\[:\/\/\]evil\[\.\]example\[\.\]com\/x<\/code> <span class="live"/);
    assert.match(html, /data-copy="185\[\.\]0\[\.\]113\[\.\]9"/);
    assert.match(html, /<li data-line="4">Partly defanged hxxp\[:\/\/\]live\[\.\]example\/hxxp\[:\/\/\]x\[\.\]example\/<\/li>/);
  });
});

describe('render: sections', () => {
  test('impact fields with a level word get a level badge; other sections are formatted text with data-line', () => {
    const text = northwindText();
    const html = render(text);
    assert.match(html, /<dt>Operational<\/dt><dd><span class="badge level level-critical">Critical<\/span> production at two plants/);
    assert.match(html, /<dt>Reputational<\/dt><dd><span class="badge level level-medium">Moderate<\/span> two customers/);
    assert.match(html, /<dt>Financial<\/dt><dd>About EUR 2\.4 million/);
    assert.match(render(seedText()), /<dt>Data Breach<\/dt><dd><span class="badge level level-none">None<\/span> None reported\.<\/dd>/);
    const lessons = element(html, /<section class="report-section kind-prose" data-line="\d+"><h2 data-line="\d+">Lessons Learned/);
    assert.match(lessons, new RegExp(`<li data-line="${lineOf(text, '- **MFA gaps:**')}"><strong>MFA gaps:</strong> The VPN was the only remote access path`));
    assert.deepEqual(all(html, /<section class="report-section kind-([\w-]+)"/g), [
      'prose',
      'timeline',
      'attack-tactics',
      'fields',
      'indicators',
      'fields',
      'prose',
      'prose',
    ]);
  });

  test('every data-line points at the source line of what it shows', () => {
    const text = northwindText();
    const lines = text.split('\n');
    const html = render(text);
    for (const [, line, key] of html.matchAll(/<div class="(?:field|fact)" data-line="(\d+)"><dt>([^<]+)<\/dt>/g)) {
      if (!['Authors', 'Created', 'Updated'].includes(key)) assert.ok(lines[Number(line)].includes(`**${key.replace('&amp;', '&')}`), `${line}: ${key}`);
    }
    for (const [, line, title] of html.matchAll(/<h[23] data-line="(\d+)"[^>]*>([^<]+)</g))
      assert.ok(lines[Number(line)].includes(title.replace('&amp;', '&')), `${line}: ${title}`);
    for (const [, line, id] of html.matchAll(/<li class="technique[^"]*" data-line="(\d+)"[^>]*><span class="tid">([^<]+)</g))
      assert.ok(lines[Number(line)].includes(id), `${line}: ${id}`);
  });

  test('content outside sections and comments: loose text is kept, HTML comments are not shown', () => {
    const html = render('# Incident Report: X\nIntro text.\n<!-- increport-disable ioc-live -->\n## Executive Summary\nSummary.\n<!-- a note to authors -->\n');
    assert.match(html, /<div class="loose-content"><p data-line="1">Intro text\.<\/p>/);
    assert.ok(!html.includes('increport-disable') && !html.includes('a note to authors'));
  });
});
