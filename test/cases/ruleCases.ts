/**
 * The shared table of rule cases: each is a report text and the exact findings it must produce
 * (zero-based LSP ranges, severity, rule, message). The engine tests and the CLI tests both run it; how a
 * case is built for a clock is in ruleCaseKit.ts. Here the cases of the report's structure (sections,
 * fields, values, placeholders); the ATT&CK, date, IOC and suppression cases are in contentRuleCases.ts.
 */
import { CONTENT_RULE_CASES } from './contentRuleCases';
import { replaceLine, type RuleCase } from './ruleCaseKit';

export { caseAt, caseClock, type CaseClock, type RuleCase } from './ruleCaseKit';

export const RULE_CASES: RuleCase[] = [
  {
    name: 'clean seed',
    build: (seed) => seed,
    expected: [],
  },
  {
    name: 'section-missing: placed before the next section present',
    build: (seed) => seed.replace(/## Impact Assessment\n(?:- .*\n)+/, ''),
    expected: ["33:3-33:27 error section-missing Section 'Impact Assessment' is missing: add it before 'Indicators of Compromise'"],
  },
  {
    name: 'section-missing: last section missing points at the title',
    build: (seed) => seed.slice(0, seed.indexOf('## Recommendations')),
    expected: ["0:2-0:63 error section-missing Section 'Recommendations' is missing"],
  },
  {
    name: 'section-duplicate',
    build: (seed) => `${seed}## Lessons Learned\n- **More:** A second list.\n`,
    expected: ["53:3-53:18 error section-duplicate Section 'Lessons Learned' appears twice; the first is on line 47"],
  },
  {
    name: 'section-empty',
    build: (seed) => seed.replace(/(## Lessons Learned\n)(?:- .*\n)+/, '$1\n'),
    expected: ["46:3-46:18 warning section-empty Section 'Lessons Learned' is empty"],
  },
  {
    name: 'section-order',
    build: (seed) => {
      const summary = seed.match(/## Executive Summary\n.*\n/)![0];
      return seed.replace(summary, '').replace('## Recommendations', `${summary}## Recommendations`);
    },
    expected: ["48:3-48:20 warning section-order Section 'Executive Summary' should come before 'Incident Details'"],
  },
  {
    name: 'section-order: a section moved to the top is the only one flagged',
    build: (seed) => {
      const lessons = seed.match(/## Lessons Learned\n(?:- .*\n)+/)![0];
      return seed.replace(lessons, '').replace('## Executive Summary', `${lessons}## Executive Summary`);
    },
    expected: ["1:3-1:18 warning section-order Section 'Lessons Learned' should come before 'Recommendations'"],
  },
  {
    name: 'section names match in any case, numbered, with aliases and & for and',
    build: (seed) =>
      seed
        .replace('## Executive Summary', '## 1. EXECUTIVE SUMMARY')
        .replace('## Indicators of Compromise', '## IOCs')
        .replace('## Timeline of Events', '## timeline  of  events'),
    expected: [],
  },
  {
    name: 'section-unknown',
    build: (seed) => `${seed}## Appendix: Raw Logs\nSee the attached archive.\n`,
    expected: [
      `53:3-53:21 info section-unknown Section 'Appendix: Raw Logs' is not part of the report template, so nothing in it is checked: an extra section (an appendix, references) may stay so; a template section is named as the template names it, optionally numbered or followed by a qualifier such as "(all times UTC)"`,
    ],
  },
  {
    name: 'heading-level and the section it leaves missing',
    build: (seed) => seed.replace('## Response Actions', '### Response Actions'),
    expected: [
      "42:4-42:20 warning heading-level 'Response Actions' is a section and should be a level-2 heading (##), not level 3",
      "46:3-46:18 error section-missing Section 'Response Actions' is missing: it is written as a level-3 heading on line 43",
    ],
  },
  {
    name: 'title-missing: the first line when there is no H1',
    build: (seed) => seed.replace(/^# .*\n/, ''),
    expected: ['0:0-0:20 error title-missing The report has no title: start it with a level-1 heading such as "# Incident Report: …"'],
  },
  {
    name: 'title-multiple',
    build: (seed) => seed.replace('## Executive Summary', '# Second Title\n## Executive Summary'),
    expected: ["1:2-1:14 error title-multiple A report has one title (level-1 heading); 'Second Title' is a second one. Use '##' for a section."],
  },
  {
    name: 'field-missing: pointed at the section heading',
    build: (seed, { year }) => replaceLine(seed, `- **Incident Date:** June 1, ${year}\n`, ''),
    expected: ["3:3-3:19 error field-missing Field 'Incident Date' is missing from section 'Incident Details'"],
  },
  {
    name: 'field-empty: pointed at the key',
    build: (seed) => replaceLine(seed, '- **Sector:** Information Technology / Cloud Service Provider', '- **Sector:**'),
    expected: ["7:4-7:10 warning field-empty Field 'Sector' is empty"],
  },
  {
    name: 'fields written **Key**: value, with * and + bullets, in other case',
    build: (seed) => seed.replace('- **Discovery Date:**', '* **discovery date**:').replace('- **Incident Date:**', '+ **INCIDENT DATE:**'),
    expected: [],
  },
  {
    name: 'value-invalid: front matter enum, at the value',
    build: (seed) => `---\nseverity: catastrophic\n---\n${seed}`,
    expected: ["1:10-1:22 error value-invalid Front matter field 'severity' is 'catastrophic'; expected one of: informational, low, medium, high, critical"],
  },
  {
    name: 'value-invalid: a TLP level in the wrong case gets the allowed levels once and a suggestion',
    build: (seed) => `---\ntlp: amber\n---\n${seed}`,
    expected: [
      "1:5-1:10 error value-invalid Front matter field 'tlp' is 'amber'; expected one of: TLP:CLEAR, TLP:GREEN, TLP:AMBER, TLP:AMBER+STRICT, TLP:RED (the 'TLP:' prefix may be left out); did you mean 'AMBER'? (values are case-sensitive)",
    ],
  },
  {
    name: 'front-matter-invalid',
    build: (seed) => `---\nstatus: [draft\n---\n${seed}`,
    expected: [
      '2:0-2:0 error front-matter-invalid The front matter is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ],
  },
  {
    name: 'placeholder: each kind, at the exact text',
    build: (seed) =>
      replaceLine(seed, '- **Sector:** Information Technology / Cloud Service Provider', '- **Sector:** TBD, [Sector Name] {{sector}} YYYY-MM-DD'),
    expected: [
      "7:14-7:17 warning placeholder Placeholder 'TBD' left in the report: replace it with the real content",
      "7:19-7:32 warning placeholder Placeholder '[Sector Name]' left in the report: replace it with the real content",
      "7:33-7:43 warning placeholder Placeholder '{{sector}}' left in the report: replace it with the real content",
      "7:44-7:54 warning placeholder Placeholder 'YYYY-MM-DD' left in the report: replace it with the real content",
    ],
  },
  {
    name: 'placeholder: not in code, comments, links, defanged IOCs or [REDACTED]',
    build: (seed) =>
      replaceLine(
        seed,
        '- **Sector:** Information Technology / Cloud Service Provider',
        '- **Sector:** `TODO` <!-- TBD --> [Vendor](hxxp[://]x[.]com) [REDACTED] 10[.]0[.]0[.]1',
      ) + '\n```\nTODO inside a code block\n```\n',
    expected: [],
  },
  {
    name: 'placeholder: identifiers, redactions and defined reference links are not placeholders',
    build: (seed) =>
      replaceLine(
        seed,
        '- **Sector:** Information Technology / Cloud Service Provider',
        '- **Sector:** [CVE-2024-1234] [T1566] SSN XXX-XX-1234 [Microsoft Advisory]\n\n[Microsoft Advisory]: https://example.com/advisory',
      ),
    expected: [],
  },
  {
    name: 'a suppression comment shown in inline code is not obeyed',
    build: (seed) =>
      replaceLine(seed, '- **Sector:** Information Technology / Cloud Service Provider', '- **Sector:** Write `<!-- increport-disable -->` to silence. TODO'),
    expected: ["7:61-7:65 warning placeholder Placeholder 'TODO' left in the report: replace it with the real content"],
  },
  ...CONTENT_RULE_CASES,
];
