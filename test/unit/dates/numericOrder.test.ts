import assert from 'node:assert/strict';
import { test } from 'node:test';
import { writesDayFirst } from '../../../server/src/engine/dates/numericOrder';
import { parseReportDate } from '../../../server/src/engine/dates/parseDate';
import { check, seedText } from '../../helpers';

test('numeric order: the slash dates that can be read one way only decide; none or a mix keeps month first', () => {
  assert.equal(writesDayFirst('Seen 29/03/2023, then 11/04/2023.'), true);
  assert.equal(writesDayFirst('Seen 03/29/2023, then 11/04/2023.'), false);
  assert.equal(writesDayFirst('Seen 29/03/2023 and 03/29/2023.'), false, 'a mix: no order can be trusted');
  assert.equal(writesDayFirst('Only 11/04/2023 and 2023-04-11.'), false);
  assert.equal(writesDayFirst('Version 1.29/03/2023 and path a/29/03/2023'), false, 'not dates: glued to other numbers');
});

test('numeric order: day first reads 11/04/2023 as 11 April, still ambiguous; 04/13/2023 cannot be day first', () => {
  const april = parseReportDate('11/04/2023', undefined, true);
  assert.ok(april.kind === 'date');
  assert.equal(new Date(april.date.earliest).toISOString().slice(0, 10), '2023-04-11');
  assert.equal(april.date.style, 'day-month-year');
  assert.equal(april.date.ambiguousOrder, true);
  const us = parseReportDate('04/13/2023', undefined, true);
  assert.ok(us.kind === 'date');
  assert.equal(new Date(us.date.earliest).toISOString().slice(0, 10), '2023-04-13', 'a second number above 12 is a day whatever the order');
  const november = parseReportDate('11/04/2023');
  assert.ok(november.kind === 'date');
  assert.equal(new Date(november.date.earliest).toISOString().slice(0, 10), '2023-11-04');
});

test('numeric order: a report written day first gets no false order or discovery errors from its ambiguous dates', () => {
  const dayFirst = seedText()
    .replace('- **Discovery Date:** June 1, 2026, approx. 05:00 AM ET', '- **Discovery Date:** 29/03/2026')
    .replace('- **Incident Date:** June 1, 2026', '- **Incident Date:** 08/03/2026');
  assert.deepEqual(
    check(dayFirst).filter((line) => line.includes('date-')),
    [],
  );
  // The same dates in a report that also writes 03/29/2026 (month first): 08/03 could be either, so it is
  // reported as ambiguous and not compared (month first, it would be August 3, after the discovery).
  const mixed = dayFirst.replace('- **Discovery Date:** 29/03/2026', '- **Discovery Date:** 29/03/2026 (03/29/2026 in the US ticket)');
  assert.deepEqual(
    check(mixed).filter((line) => line.includes('date-')),
    [
      "5:21-5:31 info date-order-ambiguous '08/03/2026' can be 8 March 2026 (day first) or August 3, 2026 (month first): this report writes dates that can only be day first (29/03/2026 on line 5) and dates that can only be month first (03/29/2026 on line 5), so it is read month first; write 2026-03-08 or 2026-08-03, or set dateOrder: dmy or mdy in the front matter",
    ],
  );
});
