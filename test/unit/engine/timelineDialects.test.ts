import assert from 'node:assert/strict';
import { test } from 'node:test';
import { timelineEntries } from '../../../server/src/engine/queries/timelineEntries';
import { mergeSchemas } from '../../../server/src/engine/schema/mergeSchemas';
import { readReportSpec, type SchemaNode } from '../../../server/src/engine/schema/reportSpec';
import { check, engine, seedText } from '../../helpers';

/** The seed with its Timeline of Events replaced (lines from 10 on are the new section's). */
const timeline = (body: string, heading = 'Timeline of Events'): string =>
  seedText().replace(/## Timeline of Events\n[\s\S]*?(?=## Attack Methodology)/, `## ${heading}\n${body}\n`);
const baseline = new Set(check(seedText()));
const added = (text: string): string[] => check(text).filter((line) => !baseline.has(line));

test('timeline table: order, invalid, unparseable, future and undated at the date cell; the header "Time (UTC)" gives the zone', () => {
  const text = timeline(
    [
      '| Time (UTC) | Event | Details |',
      '|---|---|---|',
      '| 2026-07-16 14:10 | Resignation | Employee resigned |',
      '| 2026-07-15 09:00 | Access | Accessed share |',
      '| soon | Copy | Copied files |',
      '|  | Exit | Left the building |',
      '| 2026-02-30 10:00 | Bad | x |',
      '| 2026-12-30 10:00 | Future | x |',
      '| Unknown | Unknown step | x |',
    ].join('\n'),
  );
  assert.deepEqual(added(text), [
    "13:2-13:18 warning timeline-order Entry 'Access' ('2026-07-15 09:00' read as 15 July 2026 09:00 UTC (in UTC as its column header says)) is listed after 'Resignation' ('2026-07-16 14:10' read as 16 July 2026 14:10 UTC (in UTC as its column header says)) but happened before it: list the timeline in chronological order",
    "14:2-14:6 warning date-unparseable The date of timeline row 'Copy' should be a date such as 2026-06-01 05:00 UTC; 'soon' is not one",
    "15:0-15:31 info timeline-undated Row 'Exit' has no date, so its place in the timeline cannot be checked: fill in its 'Time (UTC)' cell (write 'Unknown' when it is not known)",
    "16:2-16:12 error date-invalid Impossible date '2026-02-30': February has 28 days in 2026",
    "17:2-17:18 warning date-future Timeline entry 'Future' is in the future: '2026-12-30 10:00' read as 30 December 2026 10:00 UTC (in UTC as its column header says) is after 2026-11-27, when this check ran",
  ]);
});

test('timeline table: columns in any order and case; the heading zone applies where the header names none', () => {
  const rows = (first: string, second: string) =>
    timeline(
      ['| details | WHEN | stage |', '| --- | --- | --- |', `| A | ${first} | One |`, `| B | ${second} | Two |`].join('\n'),
      'Timeline of Events (all times EST)',
    );
  // 04:00 EST is 09:00 UTC: after 08:30 UTC, before 08:30 EST.
  assert.deepEqual(added(rows('2026-07-15 08:30 UTC', '2026-07-15 04:00')), []);
  assert.deepEqual(added(rows('2026-07-15 08:30 EST', '2026-07-15 04:00')), [
    "13:6-13:22 warning timeline-order Entry 'Two' ('2026-07-15 04:00' read as 15 July 2026 09:00 UTC (in EST as its section's heading says)) is listed after 'One' ('2026-07-15 08:30 EST' read as 15 July 2026 13:30 UTC) but happened before it: list the timeline in chronological order",
  ]);
});

test('timeline table: a Date column and a Time column are read together, reported from the date cell to the time cell', () => {
  const text = timeline(
    [
      '| Date | Time (EST) | Event |',
      '|---|---|---|',
      '| 2026-07-16 | 14:10 | Resignation |',
      '| 2026-07-16 | 09:00 | Access |',
      '| 2026-07-16 | 25:00 | Bad |',
      '| 2026-07-17 | morning | Later |',
      '| 2026-12-17 | 10:00 | Future |',
    ].join('\n'),
  );
  assert.deepEqual(added(text), [
    "13:2-13:20 warning timeline-order Entry 'Access' ('2026-07-16 09:00' read as 16 July 2026 14:00 UTC (in EST as its column header says)) is listed after 'Resignation' ('2026-07-16 14:10' read as 16 July 2026 19:10 UTC (in EST as its column header says)) but happened before it: list the timeline in chronological order",
    "14:15-14:20 error date-invalid Impossible date '2026-07-16 25:00': hours run from 0 to 23",
    "16:2-16:20 warning date-future Timeline entry 'Future' is in the future: '2026-12-17 10:00' read as 17 December 2026 15:00 UTC (in EST as its column header says) is after 2026-11-27, when this check ran",
  ]);
});

test('a table without a date column is no timeline table: its cells are not checked as dates, and the table is said to be unread', () => {
  assert.deepEqual(
    added(timeline(['| Step | Notes |', '|---|---|', '| One | on 2026-02-30 |'].join('\n'))).map((line) => line.split(' ').slice(0, 3).join(' ')),
    ['10:0-10:16 warning section-unrecognised'],
  );
});

test('dated bullets: bold or not, with a dash, en dash, em dash or colon; the order and invalid dates at the date text', () => {
  const text = timeline(
    [
      '- **2026-08-03 16:00 UTC** — Data copied to USB',
      '- 2026-08-02 16:00 UTC: Data staged',
      '- **Aug 3, 2026 16:00** – Laptop returned',
      '- **2026-02-30 10:00 UTC:** Impossible',
      '- **Note:** not an entry, 2026-01-01',
      '- 2026 was a year of change',
      '- 2026-08-01 10:00 UTC - Last entry, out of order',
    ].join('\n'),
    'Timeline of Events (all times EST)',
  );
  assert.deepEqual(added(text), [
    "11:2-11:22 warning timeline-order Entry 'Data staged' ('2026-08-02 16:00 UTC' read as 2 August 2026 16:00 UTC) is listed after 'Data copied to USB' ('2026-08-03 16:00 UTC' read as 3 August 2026 16:00 UTC) but happened before it: list the timeline in chronological order",
    "13:4-13:14 error date-invalid Impossible date '2026-02-30': February has 28 days in 2026",
    "16:2-16:22 warning timeline-order Entry 'Last entry, out of order' ('2026-08-01 10:00 UTC' read as 1 August 2026 10:00 UTC) is listed after 'Laptop returned' ('Aug 3, 2026 16:00' read as August 3, 2026 21:00 UTC (in EST as its section's heading says)) but happened before it: list the timeline in chronological order",
  ]);
});

test('a dated phase keeps its bullets as details; entries and phases are ordered together', () => {
  const phaseWithBullets = timeline(
    ['### Initial Access', '- **Date/Time:** 2026-08-03 16:00 UTC', '- **Details:** Noticed', '  - 2026-08-01 10:00 UTC: earlier log line'].join('\n'),
  );
  assert.deepEqual(added(phaseWithBullets), []);
  const mixed = timeline(['- 2026-08-03 16:00 UTC: Seen', '### Response', '- **Date/Time:** 2026-08-02 10:00 UTC'].join('\n'));
  assert.deepEqual(added(mixed), [
    "12:17-12:37 warning timeline-order Phase 'Response' ('2026-08-02 10:00 UTC' read as 2 August 2026 10:00 UTC) is listed after 'Seen' ('2026-08-03 16:00 UTC' read as 3 August 2026 16:00 UTC) but happened before it: list phases in chronological order",
  ]);
});

test('schema-driven: an extension adds a date header without code; a timeline whose schema lists no dialect reads no entries', () => {
  const base = engine().schema.spec.schema;
  const text = timeline(['| Zeit | Ereignis |', '|---|---|', '| 2026-07-16 14:10 | Kündigung |', '', '- 2026-07-17 09:00: Zugriff'].join('\n'));
  const { model } = engine().check(text);
  const section = model.sections.find((candidate) => candidate.heading.text === 'Timeline of Events')!;
  const read = (spec: ReturnType<typeof readReportSpec>, key: string) =>
    timelineEntries(model.lines, section, spec.sectionByKey(key)!).map((entry) => `${entry.dialect} ${entry.dateText} ${entry.title}`);
  assert.deepEqual(read(engine().schema.spec, 'timelineOfEvents'), ['dated-list 2026-07-17 09:00 '], 'control: "Zeit" is no date header of the bundled schema');
  const extension: SchemaNode = { 'x-columns': { date: ['Zeit'], title: ['Ereignis'] } };
  const extended = readReportSpec(mergeSchemas(base, { properties: { sections: { properties: { timelineOfEvents: extension } } } }));
  assert.deepEqual(read(extended, 'timelineOfEvents'), ['table 2026-07-16 14:10 Kündigung', 'dated-list 2026-07-17 09:00 ']);
  const rowsOnly = readReportSpec({ ...base, properties: { sections: { properties: { t: { title: 'Timeline of Events', 'x-kind': 'timeline' } } } } });
  assert.deepEqual(read(rowsOnly, 't'), []);
});

test('section-unrecognised: a timeline table with no date column is said, at its header row; a table inside a dated phase is its detail', () => {
  const unread = ['| Actor | Action |', '|---|---|', '| SRE | Failover |'].join('\n');
  const text = timeline(`${unread}\n\n### Initial Access\n- **Date/Time:** June 1, 2026\n\n${unread}\n`);
  assert.deepEqual(added(text), [
    "10:0-10:18 warning section-unrecognised This table is not read as timeline entries: none of its columns ('Actor', 'Action') is a date column the timeline reads. Timeline of Events accepts ### phases with a **Date/Time:** field, or a table with a 'Date/Time' column, or list items that start with a date.",
  ]);
  // A table the timeline reads is not reported.
  assert.deepEqual(added(timeline(['| Date | Action |', '|---|---|', '| June 1, 2026 | Failover |'].join('\n'))), []);
});

test("timeline table: a day without a year takes the date header's year, a time alone the last row's day", () => {
  const text = timeline(
    [
      '| Day | Date (2025) | Time (PT) | Event |',
      '|---|---|---|---|',
      '| Sun | Oct 26 | 21:33 | First |',
      '| Sun | Oct 26 | 21:20 | Earlier |',
      '| Mon | 27 Oct | 09:00 | Next day |',
      '| Mon | 10/27 | 09:30 | Numeric |',
      '| Mon | Oct 32 | 10:00 | Bad day |',
    ].join('\n'),
  );
  assert.deepEqual(added(text), [
    "13:8-13:22 warning timeline-order Entry 'Earlier' ('Oct 26, 2025 21:20' read as October 27, 2025 04:20 UTC (in PT as its column header says)) is listed after 'First' ('Oct 26, 2025 21:33' read as October 27, 2025 04:33 UTC (in PT as its column header says)) but happened before it: list the timeline in chronological order",
    "16:8-16:14 error date-invalid Impossible date 'Oct 32, 2025' (the year taken from the column header or an earlier row): October has 31 days",
  ]);
  const times = timeline(
    [
      '| Time (UTC) | Event |',
      '|---|---|',
      '| 2026-06-01 05:00 | Mail opened |',
      '| 05:40 | Beacon |',
      '| 05:20 | Out of order |',
      '| June 2 | Day two |',
      '| 25:00 | Impossible |',
      '| later | Words |',
    ].join('\n'),
  );
  assert.deepEqual(added(times), [
    "14:2-14:7 warning timeline-order Entry 'Out of order' ('2026-06-01 05:20' read as 1 June 2026 05:20 UTC (in UTC as its column header says)) is listed after 'Beacon' ('2026-06-01 05:40' read as 1 June 2026 05:40 UTC (in UTC as its column header says)) but happened before it: list the timeline in chronological order",
    "16:2-16:7 error date-invalid Impossible date 'June 2, 2026 25:00' (the day taken from an earlier row): hours run from 0 to 23",
    "17:2-17:7 warning date-unparseable The date of timeline row 'Words' should be a date such as 2026-06-01 05:00 UTC; 'later' is not one",
  ]);
});

test('dated bullets: a year in the heading completes "Nov 24 – 09:30 UTC"; a spaced dash may stand before the time', () => {
  const text = timeline(
    ['- **Nov 24 – 04:11 UTC** – First versions published', '- **Nov 24 – 10:28 UTC** – Spread seen', '- **Nov 24 – 09:30 UTC** – Tokens revoked'].join('\n'),
    'Timeline of Events (November 2025, all times UTC)',
  );
  assert.deepEqual(added(text), [
    "12:4-12:22 warning timeline-order Entry 'Tokens revoked' ('Nov 24, 2025 – 09:30 UTC' read as November 24, 2025 09:30 UTC) is listed after 'Spread seen' ('Nov 24, 2025 – 10:28 UTC' read as November 24, 2025 10:28 UTC) but happened before it: list the timeline in chronological order",
  ]);
  // Without a year anywhere, such bullets are no entries (a sentence may start with "Nov 24").
  assert.deepEqual(added(timeline('- **Nov 24 – 10:28 UTC** – Spread seen\n- **Nov 24 – 09:30 UTC** – Tokens revoked')), []);
});

test('timeline order: one mistyped date is one finding at that date, not one at each entry after it', () => {
  const text = timeline(
    [
      '| Time (UTC) | Event |',
      '|---|---|',
      '| 2021-10-22 14:00 | Takeover |',
      '| 2026-10-22 16:15 | Published |',
      '| 2021-10-22 18:40 | Reported |',
      '| 2021-10-22 20:00 | Removed |',
      '| 2021-10-23 09:00 | Advisory |',
    ].join('\n'),
  );
  assert.deepEqual(added(text), [
    "13:2-13:18 warning timeline-order Entry 'Published' ('2026-10-22 16:15' read as 22 October 2026 16:15 UTC (in UTC as its column header says)) is listed before 'Reported' ('2021-10-22 18:40' read as 22 October 2021 18:40 UTC (in UTC as its column header says)) but happened after it: list the timeline in chronological order",
  ]);
});
