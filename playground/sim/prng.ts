/**
 * Seeded pseudo-random numbers for the simulation, in named independent streams.
 *
 * The generator is xoshiro128** 1.0 (David Blackman and Sebastiano Vigna, "Scrambled Linear
 * Pseudorandom Number Generators", ACM TOMS 47(4), 2021; reference C code at
 * https://prng.di.unimi.it/xoshiro128starstar.c), written with 32-bit integer arithmetic only
 * (`Math.imul`, `<<`, `>>>`), so every engine produces the same numbers. A stream's 128-bit state
 * is derived from `(seed, stream name)`: the text `"<seed>/<name>"` is hashed with FNV-1a 32
 * under two offset bases, and the four state words are drawn from a SplitMix-style counter
 * passed through MurmurHash3's `fmix32` finalizer. Streams are therefore independent: drawing
 * more from `workload` never shifts what `network` or `node:s1` draws.
 *
 * Imports nothing. Must not use `Math.random` or any floating-point draw: every result is an
 * integer computed exactly.
 */

const TWO_POW_32 = 0x1_0000_0000;

/** FNV-1a, 32 bits, over UTF-16 code units. */
export function hashString(text: string, offsetBasis: number = 0x811c9dc5): number {
  let hash = offsetBasis >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** MurmurHash3's 32-bit finalizer: a bijective avalanche mix. */
function fmix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** A seeded stream of integers. Not shared between streams: each name gets its own state. */
export class Prng {
  readonly seed: number;
  readonly stream: string;
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number, stream: string) {
    if (!Number.isSafeInteger(seed)) throw new Error(`Prng: seed must be a safe integer, got ${seed}`);
    this.seed = seed;
    this.stream = stream;
    const key = `${seed}/${stream}`;
    let counter = hashString(key);
    const salt = hashString(key, 0x9747b28c);
    const words: number[] = [];
    for (let i = 0; i < 4; i++) {
      counter = (counter + 0x9e3779b9) | 0;
      words.push(fmix32(counter ^ salt));
    }
    this.s0 = words[0]!;
    this.s1 = words[1]!;
    this.s2 = words[2]!;
    this.s3 = words[3]!;
    // xoshiro's one forbidden state; fmix32 makes it astronomically unlikely, but be exact.
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** A generator with the given raw state, for checking against the reference implementation. */
  static fromState(state: readonly [number, number, number, number]): Prng {
    const prng = new Prng(0, 'raw');
    prng.s0 = state[0] | 0;
    prng.s1 = state[1] | 0;
    prng.s2 = state[2] | 0;
    prng.s3 = state[3] | 0;
    return prng;
  }

  /** The next raw output: an integer in [0, 2^32). */
  uint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform integer in [0, n), without modulo bias (rejection sampling). 1 <= n <= 2^32. */
  int(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > TWO_POW_32) {
      throw new Error(`Prng.int: n must be an integer in [1, 2^32], got ${n}`);
    }
    // Largest multiple of n that fits in 32 bits; both operands are exact in a double.
    const limit = TWO_POW_32 - (TWO_POW_32 % n);
    let x = this.uint32();
    while (x >= limit) x = this.uint32();
    return x % n;
  }

  /** Uniform integer in [lo, hi], both ends included. */
  range(lo: number, hi: number): number {
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || hi < lo) {
      throw new Error(`Prng.range: need integers lo <= hi, got [${lo}, ${hi}]`);
    }
    return lo + this.int(hi - lo + 1);
  }

  /** True with probability numerator/denominator (integers, 0 <= numerator <= denominator). */
  chance(numerator: number, denominator: number): boolean {
    if (!Number.isInteger(numerator) || numerator < 0 || numerator > denominator) {
      throw new Error(`Prng.chance: need an integer 0 <= ${numerator} <= ${denominator}`);
    }
    return this.int(denominator) < numerator;
  }

  /** A uniformly chosen element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Prng.pick: empty array');
    return items[this.int(items.length)]!;
  }
}
