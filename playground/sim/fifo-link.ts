/**
 * One direction of a FIFO connection (as TCP): the segments sent from `from` to `to` that
 * have not arrived yet, in send order, each with its delivery time.
 *
 * The rule it keeps: delays vary, order never does. A segment's `deliverAt` is never earlier
 * than that of the segment sent before it. A segment that reaches a partition is `held`;
 * when the partition lifts, `release` gives held segments (and anything queued behind them)
 * new, still ordered, delivery times.
 *
 * This is the link the kernel uses between ZooKeeper nodes. The Paxos engine's datagram
 * link (loss, duplication, reordering) will be a sibling with the same role, not a mode of
 * this one. Imports only the kernel contract's types; it schedules nothing itself: the
 * network schedules what these methods return.
 */

import type { NodeId, TimeMs } from './types.ts';

export interface Segment {
  /** Trace index of the `send` (or `close`) event that put this segment on the link. */
  readonly sendIndex: number;
  readonly msg: unknown;
  /** The close marker: the peer learns `disconnected` when it arrives. */
  readonly fin: boolean;
  readonly sentAt: TimeMs;
  deliverAt: TimeMs;
  /** Reached a partition and waits for it to lift. */
  held: boolean;
  /** Bumped on every reschedule; a queue event for an older generation is stale. */
  gen: number;
  /** Lost with its connection; any queue event for it is stale. */
  lost: boolean;
}

export class FifoLink {
  readonly from: NodeId;
  readonly to: NodeId;
  private readonly pending: Segment[] = [];
  private lastDeliverAt: TimeMs = 0;

  constructor(from: NodeId, to: NodeId) {
    this.from = from;
    this.to = to;
  }

  /** The time the last segment on this link is (now) due; nothing later may arrive before it. */
  get tail(): TimeMs {
    return this.lastDeliverAt;
  }

  get size(): number {
    return this.pending.length;
  }

  /** Queue a segment that would take `latencyMs` on an empty link; FIFO may make it later. */
  enqueue(sendIndex: number, msg: unknown, fin: boolean, now: TimeMs, latencyMs: TimeMs): Segment {
    const deliverAt = Math.max(now + latencyMs, this.lastDeliverAt);
    this.lastDeliverAt = deliverAt;
    const segment: Segment = { sendIndex, msg, fin, sentAt: now, deliverAt, held: false, gen: 0, lost: false };
    this.pending.push(segment);
    return segment;
  }

  head(): Segment | undefined {
    return this.pending[0];
  }

  /** Remove the head, which must be `segment` (the FIFO rule, asserted). */
  take(segment: Segment): void {
    if (this.pending[0] !== segment) {
      throw new Error(`FifoLink ${this.from}->${this.to}: segment #${segment.sendIndex} is not at the head`);
    }
    this.pending.shift();
  }

  hasHeld(): boolean {
    return this.pending.some((s) => s.held);
  }

  /**
   * The partition lifted: give every held segment a fresh latency from `now`, and push any
   * segment queued behind it no earlier than it. Returns the rescheduled segments, in order.
   */
  release(now: TimeMs, drawLatency: () => TimeMs): Segment[] {
    const moved: Segment[] = [];
    let floor = now;
    for (const segment of this.pending) {
      if (segment.held) {
        segment.held = false;
        segment.deliverAt = Math.max(floor, now + drawLatency());
        segment.gen++;
        moved.push(segment);
      } else if (segment.deliverAt < floor) {
        segment.deliverAt = floor;
        segment.gen++;
        moved.push(segment);
      }
      floor = segment.deliverAt;
    }
    this.lastDeliverAt = Math.max(this.lastDeliverAt, floor);
    return moved;
  }

  /** Everything still on the link is lost (the connection broke). Returns it, in order. */
  drain(): Segment[] {
    const lost = this.pending.splice(0);
    for (const segment of lost) segment.lost = true;
    return lost;
  }
}
