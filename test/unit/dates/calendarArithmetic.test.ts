import assert from 'node:assert/strict';
import { test } from 'node:test';
import { daysFromCivil, wallClockMs, weekdayOf } from '../../../server/src/engine/dates/calendar';

/** The same instant through Date, which handles years 0-99 only via setUTCFullYear. */
function viaDate(year: number, month: number, day: number, hour: number, minute: number): number {
  const date = new Date(Date.UTC(2000, 0, 1, hour, minute));
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime();
}

test('calendar arithmetic: wall-clock milliseconds and weekdays agree with Date over years 0-9999, leap days and carried days', () => {
  let compared = 0;
  for (let year = 0; year <= 9999; year += year < 2100 ? 1 : 97) {
    for (let month = 0; month <= 13; month++) {
      for (const day of [0, 1, 28, 29, 30, 31, 32]) {
        assert.equal(wallClockMs(year, month, day, 23, 59), viaDate(year, month, day, 23, 59), `${year}-${month}-${day}`);
        assert.equal(weekdayOf(year, month, day), new Date(viaDate(year, month, day, 0, 0)).getUTCDay(), `weekday of ${year}-${month}-${day}`);
        compared++;
      }
    }
  }
  assert.ok(compared > 200_000);
  assert.equal(daysFromCivil(1970, 1, 1), 0);
  assert.equal(daysFromCivil(2000, 3, 1) - daysFromCivil(2000, 2, 28), 2, '2000 is a leap year');
  assert.equal(daysFromCivil(1900, 3, 1) - daysFromCivil(1900, 2, 28), 1, '1900 is not');
  assert.equal(weekdayOf(2026, 6, 1), 1, 'June 1, 2026 is a Monday');
});
