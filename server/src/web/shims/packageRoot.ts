import { webExtensionRoot } from '../webResources';

/** server/src/node/packageRoot.ts in the browser bundle: the extension's root as the web client gave it. */
export const PACKAGE_NAME = 'incident-report-studio';
export function packageRoot(): string {
  return webExtensionRoot();
}
