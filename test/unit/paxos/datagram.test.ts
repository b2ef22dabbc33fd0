/**
 * The datagram network (playground/sim/datagram.ts): any order, loss, duplication, an
 * immutable pool, and a random mode driven by the kernel's seeded PRNG.
 */
import { describe, expect, it } from 'vitest';
import { chooseRandom, drop, dropWhere, duplicate, emptyPool, send, take } from '../../../playground/sim/datagram.ts';
import { Prng } from '../../../playground/sim/prng.ts';

const three = () => send(send(send(emptyPool<string>(), 'p1', 'a1', 'm1'), 'p1', 'a2', 'm2'), 'p1', 'a3', 'm3');

describe('datagram pool', () => {
  it('delivers in any order the driver chooses', () => {
    const pool = three();
    const second = take(pool, 2);
    expect(second.datagram).toEqual({ id: 2, from: 'p1', to: 'a2', msg: 'm2' });
    expect(second.pool.inFlight.map((d) => d.id)).toEqual([1, 3]);
  });

  it('never changes a pool it was given', () => {
    const pool = three();
    const before = JSON.stringify(pool);
    drop(pool, 1);
    duplicate(pool, 2);
    take(pool, 3);
    expect(JSON.stringify(pool)).toBe(before);
  });

  it('loses and duplicates messages; duplicates get fresh ids', () => {
    const pool = duplicate(drop(three(), 1), 2);
    expect(pool.inFlight.map((d) => [d.id, d.msg])).toEqual([
      [2, 'm2'],
      [3, 'm3'],
      [4, 'm2'],
    ]);
  });

  it('drops everything addressed to one node at once', () => {
    const { pool, dropped } = dropWhere(three(), (d) => d.to === 'a2');
    expect(dropped.map((d) => d.id)).toEqual([2]);
    expect(pool.inFlight).toHaveLength(2);
  });

  it('refuses to act on a message that is not in flight', () => {
    expect(() => take(three(), 9)).toThrow(/not in flight/);
  });
});

describe('datagram random mode', () => {
  it('is a function of the seed', () => {
    const pick = (seed: number) => {
      const rng = new Prng(seed, 'network');
      return Array.from({ length: 20 }, () => chooseRandom(three(), (n) => rng.int(n), { dropPercent: 20, duplicatePercent: 10 }));
    };
    expect(pick(7)).toEqual(pick(7));
    expect(pick(7)).not.toEqual(pick(8));
  });

  it('follows the fault rates', () => {
    const rng = new Prng(1, 'network');
    const counts = { deliver: 0, drop: 0, duplicate: 0 };
    for (let i = 0; i < 2000; i++) counts[chooseRandom(three(), (n) => rng.int(n), { dropPercent: 25, duplicatePercent: 25 })!.action] += 1;
    expect(counts.drop / 2000).toBeCloseTo(0.25, 1);
    expect(counts.duplicate / 2000).toBeCloseTo(0.25, 1);
    expect(chooseRandom(emptyPool(), (n) => rng.int(n), { dropPercent: 0, duplicatePercent: 0 })).toBeNull();
    expect(() => chooseRandom(three(), (n) => rng.int(n), { dropPercent: 80, duplicatePercent: 30 })).toThrow(/percentages/);
  });
});
