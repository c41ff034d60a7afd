// The Incident Report preview's webview script (plain browser JS, no build step).
// Messages, webview → extension: { type: 'reveal', line } on a click on an element with data-line (finding
// buttons included); { type: 'scrolled', line } (throttled) with the top-most visible data-line after the
// user scrolls; { type: 'copied', value } after a copy button copied its (defanged) value.
// Extension → webview: { type: 'scrollTo', line } puts the element with the greatest data-line ≤ line at the
// top, without sending 'scrolled' back; { type: 'update', html } replaces the body, keeping the scroll position.
// Report content is never evaluated: 'update' html is server-rendered and escaped, parsed inertly with
// DOMParser and stripped of anything active before it is adopted; there is no eval and no inline handler.
(function () {
  'use strict';
  const vscode = acquireVsCodeApi();
  const SCROLL_THROTTLE_MS = 100;
  const PROGRAMMATIC_SCROLL_MS = 250;
  let ignoreScrollUntil = 0;
  let scrollTimer = 0;
  let lastSentLine = -1;

  /** Elements that stand for a source position: findings and copy buttons are controls, not positions. */
  function positions() {
    return Array.prototype.filter.call(document.querySelectorAll('[data-line]'), function (element) {
      return !element.closest('.validation');
    });
  }

  function lineOf(element) {
    const line = Number(element.getAttribute('data-line'));
    return Number.isInteger(line) && line >= 0 ? line : undefined;
  }

  /** The source line at the top of the viewport: the deepest element that starts at or above the top and still shows. */
  function topLine() {
    let best;
    let firstBelow;
    for (const element of positions()) {
      const rect = element.getBoundingClientRect();
      const line = lineOf(element);
      if (line === undefined || (rect.width === 0 && rect.height === 0)) continue;
      if (rect.top <= 1 && rect.bottom > 1) {
        if (best === undefined || line >= best) best = line;
      } else if (rect.top > 1 && firstBelow === undefined) {
        firstBelow = line;
      }
    }
    return best !== undefined ? best : firstBelow;
  }

  function scrollWindowTo(top) {
    ignoreScrollUntil = Date.now() + PROGRAMMATIC_SCROLL_MS;
    clearTimeout(scrollTimer);
    scrollTimer = 0;
    window.scrollTo({ top: top, left: window.scrollX, behavior: 'instant' });
  }

  function scrollToLine(line) {
    let target;
    let targetLine = -1;
    for (const element of positions()) {
      const current = lineOf(element);
      // The greatest line ≤ the requested one; among equals, the first (outermost) in document order.
      if (current !== undefined && current <= line && current > targetLine) {
        target = element;
        targetLine = current;
      }
    }
    scrollWindowTo(target ? target.getBoundingClientRect().top + window.scrollY : 0);
  }

  window.addEventListener('scroll', function () {
    if (Date.now() < ignoreScrollUntil || scrollTimer) return;
    scrollTimer = setTimeout(function () {
      scrollTimer = 0;
      if (Date.now() < ignoreScrollUntil) return;
      const line = topLine();
      if (line !== undefined && line !== lastSentLine) {
        lastSentLine = line;
        vscode.postMessage({ type: 'scrolled', line: line });
      }
    }, SCROLL_THROTTLE_MS);
  }, { passive: true });

  function fallbackCopy(value) {
    const area = document.body.appendChild(Object.assign(document.createElement('textarea'), { value: value, readOnly: true, className: 'visually-hidden' }));
    area.select();
    let ok = false;
    try { ok = document.execCommand('copy'); } catch (error) { ok = false; }
    area.remove();
    return ok;
  }

  // A polite live region, there before anything is copied (and again after an 'update' replaced the body):
  // a screen reader then says "Copied …", which a changed button label alone is not.
  let status = null;
  function statusRegion() {
    if (status && status.isConnected) return status;
    status = document.body.appendChild(Object.assign(document.createElement('div'), { className: 'visually-hidden' }));
    status.setAttribute('role', 'status');
    return status;
  }
  statusRegion();

  function copy(button) {
    const value = button.getAttribute('data-copy') || '';
    const done = function () {
      statusRegion().textContent = 'Copied ' + value;
      button.textContent = 'Copied';
      button.classList.add('copied');
      setTimeout(function () { button.textContent = 'Copy'; button.classList.remove('copied'); }, 1500);
      vscode.postMessage({ type: 'copied', value: value });
    };
    const fallback = function () { if (fallbackCopy(value)) done(); };
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(value).then(done, fallback);
    else fallback();
  }

  document.addEventListener('click', function (event) {
    const target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    const copyButton = target.closest('button.copy');
    if (copyButton) {
      event.preventDefault();
      copy(copyButton);
      return;
    }
    if (target.closest('a[href]')) return; // links open through VS Code, not a reveal
    const selection = window.getSelection();
    if (selection && !selection.isCollapsed && !target.closest('button')) return; // selecting text
    const element = target.closest('[data-line]');
    const line = element ? lineOf(element) : undefined;
    if (line !== undefined) vscode.postMessage({ type: 'reveal', line: line });
  });

  /** Defence in depth for 'update': an inert parse, then nothing that could run or load survives. */
  function inertBody(html) {
    const parsed = new DOMParser().parseFromString(String(html), 'text/html');
    parsed.querySelectorAll('script, iframe, object, embed, frame, frameset, link, meta, base, style, img, svg, math, form, template').forEach(function (node) { node.remove(); });
    parsed.querySelectorAll('*').forEach(function (node) {
      for (const attribute of Array.from(node.attributes)) {
        const name = attribute.name.toLowerCase();
        const value = attribute.value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
        if (name.startsWith('on') || name === 'style' || name === 'srcdoc' || name === 'src' || (name === 'href' && !/^(https?:|mailto:)/.test(value))) node.removeAttribute(attribute.name);
      }
    });
    return parsed.body;
  }

  window.addEventListener('message', function (event) {
    const message = event.data;
    if (!message || typeof message !== 'object') return;
    if (message.type === 'scrollTo' && typeof message.line === 'number') {
      scrollToLine(message.line);
    } else if (message.type === 'update' && typeof message.html === 'string') {
      const y = window.scrollY;
      const body = inertBody(message.html);
      document.body.replaceChildren.apply(document.body, Array.from(body.childNodes).map(function (node) { return document.adoptNode(node); }));
      statusRegion();
      scrollWindowTo(y);
    }
  });
}());
