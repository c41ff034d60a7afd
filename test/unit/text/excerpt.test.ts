import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lineContentStart } from '../../../server/src/engine/parse/lineSyntax';
import { excerptAround, excerptParts } from '../../../server/src/engine/text/excerpt';

/** The excerpt around the first occurrence of `span` in `line`. */
function around(line: string, span: string, options?: Parameters<typeof excerptAround>[3]): string {
  const start = line.indexOf(span);
  assert.ok(start >= 0, `${span} not in line`);
  return excerptAround(line, start, start + span.length, options);
}

const IOC = '203.0.113[.]7';

describe('excerptAround', () => {
  test('a short line is kept as it is (trimmed)', () => {
    assert.equal(around('seen from 203.0.113[.]7 during the VPN logins', IOC), 'seen from 203.0.113[.]7 during the VPN logins');
    assert.equal(around('   203.0.113[.]7 (VPN logins)  ', IOC), '203.0.113[.]7 (VPN logins)');
  });

  test('from: the list marker and field key are left out', () => {
    const line = '- **Network indicators:** 203.0.113[.]7 (VPN logins)';
    assert.equal(around(line, IOC, { from: lineContentStart(line) }), '203.0.113[.]7 (VPN logins)');
    assert.equal(around(line, '(VPN', { from: lineContentStart(line) }), '203.0.113[.]7 (VPN logins)');
  });

  test('a long line is cut on both sides at word boundaries, with "…"', () => {
    // Words of 8 letters and a space: 60 units before the indicator fall inside a word, the cut moves to the next space.
    const words = 'abcdefgh '.repeat(12);
    const line = `${words}${IOC} ${words}`;
    assert.equal(around(line, IOC), `…${'abcdefgh '.repeat(6)}${IOC} ${'abcdefgh '.repeat(6).trimEnd()}…`);
    // A budget that ends on a space is not moved.
    const tens = 'abcdefghi '.repeat(10);
    assert.equal(around(`${tens}${IOC} ${tens}`, IOC), `…${'abcdefghi '.repeat(6)}${IOC} ${'abcdefghi '.repeat(6).trimEnd()}…`);
  });

  test("without white space near the budget's edge the cut is exactly 60 units out", () => {
    const line = `${'x'.repeat(100)}${IOC}${'y'.repeat(100)}`;
    assert.equal(around(line, IOC), `…${'x'.repeat(60)}${IOC}${'y'.repeat(60)}…`);
    // A space further in than the slack (15 units) is not used.
    const spaced = `${'x'.repeat(60)} ${'x'.repeat(39)}${IOC}`;
    assert.equal(around(spaced, IOC), `…${'x'.repeat(20)} ${'x'.repeat(39)}${IOC}`);
  });

  test('an indicator at the start or the end of a long line', () => {
    const tail = ' next'.repeat(40);
    assert.equal(around(`${IOC}${tail}`, IOC), `${IOC}${' next'.repeat(12)}…`);
    assert.equal(around(`${tail} ${IOC}`, IOC), `…${'next '.repeat(12)}${IOC}`);
  });

  test('a cut never splits a surrogate pair', () => {
    const faces = '😀'.repeat(50);
    const line = `${faces}${IOC}${faces}`;
    assert.equal(around(line, IOC, { before: 59, after: 59 }), `…${'😀'.repeat(29)}${IOC}${'😀'.repeat(29)}…`);
    assert.equal(around(line, IOC), `…${'😀'.repeat(30)}${IOC}${'😀'.repeat(30)}…`);
    const parts = excerptParts(line, 100, 100 + IOC.length, { before: 59, after: 59 });
    assert.ok(!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(parts.before + parts.after), 'no lone surrogate');
  });

  test('an indicator longer than the budget is kept whole', () => {
    const url = `hxxps[://]evil[.]example/${'a'.repeat(300)}`;
    const line = `${'word '.repeat(30)}${url}${' word'.repeat(30)}`;
    const excerpt = around(line, url);
    assert.ok(excerpt.includes(url));
    assert.equal(excerpt, `…${'word '.repeat(12)}${url}${' word'.repeat(12)}…`);
  });

  test('parts: the context each side, for callers that leave the indicator out', () => {
    const line = `Scanners: ${Array.from({ length: 40 }, (_, i) => `203.0.113[.]${i + 1}`).join(', ')}`;
    const start = line.indexOf('203.0.113[.]20,');
    assert.deepEqual(excerptParts(line, start, start + '203.0.113[.]20'.length), {
      before: '…203.0.113[.]17, 203.0.113[.]18, 203.0.113[.]19, ',
      span: '203.0.113[.]20',
      after: ', 203.0.113[.]21, 203.0.113[.]22, 203.0.113[.]23,…',
    });
  });
});

describe('lineContentStart', () => {
  test('after block quotes, list markers and field keys', () => {
    const cases: [string, string][] = [
      ['  - **Network indicators:** 10.0.0[.]1', '10.0.0[.]1'],
      ['- __Key__: value', 'value'],
      ['> > 1. item', 'item'],
      ['> quoted', 'quoted'],
      ['   plain text', 'plain text'],
      ['- **not a key** text', '**not a key** text'],
      ['-no marker', '-no marker'],
    ];
    for (const [line, rest] of cases) assert.equal(line.slice(lineContentStart(line)), rest, line);
  });
});
