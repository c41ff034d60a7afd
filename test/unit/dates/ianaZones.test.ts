import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseReportDate } from '../../../server/src/engine/dates/parseDate';
import { headingZone } from '../../../server/src/engine/dates/headingZone';

/** [text, earliest (UTC), latest (UTC), zone as written]. */
const rows: [string, string, string, string][] = [
  ['2026-03-05 22:30 Europe/Berlin', '2026-03-05T21:30:00.000Z', '2026-03-05T21:30:59.999Z', 'Europe/Berlin'],
  ['2026-07-05 22:30 Europe/Berlin', '2026-07-05T20:30:00.000Z', '2026-07-05T20:30:59.999Z', 'Europe/Berlin'],
  ['2026-03-04 09:00 America/New_York', '2026-03-04T14:00:00.000Z', '2026-03-04T14:00:59.999Z', 'America/New_York'],
  ['2026-03-09 09:00 America/New_York', '2026-03-09T13:00:00.000Z', '2026-03-09T13:00:59.999Z', 'America/New_York'],
  ['2026-03-13 16:00 Asia/Kolkata', '2026-03-13T10:30:00.000Z', '2026-03-13T10:30:59.999Z', 'Asia/Kolkata'],
  ['2026-03-13 16:00 Etc/UTC', '2026-03-13T16:00:00.000Z', '2026-03-13T16:00:59.999Z', 'Etc/UTC'],
  ['2026-03-13 16:00 (Europe/London)', '2026-03-13T16:00:00.000Z', '2026-03-13T16:00:59.999Z', 'Europe/London'],
  ['02/08/2026 22:00 Europe/London', '2026-02-08T22:00:00.000Z', '2026-02-08T22:00:59.999Z', 'Europe/London'],
  // The skipped hour of spring reads with the offset before the change; the repeated hour of autumn covers both instants.
  ['2026-03-29 02:30 Europe/Berlin', '2026-03-29T01:30:00.000Z', '2026-03-29T01:30:59.999Z', 'Europe/Berlin'],
  ['2026-10-25 02:30 Europe/Berlin', '2026-10-25T00:30:00.000Z', '2026-10-25T01:30:59.999Z', 'Europe/Berlin'],
  // After a bare date: the whole day in that zone.
  ['2026-06-01 Europe/Paris', '2026-05-31T22:00:00.000Z', '2026-06-01T21:59:59.999Z', 'Europe/Paris'],
];

test('IANA zones after a time are read in that zone, daylight saving time included', () => {
  for (const [text, earliest, latest, zone] of rows) {
    const result = parseReportDate(text);
    assert.ok(result.kind === 'date', text);
    assert.deepEqual(
      [new Date(result.date.earliest).toISOString(), new Date(result.date.latest).toISOString(), result.date.zone, result.date.end, result.date.unknownZone],
      [earliest, latest, zone, text.length, undefined],
      text,
    );
  }
});

test('a zone-like name that is no zone is not read as UTC: it is kept with the nearest real zone', () => {
  const result = parseReportDate('2026-03-21 08:00 Europe/Londn');
  assert.ok(result.kind === 'date');
  assert.equal(result.date.zone, undefined);
  assert.deepEqual(result.date.unknownZone, { start: 17, end: 29, name: 'Europe/Londn', suggestion: 'Europe/London' });
  const far = parseReportDate('2026-03-21 08:00 Europe/Nowhereville');
  assert.ok(far.kind === 'date');
  assert.deepEqual(far.date.unknownZone, { start: 17, end: 36, name: 'Europe/Nowhereville', suggestion: undefined });
});

test('only names under an IANA area are zones: "and/or" after a time is text', () => {
  const result = parseReportDate('2026-03-21 08:00 and/or later');
  assert.ok(result.kind === 'date');
  assert.deepEqual([result.date.end, result.date.zone, result.date.unknownZone], [16, undefined, undefined]);
  const long = parseReportDate(`2026-03-21 08:00 Europe/${'a'.repeat(100)}`);
  assert.ok(long.kind === 'date');
  assert.equal(long.date.unknownZone, undefined, 'longer than any zone name: not a zone');
});

test('a heading may give an IANA zone to its dates', () => {
  assert.equal(headingZone('Timeline of Events (all times Europe/Berlin)')?.iana, 'Europe/Berlin');
  assert.equal(headingZone('Timeline of Events (all times Europe/Londn)'), undefined);
});
