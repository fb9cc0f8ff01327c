/**
 * Digests as lower-case hex. SHA-256 is the platform's Web Crypto (`crypto.subtle`: service
 * workers, event pages and Node 20 all have it), so no hash code ships in the worker; it is
 * asynchronous, as Web Crypto is. Capillary's MD5, which Web Crypto lacks, is written out below
 * (RFC 1321; @noble/hashes' MD5 brought its generic hash framework, 1.3 kB gzip more in the
 * worker) and is written out by the same `hex`.
 */

export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The SHA-256 of a text's UTF-8 bytes. */
export async function sha256Hex(text: string): Promise<string> {
  return hex(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))));
}

/** Each round's four left-rotation amounts (RFC 1321 3.4), round after round. */
const SHIFTS = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];

/**
 * RFC 1321's table T: T[i] = floor(2^32 * abs(sin(i + 1))), i from 0. Computed rather than
 * listed; tests/lib/digest.test.ts compares every digest with Node's own MD5.
 */
const SINES = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32));

/**
 * The message as little-endian 32-bit words, padded (RFC 1321 3.1, 3.2): a 1 bit, zeros up to
 * 56 bytes into the last 64-byte block, then the length in bits as 64 bits.
 */
function paddedWords(bytes: Uint8Array): number[] {
  const padded = new Uint8Array((((bytes.length + 8) >>> 6) + 1) * 64);
  padded.set(bytes);
  padded[bytes.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, (bytes.length * 8) >>> 0, true);
  view.setUint32(padded.length - 4, Math.floor(bytes.length / 2 ** 29), true);
  return Array.from({ length: padded.length / 4 }, (_, i) => view.getUint32(i * 4, true));
}

/** The MD5 of some bytes (RFC 1321), 16 bytes. */
export function md5(bytes: Uint8Array): Uint8Array {
  const words = paddedWords(bytes);
  const state = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
  for (let block = 0; block < words.length; block += 16) {
    let [a, b, c, d] = state as [number, number, number, number];
    for (let i = 0; i < 64; i++) {
      const round = i >> 4;
      // The round's function F, G, H or I, and which word of the block this step takes.
      const mixed = [(b & c) | (~b & d), (d & b) | (~d & c), b ^ c ^ d, c ^ (b | ~d)][round] ?? 0;
      const word = [i, 5 * i + 1, 3 * i + 5, 7 * i][round] ?? 0;
      const sum = (a + mixed + (SINES[i] ?? 0) + (words[block + (word % 16)] ?? 0)) | 0;
      const shift = SHIFTS[round * 4 + (i % 4)] ?? 0;
      a = d;
      d = c;
      c = b;
      b = (b + ((sum << shift) | (sum >>> (32 - shift)))) | 0;
    }
    const added = [a, b, c, d];
    state.forEach((value, i) => {
      state[i] = (value + (added[i] ?? 0)) | 0;
    });
  }
  const digest = new DataView(new ArrayBuffer(16));
  state.forEach((value, i) => {
    digest.setUint32(i * 4, value, true);
  });
  return new Uint8Array(digest.buffer);
}
