import {
  BrowserMessageReader,
  BrowserMessageWriter,
  createConnection as createBrowserConnection,
  ProposedFeatures,
  type Connection,
  type DataCallback,
  type Disposable,
} from 'vscode-languageserver/browser';
import { noteOpenDocuments } from './registerDisk';

/*
 * vscode-languageserver/node in the browser bundle (scripts/bundle-web.mjs): the same server (server.ts),
 * whose connection is one end of the MessageChannel the web client opened in the extension host worker.
 * Web extensions served by a VS Code server cannot start nested web workers (microsoft/vscode#168942,
 * coder/code-server#5869), so the server runs in the extension host's own worker, behind that channel.
 */
export * from 'vscode-languageserver/browser';

let serverPort: unknown;

/** The port the server talks on; set by the web client before it loads the server module. */
export function setServerPort(port: unknown): void {
  serverPort = port;
}

/** The client's messages, each shown to the register's list of open documents (shims/registerDisk.ts) first. */
class ObservedMessageReader extends BrowserMessageReader {
  override listen(callback: DataCallback): Disposable {
    return super.listen((message) => {
      noteOpenDocuments(message);
      callback(message);
    });
  }
}

export function createConnection(): Connection {
  if (!serverPort) throw new Error('increport: no MessagePort for the language server');
  const port = serverPort as ConstructorParameters<typeof BrowserMessageReader>[0];
  return createBrowserConnection(ProposedFeatures.all, new ObservedMessageReader(port), new BrowserMessageWriter(port));
}
