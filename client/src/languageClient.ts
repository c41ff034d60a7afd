/**
 * The language client library, bundled on its own (dist/lsp-client.js) and loaded only when the first
 * report opens: it is most of the extension's code, and activation should not pay for it.
 */
export { CloseAction, ErrorAction, LanguageClient, TransportKind } from 'vscode-languageclient/node';
