import { createHash } from 'node:crypto';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { hex, md5, sha256Hex } from '@/lib/digest';

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

describe('md5', () => {
  const md5Of = (text: string) => hex(md5(new TextEncoder().encode(text)));

  it('gives RFC 1321’s test suite', () => {
    expect(md5Of('')).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(md5Of('a')).toBe('0cc175b9c0f1b6a831c399e269772661');
    expect(md5Of('abc')).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(md5Of('message digest')).toBe('f96b697d7cb7938d525a2f31aaf161d0');
    expect(md5Of('abcdefghijklmnopqrstuvwxyz')).toBe('c3fcd3d76192e4007dfb496cca67e13b');
    expect(md5Of('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')).toBe(
      'd174ab98d277d9f5a5611c2c9f419d9f',
    );
    expect(md5Of('1234567890'.repeat(8))).toBe('57edf4a22be3c955ac49da2e2107b67a');
  });

  it('gives Node’s MD5 at every length across the padding’s block edges', () => {
    for (let length = 0; length <= 200; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 151 + length) % 256);
      expect(hex(md5(bytes)), `${length} bytes`).toBe(
        createHash('md5').update(bytes).digest('hex'),
      );
    }
  });

  it('hashes a text’s UTF-8 bytes, as Capillary’s server does', () => {
    const text = 'naïve ünïcode ₹ 💳';
    expect(md5Of(text)).toBe(createHash('md5').update(text, 'utf8').digest('hex'));
  });
});
