import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, cleanReportText, defaultVersionEngine, describeFinding, seedText } from '../../helpers';

/*
 * Technique IDs outside the Attack Methodology section: an ID ATT&CK does not have is an error
 * (attack-technique-unknown) only where it is used as a technique; a ticket or case number shaped like
 * one is a note (attack-technique-unknown-mention). The clean report has 55 lines: a block appended after
 * a blank line starts at line 55, in the Recommendations section.
 */

const findingsOf = (text: string): string[] => defaultVersionEngine().check(text).findings.map(describeFinding);
/** The clean report with `block` after its last section's list, as a paragraph, list or table of its own. */
const appended = (block: string): string => `${cleanReportText()}\n${block}\n`;
const unknown = (range: string, id: string) => `${range} error attack-technique-unknown ${id} is not a technique in ATT&CK v19.2`;
const mention = (range: string, id: string) =>
  `${range} info attack-technique-unknown-mention ${id} was read as a technique ID, but ATT&CK v19.2 has no technique ${id}: a ticket or other identifier may stay as it is; a technique needs its correct ID`;

test('attack IDs outside Attack Methodology: the seed and the clean report stay free of findings', () => {
  assert.deepEqual(findingsOf(cleanReportText()), []);
  assert.deepEqual(check(seedText()), []);
});

test('attack IDs outside Attack Methodology: ticket numbers in prose are a note at the ID, not an error', () => {
  const text = cleanReportText().replace('- **Client Side:** Organizations', '- **Client Side:** (ticket T4821) Page on-call. Organizations');
  assert.deepEqual(findingsOf(text), [mention('52:27-52:32', 'T4821')]);
  assert.deepEqual(
    findingsOf(appended('Ticket T4822 was opened at 05:10.\n\nT4823: Page on-call before the change.\n\n- Change T4824 escalated to the on-call team')),
    [mention('55:7-55:12', 'T4822'), mention('57:0-57:5', 'T4823'), mention('59:9-59:14', 'T4824')],
  );
  // Words after the ID in sentence case are prose, even capitalised at first: "Escalated to the on-call team".
  assert.deepEqual(findingsOf(appended('T4825 Escalated to the on-call team.')), [mention('55:0-55:5', 'T4825')]);
});

test('attack IDs outside Attack Methodology: an ID followed by a technique name is an error', () => {
  assert.deepEqual(
    findingsOf(
      appended(
        'T4821 Cloud Storage Listing was used.\n\nSeen: T4822: Data from Local System.\n\n- T4823 Valid Accounts used by the attacker\n- T4824 Masquerading, then T4825 Exfiltration Over C2 Channel',
      ),
    ),
    [
      unknown('55:0-55:5', 'T4821'),
      unknown('57:6-57:11', 'T4822'),
      // Sentence case, but an ATT&CK technique's name: Valid Accounts (T1078), Masquerading (T1036).
      unknown('59:2-59:7', 'T4823'),
      unknown('60:2-60:7', 'T4824'),
      unknown('60:27-60:32', 'T4825'),
    ],
  );
});

test('attack IDs outside Attack Methodology: a Vector field and a Technique column are technique contexts', () => {
  const vector = cleanReportText().replace('- **Vector:** N/A (Service Instability/System Failure)', '- **Vector:** T4821 (see the ticket)');
  assert.deepEqual(findingsOf(vector), [unknown('12:14-12:19', 'T4821')]);
  const attackVector = cleanReportText().replace('- **Client Side:** Organizations', '- **Attack vector:** T4821\n- **Client Side:** Organizations');
  assert.deepEqual(findingsOf(attackVector), [unknown('52:21-52:26', 'T4821')]);
  // In a table, the cell decides: its column header, or its own words.
  const table = appended('| Step | Technique | Ticket | Notes |\n|---|---|---|---|\n| Mail | T4821 | T4822 | MITRE lists T4823 |\n| Login | T4824 | | T4825 |');
  assert.deepEqual(findingsOf(table), [
    unknown('57:9-57:14', 'T4821'),
    mention('57:17-57:22', 'T4822'),
    unknown('57:37-57:42', 'T4823'),
    unknown('58:10-58:15', 'T4824'),
    mention('58:20-58:25', 'T4825'),
  ]);
});

test('attack IDs outside Attack Methodology: a sub-technique form is an error wherever it stands', () => {
  assert.deepEqual(findingsOf(appended('Ticket T4821.001 was opened.\n\nTicket T1566.099 was opened.')), [
    unknown('55:7-55:16', 'T4821.001'),
    '57:7-57:16 error attack-technique-unknown T1566.099 is not a sub-technique of T1566 (Phishing) in ATT&CK v19.2',
  ]);
});

test('attack IDs outside Attack Methodology: the words technique, ATT&CK, MITRE, a link to attack.mitre.org or a heading about ATT&CK make the line a technique context', () => {
  const text = appended(
    'The technique was T4821.\n\nMapped to ATT&CK as T4822.\n\nSee [T4823](https://attack.mitre.org/techniques/T4823/).\n\n### TTPs seen\nT4824 first, then T4825.',
  );
  assert.deepEqual(findingsOf(text), [
    unknown('55:18-55:23', 'T4821'),
    unknown('57:20-57:25', 'T4822'),
    unknown('59:5-59:10', 'T4823'),
    unknown('62:0-62:5', 'T4824'),
    unknown('62:18-62:23', 'T4825'),
  ]);
});

test('attack IDs outside Attack Methodology: inline code is read like prose, a URL path not at all', () => {
  assert.deepEqual(findingsOf(appended('The runbook is `T4821`.\n\nThe technique is `T4822`.\n\nClosed in https://tracker.example.com/browse/T4823 today.')), [
    mention('55:16-55:21', 'T4821'),
    unknown('57:18-57:23', 'T4822'),
  ]);
});

test('attack IDs outside Attack Methodology: an ID of the other bundled ATT&CK version is a technique', () => {
  // The seed, a v18-era report, after a blank line: the block is at line 54, 57 under the front matter.
  const text = `---\nattack: v18.1\n---\n${seedText()}\nTicket T1685 was opened.\n`;
  assert.deepEqual(findingsOf(text), [
    '57:7-57:12 error attack-technique-unknown T1685 is not a technique in ATT&CK v18.1; it is Disable or Modify Tools in ATT&CK v19.2',
  ]);
});

test('attack IDs outside Attack Methodology: an ID that exists is checked as before, wherever it stands', () => {
  // T1193 is revoked in v18.1 (the engine of check()); a ticket that happens to have its number gets the same warning as before.
  assert.deepEqual(check(`${seedText()}\nTicket T1193 was opened.\n`), [
    '54:7-54:12 warning attack-technique-revoked T1193 (Spearphishing Attachment) was revoked in ATT&CK v18.1; use T1566.001 (Spearphishing Attachment) instead',
  ]);
});

test('attack IDs in the Attack Methodology section: every unknown ID is an error, as before', () => {
  const text = cleanReportText().replace(
    '- **Impact:** Resource Exhaustion / Service Interruption (Code: 504 Gateway Timeout).',
    '- **Impact:** ticket T4821 was opened\n\nTicket T4822 was opened.',
  );
  assert.deepEqual(findingsOf(text), [unknown('33:21-33:26', 'T4821'), unknown('35:7-35:12', 'T4822')]);
});

test('attack IDs outside Attack Methodology: a word naming another identifier outweighs an ATT&CK line', () => {
  const text = appended(
    'The ticket T4821 and the technique T1505.003 were confused.\n\nChange #T4822 maps a technique.\n\n(case: T4823) Technique T4824 Cloud Storage Listing.\n\nThe ticket T4825.001 is a sub-technique form.',
  );
  assert.deepEqual(findingsOf(text), [
    mention('55:11-55:16', 'T4821'),
    mention('57:8-57:13', 'T4822'),
    mention('59:7-59:12', 'T4823'),
    unknown('59:24-59:29', 'T4824'),
    unknown('61:11-61:20', 'T4825.001'),
  ]);
});
