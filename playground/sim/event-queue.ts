/**
 * The kernel's event queue: a binary min-heap of scheduled events keyed by `(time, seq)`.
 *
 * `seq` is a global insertion counter, so the tie-break is stable and documented: of two
 * events due at the same virtual time, the one scheduled first runs first. Nothing else
 * (object identity, hash order, a random draw) ever decides the order.
 *
 * The heap is kept as three parallel arrays (times, seqs, events), so pushing and popping
 * allocate nothing: the kernel schedules one event per message and per timer, and a wrapper
 * object per event was measurable garbage (issue 6). `peekTime`/`peekEvent`/`drop` are the
 * allocation-free reads the kernel uses; `peek`/`pop` return a `Scheduled` record.
 *
 * Imports only the kernel contract's types. Knows nothing about what an event means:
 * cancellation is the owner's job (the kernel marks events stale and skips them when popped).
 */

import type { TimeMs } from './types.ts';

/**
 * `time` as a V8 small integer when it fits (below 2^31 ms, about 24 days of virtual time).
 * An integral time that arrives as a double (the result of `Math.max`, a division, ...)
 * would otherwise turn the queue's times into a double array, and from there every clock
 * reading into a boxed number: each trace event's `time` became a separate 16-byte heap
 * object (issue 6). Same value either way; larger times stay doubles.
 */
export function smallTime(time: TimeMs): TimeMs {
  return time < 0x8000_0000 ? time | 0 : time;
}

export interface Scheduled<E> {
  readonly time: TimeMs;
  /** Position in the global insertion order; the tie-break at equal `time`. */
  readonly seq: number;
  readonly event: E;
}

export class EventQueue<E> {
  private readonly times: TimeMs[] = [];
  private readonly seqs: number[] = [];
  private readonly events: E[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.events.length;
  }

  push(time: TimeMs, event: E): void {
    if (!Number.isSafeInteger(time) || time < 0) {
      throw new Error(`EventQueue.push: time must be a non-negative integer, got ${time}`);
    }
    time = smallTime(time);
    const seq = this.nextSeq++;
    const { times, seqs, events } = this;
    // Sift up: move parents down into the hole until the new item's place is found.
    let i = events.length;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent]!;
      if (pt < time || (pt === time && seqs[parent]! < seq)) break;
      times[i] = pt;
      seqs[i] = seqs[parent]!;
      events[i] = events[parent]!;
      i = parent;
    }
    times[i] = time;
    seqs[i] = seq;
    events[i] = event;
  }

  /** Time of the earliest event, or undefined when empty. */
  peekTime(): TimeMs | undefined {
    return this.times[0];
  }

  /** The earliest event, or undefined when empty. */
  peekEvent(): E | undefined {
    return this.events[0];
  }

  peek(): Scheduled<E> | undefined {
    if (this.events.length === 0) return undefined;
    return { time: this.times[0]!, seq: this.seqs[0]!, event: this.events[0]! };
  }

  pop(): Scheduled<E> | undefined {
    const top = this.peek();
    if (top !== undefined) this.drop();
    return top;
  }

  /** Remove the earliest event (nothing when empty). */
  drop(): void {
    const { times, seqs, events } = this;
    const n = events.length - 1;
    if (n < 0) return;
    const time = times[n]!;
    const seq = seqs[n]!;
    const event = events[n]!;
    times.pop();
    seqs.pop();
    events.pop();
    if (n === 0) return;
    // Sift the last item down from the root.
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      let child = left;
      if (right < n) {
        const lt = times[left]!;
        const rt = times[right]!;
        if (rt < lt || (rt === lt && seqs[right]! < seqs[left]!)) child = right;
      }
      const ct = times[child]!;
      if (time < ct || (time === ct && seq < seqs[child]!)) break;
      times[i] = ct;
      seqs[i] = seqs[child]!;
      events[i] = events[child]!;
      i = child;
    }
    times[i] = time;
    seqs[i] = seq;
    events[i] = event;
  }
}
