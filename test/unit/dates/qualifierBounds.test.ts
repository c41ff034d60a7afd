import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { certainlyBefore, dateInterval } from '../../../server/src/engine/dates/dateBounds';
import { parseReportDate, type ParsedDate } from '../../../server/src/engine/dates/parseDate';

const read = (text: string): ParsedDate => {
  const result = parseReportDate(text);
  assert.ok(result.kind === 'date', text);
  return result.date;
};

test('qualifiers are kept as bounds: before/by/no later than, after/since/no earlier than, around/approx.', () => {
  const rows: [string, string][] = [
    ['before 14/08/2026', 'before'],
    ['by 2026-06-05', 'before'],
    ['no later than June 5, 2026', 'before'],
    ['2026-06-05 at the latest', 'before'],
    ['after 2026-03-16', 'after'],
    ['since 2026-03-16 09:00 UTC', 'after'],
    ['no earlier than 2026-03-16', 'after'],
    ['around 1 June 2026', 'approximate'],
    ['approx. 2026-03-07', 'approximate'],
    ['on or about 10/08/2026', 'approximate'],
  ];
  for (const [text, qualifier] of rows) assert.equal(read(text).qualifier, qualifier, text);
  assert.deepEqual(Object.values(dateInterval(read('before 2026-06-05'))).map(Number.isFinite), [false, true]);
  assert.deepEqual(Object.values(dateInterval(read('after 2026-06-05'))).map(Number.isFinite), [true, false]);
  const about = dateInterval(read('approx. 2026-06-05'));
  assert.equal(about.high - about.low, 2 * 86_400_000 - 1, 'a day widened by 12 hours each side');
});

test('bounds give no false order alarms: only an order no reading of the bound allows is certain', () => {
  // "after March 16" listed after March 17: it may well be later.
  assert.equal(certainlyBefore(read('after 2026-03-16'), read('2026-03-17')), false);
  // "before August 14" listed after August 10: it may be earlier or later.
  assert.equal(certainlyBefore(read('before 2026-08-14'), read('2026-08-10')), false);
  // "by June 5" as the discovery, the incident on June 3: not discovered before it began.
  assert.equal(certainlyBefore(read('by 2026-06-05'), read('2026-06-03')), false);
  // "around June 1" against June 2, 10:00 UTC: within the 12 hours of "around".
  assert.equal(certainlyBefore(read('around 2026-06-01'), read('2026-06-02 10:00 UTC')), false);
  // But a bound that excludes the order is certain: "before June 1" cannot be after June 3.
  assert.equal(certainlyBefore(read('before 2026-06-01'), read('2026-06-03')), true);
  assert.equal(certainlyBefore(read('2026-06-01'), read('after 2026-06-03')), true);
});
