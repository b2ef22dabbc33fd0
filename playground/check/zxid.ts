/**
 * zxids as checkers read them: 64-bit values (epoch in the high 32 bits, counter in the low
 * 32) that travel in the trace as `0x…` hex strings (Zab and server events) or as bigints
 * (client–server messages, Stat fields). Everything is turned into a bigint for comparison
 * and back into `0x…` text for messages.
 *
 * Imports nothing.
 */

export type Zxid = bigint;

/** A zxid from a `0x…` / decimal string, a bigint or a safe integer; undefined otherwise. */
export function parseZxid(value: unknown): Zxid | undefined {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  if (typeof value === 'string' && /^(0x[0-9a-fA-F]+|[0-9]+)$/.test(value)) return BigInt(value);
  return undefined;
}

/** `0x…` text, as ZooKeeper logs print zxids. */
export function zxidText(z: Zxid): string {
  return '0x' + z.toString(16);
}

export function epochOf(z: Zxid): number {
  return Number(z >> 32n);
}

export function counterOf(z: Zxid): number {
  return Number(z & 0xffffffffn);
}

export function makeZxid(epoch: number, counter: number): Zxid {
  return (BigInt(epoch) << 32n) | BigInt(counter >>> 0);
}

/** Index of the first element > z in a sorted array (binary search). */
export function upperBound(sorted: readonly Zxid[], z: Zxid): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= z) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The largest element < z, or undefined. */
export function predecessor(sorted: readonly Zxid[], z: Zxid): Zxid | undefined {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < z) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? sorted[lo - 1] : undefined;
}

/** The smallest element in the half-open range (after, upTo], or undefined. */
export function firstIn(sorted: readonly Zxid[], after: Zxid, upTo: Zxid): Zxid | undefined {
  const i = upperBound(sorted, after);
  const z = sorted[i];
  return z !== undefined && z <= upTo ? z : undefined;
}

/** Insert into a sorted array unless present; returns whether it was inserted. */
export function insertSorted(sorted: Zxid[], z: Zxid): boolean {
  const i = upperBound(sorted, z);
  if (i > 0 && sorted[i - 1] === z) return false;
  sorted.splice(i, 0, z);
  return true;
}

export function compareZxid(a: Zxid, b: Zxid): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
