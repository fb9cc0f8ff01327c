/**
 * Digests as lower-case hex. SHA-256 is the platform's Web Crypto (`crypto.subtle`: service
 * workers, event pages and Node 20 all have it), so no hash code ships in the worker; it is
 * asynchronous, as Web Crypto is. Capillary's MD5, which Web Crypto lacks, comes from
 * @noble/hashes (the library made for it, not a hand-written one) and is written out by the
 * same `hex`.
 */

export { md5 } from '@noble/hashes/legacy.js';

export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The SHA-256 of a text's UTF-8 bytes. */
export async function sha256Hex(text: string): Promise<string> {
  return hex(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))));
}
