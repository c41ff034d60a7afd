/** node:crypto in the browser bundle: randomBytes (the preview's nonce) from the Web Crypto API. */
export function randomBytes(size: number): { toString(encoding: 'base64' | 'hex'): string } {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(size));
  return {
    toString: (encoding) =>
      encoding === 'hex' ? Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('') : btoa(String.fromCharCode(...bytes)),
  };
}
