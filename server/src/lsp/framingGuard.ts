/**
 * A check of the LSP base protocol's framing (`Content-Length: N\r\n…\r\n\r\n` then N bytes) on the byte
 * stream the server reads over --stdio, run on each chunk before vscode-jsonrpc's reader sees it.
 *
 * Why: on a malformed header the reader only fires an error that nothing acts on, and then goes on parsing
 * at a wrong place (`Content-Length: abc` leaves the body to be read as headers; `-5` corrupts its buffer;
 * a missing terminator or a huge length makes it wait and buffer for ever): the server silently stops
 * answering until the stream ends. Resynchronising is not safe either, since a body can itself contain
 * text that looks like a header (a report may quote one), so a guessed restart point could turn document
 * text into protocol messages. The server therefore ends with a message as soon as the framing is wrong,
 * and the client starts a fresh server (which gets every open document again).
 */

/** Larger messages are refused: a 10 MiB report (the CLI's limit), JSON-escaped, is far below it. */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
/** Real header sections are a few dozen bytes. */
export const MAX_HEADER_BYTES = 4096;

const CR = 0x0d;
const LF = 0x0a;
/** RFC 9110 token characters, for header names. */
const isTokenByte = (byte: number): boolean => /[!#$%&'*+.^_`|~0-9A-Za-z-]/.test(String.fromCharCode(byte));
const isValueByte = (byte: number): boolean => byte === 0x09 || (byte >= 0x20 && byte <= 0x7e);

type State = 'lineStart' | 'name' | 'value' | 'lineEnd' | 'headersEnd' | 'body';

export class FramingGuard {
  private state: State = 'lineStart';
  private offset = 0;
  private headerBytes = 0;
  private name = '';
  private value = '';
  private contentLength: number | undefined;
  private bodyLeft = 0;

  /** Checks the next chunk; returns what is wrong (naming the byte offset in the stream) or undefined. */
  push(chunk: Uint8Array): string | undefined {
    for (let index = 0; index < chunk.length;) {
      if (this.state === 'body') {
        const taken = Math.min(this.bodyLeft, chunk.length - index);
        this.bodyLeft -= taken;
        index += taken;
        this.offset += taken;
        if (this.bodyLeft === 0) this.state = 'lineStart';
        continue;
      }
      const problem = this.headerByte(chunk[index]);
      if (problem) return `${problem} (at byte ${this.offset} of the input)`;
      index++;
      this.offset++;
    }
    return undefined;
  }

  private headerByte(byte: number): string | undefined {
    if (++this.headerBytes > MAX_HEADER_BYTES) return `a message header longer than ${MAX_HEADER_BYTES} bytes (no blank line ends it)`;
    switch (this.state) {
      case 'lineStart':
        if (byte === CR) {
          this.state = 'headersEnd';
          return undefined;
        }
        if (!isTokenByte(byte)) return `${describe(byte)} where a header name should start`;
        this.name = String.fromCharCode(byte);
        this.state = 'name';
        return undefined;
      case 'name':
        if (byte === 0x3a /* : */) {
          this.value = '';
          this.state = 'value';
          return undefined;
        }
        if (!isTokenByte(byte)) return `${describe(byte)} in the header name '${this.name}'`;
        this.name += String.fromCharCode(byte);
        return undefined;
      case 'value':
        if (byte === CR) {
          this.state = 'lineEnd';
          return undefined;
        }
        if (!isValueByte(byte)) return `${describe(byte)} in the value of header '${this.name}'`;
        this.value += String.fromCharCode(byte);
        return undefined;
      case 'lineEnd':
        if (byte !== LF) return `${describe(byte)} after a carriage return in the header (expected a line feed)`;
        this.state = 'lineStart';
        return this.headerLine();
      case 'headersEnd':
        if (byte !== LF) return `${describe(byte)} after a carriage return in the header (expected a line feed)`;
        return this.startBody();
      default:
        return undefined;
    }
  }

  private headerLine(): string | undefined {
    if (this.name.toLowerCase() !== 'content-length') return undefined;
    const value = this.value.trim();
    if (!/^\d+$/.test(value)) return `Content-Length '${value}' is not a number of bytes`;
    const length = Number(value);
    if (length > MAX_MESSAGE_BYTES) return `Content-Length ${value} is over the limit of ${MAX_MESSAGE_BYTES} bytes (64 MiB)`;
    this.contentLength = length;
    return undefined;
  }

  private startBody(): string | undefined {
    if (this.contentLength === undefined) return 'a message header without Content-Length';
    this.bodyLeft = this.contentLength;
    this.state = this.bodyLeft > 0 ? 'body' : 'lineStart';
    this.contentLength = undefined;
    this.headerBytes = 0;
    return undefined;
  }
}

function describe(byte: number): string {
  const hex = `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  return byte >= 0x21 && byte <= 0x7e ? `'${String.fromCharCode(byte)}' (${hex})` : `byte ${hex}`;
}
