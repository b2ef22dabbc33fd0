/**
 * Synchronous SHA-1 (FIPS 180-4) and ZooKeeper's digest id,
 * `DigestAuthenticationProvider.generateDigest("user:password")` = `user:` + base64(SHA-1).
 * Pure; imports only the byte helpers.
 */
import { base64Encode, utf8Encode } from './bytes.ts';

/** SHA-1 of `msg`, 20 bytes. */
export function sha1(msg: Uint8Array): Uint8Array {
  const ml = msg.length;
  const total = Math.ceil((ml + 9) / 64) * 64;
  const buf = new Uint8Array(total);
  buf.set(msg);
  buf[ml] = 0x80;
  const bitLen = ml * 8;
  const view = new DataView(buf.buffer);
  view.setUint32(total - 8, Math.floor(bitLen / 0x100000000));
  view.setUint32(total - 4, bitLen >>> 0);
  let h0 = 0x67452301, h1 = 0xefcdab89, h2 = 0x98badcfe, h3 = 0x10325476, h4 = 0xc3d2e1f0;
  const w = new Uint32Array(80);
  for (let off = 0; off < total; off += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(off + i * 4);
    for (let i = 16; i < 80; i++) {
      const x = w[i - 3]! ^ w[i - 8]! ^ w[i - 14]! ^ w[i - 16]!;
      w[i] = (x << 1) | (x >>> 31);
    }
    let a = h0, b = h1, c = h2, d = h3, e = h4;
    for (let i = 0; i < 80; i++) {
      let f: number, k: number;
      if (i < 20) { f = (b & c) | (~b & d); k = 0x5a827999; }
      else if (i < 40) { f = b ^ c ^ d; k = 0x6ed9eba1; }
      else if (i < 60) { f = (b & c) | (b & d) | (c & d); k = 0x8f1bbcdc; }
      else { f = b ^ c ^ d; k = 0xca62c1d6; }
      const t = (((a << 5) | (a >>> 27)) + f + e + k + w[i]!) >>> 0;
      e = d; d = c; c = ((b << 30) | (b >>> 2)) >>> 0; b = a; a = t;
    }
    h0 = (h0 + a) >>> 0; h1 = (h1 + b) >>> 0; h2 = (h2 + c) >>> 0; h3 = (h3 + d) >>> 0; h4 = (h4 + e) >>> 0;
  }
  const out = new Uint8Array(20);
  const ov = new DataView(out.buffer);
  [h0, h1, h2, h3, h4].forEach((h, i) => ov.setUint32(i * 4, h));
  return out;
}

/**
 * The digest id for `"user:password"` (without a `:` the whole string is the user):
 * `alice:secret` → `alice:aYXlLOpEooaV1cRAvUL1fp9Qt7E=`.
 */
export function generateDigest(idPassword: string): string {
  const colon = idPassword.indexOf(':');
  const user = colon < 0 ? idPassword : idPassword.slice(0, colon);
  return `${user}:${base64Encode(sha1(utf8Encode(idPassword)))}`;
}
