import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, rawSeedText, seedText } from '../../helpers';

const undated = (text: string): string[] => check(text).filter((line) => line.includes('timeline-undated'));

test('timeline-undated: the seed’s two phases without any date get an info note on their heading; the N/A phase gets none', () => {
  assert.deepEqual(undated(rawSeedText()), [
    "16:4-16:28 info timeline-undated Phase 'Data Exfiltration/Impact' has no date, so its place in the timeline cannot be checked: add a **Date/Time:** field (write 'Unknown' when it is not known)",
    "18:4-18:24 info timeline-undated Phase 'Detection & Response' has no date, so its place in the timeline cannot be checked: add a **Date/Time:** field (write 'Unknown' when it is not known)",
  ]);
  // Nothing else: the raw seed is otherwise as clean as the test seed.
  assert.deepEqual(
    check(rawSeedText()).filter((line) => !line.includes('timeline-undated')),
    check(seedText()),
  );
});

test('timeline-undated: a date anywhere in the phase, a date field of any value, or an N/A phase is enough', () => {
  const phase = (body: string) => rawSeedText().replace(/### Detection & Response\n[^#]*?(?=## Attack Methodology)/, `### Detection & Response\n${body}\n`);
  const withNothing = phase('- **Discovery:** Public reports identified elevated error rates.');
  assert.equal(undated(withNothing).length, 2, 'control: the phase without a date is reported');
  for (const body of [
    '- **Discovery:** Public reports on 2026-06-01 identified elevated error rates.',
    'Failover completed at 2026-06-01 09:10 UTC.',
    '- **Date/Time:** Unknown\n- **Discovery:** Public reports.',
    '- **Date/Time:** shortly afterwards\n- **Discovery:** Public reports.',
    '- **N/A:** No response was needed.',
    '- **Response actions:** None',
    '- **Discovery:** The alert fired on October 8; the team triaged it.',
    '- **Discovery:** Alerts from 8 Oct. onwards were triaged.',
  ]) {
    assert.deepEqual(
      undated(phase(body)).map((line) => line.slice(0, 5)),
      ['16:4-'],
      body,
    );
  }
});

test('timeline-undated: words that only look like a month and a number are not a date', () => {
  const phase = (body: string) => rawSeedText().replace(/### Detection & Response\n[^#]*?(?=## Attack Methodology)/, `### Detection & Response\n${body}\n`);
  for (const body of ['- **Discovery:** Decided 3 hosts were affected.', '- **Discovery:** Hosts may 3 times retry.', '- **Discovery:** Marshal 12 agents.']) {
    assert.equal(undated(phase(body)).length, 2, body);
  }
});

test('timeline-undated: an empty phase and one with only prose are reported; the range is the heading text', () => {
  const text = rawSeedText()
    .replace('### Detection & Response\n', '### Containment\n\n### Detection & Response\n- **Date/Time:** June 1, 2026\n')
    .replace('### Data Exfiltration/Impact\n', '### Data Exfiltration/Impact\n- **Date/Time:** June 1, 2026\n');
  assert.deepEqual(undated(text), [
    "19:4-19:15 info timeline-undated Phase 'Containment' has no date, so its place in the timeline cannot be checked: add a **Date/Time:** field (write 'Unknown' when it is not known)",
  ]);
});
