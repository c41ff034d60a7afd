import { concatBytes, fromHex, sha1, toHex, utf8Bytes } from '../text/sha';

/** RFC 4122 name-based UUIDs, version 5 (SHA-1): the same namespace and name always give the same UUID. */

/** RFC 4122 Appendix C: the namespace for URLs (and other URIs). */
export const NAMESPACE_URL = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

/**
 * The namespace of every identifier the exports derive: uuidv5(NAMESPACE_URL,
 * 'urn:incident-report-studio:export:stix'), written out so that it can never drift (a unit test
 * recomputes it).
 */
export const EXPORT_NAMESPACE = '58974d9c-8f16-5ea7-b840-71a721b97c25';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function uuidv5(name: string, namespace: string = EXPORT_NAMESPACE): string {
  if (!UUID.test(namespace)) throw new Error(`Not a UUID: ${namespace}`);
  const hash = sha1(concatBytes(fromHex(namespace.replace(/-/g, '')), utf8Bytes(name)));
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50; // version 5
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
  const hex = toHex(bytes);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
