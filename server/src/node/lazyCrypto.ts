import type * as Crypto from 'node:crypto';

let loaded: typeof Crypto | undefined;

/**
 * node:crypto, loaded on first use: it takes 3-4 ms to load, and a cold `increport check` (a pre-commit
 * hook, one report) needs none of it: the bundled schema's validator is checked without a hash
 * (validatorCache.ts), and temporary file names are only made when something is written.
 */
export function nodeCrypto(): typeof Crypto {
  // eslint-disable-next-line @typescript-eslint/no-require-imports, @typescript-eslint/consistent-type-imports
  return (loaded ??= require('node:crypto') as typeof import('node:crypto'));
}
