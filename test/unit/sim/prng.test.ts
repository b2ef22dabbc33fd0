import { describe, expect, it } from 'vitest';
import { Prng, hashString } from '../../../playground/sim/prng.ts';

describe('Prng (xoshiro128**)', () => {
  it('matches the reference C implementation from state [1, 2, 3, 4]', () => {
    // Output of prng.di.unimi.it/xoshiro128starstar.c, compiled with gcc, seeded s = {1, 2, 3, 4}.
    const prng = Prng.fromState([1, 2, 3, 4]);
    const got = Array.from({ length: 6 }, () => prng.uint32());
    expect(got).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492]);
  });

  it('same seed and stream give the same numbers', () => {
    const a = new Prng(42, 'network');
    const b = new Prng(42, 'network');
    const xs = Array.from({ length: 100 }, () => a.int(1000));
    const ys = Array.from({ length: 100 }, () => b.int(1000));
    expect(xs).toEqual(ys);
  });

  it('different seeds or stream names give different numbers', () => {
    const draw = (p: Prng) => Array.from({ length: 20 }, () => p.uint32());
    const base = draw(new Prng(42, 'network'));
    expect(draw(new Prng(43, 'network'))).not.toEqual(base);
    expect(draw(new Prng(42, 'workload'))).not.toEqual(base);
    expect(draw(new Prng(42, 'node:s1'))).not.toEqual(draw(new Prng(42, 'node:s2')));
  });

  it('streams are independent: drawing from one never moves another', () => {
    const lone = new Prng(7, 'network');
    const expected = Array.from({ length: 50 }, () => lone.range(1, 5));
    const network = new Prng(7, 'network');
    const workload = new Prng(7, 'workload');
    const got: number[] = [];
    for (let i = 0; i < 50; i++) {
      for (let j = 0; j < i % 4; j++) workload.uint32();
      got.push(network.range(1, 5));
    }
    expect(got).toEqual(expected);
  });

  it('int(n) stays in [0, n) and range(lo, hi) hits both ends', () => {
    const prng = new Prng(1, 'bounds');
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const x = prng.range(3, 7);
      expect(Number.isInteger(x) && x >= 3 && x <= 7).toBe(true);
      seen.add(x);
      const y = prng.int(2 ** 32);
      expect(y >= 0 && y < 2 ** 32).toBe(true);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });

  it('int(6) is roughly uniform', () => {
    const prng = new Prng(99, 'dice');
    const counts = [0, 0, 0, 0, 0, 0];
    for (let i = 0; i < 60_000; i++) counts[prng.int(6)]!++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });

  it('rejects bad arguments', () => {
    const prng = new Prng(1, 'x');
    expect(() => prng.int(0)).toThrow();
    expect(() => prng.int(1.5)).toThrow();
    expect(() => prng.range(5, 4)).toThrow();
    expect(() => new Prng(0.5, 'x')).toThrow();
  });

  it('hashString is FNV-1a 32', () => {
    expect(hashString('')).toBe(0x811c9dc5);
    expect(hashString('a')).toBe(0xe40c292c);
    expect(hashString('foobar')).toBe(0xbf9cf968);
  });
});
