import { findTechniqueMentions } from '../../../server/src/engine/attack/techniqueMentions';
import { findDates } from '../../../server/src/engine/dates/parseDate';
import { codeActions, fixAll } from '../../../server/src/engine/features/codeActions';
import { foldingRanges } from '../../../server/src/engine/features/folding';
import { documentLinks } from '../../../server/src/engine/features/links';
import { documentSymbols } from '../../../server/src/engine/features/symbols';
import { catalogFromStixText } from '../../../server/src/engine/attack/catalog';
import { scanIocs } from '../../../server/src/engine/iocs/scanIocs';
import { oddLengthHashes } from '../../../server/src/engine/iocs/hashLength';
import { buildModel } from '../../../server/src/engine/model/buildModel';
import { seedText } from '../../helpers';
import { TABLE_CASES } from './tableCases';
import {
  atLineEnd,
  check,
  checkIdPattern,
  checkSummary,
  type ComplexityCase,
  exported,
  feature,
  MANY_IOCS,
  misnamedRow,
  PROSE,
  render,
  reportWithDetail,
  reportWithManyIps,
  reportWithSummary,
  stixBundle,
  WHOLE_DOCUMENT,
  withMethodologyTable,
  withTechniqueRow,
  withTimelineTable,
} from './caseHelpers';

export const CASES: readonly ComplexityCase[] = [
  ...TABLE_CASES,
  // Technique mentions: IDs whose names run to the end of the line, and long names between IDs.
  { family: 'technique mentions', name: "'T12 a ' × n in the Executive Summary", n: 2700, prepare: checkSummary((n) => 'T12 a '.repeat(n)) },
  {
    family: 'technique mentions',
    name: "'+T1566 A ' × n (well-formed IDs, names to the line end)",
    n: 790,
    prepare: checkSummary((n) => '+T1566 A '.repeat(n)),
  },
  {
    family: 'technique mentions',
    name: 'one ID then a name of n spaces and dots',
    n: 250000,
    prepare: (n) => () => findTechniqueMentions(`T1566 A${' .'.repeat(n)}x`),
  },
  { family: 'technique mentions', name: 'an Attack Methodology row with n techniques', n: 2400, prepare: (n) => check(withTechniqueRow(n)) },
  // IDs ATT&CK does not have, outside Attack Methodology: each name read for its case, each line or cell for its words.
  {
    family: 'technique mentions',
    name: "'T4821 Page on-call ' × n in the Executive Summary (unknown IDs, sentence-case names)",
    n: 2000,
    prepare: checkSummary((n) => 'T4821 Page on-call '.repeat(n)),
  },
  {
    family: 'technique mentions',
    name: 'a table line of n cells, each an unknown ID, under a header of n columns',
    n: 1500,
    prepare: (n) => check(`${seedText()}\n| ${'Ticket | Technique | '.repeat(n)}\n|${'---|'.repeat(2 * n)}\n| ${'T4821 | T4822 | '.repeat(n)}\n`),
  },
  // Headings.
  { family: 'tables', name: 'an Attack Methodology table of n rows', n: 1200, prepare: (n) => check(withMethodologyTable(n)) },
  { family: 'tables', name: 'a Timeline of Events table of n rows and n dated bullets (check)', n: 600, prepare: (n) => check(withTimelineTable(n)) },
  {
    family: 'tables',
    name: 'a Timeline of Events table of n rows in reverse order, times alone after a dated first row (order check)',
    n: 600,
    prepare: (n) =>
      check(
        seedText().replace(
          /## Timeline of Events\n[\s\S]*?(?=## Attack Methodology)/,
          `## Timeline of Events\n| Time (UTC) | Event |\n|---|---|\n| 2026-05-01 23:59 | First |\n${Array.from({ length: n }, (_, i) => `| ${String(23 - (Math.floor(i / 60) % 24)).padStart(2, '0')}:${String(59 - (i % 60)).padStart(2, '0')} | Step |\n`).join('')}\n`,
        ),
      ),
  },
  { family: 'tables', name: 'a Timeline of Events table of n rows and n dated bullets (preview)', n: 600, prepare: (n) => render(withTimelineTable(n)) },
  {
    family: 'tables',
    name: "a table line of n cells with '`' runs of growing length",
    n: 4000,
    prepare: (n) => () => buildModel(`## S\n| a |\n|---|\n| ${Array.from({ length: n }, (_, i) => `${'`'.repeat((i % 60) + 1)} \\| x`).join(' | ')} |\n`),
  },
  { family: 'headings', name: "'## x' + n spaces + 'x'", n: 300000, prepare: (n) => () => buildModel(`## x${' '.repeat(n)}x\n`) },
  // n lines of 200 KB and more: below that, per-line time rises with the text's size (CPU cache, not a
  // growth rate: 0.4 µs per line at 5k lines, 1.0–1.2 µs from 40k to 320k), so 5k against 40k read as 19.
  { family: 'headings', name: 'a setext heading of n lines', n: 20000, prepare: (n) => () => buildModel(`${'x  \n  '.repeat(n)}x\n===\n`) },
  { family: 'headings', name: 'n sections', n: 450, prepare: (n) => check(`${seedText()}\n${'## Notes\ntext\n'.repeat(n)}`) },
  { family: 'headings', name: 'n misspelt sections (did-you-mean)', n: 150, prepare: (n) => check(`${seedText()}\n${'## Lesons Learnd\ntext\n'.repeat(n)}`) },
  {
    family: 'headings',
    name: "a heading of 'Timeline (' + 'a ' × n + 'UTC)' (qualifier and its zone)",
    n: 100000,
    prepare: (n) => check(seedText().replace('## Timeline of Events\n', `## Timeline of Events (${'a '.repeat(n)}UTC)\n`)),
  },
  {
    family: 'technique mentions',
    name: "an Attack Methodology key 'TA0001' + ' -' × n + ' x' (tactic key with an ID)",
    n: 50000,
    prepare: (n) => check(seedText().replace('- **Initial Access:** N/A', `- **TA0001${' -'.repeat(n)} x (TA0002):** N/A`)),
  },
  // IOC scanning: many indicators on one line, and long near-indicators.
  { family: 'iocs', name: 'n indicators of every kind on one line', n: 170, prepare: (n) => () => scanIocs(MANY_IOCS.repeat(n)) },
  { family: 'iocs', name: "'1.' × n (a dotted number)", n: 82000, prepare: (n) => () => scanIocs('1.'.repeat(n)) },
  { family: 'iocs', name: "'a.' × n (a dotted name without TLD)", n: 89000, prepare: (n) => () => scanIocs(`${'a.'.repeat(n)}1`) },
  { family: 'iocs', name: "'a[.]' × n (defanged dots)", n: 20000, prepare: (n) => () => scanIocs(`${'a[.]'.repeat(n)}1`) },
  { family: 'iocs', name: "'a@' × n", n: 170000, prepare: (n) => () => scanIocs('a@'.repeat(n)) },
  { family: 'iocs', name: "'http://' × n", n: 8200, prepare: (n) => () => scanIocs('http://'.repeat(n)) },
  { family: 'iocs', name: "'hxxp[://]a' + n path characters and closers", n: 39000, prepare: (n) => () => scanIocs(`hxxp[://]a/${')]'.repeat(n)}`) },
  {
    family: 'iocs',
    name: "'Product.Name 1.2.3.4 ' × n (dotted quads after product names, read back a bounded way)",
    n: 8000,
    prepare: (n) => () => scanIocs('Product.Name 1.2.3.4 '.repeat(n)),
  },
  {
    family: 'iocs',
    name: "'Chrome/1.2.3.4 ' × n (dotted quads after a product's slash, read back a bounded way)",
    n: 8000,
    prepare: (n) => () => scanIocs('Chrome/1.2.3.4 '.repeat(n)),
  },
  {
    family: 'iocs',
    name: "'| ' + 63 hex digits × n (hex values of no hash length in cells, each read a bounded way)",
    n: 4000,
    prepare: (n) => () => oddLengthHashes(`| ${'0123456789abcdef'.repeat(4).slice(1)} `.repeat(n), []),
  },
  { family: 'iocs', name: "'a:' × n (IPv6-like)", n: 96000, prepare: (n) => () => scanIocs('a:'.repeat(n)) },
  { family: 'iocs', name: "'md5 ' × n (labels without hashes)", n: 24000, prepare: (n) => () => scanIocs('md5 '.repeat(n)) },
  { family: 'iocs', name: "'CVE-' × n", n: 150000, prepare: (n) => () => scanIocs('CVE-'.repeat(n)) },
  { family: 'iocs', name: 'n hex digits then a letter', n: 250000, prepare: (n) => () => scanIocs(`${'a1'.repeat(n)}g`) },
  {
    family: 'iocs',
    name: 'n IOCs in one Indicators of Compromise item (full check)',
    n: 82,
    prepare: (n) => check(seedText().replace('- **File indicators:** N/A.', `- **File indicators:** ${MANY_IOCS.repeat(n)}`)),
  },
  // Dates.
  { family: 'dates', name: 'n digits', n: 170000, prepare: (n) => () => findDates('1'.repeat(n)) },
  { family: 'dates', name: "'1/' × n", n: 26000, prepare: (n) => () => findDates('1/'.repeat(n)) },
  { family: 'dates', name: "'June ' × n", n: 11000, prepare: (n) => () => findDates('June '.repeat(n)) },
  { family: 'dates', name: "'2026-06-01 ' × n", n: 1400, prepare: (n) => () => findDates('2026-06-01 '.repeat(n)) },
  {
    family: 'dates',
    name: "'2026-06-01 05:00 Europe/' then n zone-name characters and slashes",
    n: 150000,
    prepare: (n) => () => findDates(`2026-06-01 05:00 Europe/${'a/'.repeat(n / 2)}`),
  },
  { family: 'dates', name: "'05:00 Europe/Londn ' × n", n: 8000, prepare: (n) => () => findDates('2026-06-01 05:00 Europe/Londn '.repeat(n)) },
  {
    family: 'dates',
    name: 'a date field of n spaces then a date',
    n: 270000,
    prepare: (n) => check(seedText().replace('- **Incident Date:** June 1, 2026', `- **Incident Date:** approx.${' '.repeat(n)}June 1, 2026`)),
  },
  // Placeholders.
  { family: 'placeholders', name: "'<!--' × n", n: 110000, prepare: checkSummary((n) => '<!--'.repeat(n)) },
  {
    family: 'placeholders',
    name: "'TBD ' then '<!--' × n (a paragraph, its comments blanked)",
    n: 110000,
    prepare: checkSummary((n) => `TBD ${'<!--'.repeat(n)}`),
  },
  { family: 'placeholders', name: "'[Name ' × n", n: 82000, prepare: checkSummary((n) => '[Name '.repeat(n)) },
  { family: 'placeholders', name: "'{{' + n characters", n: 300000, prepare: checkSummary((n) => `{{${'a'.repeat(n)}`) },
  { family: 'placeholders', name: "'TBD ' × n", n: 8700, prepare: checkSummary((n) => 'TBD '.repeat(n)) },
  { family: 'placeholders', name: "'<' × n", n: 500000, prepare: checkSummary((n) => '<'.repeat(n)) },
  { family: 'placeholders', name: "'x <a' + n characters (an unclosed tag)", n: 200000, prepare: checkSummary((n) => `x <a${' x'.repeat(n / 2)}`) },
  { family: 'placeholders', name: "'<br ' × n (unclosed tags)", n: 150000, prepare: checkSummary((n) => '<br '.repeat(n)) },
  { family: 'placeholders', name: "'\\<' × n", n: 300000, prepare: checkSummary((n) => '\\<'.repeat(n)) },
  { family: 'placeholders', name: "'<TBD> ' × n", n: 2500, prepare: checkSummary((n) => '<TBD> '.repeat(n)) },
  { family: 'placeholders', name: "'<br> TBD ' × n (tags among placeholders)", n: 2500, prepare: checkSummary((n) => '<br> TBD '.repeat(n)) },
  { family: 'placeholders', name: "'[insert ' × n", n: 150000, prepare: checkSummary((n) => '[insert '.repeat(n)) },
  { family: 'placeholders', name: "'\"' × n", n: 500000, prepare: checkSummary((n) => '"'.repeat(n)) },
  {
    family: 'placeholders',
    name: '\'"say TODO" TBD \' × n (quotations among placeholders)',
    n: 2500,
    prepare: checkSummary((n) => '"say TODO" TBD '.repeat(n)),
  },
  { family: 'placeholders', name: "'YYYY-MM-' × n", n: 100000, prepare: checkSummary((n) => 'YYYY-MM-'.repeat(n)) },
  {
    family: 'placeholders',
    name: 'n HTML blocks opened by a placeholder',
    n: 1500,
    prepare: (n) => check(reportWithSummary(`\n${'<Brief summary>\nTBD\n\n'.repeat(n)}`)),
  },
  // Front matter.
  {
    family: 'front matter',
    name: 'n keys',
    // More keys than the name memo holds (text/memo.ts, 5000) at both sizes: 1k keys against 8k compared
    // cached names with computed ones, a 2× step in time per key, not a growth rate.
    n: 6000,
    prepare: (n) => check(`---\n${Array.from({ length: n }, (_, i) => `key${i}: value`).join('\n')}\n---\n${seedText()}`),
  },
  { family: 'front matter', name: 'a value of n spaces', n: 300000, prepare: (n) => check(`---\ntitle: a${' '.repeat(n)}b\n---\n${seedText()}`) },
  // Control comments.
  {
    family: 'control comments',
    name: "'<!-- increport-disable' + n spaces",
    n: 300000,
    prepare: checkSummary((n) => `<!-- increport-disable${' '.repeat(n)}x`),
  },
  { family: 'control comments', name: "'<!-- increport-disable ' × n", n: 15000, prepare: checkSummary((n) => '<!-- increport-disable '.repeat(n)) },
  { family: 'control comments', name: "'`' × n with a directive", n: 39000, prepare: checkSummary((n) => `${'`a'.repeat(n)} <!-- increport-disable -->`) },
  // Every rule: a long report of many paragraphs, fields and list items.
  { family: 'all rules', name: 'n paragraphs of prose', n: 350, prepare: (n) => check(reportWithSummary(PROSE.repeat(n))) },
  { family: 'all rules', name: 'n field items', n: 340, prepare: (n) => check(reportWithDetail('- **Notes:** see T1566 and 10.0.0.1\n'.repeat(n))) },
  { family: 'all rules', name: "'> ' × n then text (block quotes)", n: 20000, prepare: checkSummary((n) => `${'> '.repeat(n)}x`) },
  // The renderer.
  { family: 'render', name: 'n paragraphs of prose', n: 98, prepare: (n) => render(reportWithSummary(PROSE.repeat(n))) },
  { family: 'render', name: 'n headings', n: 400, prepare: (n) => render(`${seedText()}\n${'## Notes\ntext\n### Part\n'.repeat(n)}`) },
  { family: 'render', name: 'an Attack Methodology row with n techniques', n: 3000, prepare: (n) => render(withTechniqueRow(n)) },
  // The IOC table: n indicators on one line, each row's context cell an excerpt of that line (issue 11).
  { family: 'render', name: 'n defanged IPs on one Indicators of Compromise line', n: 400, prepare: (n) => render(reportWithManyIps(n)) },
  { family: 'render', name: 'n live IPs on one Indicators of Compromise line', n: 400, prepare: (n) => render(reportWithManyIps(n, true)) },
  { family: 'render', name: "'T12 a ' × n in the Executive Summary", n: 4000, prepare: (n) => render(reportWithSummary('T12 a '.repeat(n))) },
  // Exports.
  { family: 'export', name: 'json: n paragraphs and techniques', n: 2000, prepare: (n) => exported('json', reportWithSummary(PROSE.repeat(n))) },
  {
    family: 'export',
    name: 'stix: an Affected Organization of n spaces',
    n: 180000,
    prepare: (n) => exported('stix', seedText().replace('- **Affected Organization:** Microsoft', `- **Affected Organization:** Microsoft${' '.repeat(n)}x`)),
  },
  { family: 'export', name: "stix: a summary of '<!--' × n", n: 84000, prepare: (n) => exported('stix', reportWithSummary('<!--'.repeat(n))) },
  { family: 'export', name: 'json: n IPs on one Indicators of Compromise line', n: 2000, prepare: (n) => exported('json', reportWithManyIps(n)) },
  { family: 'export', name: 'stix: n IPs on one Indicators of Compromise line', n: 600, prepare: (n) => exported('stix', reportWithManyIps(n)) },
  { family: 'export', name: 'navigator: n IPs on one Indicators of Compromise line', n: 1500, prepare: (n) => exported('navigator', reportWithManyIps(n)) },
  { family: 'export', name: 'navigator: an Attack Methodology row with n techniques', n: 2800, prepare: (n) => exported('navigator', withTechniqueRow(n)) },
  // Schema patterns from an extension run on a linear-time engine (backtracking RegExp: seconds at n = 26).
  { family: 'schema patterns', name: "'^(a+)+$' on 'a' × n + '!'", n: 100000, prepare: checkIdPattern('^(a+)+$') },
  { family: 'schema patterns', name: "'^(a|a)*$' on 'a' × n + '!'", n: 100000, prepare: checkIdPattern('^(a|a)*$') },
  { family: 'schema patterns', name: "'^(.*a){20}$' on 'a' × n + '!'", n: 100000, prepare: checkIdPattern('^(.*a){20}$') },
  // Completion and hover at the end of a long line.
  {
    family: 'completion',
    name: "after ', ' in a row of n techniques",
    n: 4000,
    prepare: (n) =>
      atLineEnd(
        seedText().replace('- **Initial Access:** N/A', `- **Initial Access:** ${'T1566 Phishing, '.repeat(n)}`),
        '- **Initial Access:**',
        'completion',
      ),
  },
  {
    family: 'completion',
    name: 'after n words in a row',
    n: 10000,
    prepare: (n) =>
      atLineEnd(seedText().replace('- **Initial Access:** N/A', `- **Initial Access:** ${'spear '.repeat(n)}`), '- **Initial Access:**', 'completion'),
  },
  {
    family: 'completion',
    name: 'after a date value of n letters and a space',
    n: 100000,
    prepare: (n) =>
      atLineEnd(seedText().replace('- **Incident Date:** June 1, 2026', `- **Incident Date:** ${'a'.repeat(n)} `), '- **Incident Date:**', 'completion'),
  },
  { family: 'completion', name: "on a line of '> ' × n", n: 200000, prepare: (n) => atLineEnd(reportWithDetail(`${'> '.repeat(n)}x`), '> ', 'completion') },
  {
    family: 'completion',
    name: 'in a front matter value of n spaces',
    n: 200000,
    prepare: (n) => atLineEnd(`---\ntitle:${' '.repeat(n)}#\n---\n${seedText()}`, 'title:', 'completion'),
  },
  { family: 'hover', name: 'at the end of a row of n techniques', n: 4000, prepare: (n) => atLineEnd(withTechniqueRow(n), '- **Initial Access:**', 'hover') },
  {
    family: 'hover',
    name: "at the end of a summary of 'T12 a ' × n",
    n: 4000,
    prepare: (n) => atLineEnd(reportWithSummary('T12 a '.repeat(n)), 'T12', 'hover'),
  },
  // Quick fixes, outline, folding and links over the whole report.
  {
    family: 'quick fixes',
    name: 'fix all: n live IPs on one Indicators of Compromise line',
    n: 500,
    prepare: (n) => feature(reportWithManyIps(n, true), (context, findings) => fixAll(context, findings)),
  },
  {
    family: 'quick fixes',
    name: 'code actions over the whole report: n live IPs on one line',
    n: 500,
    prepare: (n) => feature(reportWithManyIps(n, true), (context, findings) => codeActions(context, findings, WHOLE_DOCUMENT)),
  },
  { family: 'all rules', name: 'a row of n misnamed and n revoked techniques (a finding each)', n: 300, prepare: (n) => check(misnamedRow(n)) },
  { family: 'render', name: 'a row of n misnamed and n revoked techniques (a finding each)', n: 300, prepare: (n) => render(misnamedRow(n)) },
  {
    family: 'quick fixes',
    name: 'code actions and fix all: a row of n misnamed and n revoked techniques',
    n: 150,
    prepare: (n) => feature(misnamedRow(n), (context, findings) => [codeActions(context, findings, WHOLE_DOCUMENT), fixAll(context, findings)]),
  },
  {
    family: 'outline',
    name: 'symbols, folding and links: n sections',
    n: 400,
    prepare: (n) =>
      feature(`${seedText()}\n${'## Notes\ntext https://example.com/x T1566\n'.repeat(n)}`, (context) => [
        documentSymbols(context),
        foldingRanges(context),
        documentLinks(context),
      ]),
  },
  { family: 'outline', name: 'links: n technique IDs on one line', n: 1800, prepare: (n) => feature(withTechniqueRow(n), (context) => documentLinks(context)) },
  // ATT&CK bundles named by attack.bundle.
  {
    family: 'attack bundle',
    name: 'a bundle of n techniques',
    n: 600,
    prepare: (n) => {
      const text = stixBundle(n);
      return () => catalogFromStixText(text, 'enterprise-attack-19.2.json');
    },
  },
  {
    family: 'attack bundle',
    name: 'one technique whose description is n spaces and citations',
    n: 20000,
    prepare: (n) => {
      const text = stixBundle(1, `${' (Citation: x)'.repeat(n)} ${'\n'.repeat(n)}`);
      return () => catalogFromStixText(text, 'enterprise-attack-19.2.json');
    },
  },
];
