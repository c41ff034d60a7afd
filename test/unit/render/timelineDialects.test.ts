import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderReportBody } from '../../../server/src/engine/render/renderReport';
import { engine, seedText, TEST_NOW } from '../../helpers';

function render(text: string): string {
  const result = engine().check(text);
  return renderReportBody({ model: result.model, spec: engine().schema.spec, catalog: engine().catalog, now: TEST_NOW, findings: result.findings });
}

const timeline = (body: string, heading = 'Timeline of Events'): string =>
  seedText().replace(/## Timeline of Events\n[\s\S]*?(?=## Attack Methodology)/, `## ${heading}\n${body}\n`);

/** The lane: the <ol class="timeline"> element (the timeline section has one, without nested lists here). */
const lane = (html: string): string => {
  const start = html.indexOf('<ol class="timeline">');
  assert.ok(start >= 0, 'no timeline lane');
  return html.slice(start, html.indexOf('</ol>', start) + 5);
};
const all = (html: string, re: RegExp) => [...html.matchAll(re)].map((m) => m[1]);

test('preview: a timeline table becomes lane entries with their titles, details, dates and gaps; the table is not repeated', () => {
  const html = render(
    timeline(
      [
        '| Time (UTC) | Event | Details |',
        '|---|---|---|',
        '| 2026-07-16 14:10 | Resignation | Employee **resigned** |',
        '| 2026-07-16 15:00 | Access | Accessed share |',
        '|  | Exit | Left |',
      ].join('\n'),
    ),
  );
  const items = lane(html);
  assert.deepEqual(all(items, /<li class="phase entry (\w+)" data-line="(?:\d+)">/g), ['dated', 'dated', 'undated']);
  assert.deepEqual(all(items, /<h3 data-line="\d+">([^<]+)<\/h3>/g), ['Resignation', 'Access', 'Exit']);
  assert.match(items, /<time datetime="2026-07-16T14:10:00.000Z">2026-07-16 14:10<\/time>/);
  assert.match(items, /<p>Employee <strong>resigned<\/strong><\/p>/);
  assert.deepEqual(all(items, /<li class="gap[^"]*"[^>]*><span>([^<]+)<\/span>/g), ['+50 min']);
  assert.match(items, /<span class="date-unknown">date unknown<\/span>/);
  const section = html.slice(html.indexOf('Timeline of Events'), html.indexOf('<ol class="timeline">'));
  assert.ok(!section.includes('<table'), 'the table is shown as the lane, not also as a table');
});

test('preview: dated bullets become lane entries; a list with other items stays a list', () => {
  const items = lane(render(timeline('- **2026-08-03 16:00 UTC** — Data copied to USB\n- 2026-08-03 15:00 UTC: Data staged')));
  assert.deepEqual(all(items, /<div class="when" data-line="\d+"><time datetime="([^"]+)"/g), ['2026-08-03T16:00:00.000Z', '2026-08-03T15:00:00.000Z']);
  assert.deepEqual(all(items, /<p>([^<]+)<\/p>/g), ['Data copied to USB', 'Data staged']);
  assert.deepEqual(all(items, /<li class="gap([^"]*)"/g), [' backwards']);
  const mixed = render(timeline('- 2026-08-03 16:00 UTC: Data copied\n- Then the laptop was returned'));
  assert.ok(!mixed.includes('<ol class="timeline">'), 'no lane: the list is shown as written');
  assert.match(mixed, /<li data-line="10">2026-08-03 16:00 UTC: Data copied<\/li>/);
});

test('preview: an undated ### above a table or dated bullets heads its entries in the lane; a dated phase stays a phase', () => {
  const html = render(
    timeline(
      [
        '### Day 1',
        'Times are from the proxy logs.',
        '',
        '| Time (UTC) | Event |',
        '|---|---|',
        '| 2026-07-16 14:10 | Resignation |',
        '| 14:40 | Access |',
        '',
        '### Day 2',
        '- **2026-07-17 09:00** — Contained',
        '',
        '### Eradication',
        '- **Date/Time:** 2026-07-18 10:00 UTC',
        '- **Actions:** Removed the implant.',
      ].join('\n'),
    ),
  );
  const items = lane(html);
  assert.deepEqual(all(items, /<li class="phase ([\w ]+)" data-line="\d+">/g), ['group', 'entry dated', 'entry dated', 'group', 'entry dated', 'dated']);
  assert.deepEqual(all(items, /<h3 data-line="\d+">([^<]+)<\/h3>/g), ['Day 1', 'Resignation', 'Access', 'Day 2', 'Eradication']);
  // The group keeps its prose, not its table; the time alone is read on the day of the row above it.
  assert.match(items, /<h3 data-line="\d+">Day 1<\/h3><p data-line="\d+">Times are from the proxy logs.<\/p>\n?<\/div>/);
  assert.doesNotMatch(items, /<table/);
  assert.match(items, /<time datetime="2026-07-16T14:40:00.000Z">2026-07-16 14:40<\/time>/);
  assert.deepEqual(all(items, /<li class="gap[^"]*"[^>]*><span>([^<]+)<\/span>/g), ['+30 min', '+18 h 20 min', '+1 day 1 h']);
});
