import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { findDates, parseReportDate } from '../../../server/src/engine/dates/parseDate';

// timeline-undated skips a phase whose text has no digit: every date expression writes one.
test('dates: a text without a digit holds no date expression, whatever its date words', () => {
  const words = [
    'June',
    'Jun.',
    'mid-June',
    'early',
    'late',
    'Monday',
    'first',
    'the',
    'of',
    'on',
    'at',
    'after',
    'before',
    'approx.',
    '~',
    'noon',
    'midnight',
    'AM',
    'PM',
    'UTC',
    'EST',
    'Europe/Berlin',
    'T',
    'Z',
    '-',
    '–',
    '/',
    '.',
    ',',
    ' ',
    'Q',
    'H',
    'FY',
    'yesterday',
    'today',
  ];
  const texts = fc.array(fc.constantFrom(...words), { maxLength: 14 }).map((chosen) => chosen.join(' '));
  fc.assert(
    fc.property(texts, (text) => {
      assert.equal(parseReportDate(text).kind, 'none', text);
      assert.deepEqual(findDates(text), [], text);
    }),
    { numRuns: 3000, seed: 11 },
  );
});
