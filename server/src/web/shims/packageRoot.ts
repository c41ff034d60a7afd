import { webExtensionRoot } from '../webResources';
import { version as PACKAGE_VERSION } from '../../../../package.json';

/** server/src/node/packageRoot.ts in the browser bundle: the extension's root as the web client gave it. */
export const PACKAGE_NAME = 'incident-report-studio';
export function packageRoot(): string {
  return webExtensionRoot();
}

/** The extension's version, from its package.json at build time (esbuild keeps only this key). */
export function packageVersion(): string {
  return PACKAGE_VERSION;
}
