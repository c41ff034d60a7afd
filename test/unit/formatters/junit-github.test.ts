import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { formatNames, loadFormatter } from '../../../server/src/cli/formatters/index';
import { escapeData, escapeProperty, github } from '../../../server/src/cli/formatters/github';
import { junit, xmlAttribute, xmlText } from '../../../server/src/cli/formatters/junit';
import type { FileResult, FormatContext } from '../../../server/src/cli/formatters/formatterTypes';
import type { Finding, Severity } from '../../../server/src/engine/types';

function finding(ruleId: string, severity: Severity, message: string, [sl, sc, el, ec]: [number, number, number, number]): Finding {
  return { ruleId, severity, message, range: { start: { line: sl, character: sc }, end: { line: el, character: ec } } };
}

const context: FormatContext = { cwd: '/work/proj', rules: [], color: false, toolName: 'increport', toolVersion: '0.1.0', docsBaseUrl: '' };

const brokenFile: FileResult = {
  path: '/work/proj/reports/a.md',
  displayPath: 'reports/a.md',
  text: '',
  findings: [
    finding('placeholder', 'warning', 'Placeholder "TBD" left <here> & there', [2, 8, 2, 11]),
    finding('value-invalid', 'error', "Severity 'Sev5' is not allowed", [1, 10, 1, 14]),
    finding('section-unknown', 'info', 'Unknown section', [5, 3, 5, 10]),
    finding('section-missing', 'error', 'Section "Impact" is missing', [7, 0, 9, 4]),
  ],
};
const hostileFile: FileResult = {
  path: '/work/proj/odd "dir"/b&c.md',
  displayPath: 'odd "dir"/b&c.md',
  text: '',
  findings: [finding('value-invalid', 'error', 'Bad \u0001value\u001b[31m "<x>"\tand\r\nnext\uD800 line ]]> end', [0, 0, 0, 1])],
};
const cleanFile: FileResult = { path: '/work/proj/clean.md', displayPath: 'clean.md', findings: [], text: '# Clean\n' };
const unreadableFile: FileResult = { path: '/work/proj/missing.md', displayPath: 'missing.md', findings: [], error: 'File not found' };

// ---------------------------------------------------------------------------------------------
// A minimal, strict XML 1.0 reader: enough to prove the JUnit output well-formed and to read it back.

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_:][\w.:-]*/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(raw: string, where: string): string {
  return raw.replace(/&([^;]*);?/g, (match, body: string) => {
    if (!match.endsWith(';')) throw new Error(`unterminated entity reference in ${where}`);
    if (ENTITIES[body] !== undefined) return ENTITIES[body];
    const numeric = /^#(?:x([0-9a-fA-F]+)|(\d+))$/.exec(body);
    if (!numeric) throw new Error(`unknown entity &${body}; in ${where}`);
    const code = numeric[1] !== undefined ? parseInt(numeric[1], 16) : Number(numeric[2]);
    if (!isXmlChar(code)) throw new Error(`reference to a character XML does not allow (${code}) in ${where}`);
    return String.fromCodePoint(code);
  });
}

function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

function parseXml(xml: string): XmlElement {
  for (const char of xml) if (!isXmlChar(char.codePointAt(0)!)) throw new Error(`character U+${char.codePointAt(0)!.toString(16)} is not allowed in XML`);
  let position = 0;
  const rest = () => xml.slice(position);
  const skipSpace = () => {
    while (/\s/.test(xml[position] ?? '')) position++;
  };
  const declaration = /^<\?xml version="1\.0" encoding="UTF-8"\?>/.exec(xml);
  if (!declaration) throw new Error('missing XML declaration');
  position = declaration[0].length;

  function element(): XmlElement {
    if (xml[position] !== '<') throw new Error(`expected '<' at ${position}`);
    position++;
    const name = NAME.exec(rest())?.[0];
    if (!name) throw new Error(`bad element name at ${position}`);
    position += name.length;
    const node: XmlElement = { name, attributes: {}, children: [], text: '' };
    for (;;) {
      const before = position;
      skipSpace();
      if (rest().startsWith('/>')) {
        position += 2;
        return node;
      }
      if (xml[position] === '>') {
        position++;
        break;
      }
      if (position === before) throw new Error(`expected whitespace before an attribute at ${position}`);
      const attribute = /^([A-Za-z_:][\w.:-]*)="([^"<]*)"/.exec(rest());
      if (!attribute) throw new Error(`bad attribute at ${position}: ${rest().slice(0, 30)}`);
      if (attribute[1] in node.attributes) throw new Error(`duplicate attribute ${attribute[1]}`);
      // Attribute-value normalization: literal whitespace characters become spaces.
      node.attributes[attribute[1]] = decodeEntities(attribute[2].replace(/[\t\n\r]/g, ' '), `attribute ${attribute[1]}`);
      position += attribute[0].length;
    }
    for (;;) {
      if (rest().startsWith(`</${name}>`)) {
        position += name.length + 3;
        return node;
      }
      if (rest().startsWith('</')) throw new Error(`mismatched end tag at ${position}, expected </${name}>`);
      if (xml[position] === '<') {
        node.children.push(element());
        continue;
      }
      const end = xml.indexOf('<', position);
      if (end < 0) throw new Error(`unclosed <${name}>`);
      const raw = xml.slice(position, end);
      if (raw.includes(']]>')) throw new Error("']]>' is not allowed in text");
      node.text += decodeEntities(raw.replace(/\r\n?/g, '\n'), `<${name}> text`);
      position = end;
    }
  }

  skipSpace();
  const root = element();
  skipSpace();
  if (position !== xml.length) throw new Error(`content after the root element at ${position}`);
  return root;
}

const childrenNamed = (node: XmlElement, name: string) => node.children.filter((child) => child.name === name);

describe('junit', () => {
  test('the registry has junit and github after the existing formats', async () => {
    assert.deepEqual([...formatNames], ['stylish', 'json', 'sarif', 'junit', 'github']);
    assert.equal(await loadFormatter('junit'), junit);
    assert.equal(await loadFormatter('github'), github);
  });

  test('well-formed XML with one testsuite per file and the expected counts', () => {
    const xml = junit([brokenFile, cleanFile, unreadableFile, hostileFile], context);
    assert.ok(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites '));
    assert.ok(xml.endsWith('</testsuites>\n'));
    const root = parseXml(xml);
    assert.equal(root.name, 'testsuites');
    assert.deepEqual(root.attributes, { name: 'increport', tests: '7', failures: '3', errors: '1' });
    const suites = childrenNamed(root, 'testsuite');
    assert.deepEqual(
      suites.map((suite) => [suite.attributes.name, suite.attributes.tests, suite.attributes.failures, suite.attributes.errors, suite.attributes.skipped]),
      [
        ['reports/a.md', '4', '2', '0', '0'],
        ['clean.md', '1', '0', '0', '0'],
        ['missing.md', '1', '0', '1', '0'],
        ['odd "dir"/b&c.md', '1', '1', '0', '0'],
      ],
    );
    for (const suite of suites) {
      const cases = childrenNamed(suite, 'testcase');
      assert.equal(String(cases.length), suite.attributes.tests);
      assert.equal(String(cases.filter((c) => childrenNamed(c, 'failure').length > 0).length), suite.attributes.failures);
      assert.equal(String(cases.filter((c) => childrenNamed(c, 'error').length > 0).length), suite.attributes.errors);
      for (const testcase of cases) assert.equal(testcase.attributes.classname, suite.attributes.name);
    }
  });

  test('findings in position order; errors fail, warnings and infos pass with system-out', () => {
    const [suite] = childrenNamed(parseXml(junit([brokenFile], context)), 'testsuite');
    const cases = childrenNamed(suite, 'testcase');
    assert.deepEqual(
      cases.map((c) => c.attributes.name),
      ['value-invalid 2:11', 'placeholder 3:9', 'section-unknown 6:4', 'section-missing 8:1'],
    );
    assert.deepEqual(
      cases.map((c) => c.attributes.line),
      ['2', '3', '6', '8'],
    );
    assert.ok(cases.every((c) => c.attributes.file === 'reports/a.md'));
    const [failure] = childrenNamed(cases[0], 'failure');
    assert.deepEqual(failure.attributes, { message: "Severity 'Sev5' is not allowed", type: 'value-invalid' });
    assert.equal(failure.text, "reports/a.md:2:11: error: Severity 'Sev5' is not allowed (value-invalid)");
    assert.deepEqual(childrenNamed(cases[1], 'failure'), []);
    assert.equal(childrenNamed(cases[1], 'system-out')[0].text, 'reports/a.md:3:9: warning: Placeholder "TBD" left <here> & there (placeholder)');
    assert.equal(childrenNamed(cases[2], 'system-out')[0].text, 'reports/a.md:6:4: info: Unknown section (section-unknown)');
    assert.equal(childrenNamed(cases[3], 'failure').length, 1);
  });

  test('clean and unreadable files', () => {
    const root = parseXml(junit([cleanFile, unreadableFile], context));
    const [clean, missing] = childrenNamed(root, 'testsuite');
    assert.deepEqual(
      childrenNamed(clean, 'testcase').map((c) => [c.attributes.name, c.children.length]),
      [['increport', 0]],
    );
    const [error] = childrenNamed(childrenNamed(missing, 'testcase')[0], 'error');
    assert.deepEqual(error.attributes, { message: 'File not found', type: 'unreadable' });
    assert.equal(error.text, 'missing.md: File not found');
    assert.deepEqual(parseXml(junit([], context)).attributes, { name: 'increport', tests: '0', failures: '0', errors: '0' });
  });

  test('escaping: markup, quotes, tabs, line breaks, control characters and lone surrogates', () => {
    const root = parseXml(junit([hostileFile], context));
    const [suite] = childrenNamed(root, 'testsuite');
    assert.equal(suite.attributes.name, 'odd "dir"/b&c.md');
    const [failure] = childrenNamed(childrenNamed(suite, 'testcase')[0], 'failure');
    // Tab, CR and LF survive in attributes (as character references); what XML cannot carry becomes U+FFFD.
    assert.equal(failure.attributes.message, 'Bad \uFFFDvalue\uFFFD[31m "<x>"\tand\r\nnext\uFFFD line ]]> end');
    assert.equal(failure.text, 'odd "dir"/b&c.md:1:1: error: Bad \uFFFDvalue\uFFFD[31m "<x>"\tand\r\nnext\uFFFD line ]]> end (value-invalid)');
    assert.equal(xmlText('a<b>&c\r'), 'a&lt;b&gt;&amp;c&#13;');
    assert.equal(xmlAttribute(`"'\t\n`), "&quot;'&#9;&#10;", 'attributes are double-quoted: an apostrophe needs no escape');
    assert.equal(xmlText('\u0000\u0008\u000b\u000c\u000e\u001f\ufffe\uffff'), '\uFFFD'.repeat(8));
    assert.equal(xmlText('😀 \t\n'), '😀 \t\n', 'surrogate pairs and whitespace are fine');
    assert.equal(xmlText('\uDC00\uD800'), '\uFFFD\uFFFD');
    // XML could carry these, but a terminal printing the file would act on them.
    assert.equal(xmlText('a\u007f\u0085\u009b2J\u202eb\u2066'), 'a\uFFFD\uFFFD\uFFFD2J\uFFFDb\uFFFD');
  });

  test('deterministic', () => {
    const results = [brokenFile, cleanFile, unreadableFile, hostileFile];
    assert.equal(junit(results, context), junit(results, context));
  });
});

describe('github', () => {
  test('one workflow command per finding, in position order, with the right level', () => {
    const output = github([brokenFile, cleanFile, unreadableFile], context);
    assert.equal(
      output,
      [
        "::error file=reports/a.md,line=2,col=11,endLine=2,endColumn=15,title=value-invalid::Severity 'Sev5' is not allowed",
        '::warning file=reports/a.md,line=3,col=9,endLine=3,endColumn=12,title=placeholder::Placeholder "TBD" left <here> & there',
        '::notice file=reports/a.md,line=6,col=4,endLine=6,endColumn=11,title=section-unknown::Unknown section',
        // Several lines: no columns (annotations cannot show them).
        '::error file=reports/a.md,line=8,endLine=10,title=section-missing::Section "Impact" is missing',
        '::error file=missing.md,title=increport::File not found',
        '',
      ].join('\n'),
    );
    assert.equal(github([cleanFile], context), '', 'nothing to annotate');
  });

  test('escaping: % CR LF everywhere, : and , in properties', () => {
    assert.equal(escapeData('100% done\r\nnext: a, b'), '100%25 done%0D%0Anext: a, b');
    assert.equal(escapeProperty('100% done\r\nnext: a, b'), '100%25 done%0D%0Anext%3A a%2C b');
    assert.equal(escapeData('%0A'), '%250A', 'an escape sequence in the text is not decoded later');
    const file: FileResult = {
      path: '/x',
      displayPath: 'dir,1/a:b%.md',
      findings: [finding('rule:x,y', 'warning', 'line one\nline two: 50%,\rend', [0, 0, 0, 2])],
    };
    assert.equal(
      github([file], context),
      '::warning file=dir%2C1/a%3Ab%25.md,line=1,col=1,endLine=1,endColumn=3,title=rule%3Ax%2Cy::line one%0Aline two: 50%25,%0Dend\n',
    );
    // Control characters in any field (OSC 8 hyperlink, clear screen, C1 CSI, bidi override) never reach the log raw.
    const hostile: FileResult = {
      path: '/x',
      displayPath: 'a\u001b[2J.md',
      findings: [finding('r\u0007', 'error', "Value 'x\u001b]8;;http://evil\u0007link\u001b]8;;\u0007 \u009b31m\u202egnp.exe' \tok", [0, 0, 0, 1])],
    };
    assert.equal(
      github([hostile], context),
      "::error file=a\uFFFD[2J.md,line=1,col=1,endLine=1,endColumn=2,title=r\uFFFD::Value 'x\uFFFD]8;;http://evil\uFFFDlink\uFFFD]8;;\uFFFD \uFFFD31m\uFFFDgnp.exe' \tok\n",
    );
    assert.equal(escapeData('\u0000\u0008\u000b\u000c\u000e\u001f\u007f\u0080\u009f\u2066\u2069'), '\uFFFD'.repeat(11));
    // An injected "::" cannot start a new command: the whole annotation stays on one line.
    const injected: FileResult = { path: '/x', displayPath: 'a.md', findings: [finding('placeholder', 'error', 'x\n::error::forged', [0, 0, 0, 0])] };
    assert.equal(github([injected], context).split('\n').length, 2);
  });
});
