import assert from 'node:assert/strict';
import { cleanReportText } from '../../helpers';

/** The clean v19.2 report with `body` as its Attack Methodology (the heading is on line 21, `body` starts on line 22). */
export function withMethodology(body: string): string {
  const text = cleanReportText().replace(/(## Attack Methodology\n)[\s\S]*?(\n## )/, (_, heading: string, next: string) => `${heading}${body}\n${next}`);
  assert.equal(text.split('\n')[21], '## Attack Methodology');
  return text;
}
