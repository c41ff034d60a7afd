/** The part of a VS Code Uri the mapping reads (no VS Code API here, so that it is unit-tested). */
export interface SchemeUri {
  readonly scheme: string;
  readonly path: string;
  toString(): string;
}

/**
 * The web language client's uriConverters (webLanguageClient.ts): a document of any scheme (vscode-remote:,
 * vscode-vfs:) reaches the in-worker server as the file: URI of its path, and a URI the server sends back is
 * the document's own URI again. A browser workbench opens no file: URI, so whatever opens a server URI in the
 * editor must go through this, as the language client's protocol2CodeConverter, never through Uri.parse.
 */
export class OriginalUris<U extends SchemeUri> {
  private readonly originals = new Map<string, U>();

  constructor(
    /** The file: URI of a path, as a string. */
    private readonly fileUriOf: (path: string) => string,
    /** Any other URI string (one the client never sent), parsed as it is. */
    private readonly parse: (value: string) => U,
  ) {}

  code2Protocol(uri: U): string {
    if (uri.scheme === 'untitled') return uri.toString();
    const asFile = this.fileUriOf(uri.path);
    this.originals.set(asFile, uri);
    return asFile;
  }

  protocol2Code(value: string): U {
    return this.originals.get(value) ?? this.parse(value);
  }
}
