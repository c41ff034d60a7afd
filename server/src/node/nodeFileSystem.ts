import type { ConfigFileKind, ConfigFileSystem } from '../engine/config/configTypes';
import { MAX_ATTACK_BUNDLE_BYTES, MAX_CONFIG_BYTES, MAX_SCHEMA_EXTENSION_BYTES, readFileBounded } from './boundedRead';

const LIMITS: Record<ConfigFileKind, number> = {
  config: MAX_CONFIG_BYTES,
  'schema-extension': MAX_SCHEMA_EXTENSION_BYTES,
  'attack-bundle': MAX_ATTACK_BUNDLE_BYTES,
};

/**
 * The engine's files from disk, through the bounded read: a FIFO, a device or an oversized file named by a
 * setting is an error, never a hang. While looking for `.increport.yaml`, a folder of that name is "not
 * there" (as it always was); anything else that is not a regular file is an error.
 */
export const nodeFileSystem: ConfigFileSystem = {
  readFile(path, kind) {
    const read = readFileBounded(path, LIMITS[kind]);
    if ('bytes' in read) return { text: read.bytes.toString('utf8') };
    if (read.failure.kind === 'not-found' || (kind === 'config' && read.failure.kind === 'directory')) return { missing: true };
    return { error: read.failure.message };
  },
};
