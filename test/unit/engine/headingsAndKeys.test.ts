import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitTacticKey } from '../../../server/src/engine/attack/tacticKeys';
import { headingZone } from '../../../server/src/engine/dates/headingZone';
import { numberingLength, splitQualifier } from '../../../server/src/engine/schema/headingNames';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { check, cleanReportText, defaultVersionEngine, describeFinding, projectRoot, seedText } from '../../helpers';
import { replaceOnce } from '../features/fixHarness';

const checkDefault = (text: string): string[] => defaultVersionEngine().check(text).findings.map(describeFinding);

test('qualified headings: numbered, with a parenthesised or dashed qualifier, name their section', () => {
  let text = cleanReportText();
  text = replaceOnce(text, '## Timeline of Events\n', '## 3. Timeline of Events (all times EST)\n');
  text = replaceOnce(text, '## Indicators of Compromise\n', '## Indicators of Compromise (IOCs)\n');
  text = replaceOnce(text, '## Impact Assessment\n', '## V. Impact — business view\n');
  text = replaceOnce(text, '## Response Actions\n', '## 7) Response Actions: first week\n');
  assert.deepEqual(checkDefault(text), []);
  assert.deepEqual(splitQualifier('Timeline — all times UTC+2'), { name: 'Timeline', qualifier: 'all times UTC+2', qualifierStart: 11 });
  assert.deepEqual(splitQualifier('Indicators of Compromise [IOCs]'), { name: 'Indicators of Compromise', qualifier: 'IOCs', qualifierStart: 26 });
  assert.equal(splitQualifier('Post-Incident Review'), undefined);
  assert.equal(splitQualifier('Timeline ()'), undefined);
  assert.deepEqual(
    ['3. Timeline', '2.1 Timeline', 'III) Timeline', 'iv: Timeline', 'Timeline', '3.Timeline', 'Vision'].map(numberingLength),
    [3, 4, 5, 4, 0, 0, 0],
  );
});

test('a misspelt heading: one section-missing at the heading itself, with its did-you-mean', () => {
  const text = replaceOnce(seedText(), '## Lessons Learned\n', '## Lesons Learned\n');
  assert.deepEqual(check(text), [
    "46:3-46:17 error section-missing Section 'Lessons Learned' is missing; 'Lesons Learned' names no section: did you mean 'Lessons Learned'?",
  ]);
  const numbered = replaceOnce(seedText(), '## Impact Assessment\n', '## 5. Impcat Assesment (preliminary)\n');
  assert.deepEqual(check(numbered), [
    "33:3-33:36 error section-missing Section 'Impact Assessment' is missing; '5. Impcat Assesment (preliminary)' names no section: did you mean 'Impact Assessment'?",
  ]);
  // Nothing near: the unknown section says what is accepted; the missing one is reported where it belongs.
  const unrelated = replaceOnce(seedText(), '## Lessons Learned\n', '## Appendix B\n');
  assert.deepEqual(check(unrelated), [
    '46:3-46:13 info section-unknown Section \'Appendix B\' is not part of the report template, so nothing in it is checked: an extra section (an appendix, references) may stay so; a template section is named as the template names it, optionally numbered or followed by a qualifier such as "(all times UTC)"',
    "50:3-50:18 error section-missing Section 'Lessons Learned' is missing: add it before 'Recommendations'",
  ]);
});

test('field synonyms are read as the field; a misspelt key gets one finding at the key', () => {
  let text = seedText();
  text = replaceOnce(text, '**Discovery Date:**', '**Date of Discovery:**');
  text = replaceOnce(text, '**Incident Date:**', '**Occurred:**');
  text = replaceOnce(text, '**Affected Organization:**', '**Victim:**');
  assert.deepEqual(check(text), []);
  for (const synonym of ['Detected', 'Discovered', 'Discovered on']) {
    assert.deepEqual(check(replaceOnce(seedText(), '**Discovery Date:**', `**${synonym}:**`)), [], synonym);
  }
  // Read as the discovery date: the date rules compare it with the incident date.
  const early = replaceOnce(seedText(), '**Discovery Date:** June 1, 2026, approx. 05:00 AM ET', '**Detected:** May 20, 2026');
  assert.deepEqual(check(early), [
    "4:16-4:28 error date-discovery-before-incident The incident was discovered ('May 20, 2026' read as May 20, 2026) before it began ('June 1, 2026' read as June 1, 2026): check both dates",
  ]);
  assert.deepEqual(check(replaceOnce(seedText(), '**Discovery Date:**', '**Discovry Date:**')), [
    "4:4-4:17 error field-missing Field 'Discovery Date' is missing from section 'Incident Details'; 'Discovry Date' names no field: did you mean 'Discovery Date'?",
  ]);
});

test('tactic keys with their ID are the tactic; a name and an ID that disagree get one warning', () => {
  const forms = ['Initial Access (TA0001)', 'TA0001 Initial Access', 'TA0001 - Initial Access', 'Initial Access [TA0001]', 'TA0001: Initial Access'];
  for (const form of forms) {
    assert.deepEqual(checkDefault(replaceOnce(cleanReportText(), '- **Initial Access:** N/A', `- **${form}:** N/A`)), [], form);
  }
  assert.deepEqual(checkDefault(replaceOnce(cleanReportText(), '- **Stealth:** N/A', '- **Stealth (TA0005):** T1027 Obfuscated Files or Information')), []);
  assert.deepEqual(checkDefault(replaceOnce(cleanReportText(), '- **Initial Access:** N/A', '- **Initial Access (TA0002):** N/A')), [
    "23:4-23:27 warning attack-tactic-id-mismatch The name and the ID of 'Initial Access (TA0002)' disagree in ATT&CK v19.2: 'Initial Access' is TA0001, and TA0002 is 'Execution'; the row is read as neither, so its techniques are not checked against a tactic",
  ]);
  // v18.1's Defense Evasion with its ID, under v19.2: the legacy row, as without the ID.
  assert.deepEqual(checkDefault(replaceOnce(seedText(), '- **Defense Evasion:** N/A', '- **Defense Evasion (TA0005):** N/A')), [
    "26:4-26:28 info attack-migration 'Defense Evasion (TA0005)' is the ATT&CK v18.1 name of TA0005: v19.2 renamed it 'Stealth' and split 'Defense Impairment' (TA0112) from it; a quick fix writes the row as Stealth and Defense Impairment",
  ]);
  // Under v18.1, TA0005 is Defense Evasion.
  assert.deepEqual(check(replaceOnce(seedText(), '- **Defense Evasion:** N/A', '- **TA0005 - Defense Evasion:** N/A')), []);
  assert.deepEqual(splitTacticKey('Initial Access - TA0001'), { id: 'TA0001', idStart: 17, name: 'Initial Access', nameStart: 0 });
  assert.equal(splitTacticKey('XTA0001'), undefined);
  assert.equal(splitTacticKey('Initial Access (TA00012)'), undefined);
});

test("a heading's time-zone qualifier is the zone of its section's dates that write none", () => {
  assert.deepEqual(
    ['Timeline of Events (all times EST)', 'Timeline — times in UTC+2', 'Timeline (UTC)', 'Timeline (CET)', 'Timeline (IOCs)', 'Timeline'].map(
      (text) => headingZone(text)?.name,
    ),
    ['EST', 'UTC+2', 'UTC', 'CET', undefined, undefined],
  );
  const phases = (heading: string) =>
    replaceOnce(
      replaceOnce(seedText(), '- **Date/Time:** June 1, 2026, prior to 05:00 AM ET', '- **Date/Time:** June 1, 2026 08:00'),
      '### Lateral Movement\n',
      '### Lateral Movement\n- **Date/Time:** June 1, 2026 12:30 UTC\n',
    ).replace('## Timeline of Events\n', `## ${heading}\n`);
  // 08:00 EST is 13:00 UTC: the second phase, at 12:30 UTC, happened before it.
  assert.deepEqual(check(phases('Timeline of Events (all times EST)')), [
    "15:17-15:39 warning timeline-order Phase 'Lateral Movement' ('June 1, 2026 12:30 UTC' read as June 1, 2026 12:30 UTC) is listed after 'Initial Access' ('June 1, 2026 08:00' read as June 1, 2026 13:00 UTC (in EST as its section's heading says)) but happened before it: list phases in chronological order",
  ]);
  // Without the qualifier 08:00 may be in any zone: no finding; in UTC it is before 12:30.
  assert.deepEqual(check(phases('Timeline of Events')), []);
  assert.deepEqual(check(phases('Timeline of Events (UTC)')), []);
  // The clock is 2026-11-27 12:00 UTC: 08:00 EST (13:00 UTC) is in the future; 06:59 EST (11:59 UTC) is not.
  const future = (time: string) =>
    replaceOnce(seedText(), '- **Date/Time:** June 1, 2026, prior to 05:00 AM ET', `- **Date/Time:** November 27, 2026 ${time}`).replace(
      '## Timeline of Events\n',
      '## Timeline — all times EST\n',
    );
  assert.deepEqual(check(future('08:00')), [
    "11:17-11:40 warning date-future Field 'Date/Time' is in the future: 'November 27, 2026 08:00' read as November 27, 2026 13:00 UTC (in EST as its section's heading says) is after 2026-11-27, when this check ran",
  ]);
  assert.deepEqual(check(future('06:59')), []);
});

test('examples/dialects/headings-and-keys.md: every dialect at once, read as meant, with no finding', () => {
  const text = readFileSync(join(projectRoot(), 'examples', 'dialects', 'headings-and-keys.md'), 'utf8');
  assert.deepEqual(checkDefault(text), []);
  // Not silently: the same report with one dialect broken is reported.
  assert.deepEqual(checkDefault(text.replace('**Collection [TA0009]:**', '**Collection [TA0010]:**')).length, 1);
  assert.deepEqual(checkDefault(text.replace('**Date of Discovery:**', '**Date of Discovry:**')).length, 1);
});
