import * as path from 'node:path';
import { systemClock, type Clock } from '../engine/clock';
import type { ConfigFileSystem } from '../engine/config/configTypes';
import type { EngineHost, ValidatorCodeStore } from '../engine/host';
import { nodeBundledResources } from './bundledResources';
import { nodeFileSystem } from './nodeFileSystem';
import { nodeValidatorStore } from './validatorCache';

export interface NodeHostOptions {
  /** "Now" for the engine; default the system clock (the CLI and the server pass INCREPORT_NOW's). */
  now?: Clock;
  /** Where files come from; default the disk through the bounded read (an untrusted workspace passes none). */
  fileSystem?: ConfigFileSystem;
  /** Where schema validators are kept; default the build's and the OS cache folder's (validatorCache.ts). */
  validatorCode?: ValidatorCodeStore;
}

/** The engine's host on Node: files from disk, node:path, the package's bundled resources, the clock, the validator cache. */
export function createNodeHost(options: NodeHostOptions = {}): EngineHost {
  const fileSystem = options.fileSystem ?? nodeFileSystem;
  return {
    readFile: (file, kind) => fileSystem.readFile(file, kind),
    paths: path,
    resources: nodeBundledResources,
    now: options.now ?? systemClock,
    validatorCode: options.validatorCode ?? nodeValidatorStore(),
  };
}
