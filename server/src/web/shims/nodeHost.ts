import { systemClock } from '../../engine/clock';
import type { EngineHost } from '../../engine/host';
import type { NodeHostOptions } from '../../node/nodeHost';
import { webBundledResources, webFileSystem } from '../webResources';
import * as path from './path';

/**
 * server/src/node/nodeHost.ts in the browser bundle (scripts/bundle-web.mjs substitutes it): the engine's host
 * with files from the web client's memory, posix paths and the resources the client loaded. No validator
 * store: the report schema is compiled with ajv when first needed (the same findings, a slower first check).
 */
export function createNodeHost(options: NodeHostOptions = {}): EngineHost {
  const fileSystem = options.fileSystem ?? webFileSystem;
  return {
    readFile: (file, kind) => fileSystem.readFile(file, kind),
    paths: path,
    resources: webBundledResources,
    now: options.now ?? systemClock,
  };
}
