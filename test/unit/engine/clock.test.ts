import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clockFromSetting, parseClockSetting, systemClock } from '../../../server/src/engine/clock';

const instant = (value: string) => {
  const parsed = parseClockSetting(value);
  return 'now' in parsed ? parsed.now.toISOString() : parsed.error;
};

test('clock: INCREPORT_NOW accepts ISO 8601 dates and date-times; a date alone is the end of that day (UTC)', () => {
  assert.equal(instant('2026-06-01'), '2026-06-01T23:59:59.999Z');
  assert.equal(instant('2026-06-01T12:00'), '2026-06-01T12:00:00.000Z');
  assert.equal(instant('2026-06-01 12:00:30Z'), '2026-06-01T12:00:30.000Z');
  assert.equal(instant('2026-06-01T12:00:30.25Z'), '2026-06-01T12:00:30.250Z');
  assert.equal(instant('2026-06-01T14:00+02:00'), '2026-06-01T12:00:00.000Z');
  assert.equal(instant('2026-06-01T07:00-0530'), '2026-06-01T12:30:00.000Z');
  assert.equal(instant('  2026-06-01T12:00Z\n'), '2026-06-01T12:00:00.000Z');
});

test('clock: values that are not a real ISO instant are refused with what would be accepted', () => {
  const form = 'expected an ISO 8601 date or date-time such as 2026-06-01, 2026-06-01T12:00Z or 2026-06-01T14:00+02:00';
  assert.equal(instant('yesterday'), `INCREPORT_NOW is 'yesterday'; ${form}`);
  assert.equal(instant('06/01/2026'), `INCREPORT_NOW is '06/01/2026'; ${form}`);
  assert.equal(instant('2026-02-30'), `INCREPORT_NOW is '2026-02-30', which is not a real date and time; ${form}`);
  assert.equal(instant('2026-13-01'), `INCREPORT_NOW is '2026-13-01', which is not a real date and time; ${form}`);
  assert.equal(instant('2026-06-01T24:00Z'), `INCREPORT_NOW is '2026-06-01T24:00Z', which is not a real date and time; ${form}`);
  assert.equal(instant('2026-06-01T12:00+15:00'), `INCREPORT_NOW is '2026-06-01T12:00+15:00', whose UTC offset is not real (at most ±14:00); ${form}`);
  assert.equal(instant('x'.repeat(100)), `INCREPORT_NOW is '${'x'.repeat(37)}…'; ${form}`);
});

test('clock: unset or empty means the system clock; a set clock stands still', () => {
  assert.deepEqual(clockFromSetting(undefined), { clock: systemClock });
  assert.deepEqual(clockFromSetting('  '), { clock: systemClock });
  const fixed = clockFromSetting('2030-01-01T00:00Z');
  assert.ok('clock' in fixed);
  assert.equal(fixed.clock().toISOString(), '2030-01-01T00:00:00.000Z');
  fixed.clock().setFullYear(1999);
  assert.equal(fixed.clock().toISOString(), '2030-01-01T00:00:00.000Z', 'each call returns a fresh Date');
  assert.ok('error' in clockFromSetting('soon'));
});
