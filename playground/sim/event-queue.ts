/**
 * The kernel's event queue: a binary min-heap of scheduled events keyed by `(time, seq)`.
 *
 * `seq` is a global insertion counter, so the tie-break is stable and documented: of two
 * events due at the same virtual time, the one scheduled first runs first. Nothing else
 * (object identity, hash order, a random draw) ever decides the order.
 *
 * Imports only the kernel contract's types. Knows nothing about what an event means:
 * cancellation is the owner's job (the kernel marks events stale and skips them when popped).
 */

import type { TimeMs } from './types.ts';

export interface Scheduled<E> {
  readonly time: TimeMs;
  /** Position in the global insertion order; the tie-break at equal `time`. */
  readonly seq: number;
  readonly event: E;
}

function before<E>(a: Scheduled<E>, b: Scheduled<E>): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}

export class EventQueue<E> {
  private readonly heap: Scheduled<E>[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(time: TimeMs, event: E): Scheduled<E> {
    if (!Number.isSafeInteger(time) || time < 0) {
      throw new Error(`EventQueue.push: time must be a non-negative integer, got ${time}`);
    }
    const item: Scheduled<E> = { time, seq: this.nextSeq++, event };
    const heap = this.heap;
    heap.push(item);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
    return item;
  }

  peek(): Scheduled<E> | undefined {
    return this.heap[0];
  }

  pop(): Scheduled<E> | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && before(heap[left]!, heap[smallest]!)) smallest = left;
      if (right < heap.length && before(heap[right]!, heap[smallest]!)) smallest = right;
      if (smallest === i) break;
      [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
      i = smallest;
    }
    return top;
  }
}
