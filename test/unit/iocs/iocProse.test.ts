import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { IocProseReader } from '../../../server/src/engine/queries/iocProse';
import { check, seedText } from '../../helpers';
import { replaceOnce } from '../features/fixHarness';

/** The seed with its Indicators of Compromise section (line 38) replaced by `body`, from line 39 on. */
const withIocs = (body: string[]): string =>
  replaceOnce(seedText(), /## Indicators of Compromise\n[\s\S]*?(?=## Response Actions)/, `## Indicators of Compromise\n${body.join('\n')}\n`);

/** Only the live-indicator findings, as "line:start-end severity rule 'text'". */
function live(text: string): string[] {
  return check(text)
    .filter((finding) => finding.includes('ioc-live'))
    .map((finding) => finding.replace(/^(\S+ \S+ \S+) Live [^']*('[^']*').*$/, '$1 $2'));
}

describe('ioc-live-prose: a URL or domain mentioned in a sentence is said at info; a listed one is warned about', () => {
  test('listed: after a list marker, a label with a colon, a pipe, other indicators, "and"/"or", notes in parentheses, code spans', () => {
    const text = withIocs([
      '- evil.example.com',
      '- **C2:** evil.example.com, http://evil.example.net/a and `evil.example.org` (stage 2)',
      '- C2 server: evil.example.com (resolves to 185[.]0[.]113[.]7) or evil.example.net',
      '| Domain | evil.example.com |',
      '|---|---|',
      '| Host | evil.example.net |',
    ]);
    assert.deepEqual(live(text), [
      "39:2-39:18 warning ioc-live 'evil.example.com'",
      "40:10-40:26 warning ioc-live 'evil.example.com'",
      "40:28-40:53 warning ioc-live 'http://evil.example.net/a'",
      "40:59-40:75 warning ioc-live 'evil.example.org'",
      "41:13-41:29 warning ioc-live 'evil.example.com'",
      "41:65-41:81 warning ioc-live 'evil.example.net'",
      "42:11-42:27 warning ioc-live 'evil.example.com'",
      "44:9-44:25 warning ioc-live 'evil.example.net'",
    ]);
  });

  test('mentioned: words of a sentence before it in its item (continuation lines too), paragraph or cell', () => {
    const text = withIocs([
      '- **Behavioral indicators:** POSTs to a bare IP address just before',
      '  the coverage upload to codecov.io.',
      '',
      "Indicators are taken from the vendor's published countermeasures,",
      'https://github.com/vendor/countermeasures, and matched against DNS logs.',
      '',
      '| Type | Indicator | Context |',
      '|---|---|---|',
      '| Domain | evil[.]example[.]com | resolved just before the upload to codecov.io |',
      '- `app.exe` making requests to `raw.githubusercontent.com`',
    ]);
    assert.deepEqual(live(text), [
      "40:25-40:35 info ioc-live-prose 'codecov.io'",
      "43:0-43:41 info ioc-live-prose 'https://github.com/vendor/countermeasures'",
      "47:69-47:79 info ioc-live-prose 'codecov.io'",
      "48:32-48:57 info ioc-live-prose 'raw.githubusercontent.com'",
    ]);
  });

  test('IP and e-mail addresses are indicators wherever they stand; a new item, a blank line or a heading starts afresh', () => {
    const text = withIocs([
      '- The implant connected to 185.0.113.7 and mailed bad@evil-domain.com from evil.example.com',
      '- evil.example.net',
      '### Network',
      'evil.example.org',
    ]);
    assert.deepEqual(live(text), [
      "39:27-39:38 warning ioc-live '185.0.113.7'",
      "39:50-39:69 warning ioc-live 'bad@evil-domain.com'",
      "39:75-39:91 info ioc-live-prose 'evil.example.com'",
      "40:2-40:18 warning ioc-live 'evil.example.net'",
      "42:0-42:16 warning ioc-live 'evil.example.org'",
    ]);
  });
});

describe('IocProseReader', () => {
  test('each line of a code block is an entry of its own; a quote line starts one too', () => {
    const reader = new IocProseReader();
    const span = (line: string, text: string) => [{ start: line.indexOf(text), end: line.indexOf(text) + text.length }];
    assert.deepEqual(reader.readLine('beacon to evil.example.com', span('beacon to evil.example.com', 'evil.example.com'), true), [true]);
    assert.deepEqual(reader.readLine('evil.example.net', span('evil.example.net', 'evil.example.net'), true), [false]);
    assert.deepEqual(reader.readLine('> seen at evil.example.org', span('> seen at evil.example.org', 'evil.example.org'), false), [true]);
    assert.deepEqual(reader.readLine('> evil.example.org', span('> evil.example.org', 'evil.example.org'), false), [false]);
  });
});
