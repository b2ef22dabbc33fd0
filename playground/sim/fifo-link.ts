/**
 * One direction of a FIFO connection (as TCP): the segments sent from `from` to `to` that
 * have not arrived yet, in send order, each with its delivery time.
 *
 * The rule it keeps: delays vary, order never does. A segment's `deliverAt` is never earlier
 * than that of the segment sent before it. A segment that reaches a partition is `held`;
 * when the partition lifts, `release` gives held segments (and anything queued behind them)
 * new, still ordered, delivery times. A segment that reaches a frozen node is `parked`: it
 * stays at the head of the link (parked ones are always a prefix) until the node takes it in.
 *
 * This is the link the kernel uses between ZooKeeper nodes. The Paxos engine's datagram
 * link (loss, duplication, reordering) will be a sibling with the same role, not a mode of
 * this one. Imports only the kernel contract's types; it schedules nothing itself: the
 * network schedules what these methods return. A segment is itself the network's queue
 * event (`kind: 'segment'`, with its `link`, whose `conn` is the owner's connection record),
 * scheduled exactly once: `release` replaces a segment it reschedules by a fresh copy and
 * marks the old one `lost`, so the old queue entry is stale.
 */

import type { NodeId, TimeMs } from './types.ts';

export interface Segment<C = unknown> {
  readonly kind: 'segment';
  /** The link it travels on. */
  readonly link: FifoLink<C>;
  /** Trace index of the `send` (or `close`) event that put this segment on the link. */
  readonly sendIndex: number;
  readonly msg: unknown;
  /** The close marker: the peer learns `disconnected` when it arrives. */
  readonly fin: boolean;
  readonly sentAt: TimeMs;
  readonly deliverAt: TimeMs;
  /** Reached a partition and waits for it to lift. */
  held: boolean;
  /** Reached a frozen node: it waits at the head of the link for the thaw (the receive buffer). */
  parked: boolean;
  /** Lost with its connection, or replaced by a rescheduled copy: any queue event for it is stale. */
  lost: boolean;
}

export class FifoLink<C = unknown> {
  readonly from: NodeId;
  readonly to: NodeId;
  /** The connection this link is one direction of (opaque here). */
  readonly conn: C;
  private readonly pending: Segment<C>[] = [];
  private lastDeliverAt: TimeMs = 0;

  constructor(from: NodeId, to: NodeId, conn: C) {
    this.from = from;
    this.to = to;
    this.conn = conn;
  }

  /** The time the last segment on this link is (now) due; nothing later may arrive before it. */
  get tail(): TimeMs {
    return this.lastDeliverAt;
  }

  get size(): number {
    return this.pending.length;
  }

  /** Queue a segment that would take `latencyMs` on an empty link; FIFO may make it later. */
  enqueue(sendIndex: number, msg: unknown, fin: boolean, now: TimeMs, latencyMs: TimeMs): Segment<C> {
    const deliverAt = Math.max(now + latencyMs, this.lastDeliverAt);
    this.lastDeliverAt = deliverAt;
    const segment: Segment<C> = { kind: 'segment', link: this, sendIndex, msg, fin, sentAt: now, deliverAt, held: false, parked: false, lost: false };
    this.pending.push(segment);
    return segment;
  }

  head(): Segment<C> | undefined {
    return this.pending[0];
  }

  /** Remove the head, which must be `segment` (the FIFO rule, asserted). */
  take(segment: Segment<C>): void {
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
  release(now: TimeMs, drawLatency: () => TimeMs): Segment<C>[] {
    const moved: Segment<C>[] = [];
    let floor = now;
    const pending = this.pending;
    for (let i = 0; i < pending.length; i++) {
      const segment = pending[i]!;
      if (segment.parked) continue; // already at the frozen end, ahead of everything held
      let deliverAt = segment.deliverAt;
      // A segment behind a rescheduled one must be rescheduled too when it would otherwise
      // share the floor time: its old queue event was scheduled earlier, so at equal times
      // it would fire first and overtake the segment ahead of it.
      const behindMoved = moved.length > 0 && segment.deliverAt === floor;
      if (segment.held) deliverAt = Math.max(floor, now + drawLatency());
      else if (segment.deliverAt < floor) deliverAt = floor;
      if (segment.held || behindMoved || deliverAt !== segment.deliverAt) {
        segment.lost = true;
        const copy: Segment<C> = { ...segment, deliverAt, held: false, lost: false };
        pending[i] = copy;
        moved.push(copy);
      }
      floor = deliverAt;
    }
    this.lastDeliverAt = Math.max(this.lastDeliverAt, floor);
    return moved;
  }

  /** Everything still on the link is lost (the connection broke). Returns it, in order. */
  drain(): Segment<C>[] {
    const lost = this.pending.splice(0);
    for (const segment of lost) segment.lost = true;
    return lost;
  }
}
