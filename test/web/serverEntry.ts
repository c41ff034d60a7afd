import { setServerPort } from '../../server/src/web/shims/languageServer';
import { setWebResources, type WebResourceData } from '../../server/src/web/webResources';

/**
 * Test entry of the web server (test/web/webServer.test.ts bundles it as scripts/bundle-web.mjs bundles the
 * web extension): the server of the browser bundle, started on a given port with given resources.
 */
export async function startServer(port: unknown, resources: WebResourceData): Promise<void> {
  setWebResources(resources);
  setServerPort(port);
  await import('../../server/src/lsp/server.js');
}
