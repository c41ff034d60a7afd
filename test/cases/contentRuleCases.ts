/** The rule cases of the report's content: ATT&CK, dates, IOCs, suppression and text encodings (see ruleCases.ts). */
import { replaceLine, type RuleCase } from './ruleCaseKit';

export const CONTENT_RULE_CASES: RuleCase[] = [
  {
    name: 'attack: real techniques under their tactics, names in any spelling, TA IDs and N/A are clean',
    build: (seed) =>
      seed
        .replace('- **Initial Access:** N/A', '- **Initial Access:** T1566.001 Spearphishing Attachment, T1078 Valid Accounts used by the attacker')
        .replace('- **Persistence:** N/A', '- **TA0003:** T1078 (Valid Accounts); T1053.005 Scheduled Task/Job: Scheduled Task')
        .replace('- **Discovery:** N/A', '- **discovery:** T1087 - account discovery via scripts'),
    expected: [],
  },
  {
    name: 'attack-tactic-unknown with did-you-mean, and attack-tactic-empty',
    build: (seed) => seed.replace('- **Privilege Escalation:** N/A', '- **Priviledge Escalation:** N/A').replace('- **Collection:** N/A', '- **Collection:**'),
    expected: [
      "25:4-25:25 error attack-tactic-unknown 'Priviledge Escalation' is not a tactic in ATT&CK v18.1; did you mean 'Privilege Escalation'?",
      "30:4-30:14 warning attack-tactic-empty Tactic 'Collection' has no value: write N/A or the techniques used",
    ],
  },
  {
    name: 'attack-technique-malformed, -unknown (and unknown sub-technique), -revoked with replacement',
    build: (seed) =>
      seed
        .replace('- **Initial Access:** N/A', '- **Initial Access:** T1566.01, T1999, T1566.099, T1193')
        .replace('- **Vector:** N/A (Service Instability/System Failure)', '- **Vector:** T9999 in the timeline'),
    expected: [
      '12:14-12:19 error attack-technique-unknown T9999 is not a technique in ATT&CK v18.1',
      "23:22-23:30 error attack-technique-malformed 'T1566.01' is not a valid technique ID: IDs look like T1566 or T1566.001",
      '23:32-23:37 error attack-technique-unknown T1999 is not a technique in ATT&CK v18.1',
      '23:39-23:48 error attack-technique-unknown T1566.099 is not a sub-technique of T1566 (Phishing) in ATT&CK v18.1',
      '23:50-23:55 warning attack-technique-revoked T1193 (Spearphishing Attachment) was revoked in ATT&CK v18.1; use T1566.001 (Spearphishing Attachment) instead',
    ],
  },
  {
    name: 'attack-technique-unknown-mention: outside Attack Methodology, an unknown ID not used as a technique (a ticket) is a note',
    build: (seed) =>
      seed
        .replace('- **Client Side:** Organizations', '- **Client Side:** (ticket T4821) Page on-call. Organizations')
        .replace('- **Provider Side:** Implement', '- **Provider Side:** T4822 Cloud Storage Listing seen. Implement'),
    expected: [
      '51:27-51:32 info attack-technique-unknown-mention T4821 was read as a technique ID, but ATT&CK v18.1 has no technique T4821: a ticket or other identifier may stay as it is; a technique needs its correct ID',
      '52:21-52:26 error attack-technique-unknown T4822 is not a technique in ATT&CK v18.1',
    ],
  },
  {
    name: 'attack-technique-deprecated, -tactic (wrong tactic) and -name (wrong written name)',
    build: (seed) =>
      seed
        .replace('- **Exfiltration:** N/A', '- **Exfiltration:** T1043 Commonly Used Port')
        .replace('- **Persistence:** N/A', '- **Persistence:** T1566.001 Spearphishing Attachment')
        .replace('- **Initial Access:** N/A', '- **Initial Access:** T1566.002 Spearphishing Attachment'),
    expected: [
      "23:32-23:56 warning attack-technique-name T1566.002 is 'Spearphishing Link' in ATT&CK v18.1, not 'Spearphishing Attachment'; 'Spearphishing Attachment' is T1566.001",
      '24:19-24:28 warning attack-technique-tactic T1566.001 (Spearphishing Attachment) is not part of the Persistence tactic; it belongs to Initial Access',
      '31:20-31:25 warning attack-technique-deprecated T1043 (Commonly Used Port) is deprecated in ATT&CK v18.1 and should not be used',
      '31:20-31:25 warning attack-technique-tactic T1043 (Commonly Used Port) is not part of the Exfiltration tactic; it belongs to Command and Control',
    ],
  },
  {
    name: 'dates: every form real reports use is accepted, qualifiers make bounds',
    dates: true,
    build: (seed, { year }) =>
      seed
        .replace(`- **Discovery Date:** June 1, ${year}, approx. 05:00 AM ET`, `- **Discovery Date:** ${year}-06-01T05:00:00-04:00`)
        .replace(`- **Incident Date:** June 1, ${year}`, `- **Incident Date:** around 1 June ${year} 02:00 CET`)
        .replace('### Lateral Movement\n', `### Lateral Movement\n- **Date/Time:** prior to ${year}-06-01 05:00 UTC\n`),
    expected: [],
  },
  {
    name: 'date-invalid and date-unparseable, at the exact text',
    dates: true,
    build: (seed, { year }) =>
      seed
        .replace(`- **Incident Date:** June 1, ${year}`, `- **Incident Date:** June 31, ${year}`)
        .replace(`- **Date/Time:** June 1, ${year}, prior to 05:00 AM ET`, '- **Date/Time:** sometime last week'),
    expected: [
      "5:21-5:34 error date-invalid Impossible date 'June 31, {year}': June has 30 days",
      "11:17-11:35 warning date-unparseable Field 'Date/Time' should be a date such as 2026-06-01 05:00 UTC; 'sometime last week' is not one",
    ],
  },
  {
    name: 'date-range-backwards (a clock range past midnight is not) and date-unparseable on a zone that is no zone',
    dates: true,
    build: (seed, { year }) =>
      seed
        .replace('### Lateral Movement\n', `### Lateral Movement\n- **Date/Time:** ${year}-06-02 to ${year}-06-01\n`)
        .replace('### Data Exfiltration/Impact\n', `### Data Exfiltration/Impact\n- **Date/Time:** ${year}-06-02 23:30–01:15 UTC\n`)
        .replace('### Detection & Response\n', `### Detection & Response\n- **Date/Time:** ${year}-06-03 08:00 Europe/Londn\n`),
    expected: [
      "15:17-15:41 warning date-range-backwards Field 'Date/Time' is a range that ends before it starts: '{year}-06-02 to {year}-06-01' read as 2 June {year} to 1 June {year}; only its start is used: swap the two ends or correct one",
      "21:34-21:46 warning date-unparseable Field 'Date/Time': 'Europe/Londn' is not a time zone (did you mean Europe/London?); the time is read without a zone, as if it could be in any zone from UTC-12 to UTC+14",
    ],
  },
  {
    name: 'date-discovery-before-incident',
    dates: true,
    build: (seed, { year }) => seed.replace(`- **Incident Date:** June 1, ${year}`, `- **Incident Date:** June 3, ${year}`),
    expected: [
      "4:22-4:55 error date-discovery-before-incident The incident was discovered ('June 1, {year}, approx. 05:00 AM ET' read as about June 1, {year} 09:00 UTC) before it began ('June 3, {year}' read as June 3, {year}): check both dates",
    ],
  },
  {
    name: 'timeline-order (a "prior to" bound is never out of order) and date-future',
    dates: true,
    build: (seed, { year, futureYear }) =>
      `---\nupdated: ${futureYear}-01-05\n---\n${seed}`
        .replace('### Lateral Movement\n', `### Lateral Movement\n- **Date/Time:** ${year}-06-02 10:00 UTC\n`)
        .replace('### Detection & Response\n', `### Detection & Response\n- **Date/Time:** ${year}-06-01 11:00 UTC\n`),
    expected: [
      "1:9-1:19 warning date-future Front matter field 'updated' is in the future: '{futureYear}-01-05' read as 5 January {futureYear} is after {today}, when this check ran",
      "23:17-23:37 warning timeline-order Phase 'Detection & Response' ('{year}-06-01 11:00 UTC' read as 1 June {year} 11:00 UTC) is listed after 'Lateral Movement' ('{year}-06-02 10:00 UTC' read as 2 June {year} 10:00 UTC) but happened before it: list phases in chronological order",
    ],
  },
  {
    name: 'iocs: live URL, domain, IP and e-mail are flagged with their defanged form; defanged ones are clean',
    build: (seed) =>
      seed.replace(
        '- **File indicators:** N/A.',
        '- **File indicators:** http://evil.example.com/a, evil-domain.com, 185.0.113.7, bad@evil-domain.com, 10[.]0[.]0[.]1, badguy[@]evil[.]com',
      ),
    expected: [
      "40:23-40:48 warning ioc-live Live URL 'http://evil.example.com/a': write it defanged as hxxp[://]evil[.]example[.]com/a so that nobody opens it by accident",
      "40:50-40:65 warning ioc-live Live domain 'evil-domain.com': write it defanged as evil-domain[.]com so that nobody opens it by accident",
      "40:67-40:78 warning ioc-live Live IP address '185.0.113.7': write it defanged as 185[.]0[.]113[.]7 so that nobody opens it by accident",
      "40:80-40:99 warning ioc-live Live e-mail address 'bad@evil-domain.com': write it defanged as bad[@]evil-domain[.]com so that nobody opens it by accident",
    ],
  },
  {
    name: 'iocs: invalid hash, CVE and IPv4; links outside the IOC section are not IOCs',
    build: (seed) =>
      seed
        .replace(
          '- **File indicators:** N/A.',
          '- **File indicators:** SHA256: 9f2b3c1d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f, CVE-2024-123, 300[.]1[.]1[.]1',
        )
        .replace('- **Client Side:**', '- **Client Side:** See https://learn.microsoft.com/mfa for guidance.'),
    expected: [
      "40:31-40:94 error ioc-hash-invalid Invalid SHA-256 hash '9f2b3c1d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f': SHA-256 hashes have 64 hex digits; this has 63",
      "40:96-40:108 error ioc-cve-invalid Invalid CVE ID 'CVE-2024-123': CVE IDs look like CVE-2024-12345 (year, then at least 4 digits)",
      "40:110-40:125 error ioc-ip-invalid Invalid IP address '300[.]1[.]1[.]1': IPv4 octet 300 is out of range (0–255)",
    ],
  },
  {
    name: 'dates: honest "not yet determined" is fine; a TBD date is only a placeholder; a time range with its zone',
    dates: true,
    build: (seed, { year }) =>
      seed
        .replace(`- **Incident Date:** June 1, ${year}`, '- **Incident Date:** Not yet determined')
        .replace('### Lateral Movement\n', '### Lateral Movement\n- **Date/Time:** TBD\n')
        .replace('### Detection & Response\n', `### Detection & Response\n- **Date/Time:** ${year}-06-01 05:00-07:00 UTC\n`),
    expected: ["15:17-15:20 warning placeholder Placeholder 'TBD' left in the report: replace it with the real content"],
  },
  {
    name: 'iocs: a defang marker in the path does not defang a live URL',
    build: (seed) => seed.replace('- **File indicators:** N/A.', '- **File indicators:** http://live.example/hxxp[://]x[.]example/'),
    expected: [
      "40:23-40:64 warning ioc-live Live URL 'http://live.example/hxxp[://]x[.]example/': write it defanged as hxxp[://]live[.]example/hxxp[://]x[.]example/ so that nobody opens it by accident",
    ],
  },
  {
    name: 'iocs: a link reference definition as the last thing in the section is scanned like any line',
    build: (seed) =>
      replaceLine(
        seed,
        '- **Behavioral indicators:** Inability to save MFA settings; timeout during authentication enrollment.',
        '- **Behavioral indicators:** Inability to save MFA settings; timeout during authentication enrollment.\n\n[c2]: http://evil.example.com/x',
      ),
    expected: [
      "43:6-43:31 warning ioc-live Live URL 'http://evil.example.com/x': write it defanged as hxxp[://]evil[.]example[.]com/x so that nobody opens it by accident",
    ],
  },
  {
    name: 'iocs: reference definitions in the middle of the section, with a title and an <angle> destination; links using them are not IOCs',
    build: (seed) =>
      replaceLine(
        seed,
        '- **File indicators:** N/A.',
        '- **File indicators:** N/A.\n\n[mid]: http://mid.example.com/y "Staging server"\n[ang]: <http://angle.example.com/z> \'T\'\n',
      ).replace('## Indicators of Compromise', 'See [the staging server][mid] and [ang].\n## Indicators of Compromise'),
    expected: [
      "43:7-43:31 warning ioc-live Live URL 'http://mid.example.com/y': write it defanged as hxxp[://]mid[.]example[.]com/y so that nobody opens it by accident",
      "44:8-44:34 warning ioc-live Live URL 'http://angle.example.com/z': write it defanged as hxxp[://]angle[.]example[.]com/z so that nobody opens it by accident",
    ],
  },
  {
    name: 'iocs: a bad IPv4 host inside a URL is an IP problem',
    build: (seed) => seed.replace('- **File indicators:** N/A.', '- **File indicators:** hxxp[://]300[.]1[.]1[.]1/x'),
    expected: ["40:23-40:49 error ioc-ip-invalid Invalid URL 'hxxp[://]300[.]1[.]1[.]1/x': IPv4 octet 300 is out of range (0–255)"],
  },
  {
    name: 'suppression-unknown-rule: a misspelt rule id in a control comment',
    build: (seed) =>
      replaceLine(
        seed,
        '- **Sector:** Information Technology / Cloud Service Provider',
        '<!-- increport-disable-next-line placeholders -->\n- **Sector:** TBD',
      ),
    expected: [
      "7:0-7:49 warning suppression-unknown-rule Unknown rule 'placeholders' in increport-disable-next-line (did you mean 'placeholder'?): this comment suppresses nothing for it",
      "8:14-8:17 warning placeholder Placeholder 'TBD' left in the report: replace it with the real content",
    ],
  },
  {
    name: 'inline suppression: next line, and disable/enable blocks',
    build: (seed) =>
      replaceLine(
        seed,
        '- **Sector:** Information Technology / Cloud Service Provider',
        '<!-- increport-disable-next-line placeholder -->\n- **Sector:** TBD',
      ).replace(
        '## Lessons Learned',
        '<!-- increport-disable placeholder -->\n## Lessons Learned\n- **Open:** TODO\n<!-- increport-enable -->\n- **Later:** TODO',
      ),
    expected: ["51:13-51:17 warning placeholder Placeholder 'TODO' left in the report: replace it with the real content"],
  },
  {
    name: 'CRLF line endings and non-ASCII text (emoji: 2 units, variation selector: 1) keep exact UTF-16 columns',
    build: (seed) => replaceLine(seed, '- **Sector:** Information Technology / Cloud Service Provider', '- **Sector:** Ünïcode 🛡️ TBD').replace(/\n/g, '\r\n'),
    expected: ["7:26-7:29 warning placeholder Placeholder 'TBD' left in the report: replace it with the real content"],
  },
];
