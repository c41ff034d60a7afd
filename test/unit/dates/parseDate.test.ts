import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { type DateParseResult, dateStyleOf, findDates, formatDateInStyle, parseReportDate } from '../../../server/src/engine/dates/parseDate';

/** [input, earliest, latest, precision, qualifier, zone, start, end]; times are UTC, "=" repeats earliest. */
type Row = [string, string, string, string, string, string | undefined, number, number];
const D = (day: string): [string, string] => [`${day}T00:00:00.000Z`, `${day}T23:59:59.999Z`];
const M = (at: string): [string, string] => [`${at}:00.000Z`, `${at}:59.999Z`]; // a minute, "2026-06-01T05:00"

const dates: Row[] = [
  // ISO 8601
  ['2026-06-01', ...D('2026-06-01'), 'day', 'exact', undefined, 0, 10],
  ['2026-06-01T05:00', ...M('2026-06-01T05:00'), 'minute', 'exact', undefined, 0, 16],
  ['2026-06-01T05:00:00Z', '2026-06-01T05:00:00.000Z', '2026-06-01T05:00:00.999Z', 'second', 'exact', 'Z', 0, 20],
  ['2026-06-01T05:00:00.123+02:00', '2026-06-01T03:00:00.123Z', '=', 'second', 'exact', '+02:00', 0, 29],
  ['2026-06-01T05:00:00-05:00', '2026-06-01T10:00:00.000Z', '2026-06-01T10:00:00.999Z', 'second', 'exact', '-05:00', 0, 25],
  ['2026-06-01 05:00 UTC', ...M('2026-06-01T05:00'), 'minute', 'exact', 'UTC', 0, 20],
  ['2026-06-01 05:00:30', '2026-06-01T05:00:30.000Z', '2026-06-01T05:00:30.999Z', 'second', 'exact', undefined, 0, 19],
  ['20260601T0500Z', ...M('2026-06-01T05:00'), 'minute', 'exact', 'Z', 0, 14],
  ['2026/06/01', ...D('2026-06-01'), 'day', 'exact', undefined, 0, 10],
  ['- **Discovery Date:** 2026-04-18 02:47 UTC', ...M('2026-04-18T02:47'), 'minute', 'exact', 'UTC', 22, 42],
  ['resumed on 2026-04-20 16:00 UTC.', ...M('2026-04-20T16:00'), 'minute', 'exact', 'UTC', 11, 31],
  // Month names
  ['June 1, 2026', ...D('2026-06-01'), 'day', 'exact', undefined, 0, 12],
  ['Jun 1 2026', ...D('2026-06-01'), 'day', 'exact', undefined, 0, 10],
  ['June 1st, 2026', ...D('2026-06-01'), 'day', 'exact', undefined, 0, 14],
  ['1 June 2026', ...D('2026-06-01'), 'day', 'exact', undefined, 0, 11],
  ['1st of June 2026', ...D('2026-06-01'), 'day', 'exact', undefined, 0, 16],
  ['Sept. 3, 2026', ...D('2026-09-03'), 'day', 'exact', undefined, 0, 13],
  ['JUNE 1, 2026', ...D('2026-06-01'), 'day', 'exact', undefined, 0, 12],
  ['On June 1, 2026, Microsoft experienced', ...D('2026-06-01'), 'day', 'exact', undefined, 3, 15],
  ['June 2026', '2026-06-01T00:00:00.000Z', '2026-06-30T23:59:59.999Z', 'month', 'exact', undefined, 0, 9],
  ['June of 2026', '2026-06-01T00:00:00.000Z', '2026-06-30T23:59:59.999Z', 'month', 'exact', undefined, 0, 12],
  ['February 2028', '2028-02-01T00:00:00.000Z', '2028-02-29T23:59:59.999Z', 'month', 'exact', undefined, 0, 13],
  ['Mon, 1 Jun 2026 05:00:00 +0000', '2026-06-01T05:00:00.000Z', '2026-06-01T05:00:00.999Z', 'second', 'exact', '+0000', 0, 30],
  // Times after and before the date
  ['June 1, 2026 05:00', ...M('2026-06-01T05:00'), 'minute', 'exact', undefined, 0, 18],
  ['June 1, 2026, 05:00 AM', ...M('2026-06-01T05:00'), 'minute', 'exact', undefined, 0, 22],
  ['June 1, 2026 5 AM', ...M('2026-06-01T05:00'), 'minute', 'exact', undefined, 0, 17],
  ['June 1, 2026 at 5:00 p.m.', ...M('2026-06-01T17:00'), 'minute', 'exact', undefined, 0, 25],
  ['June 1, 2026 17:05:30', '2026-06-01T17:05:30.000Z', '2026-06-01T17:05:30.999Z', 'second', 'exact', undefined, 0, 21],
  ['June 1, 2026, 12 AM UTC', ...M('2026-06-01T00:00'), 'minute', 'exact', 'UTC', 0, 23],
  ['June 1, 2026 12:30 PM', ...M('2026-06-01T12:30'), 'minute', 'exact', undefined, 0, 21],
  ['05:00 UTC on June 1, 2026', ...M('2026-06-01T05:00'), 'minute', 'exact', 'UTC', 0, 25],
  ['5 PM ET, June 1, 2026', ...M('2026-06-01T21:00'), 'minute', 'exact', 'ET', 0, 21],
  ['1430 UTC on 2026-06-01', ...M('2026-06-01T14:30'), 'minute', 'exact', 'UTC', 0, 22],
  ['2026-06-01 1430Z', ...M('2026-06-01T14:30'), 'minute', 'exact', 'Z', 0, 16],
  ['June 1, 2026 at 5 pmx', ...D('2026-06-01'), 'day', 'exact', undefined, 0, 12], // a bad time end falls back to the date
  ['Smith et al., June 1, 2026 et al.', ...D('2026-06-01'), 'day', 'exact', undefined, 14, 26], // lower-case "et" is no zone here
  // Qualifiers (the seed's two field values first)
  ['June 1, 2026, approx. 05:00 AM ET', ...M('2026-06-01T09:00'), 'minute', 'approximate', 'ET', 0, 33],
  ['June 1, 2026, prior to 05:00 AM ET', ...M('2026-06-01T09:00'), 'minute', 'before', 'ET', 0, 34],
  ['approx. June 1, 2026', ...D('2026-06-01'), 'day', 'approximate', undefined, 0, 20],
  ['around 2026-06-01', ...D('2026-06-01'), 'day', 'approximate', undefined, 0, 17],
  ['about June 2026', '2026-06-01T00:00:00.000Z', '2026-06-30T23:59:59.999Z', 'month', 'approximate', undefined, 0, 15],
  ['circa 2026', '2026-01-01T00:00:00.000Z', '2026-12-31T23:59:59.999Z', 'year', 'approximate', undefined, 0, 10],
  ['ca. June 1, 2026', ...D('2026-06-01'), 'day', 'approximate', undefined, 0, 16],
  ['~2026-06-01 05:00 UTC', ...M('2026-06-01T05:00'), 'minute', 'approximate', 'UTC', 0, 21],
  ['June 1, 2026 at around 05:00 UTC', ...M('2026-06-01T05:00'), 'minute', 'approximate', 'UTC', 0, 32],
  ['before 2026-06-01', ...D('2026-06-01'), 'day', 'before', undefined, 0, 17],
  ['by June 1, 2026', ...D('2026-06-01'), 'day', 'before', undefined, 0, 15],
  ['no later than 2026-06-01', ...D('2026-06-01'), 'day', 'before', undefined, 0, 24],
  ['until June 3, 2026', ...D('2026-06-03'), 'day', 'before', undefined, 0, 18],
  ['after 2026-06-01 05:00 UTC', ...M('2026-06-01T05:00'), 'minute', 'after', 'UTC', 0, 26],
  ['since June 1, 2026', ...D('2026-06-01'), 'day', 'after', undefined, 0, 18],
  ['from 2026-06-01', ...D('2026-06-01'), 'day', 'after', undefined, 0, 15],
  ['no earlier than June 1, 2026', ...D('2026-06-01'), 'day', 'after', undefined, 0, 28],
  ['mid-June 2026', '2026-06-01T00:00:00.000Z', '2026-06-30T23:59:59.999Z', 'month', 'approximate', undefined, 0, 13],
  ['late June 2026', '2026-06-01T00:00:00.000Z', '2026-06-30T23:59:59.999Z', 'month', 'approximate', undefined, 0, 14],
  ['late-2026', '2026-01-01T00:00:00.000Z', '2026-12-31T23:59:59.999Z', 'year', 'approximate', undefined, 0, 9],
  ['early 2026', '2026-01-01T00:00:00.000Z', '2026-12-31T23:59:59.999Z', 'year', 'approximate', undefined, 0, 10],
  ['breached in 2026.', '2026-01-01T00:00:00.000Z', '2026-12-31T23:59:59.999Z', 'year', 'exact', undefined, 12, 16],
  ['2026-06-01 05:00 UTC (estimated)', ...M('2026-06-01T05:00'), 'minute', 'approximate', 'UTC', 0, 32],
  ['June 1, 2026 or earlier', ...D('2026-06-01'), 'day', 'before', undefined, 0, 23],
  // Zones
  ['June 1, 2026 05:00 GMT', ...M('2026-06-01T05:00'), 'minute', 'exact', 'GMT', 0, 22],
  ['June 1, 2026 05:00 EST', ...M('2026-06-01T10:00'), 'minute', 'exact', 'EST', 0, 22],
  ['June 1, 2026 05:00 PDT', ...M('2026-06-01T12:00'), 'minute', 'exact', 'PDT', 0, 22],
  ['June 1, 2026 05:00 PT', ...M('2026-06-01T12:00'), 'minute', 'exact', 'PT', 0, 21],
  ['January 15, 2026 05:00 PT', ...M('2026-01-15T13:00'), 'minute', 'exact', 'PT', 0, 25],
  ['June 1, 2026 05:00 CT', ...M('2026-06-01T10:00'), 'minute', 'exact', 'CT', 0, 21],
  ['June 1, 2026 05:00 MT', ...M('2026-06-01T11:00'), 'minute', 'exact', 'MT', 0, 21],
  ['June 1, 2026 05:00 CET', ...M('2026-06-01T04:00'), 'minute', 'exact', 'CET', 0, 22],
  ['June 1, 2026 05:00 CEST', ...M('2026-06-01T03:00'), 'minute', 'exact', 'CEST', 0, 23],
  ['June 1, 2026 05:00 IST', ...M('2026-05-31T23:30'), 'minute', 'exact', 'IST', 0, 22],
  ['June 1, 2026 05:00 JST', ...M('2026-05-31T20:00'), 'minute', 'exact', 'JST', 0, 22],
  ['June 1, 2026 05:00 AEST', ...M('2026-05-31T19:00'), 'minute', 'exact', 'AEST', 0, 23],
  ['June 1, 2026 05:00 MSK', ...M('2026-06-01T02:00'), 'minute', 'exact', 'MSK', 0, 22],
  ['June 1, 2026 05:00 -0500', ...M('2026-06-01T10:00'), 'minute', 'exact', '-0500', 0, 24],
  ['June 1, 2026 05:00 UTC+5:30', ...M('2026-05-31T23:30'), 'minute', 'exact', 'UTC+5:30', 0, 27],
  ['June 1, 2026 (UTC)', ...D('2026-06-01'), 'day', 'exact', 'UTC', 0, 18],
  // US Eastern daylight time edges: 2026-03-08 (23-hour day) and 2026-11-01 (25-hour day)
  ['2026-03-08 ET', '2026-03-08T05:00:00.000Z', '2026-03-09T03:59:59.999Z', 'day', 'exact', 'ET', 0, 13],
  ['2026-11-01 ET', '2026-11-01T04:00:00.000Z', '2026-11-02T04:59:59.999Z', 'day', 'exact', 'ET', 0, 13],
  ['2026-03-08 01:59 ET', ...M('2026-03-08T06:59'), 'minute', 'exact', 'ET', 0, 19],
  ['2026-03-08 03:00 ET', ...M('2026-03-08T07:00'), 'minute', 'exact', 'ET', 0, 19],
  ['2026-11-01 01:30 ET', '2026-11-01T05:30:00.000Z', '2026-11-01T06:30:59.999Z', 'minute', 'exact', 'ET', 0, 19],
  ['2026-11-01 02:00 ET', ...M('2026-11-01T07:00'), 'minute', 'exact', 'ET', 0, 19],
  ['2026-10-31 12:00 ET', ...M('2026-10-31T16:00'), 'minute', 'exact', 'ET', 0, 19],
  ['2006-04-02 03:00 ET', ...M('2006-04-02T07:00'), 'minute', 'exact', 'ET', 0, 19], // 1987-2006 rule: first Sunday of April
  ['2006-10-29 12:00 ET', ...M('2006-10-29T17:00'), 'minute', 'exact', 'ET', 0, 19], // ... to last Sunday of October
  // Numeric day/month orders
  ['06/01/2026', ...D('2026-06-01'), 'day', 'exact', undefined, 0, 10],
  ['6/1/2026', ...D('2026-06-01'), 'day', 'exact', undefined, 0, 8],
  ['13/06/2026', ...D('2026-06-13'), 'day', 'exact', undefined, 0, 10],
  ['01.06.2026', ...D('2026-06-01'), 'day', 'exact', undefined, 0, 10],
  // Ranges
  ['June 1–3, 2026', '2026-06-01T00:00:00.000Z', '2026-06-03T23:59:59.999Z', 'day', 'exact', undefined, 0, 14],
  ['1–3 June 2026', '2026-06-01T00:00:00.000Z', '2026-06-03T23:59:59.999Z', 'day', 'exact', undefined, 0, 13],
  ['2026-06-01 to 2026-06-03', '2026-06-01T00:00:00.000Z', '2026-06-03T23:59:59.999Z', 'day', 'exact', undefined, 0, 24],
  ['between June 1 and June 3, 2026', '2026-06-01T00:00:00.000Z', '2026-06-03T23:59:59.999Z', 'day', 'exact', undefined, 0, 31],
  ['from June 1 to June 3, 2026', '2026-06-01T00:00:00.000Z', '2026-06-03T23:59:59.999Z', 'day', 'exact', undefined, 0, 27],
  ['June 1, 2026 05:00–07:30 UTC', '2026-06-01T05:00:00.000Z', '2026-06-01T07:30:59.999Z', 'minute', 'exact', 'UTC', 0, 28],
  ['June 1 – July 3, 2026', '2026-06-01T00:00:00.000Z', '2026-07-03T23:59:59.999Z', 'day', 'exact', undefined, 0, 21],
  ['Between 13 and 14 March 2026', '2026-03-13T00:00:00.000Z', '2026-03-14T23:59:59.999Z', 'day', 'exact', undefined, 0, 28],
  ['05:00-07:00 UTC on 2026-06-01', '2026-06-01T05:00:00.000Z', '2026-06-01T07:00:59.999Z', 'minute', 'exact', 'UTC', 0, 29],
  ['June 1, 2026 from 05:00 to 07:00 UTC', '2026-06-01T05:00:00.000Z', '2026-06-01T07:00:59.999Z', 'minute', 'exact', 'UTC', 0, 36],
  ['June 1, 2026 23:00–01:00 UTC', '2026-06-01T23:00:00.000Z', '2026-06-02T01:00:59.999Z', 'minute', 'exact', 'UTC', 0, 28],
  ['December 30 – January 2, 2026', '2025-12-30T00:00:00.000Z', '2026-01-02T23:59:59.999Z', 'day', 'exact', undefined, 0, 29],
  ['2026-06-01 23:00 to 2026-06-02 01:00 UTC', '2026-06-01T23:00:00.000Z', '2026-06-02T01:00:59.999Z', 'minute', 'exact', 'UTC', 0, 40],
  // Leap years
  ['2028-02-29', ...D('2028-02-29'), 'day', 'exact', undefined, 0, 10],
  ['February 29, 2000', ...D('2000-02-29'), 'day', 'exact', undefined, 0, 17],
];

const invalid: [string, string, number, number][] = [
  ['June 31, 2026', 'June has 30 days', 0, 13],
  ['2026-02-30', 'February has 28 days in 2026', 0, 10],
  ['2026-13-01', 'there is no month 13', 0, 10],
  ['2026-00-10', 'there is no month 0', 0, 10],
  ['0000-00-00', 'there is no month 0', 0, 10],
  ['2026-06-01 25:00', 'hours run from 0 to 23', 0, 16],
  ['June 1, 2026 05:75', 'minutes run from 0 to 59', 0, 18],
  ['June 1, 2026 13 PM', 'with AM/PM, hours run from 1 to 12', 0, 18],
  ['2026-02-29', '2026 is not a leap year: February has 28 days', 0, 10],
  ['February 29, 2026', '2026 is not a leap year: February has 28 days', 0, 17],
  ['February 29, 2100', '2100 is not a leap year: February has 28 days', 0, 17],
  ['31.04.2026', 'April has 30 days', 0, 10],
  ['13/13/2026', 'there is no month 13', 0, 10],
  ['Date: approx. June 0, 2026', 'days of the month start at 1', 6, 26],
  ['Tuesday, June 1, 2026', 'June 1, 2026 is a Monday, not a Tuesday', 0, 21],
  ['June 1, 2026 05:00 +15:00', 'UTC offsets run from -12:00 to +14:00', 0, 25],
];

const notDates = [
  '',
  'N/A',
  '1.2.3',
  'v1.10.2026',
  'version 2.3.2026.1',
  '10.0.0.1',
  '192.168.1.10',
  'T1566.001',
  'CVE-2026-1234',
  'IR-2026-0117',
  'a3f5c2e1d4b69788123456782026060112',
  'sha256:2026-06-01',
  '05:00 UTC',
  '05:00 AM ET',
  '10:00-11:00',
  'HTTP 504 Gateway Timeout',
  '+1 (555) 123-4567',
  '555-123-4567',
  '2026',
  '2026 error rates',
  'approx. 2026 requests',
  'June 1',
  'June',
  '25:00',
  '05:00 +25:00',
  '2026-06-01Tfoo',
  '12345-06-01',
];

const iso = (ms: number) => new Date(ms).toISOString();

describe('parseReportDate', () => {
  for (const [input, earliest, latest, precision, qualifier, zone, start, end] of dates) {
    it(`parses ${JSON.stringify(input)}`, () => {
      const r = parseReportDate(input);
      assert.equal(r.kind, 'date', JSON.stringify(r));
      if (r.kind !== 'date') return;
      const d = r.date;
      assert.deepEqual(
        [iso(d.earliest), iso(d.latest), d.precision, d.qualifier, d.zone, d.start, d.end],
        [earliest, latest === '=' ? earliest : latest, precision, qualifier, zone, start, end],
      );
    });
  }
  for (const [input, reason, start, end] of invalid) {
    it(`rejects ${JSON.stringify(input)}: ${reason}`, () => {
      assert.deepEqual(parseReportDate(input), { kind: 'invalid', reason, start, end });
    });
  }
  for (const input of notDates) {
    it(`finds no date in ${JSON.stringify(input)}`, () => assert.deepEqual(parseReportDate(input), { kind: 'none' }));
  }

  it('marks ranges, styles and ambiguous numeric orders', () => {
    const get = (s: string) => {
      const r = parseReportDate(s);
      assert.equal(r.kind, 'date');
      return r.kind === 'date' ? r.date : undefined;
    };
    assert.equal(get('June 1–3, 2026')?.range, true);
    assert.equal(get('June 1, 2026')?.range, undefined);
    assert.equal(get('06/01/2026')?.ambiguousOrder, true);
    assert.equal(get('13/06/2026')?.ambiguousOrder, undefined);
    assert.equal(get('06/01/2026')?.style, 'month-day-year');
    assert.equal(get('1 June 2026')?.style, 'day-month-year');
    assert.equal(get('2026-06-01')?.style, 'iso');
    assert.equal(get('June 2026')?.style, undefined);
  });
});

describe('findDates', () => {
  it('finds every date in a sentence, in order, with exact offsets', () => {
    const text = 'The attacker entered on 2026-04-14 09:12 UTC, and on April 18, 2026 encrypted 212 servers (504 errors, v1.2.3).';
    const found = findDates(text);
    assert.equal(found.length, 2);
    const spans = found.map((r) => (r.kind === 'date' ? text.slice(r.date.start, r.date.end) : r.kind));
    assert.deepEqual(spans, ['2026-04-14 09:12 UTC', 'April 18, 2026']);
  });

  it('reports impossible dates among valid ones and skips nothing after them', () => {
    const text = 'Seen June 31, 2026; contained 2026-07-02.';
    const found: DateParseResult[] = findDates(text);
    assert.deepEqual(
      found.map((r) => r.kind),
      ['invalid', 'date'],
    );
    assert.deepEqual(found[0], { kind: 'invalid', reason: 'June has 30 days', start: 5, end: 18 });
  });

  it('keeps dates in a list apart and does not join a number on the line before', () => {
    const spans = (text: string) => findDates(text).map((r) => (r.kind === 'date' ? text.slice(r.date.start, r.date.end) : r.kind));
    assert.deepEqual(spans('2026-06-01, 2026-06-02 and 2026-06-03'), ['2026-06-01', '2026-06-02', '2026-06-03']);
    assert.deepEqual(spans('Hosts: 3\nJune 2026 rollout'), ['June 2026']);
    assert.deepEqual(spans('On June\n1, 2026 the VPN'), ['June\n1, 2026']);
  });

  it('returns [] for text without dates', () => assert.deepEqual(findDates('No dates: 1.2.3, 10.0.0.1, T1059.001.'), []));
});

describe('dateStyleOf and formatDateInStyle', () => {
  it('picks the most frequent style', () => {
    assert.equal(dateStyleOf('On 2026-04-14 and 2026-04-18, not June 1, 2026.'), 'iso');
    assert.equal(dateStyleOf('- **Incident Date:** June 1, 2026'), 'month-day-year');
    assert.equal(dateStyleOf('Seen 1 June 2026.'), 'day-month-year');
    assert.equal(dateStyleOf('no dates here'), undefined);
  });
  it('formats a local calendar day in each style', () => {
    const day = new Date(2026, 10, 27, 12);
    assert.equal(formatDateInStyle(day, 'iso'), '2026-11-27');
    assert.equal(formatDateInStyle(day, 'month-day-year'), 'November 27, 2026');
    assert.equal(formatDateInStyle(day, 'day-month-year'), '27 November 2026');
    assert.equal(formatDateInStyle(new Date(2026, 0, 5), 'iso'), '2026-01-05');
  });
  it('round-trips: a formatted date parses back to the same day', () => {
    for (const style of ['iso', 'month-day-year', 'day-month-year'] as const) {
      const r = parseReportDate(formatDateInStyle(new Date(2028, 1, 29, 12), style));
      assert.equal(r.kind === 'date' && iso(r.date.earliest), '2028-02-29T00:00:00.000Z');
    }
  });
});

describe('robustness', () => {
  /** Deterministic PRNG (mulberry32) so failures reproduce. */
  function rng(seed: number) {
    return () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const pieces = [
    '2026',
    '06',
    '1',
    '31',
    '-',
    '/',
    '.',
    ':',
    ' ',
    ',',
    'T',
    'Z',
    'June',
    'Sept.',
    'approx.',
    'prior to',
    '~',
    'AM',
    'p.m.',
    'ET',
    'UTC',
    '+02:00',
    '–',
    'to',
    'between',
    'and',
    'mid-',
    '(',
    ')',
    'st',
    'Monday',
    '\n',
    '\u{1F600}',
    '\uD800',
    'é',
  ];

  it('never throws and returns consistent results on random input', () => {
    const next = rng(42);
    for (let n = 0; n < 3000; n++) {
      let text = '';
      const count = Math.floor(next() * 20);
      for (let k = 0; k < count; k++) text += next() < 0.8 ? pieces[Math.floor(next() * pieces.length)] : String.fromCharCode(Math.floor(next() * 0x3000));
      for (const r of [parseReportDate(text), ...findDates(text)]) {
        if (r.kind === 'none') continue;
        const [start, end] = r.kind === 'date' ? [r.date.start, r.date.end] : [r.start, r.end];
        assert.ok(start >= 0 && start < end && end <= text.length, `offsets for ${JSON.stringify(text)}`);
        if (r.kind === 'date') assert.ok(Number.isFinite(r.date.earliest) && r.date.earliest <= r.date.latest, JSON.stringify(text));
      }
    }
  });

  it('scans 100 KB of digits and separators in linear time', () => {
    for (const unit of ['1', '2026-', '1/2/', '12.', '2026-06-01', '05:00 ', 'June 1 ', ' ', '(', 'prior to ', '1-']) {
      const text = unit.repeat(Math.ceil(100_000 / unit.length));
      const t0 = process.hrtime.bigint();
      findDates(text);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      assert.ok(ms < 1500, `${JSON.stringify(unit)} x ${text.length}: ${ms.toFixed(0)} ms`);
    }
  });

  it('parses a typical field value in microseconds', () => {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < 10_000; i++) parseReportDate('June 1, 2026, approx. 05:00 AM ET');
    const us = Number(process.hrtime.bigint() - t0) / 1e3 / 10_000;
    assert.ok(us < 100, `${us.toFixed(1)} µs per parse`);
  });

  it('tolerates non-string input without throwing', () => {
    assert.deepEqual(parseReportDate(undefined as unknown as string), { kind: 'none' });
    assert.deepEqual(findDates(null as unknown as string), []);
  });
});
