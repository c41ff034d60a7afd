import type { ExtensionContext } from 'vscode';
import { activate as activateExtension, deactivate } from '../extension';
import { setExtensionUri } from './webLanguageClient';

/**
 * The web extension's entry (package.json "browser": dist/web/extension.js, built by scripts/bundle-web.mjs):
 * the desktop extension, whose language client and server are swapped for the in-worker ones.
 */
export function activate(context: ExtensionContext): ReturnType<typeof activateExtension> {
  setExtensionUri(context.extensionUri);
  return activateExtension(context);
}

export { deactivate };
