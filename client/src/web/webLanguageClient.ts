import { Uri, workspace } from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, CloseAction, ErrorAction, LanguageClient as BrowserLanguageClient } from 'vscode-languageclient/browser';
import type { LanguageClientOptions } from 'vscode-languageclient/browser';
import { setServerPort } from '../../../server/src/web/shims/languageServer';
import { setWebResources, setWorkspaceFile } from '../../../server/src/web/webResources';
import { OriginalUris } from './originalUris';
import { loadExtensionResources } from './webResourcesLoader';

/*
 * client/src/languageClient.ts (dist/lsp-client.js) in the browser bundle (scripts/bundle-web.mjs): the
 * same names, so client/src/extension.ts runs unchanged. The language server (server/src/lsp/server.ts,
 * bundled with this file) runs in this same extension host worker, over a MessageChannel: web extensions
 * served by a VS Code server cannot start nested web workers (microsoft/vscode#168942, coder/code-server#5869).
 */
export { CloseAction, ErrorAction };
export const TransportKind = { stdio: 0, ipc: 1, pipe: 2, socket: 3 } as const;

let extensionUri: Uri | undefined;
export function setExtensionUri(uri: Uri): void {
  extensionUri = uri;
}

/** The workspace files the engine may read: configuration files and schema extensions. */
const WORKSPACE_FILES = '**/{.increport.yaml,.increport.yml,.increport.json,*.schema.json,*.schema.yaml,*.schema.yml}';
const MAX_WORKSPACE_FILES = 500;

async function readText(uri: Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

let serverStarted = false;
/** The port of the client side; the server side is given to the server module, loaded once per worker. */
async function startServer(): Promise<ConstructorParameters<typeof BrowserMessageReader>[0]> {
  if (serverStarted) throw new Error('The Incident Report language server cannot be restarted in the browser: reload the window.');
  if (!extensionUri) throw new Error('increport: the web extension was not activated through client/src/web/extension.ts');
  serverStarted = true;
  const [resources, files] = await Promise.all([
    loadExtensionResources(extensionUri),
    workspace.findFiles(WORKSPACE_FILES, '**/node_modules/**', MAX_WORKSPACE_FILES),
  ]);
  setWebResources(resources);
  await Promise.all(files.map(async (file) => setWorkspaceFile(file.path, await readText(file))));
  const channel = new MessageChannel();
  setServerPort(channel.port2);
  await import('../../../server/src/lsp/server.js');
  return channel.port1;
}

/** Documents of any scheme (vscode-vfs, vscode-remote, …) reach the server as file URIs of their paths. */
const originals = new OriginalUris<Uri>(
  (path) => Uri.from({ scheme: 'file', path }).toString(),
  (value) => Uri.parse(value),
);
function webOptions(options: LanguageClientOptions): LanguageClientOptions {
  return {
    ...options,
    documentSelector: [{ language: 'markdown' }],
    uriConverters: {
      code2Protocol: (uri) => originals.code2Protocol(uri),
      protocol2Code: (value) => originals.protocol2Code(value),
    },
    middleware: {
      ...options.middleware,
      workspace: {
        ...options.middleware?.workspace,
        // The engine reads configuration synchronously, from memory: refresh it before the server hears of the change.
        didChangeWatchedFile: async (event, next) => {
          const uri = originals.protocol2Code(event.uri);
          setWorkspaceFile(uri.path, await readText(uri));
          return next(event);
        },
      },
    },
  };
}

export class LanguageClient extends BrowserLanguageClient {
  constructor(id: string, name: string, _serverOptions: unknown, clientOptions: LanguageClientOptions) {
    super(
      id,
      name,
      async () => {
        const port = await startServer();
        return { reader: new BrowserMessageReader(port), writer: new BrowserMessageWriter(port) };
      },
      webOptions(clientOptions),
    );
  }
}
