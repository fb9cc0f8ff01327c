import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { hex, sha256Hex } from '@/lib/digest';

/**
 * Token cache keys, request-budget keys and Capillary's org units were once hashed by
 * @noble/hashes' sha256; Web Crypto must give the same hex, or stored keys and units would change.
 */
describe('sha256Hex', () => {
  it.each([
    '',
    'till.apac',
    'ck-123',
    '[["clientKey","ck-123"],["clientSecret","s3cr3t"]]',
    'naïve ünïcode ₹ 💳',
    'x'.repeat(1000),
  ])('gives @noble/hashes’ digest of %j', async (text) => {
    expect(await sha256Hex(text)).toBe(bytesToHex(sha256(utf8ToBytes(text))));
  });

  it('is the standard SHA-256', async () => {
    expect(await sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});

describe('hex', () => {
  it('writes every byte as two lower-case digits, as @noble/hashes’ bytesToHex does', () => {
    const every = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(hex(every)).toBe(bytesToHex(every));
    expect(hex(new Uint8Array([0, 10, 255]))).toBe('000aff');
    expect(hex(new Uint8Array())).toBe('');
  });
});
