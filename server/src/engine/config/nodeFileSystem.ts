import { readFileSync } from 'node:fs';
import type { ConfigFileSystem } from './configTypes';

/** Reads configuration files from disk; a missing file (or a folder) is "not there". */
export const nodeFileSystem: ConfigFileSystem = {
  readFile(path) {
    try {
      return readFileSync(path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
      throw error;
    }
  },
};
