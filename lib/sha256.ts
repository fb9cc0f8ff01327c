import { bytesToHex } from '@noble/hashes/utils.js';

/**
 * The SHA-256 of a text's UTF-8 bytes, in lower-case hex, by the platform's Web Crypto
 * (`crypto.subtle`: service workers, event pages and Node 20 all have it), so no hash code ships
 * in the worker. Asynchronous, as Web Crypto is. The hex encoder is @noble/hashes' because
 * Capillary's MD5 (which Web Crypto lacks) keeps that library in the worker anyway.
 */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return bytesToHex(new Uint8Array(digest));
}
