/*
 * Report text is untrusted, and findings quote it: a message may carry ESC sequences (`ESC [2J` clears
 * the screen, `ESC ]8;;url BEL` makes a hidden hyperlink), other C0 or C1 controls, or bidi overrides that
 * reorder what a reader sees (Trojan Source). None of them may reach a terminal or a CI log raw.
 */

/**
 * C0 controls other than tab, LF and CR (each format handles those itself), DEL, C1 controls (U+0080–U+009F:
 * U+009B is a one-character CSI for some terminals), and the bidi embedding, override and isolate controls.
 */
export const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Every control character shown as U+FFFD, as the stylish format's code frames do. */
export function replaceControlChars(text: string): string {
  return text.replace(CONTROL_CHARS, '\uFFFD');
}

/**
 * JSON text with the control characters JSON.stringify leaves raw (DEL, C1, bidi controls) written as
 * `\uXXXX` escapes: the same value for a JSON reader, nothing active for a terminal. They can only occur
 * inside strings, where such an escape is valid.
 */
export function escapeJsonControlChars(json: string): string {
  return json.replace(CONTROL_CHARS, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
