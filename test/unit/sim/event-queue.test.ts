import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../../playground/sim/event-queue.ts';

describe('EventQueue', () => {
  it('pops by time, and at equal time in insertion order', () => {
    const q = new EventQueue<string>();
    q.push(5, 'c');
    q.push(3, 'a');
    q.push(5, 'd');
    q.push(3, 'b');
    q.push(0, 'first');
    q.push(5, 'e');
    const order: string[] = [];
    for (let e = q.pop(); e; e = q.pop()) order.push(e.event);
    expect(order).toEqual(['first', 'a', 'b', 'c', 'd', 'e']);
    expect(q.size).toBe(0);
  });

  it('property: pop order is the stable sort by time', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 200 }), (times) => {
        const q = new EventQueue<number>();
        times.forEach((t, i) => q.push(t, i));
        const popped: number[] = [];
        for (let e = q.pop(); e; e = q.pop()) popped.push(e.event);
        const expected = times.map((t, i) => ({ t, i })).sort((a, b) => a.t - b.t || a.i - b.i).map((x) => x.i);
        expect(popped).toEqual(expected);
      }),
    );
  });

  it('interleaved push and pop keep the order', () => {
    const q = new EventQueue<string>();
    q.push(10, 'x');
    q.push(2, 'y');
    expect(q.pop()?.event).toBe('y');
    q.push(10, 'z');
    q.push(1, 'w');
    expect([q.pop()?.event, q.pop()?.event, q.pop()?.event, q.pop()]).toEqual(['w', 'x', 'z', undefined]);
  });

  it('rejects non-integer and negative times', () => {
    const q = new EventQueue<number>();
    expect(() => q.push(1.5, 0)).toThrow();
    expect(() => q.push(-1, 0)).toThrow();
  });
});
