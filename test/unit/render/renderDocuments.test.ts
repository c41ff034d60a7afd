import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { PREVIEW_CSS, PREVIEW_CSS_HASH, renderReportBody, renderReportDocument } from '../../../server/src/engine/render/renderReport';
import { engine, projectRoot, seedText, TEST_NOW } from '../../helpers';

/** The preview's safety (escaping, links, CSP) and its standalone and webview documents; the body's parts are in render.test.ts. */

const ROOT = projectRoot();

function render(text: string): string {
  const result = engine().check(text);
  return renderReportBody({ model: result.model, spec: engine().schema.spec, catalog: engine().catalog, now: TEST_NOW, findings: result.findings });
}

/** Every match of a regex's first group, in order. */
const all = (html: string, re: RegExp) => [...html.matchAll(re)].map((m) => m[1]);

describe('render: safety', () => {
  const PAYLOAD = `<x-evil a="1">&amp;'"`;
  test('report strings are escaped in every kind of field', () => {
    const p = PAYLOAD;
    const text = `---\nid: ${JSON.stringify(p)}\ntlp: ${JSON.stringify(p)}\nseverity: ${JSON.stringify(p)}\nstatus: ${JSON.stringify(p)}\nauthors: [${JSON.stringify(p)}]\n${JSON.stringify(p)}: ${JSON.stringify(p)}\n---
# Incident Report: ${p}
## Incident Details
- **Discovery Date:** ${p}
- **Affected Organization:** ${p}
- **${p}:** ${p}
## Timeline of Events
### ${p}
- **Date/Time:** 2026-06-01 ${p}
- **Vector:** ${p}
## Attack Methodology
- **Initial Access:** T1566 ${p}
- **${p}:** ${p}
## Impact Assessment
- **Operational:** High; ${p}
## Indicators of Compromise
- **Network indicators:** hxxp[://]a[.]example/${p}
## ${p}
${p}

| ${p} | b |
|---|---|
| ${p} | c |

\`${p}\`

\`\`\`
${p}
\`\`\`
`;
    const html = render(text);
    assert.ok(!html.includes('<x-evil'), 'no raw tag');
    const escaped = html.match(/&lt;x-evil a=&quot;1&quot;&gt;/g)?.length ?? 0;
    assert.ok(escaped >= 20, `escaped ${escaped} times`);
    // Attribute values (title, data-copy) cannot be broken out of: every quote inside them is an entity.
    for (const [, value] of html.matchAll(/ (?:title|data-copy)="([^"]*)"/g)) assert.ok(!value.includes('<') && !value.includes('>'), value);
    assert.ok(!/<[a-z]+[^>]* a="1"/.test(html));
  });

  test('markdown-it raw HTML is disabled; links are allow-listed; images never load', () => {
    const html = render(`# Incident Report: S
## Executive Summary
<div onclick="x()">raw</div> and <b>bold</b>

[ok](https://example.com/a "t") [mail](mailto:a@example.com) [js](javascript:alert(1)) [JS](JaVaScRiPt:alert(1)) [ent](&#106;avascript:alert(1))
[data](data:text/html;base64,PHNjcmlwdD4=) [vb](vbscript:msgbox(1)) [rel](./other.md) [file](file:///etc/passwd) <javascript:alert(1)> <https://example.org>

![alt text](https://example.com/img.png) ![x](javascript:alert(1)) [![inner](https://e.example/i.png)](https://example.com)
`);
    assert.match(html, /&lt;div onclick=&quot;x\(\)&quot;&gt;raw&lt;\/div&gt; and &lt;b&gt;bold&lt;\/b&gt;/);
    assert.ok(!/<b>|<div onclick/.test(html));
    assert.match(html, /<a href="https:\/\/example\.com\/a" rel="noopener noreferrer" title="t \(https:\/\/example\.com\/a\)">ok<\/a>/);
    assert.match(html, /<a href="mailto:a@example\.com" rel="noopener noreferrer"[^>]*>mail<\/a>/);
    assert.match(html, /<a href="https:\/\/example\.org" rel="noopener noreferrer"[^>]*>https:\/\/example\.org<\/a>/);
    const hrefs = all(html, /href="([^"]*)"/g);
    assert.deepEqual(hrefs, ['https://example.com/a', 'mailto:a@example.com', 'https://example.org', 'https://example.com']);
    for (const word of ['js', 'JS', 'ent', 'data', 'vb', 'rel', 'file'])
      assert.match(html, new RegExp(`<span class="link-blocked" title="Link not rendered: [^"]*">${word}</span>`));
    assert.ok(!/<img\b/i.test(html));
    assert.match(html, /<span class="image-ref" title="Image not loaded: https:\/\/example\.com\/img\.png">\[image: alt text\]<\/span>/);
    assert.match(html, /<a href="https:\/\/example\.com"[^>]*><span class="image-ref"[^>]*>\[image: inner\]<\/span><\/a>/);
    assert.ok(!/<[^>]* (?:style|on[a-z]+)=/.test(html), 'no style or event-handler attribute in any tag');
  });

  test('table alignment becomes a class, never a style attribute', () => {
    const html = render('# Incident Report: T\n## Executive Summary\n| a | b |\n|:-:|--:|\n| 1 | 2 |\n');
    assert.match(html, /<th scope="col" class="align-center">a<\/th>\n<th scope="col" class="align-right">b<\/th>/);
    assert.ok(!html.includes('style='));
  });

  test('a Markdown table: in a labelled, focusable scroll box, each header cell the header of its column', () => {
    const html = render(
      '# Incident Report: T\n## Executive Summary\n| Host | Role **[x](https://e.example)** | `<b>` |\n|---|---|---|\n| a | b | c |\n\nAfter.\n',
    );
    assert.match(
      html,
      /<div class="table-scroll" role="region" tabindex="0" aria-label="Table: Host, Role x, &lt;b&gt;"><table data-line="2">\n<thead data-line="2">\n<tr data-line="2">\n<th scope="col">Host<\/th>/,
    );
    assert.match(html, /<\/tbody>\n<\/table>\n<\/div>\n<p data-line="6">After\.<\/p>/);
    const long = render(`# Incident Report: T\n## Executive Summary\n| ${'Column '.repeat(20)}|\n|---|\n| a |\n`);
    assert.match(long, /aria-label="Table: (?:Column ){10}Co…"/);
  });

  test('a table of a header row only: one row says it has none, so no header is without a data cell', () => {
    const html = render('# Incident Report: T\n## Executive Summary\n| a | b | c |\n|---|---|---|\n\nAfter.\n');
    assert.match(html, /<\/thead>\n<tbody>\n<tr><td colspan="3" class="empty">\(no rows\)<\/td><\/tr>\n<\/tbody>\n<\/table>/);
    const full = render('# Incident Report: T\n## Executive Summary\n| a | b |\n|---|---|\n| 1 | 2 |\n');
    assert.ok(!full.includes('(no rows)'));
  });
});

describe('render: documents', () => {
  test('standalone: a CSP allowing exactly the inline stylesheet by hash; no script', () => {
    const html = renderReportDocument(render(seedText()), { title: 'A <title> & "quotes"', target: 'standalone' });
    const hash = `sha256-${createHash('sha256').update(PREVIEW_CSS).digest('base64')}`;
    assert.equal(PREVIEW_CSS_HASH, hash);
    assert.match(
      html,
      new RegExp(
        `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src '${hash.replace(/[+/]/g, '\\$&')}'; base-uri 'none'; form-action 'none'">`,
      ),
    );
    assert.ok(html.includes(`<style>${PREVIEW_CSS}</style>`));
    assert.match(html, /<title>A &lt;title&gt; &amp; &quot;quotes&quot;<\/title>/);
    assert.match(html, /<html lang="en" data-target="standalone">/);
    assert.ok(!/<script/i.test(html));
    assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<style>'));
  });

  test('webview: nonce CSP, the extension stylesheet and script; bad nonces and CSP sources are refused', () => {
    const options = {
      title: 'W',
      target: 'webview' as const,
      cspSource: 'https://*.vscode-cdn.net',
      nonce: 'abcDEF123+/=xyz',
      scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/preview.js',
      styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/preview.css',
    };
    const html = renderReportDocument('<main></main>', options);
    assert.ok(
      html.includes(
        `content="default-src 'none'; script-src 'nonce-abcDEF123+/=xyz'; style-src https://*.vscode-cdn.net 'nonce-abcDEF123+/=xyz'; img-src https://*.vscode-cdn.net data:; font-src https://*.vscode-cdn.net; base-uri 'none'; form-action 'none'"`,
      ),
    );
    assert.ok(html.includes(`<link rel="stylesheet" href="${options.styleUri}" nonce="abcDEF123+/=xyz">`));
    assert.ok(html.includes(`<script nonce="abcDEF123+/=xyz" src="${options.scriptUri}" defer></script>`));
    assert.equal(html.match(/<script/g)?.length, 1);
    assert.ok(!html.includes('<style'));
    assert.throws(() => renderReportDocument('', { ...options, nonce: `x" onload="y` }), /nonce/);
    assert.throws(() => renderReportDocument('', { ...options, cspSource: `https://a; script-src *` }), /CSP source/);
    assert.doesNotThrow(() => renderReportDocument('', { ...options, cspSource: `'self' https://*.vscode-cdn.net` }));
  });

  test('the build writes PREVIEW_CSS to media/preview.css for the webview', () => {
    assert.equal(readFileSync(join(ROOT, 'media', 'preview.css'), 'utf8'), PREVIEW_CSS);
  });

  test('media/preview.js stays small and never evaluates content', () => {
    const script = readFileSync(join(ROOT, 'media', 'preview.js'), 'utf8');
    // Small enough to read in one sitting (it runs next to report content): 150 lines, then 160 for the copy
    // announcement's live region (accessibility).
    assert.ok(script.trimEnd().split('\n').length <= 160);
    assert.ok(!/\beval\s*\(|new Function|\.innerHTML\s*=|outerHTML\s*=|insertAdjacentHTML|document\.write|setTimeout\(\s*['"`]/.test(script));
    assert.match(script, /acquireVsCodeApi\(\)/);
  });
});
