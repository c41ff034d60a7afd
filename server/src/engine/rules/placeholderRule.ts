import { blankSpans, codeAndCommentSpans } from '../text/spans';
import type { Rule, RuleContext } from './ruleTypes';

/** Template leftovers. Each pattern names what it found, for the message. */
const PLACEHOLDER_PATTERNS: readonly RegExp[] = [
  // Not inside identifiers or redactions such as XXX-XX-1234.
  /(?<![\w-])(?:TBD|TBC|TODO|FIXME|XXX)(?![\w-])/g,
  /\[(?:\.\.\.|…)\]/g,
  /\blorem ipsum\b/gi,
  /\{\{[^{}\n]*\}\}/g,
  // "[Name]", "[Company Name]", "[Insert date]": bracketed words (letters only, so not [T1566] or
  // [CVE-2024-1234]) that are not a link, a reference link or a defanged dot.
  /\[[A-Z][a-z]+(?: [A-Za-z]+){0,4}\](?![([:])/g,
  /\b(?:YYYY-MM-DD|MM\/DD\/YYYY|DD\/MM\/YYYY|HH:MM(?::SS)?)\b/g,
];

/**
 * A necessary condition for any pattern, tested first: most lines hold no placeholder. Case-sensitive but
 * for "lorem" (spelt out in both cases): a case-insensitive alternation is about twice as slow to test.
 */
const MAY_HAVE_PLACEHOLDER = /TBD|TBC|TODO|FIXME|XXX|\[|\{\{|YYYY|MM\/DD|DD\/MM|HH:MM|[Ll][Oo][Rr][Ee][Mm]/;

export const placeholderRule: Rule = {
  meta: [
    {
      id: 'placeholder',
      family: 'placeholders',
      defaultSeverity: 'warning',
      summary: 'Template placeholder text (TBD, TODO, [Name], {{…}}, YYYY-MM-DD, lorem ipsum) left in the report.',
    },
  ],
  check(context: RuleContext) {
    const { lines, verbatimLines } = context.model;
    for (let line = 0; line < lines.lineCount; line++) {
      if (verbatimLines.has(line)) continue;
      const raw = lines.lineText(line);
      if (raw.length === 0 || !MAY_HAVE_PLACEHOLDER.test(raw)) continue;
      // Inline code spans and HTML comments are not report text: blank them, keeping columns.
      const text = raw.includes('`') || raw.includes('<!--') ? blankSpans(raw, codeAndCommentSpans(raw, true)) : raw;
      for (const pattern of PLACEHOLDER_PATTERNS) {
        pattern.lastIndex = 0;
        for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
          if (match[0].startsWith('[') && context.model.referenceLabels.has(match[0].slice(1, -1).toLowerCase())) continue;
          const range = { start: { line, character: match.index }, end: { line, character: match.index + match[0].length } };
          context.report('placeholder', range, `Placeholder '${match[0]}' left in the report: replace it with the real content`, { placeholder: match[0] });
        }
      }
    }
  },
};
