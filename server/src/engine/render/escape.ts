/**
 * HTML escaping for the preview. Every string that comes from a report passes through `escapeHtml`
 * (text and attribute values alike; attributes are always double-quoted), or through the markdown-it
 * instance of markdownSafe.ts, which escapes by the same rules. Nothing from a report is ever used as
 * a tag name, an attribute name, a class name or CSS.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text content and double-quoted attribute values. Also drops characters HTML cannot carry. */
export function escapeHtml(text: string): string {
  // NUL and the other C0 controls but tab/newline/CR are parse errors in HTML; U+FFFD keeps their place.
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '\ufffd');
}

/** `data-line` for an element that maps to a zero-based source line. */
export function lineAttr(line: number): string {
  return ` data-line="${Math.max(0, Math.trunc(line))}"`;
}

/** A class name chosen from a fixed list by a report value, never the value itself. */
export function pickClass<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  const key = String(value ?? '')
    .trim()
    .toLowerCase();
  return allowed.find((candidate) => candidate === key) ?? fallback;
}

/** A report value of any YAML type as display text. */
export function displayValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(displayValue).join(', ');
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    try {
      return JSON.stringify(value);
    } catch {
      return '';
    }
  }
  return String(value);
}

/** An instant (UTC ms) as an ISO 8601 string for a `datetime` attribute; '' when it is not a representable date. */
export function isoTime(ms: number): string {
  const date = new Date(ms);
  return Number.isFinite(date.getTime()) ? date.toISOString() : '';
}
