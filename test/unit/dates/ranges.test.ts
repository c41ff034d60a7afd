import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseReportDate } from '../../../server/src/engine/dates/parseDate';

const iso = (ms: number) => new Date(ms).toISOString();

test('a range that ends before it starts is read as its start and keeps both ends as written', () => {
  const rows: [string, string, object, number][] = [
    ['2026-06-03 to 2026-06-01', '2026-06-03', { from: { year: 2026, month: 6, day: 3 }, to: { year: 2026, month: 6, day: 1 } }, 24],
    ['2026-06-03 – 2026-06-01', '2026-06-03', { from: { year: 2026, month: 6, day: 3 }, to: { year: 2026, month: 6, day: 1 } }, 23],
    ['03/06/2026-01/06/2026', '2026-03-06', { from: { year: 2026, month: 3, day: 6 }, to: { year: 2026, month: 1, day: 6 } }, 21],
    ['June 3–1, 2026', '2026-06-03', { from: { year: 2026, month: 6, day: 3 }, to: { year: 2026, month: 6, day: 1 } }, 14],
    ['between 2026-06-03 and 2026-06-01', '2026-06-03', { from: { year: 2026, month: 6, day: 3 }, to: { year: 2026, month: 6, day: 1 } }, 33],
    [
      '2026-06-01 14:00–13:00',
      '2026-06-01',
      { from: { year: 2026, month: 6, day: 1, hour: 14, minute: 0 }, to: { year: 2026, month: 6, day: 1, hour: 13, minute: 0 } },
      22,
    ],
  ];
  for (const [text, day, backwards, end] of rows) {
    const result = parseReportDate(text);
    assert.ok(result.kind === 'date', text);
    assert.deepEqual([iso(result.date.earliest).slice(0, 10), result.date.backwards, result.date.end], [day, backwards, end], text);
  }
});

test('a clock range past midnight lasting at most 12 hours runs into the next day; ranges in order are not backwards', () => {
  const night = parseReportDate('2026-06-01 23:30–01:15');
  assert.ok(night.kind === 'date');
  assert.deepEqual(
    [iso(night.date.earliest), iso(night.date.latest), night.date.backwards],
    ['2026-06-01T23:30:00.000Z', '2026-06-02T01:15:59.999Z', undefined],
  );
  for (const text of ['2026-06-01 to 2026-06-03', '05/08/2026 09:00–11:30', 'December 30 – January 2, 2027', '2026-06-01 18:00–06:00']) {
    const result = parseReportDate(text);
    assert.ok(result.kind === 'date' && !result.date.backwards, text);
  }
});

test('both ends of a numeric range are read in one order: an end that can only be day first decides the other', () => {
  const result = parseReportDate('20/09/2026 to 12/09/2026');
  assert.ok(result.kind === 'date');
  assert.deepEqual(result.date.backwards, { from: { year: 2026, month: 9, day: 20 }, to: { year: 2026, month: 9, day: 12 } });
  const forward = parseReportDate('13/09/2026 to 12/10/2026');
  assert.ok(forward.kind === 'date');
  assert.deepEqual([iso(forward.date.earliest).slice(0, 10), iso(forward.date.latest).slice(0, 10)], ['2026-09-13', '2026-10-12']);
});
