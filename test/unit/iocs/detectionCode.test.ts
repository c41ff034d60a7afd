import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defangAllEdits } from '../../../server/src/engine/queries/iocQueries';
import { check, engine, seedText } from '../../helpers';
import { checked, replaceOnce } from '../features/fixHarness';

/** The seed with its Indicators of Compromise section (line 38) replaced by `body`, from line 39 on. */
const withIocs = (body: string): string =>
  replaceOnce(seedText(), /## Indicators of Compromise\n[\s\S]*?(?=## Response Actions)/, `## Indicators of Compromise\n${body}`);

test('detection rules and queries (code blocks in a language) keep live indicators; list fences and prose do not', () => {
  const text = withIocs(
    [
      '- **Network indicators:** avsvmcloud[.]com',
      '',
      '```yara',
      'rule sunburst { strings: $c2 = "avsvmcloud.com" ascii wide condition: $c2 }',
      '```',
      '',
      '~~~ kql',
      'DnsEvents | where Name endswith "avsvmcloud.com"',
      '~~~',
      '',
      '```',
      'avsvmcloud.com',
      '```',
      '',
      '```text',
      '185.51.100.7',
      '```',
      '',
    ].join('\n'),
  );
  assert.deepEqual(
    check(text).filter((line) => line.includes('ioc-')),
    [
      "50:0-50:14 warning ioc-live Live domain 'avsvmcloud.com': write it defanged as avsvmcloud[.]com so that nobody opens it by accident",
      "54:0-54:12 warning ioc-live Live IP address '185.51.100.7': write it defanged as 185[.]51[.]100[.]7 so that nobody opens it by accident",
    ],
  );
  // "Defang all" leaves the rule and the query as they are.
  const edits = defangAllEdits(checked(text).context.model, engine().schema.spec);
  assert.deepEqual(
    edits.map((edit) => `${edit.range.start.line}: ${edit.newText}`),
    ['50: avsvmcloud[.]com', '54: 185[.]51[.]100[.]7'],
  );
});
