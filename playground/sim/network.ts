/**
 * The simulated network between ZooKeeper nodes: FIFO connections (as TCP), latency drawn
 * from the seeded `network` stream, partitions, and the faults TCP has.
 *
 * Lifecycle of a connection between `a` (opener) and `b`:
 * - `connect`: if `b` is down (or unknown), `a` gets `connectFailed` (refused) after one
 *   latency draw. Otherwise, after one latency draw, both ends get `connected` (opener
 *   first) at the same instant. If a partition separates them, the attempt keeps trying
 *   until `connectTimeoutMs` after the connect, then `a` gets `connectFailed` (timeout).
 *   There is at most one connection per pair: a `connect` while one is opening or open does
 *   nothing (so a simultaneous open from both sides yields one connection, both told).
 * - `send`: only on an open connection; otherwise dropped and traced with a reason. Each
 *   message's delivery time is drawn at send time and is never earlier than the previous
 *   message's on the same direction.
 * - `disconnect` by `a`: messages `a` already sent still arrive, then `b` gets
 *   `disconnected` (closed-by-peer). Messages in flight towards `a` are dropped (closed);
 *   `a` itself is told nothing (it asked).
 * - A partition holds messages on connections it crosses, however long it lasts, as a
 *   silent network does (TCP retransmits; nothing tells either end): when it lifts, held
 *   messages flow again in order. Nobody is told of a partition; each end notices only by
 *   its own timers (the client's read timeout, the learner's syncLimit × tickTime, the
 *   leader's tick check, a session's expiry) and closes the connection itself.
 * - Breaks (`breakConnection`, a crash): everything in flight is
 *   lost (traced as drops) and every surviving end is told at once: `disconnected`, or
 *   `connectFailed` for the opener of a connection still opening.
 * - Latency: one range for every link (`setLatency`, which also ends every per-link
 *   setting), or one range for both directions of one link (`setLinkLatency`); either applies
 *   to what is sent (or opened, or closed) from then on.
 * - A frozen node (the kernel's `freeze`) answers nothing: a message or close reaching it is
 *   parked at the head of its link (traced as `hold`) and handed to the kernel, which lands
 *   it at the thaw (`land`); a connection to or from it cannot open until then (as across
 *   a partition, the attempt times out after `connectTimeoutMs`).
 *
 * Imports the kernel contract, the link and partition helpers and the PRNG. It never steps a
 * node itself: it hands inputs to the kernel through `NetworkHost`.
 */

import { FifoLink, type Segment } from './fifo-link.ts';
import { Partition } from './partition.ts';
import type { Prng } from './prng.ts';
import type { ConnectFailReason, DisconnectReason, DropReason, TraceBody } from './trace.ts';
import type { Input, NodeId, TimeMs } from './types.ts';

export interface LatencyRange {
  readonly minMs: TimeMs;
  readonly maxMs: TimeMs;
}

/** What the network needs from the kernel. */
export interface NetworkHost {
  now(): TimeMs;
  schedule(time: TimeMs, event: NetEvent): void;
  /** Append to the trace; returns the new event's index. */
  trace(body: TraceBody): number;
  /** `trace` for the two most frequent events, without building a body first. */
  traceSend(from: NodeId, to: NodeId, msg: unknown, conn: number, sentAt: TimeMs, deliverAt: TimeMs): number;
  traceDeliver(from: NodeId, to: NodeId, msg: unknown, conn: number, sendIndex: number): void;
  isUp(node: NodeId): boolean;
  /** Step `node` with `input` now (the node must be up). */
  deliver(node: NodeId, input: Input): void;
  /** `segment` reached `node`, which is frozen: the kernel keeps it for the thaw. */
  park(node: NodeId, segment: Segment<Connection>): void;
}

type ConnectionState = 'opening' | 'open' | 'closing' | 'closed';

export class Connection {
  readonly id: number;
  readonly opener: NodeId;
  readonly acceptor: NodeId;
  readonly openedAt: TimeMs;
  state: ConnectionState = 'opening';
  /** The end that closed it (state `closing`), which is owed no notice. */
  closedBy: NodeId | null = null;
  /** opener -> acceptor */
  readonly forward: FifoLink<Connection>;
  /** acceptor -> opener */
  readonly backward: FifoLink<Connection>;
  establishGen = 0;

  constructor(id: number, opener: NodeId, acceptor: NodeId, openedAt: TimeMs) {
    this.id = id;
    this.opener = opener;
    this.acceptor = acceptor;
    this.openedAt = openedAt;
    this.forward = new FifoLink(opener, acceptor, this);
    this.backward = new FifoLink(acceptor, opener, this);
  }
}

/**
 * The network's own events in the kernel queue. A message (or close) in flight is its
 * `Segment` itself: one object per message, scheduled once (see fifo-link.ts).
 */
export type NetEvent =
  | Segment<Connection>
  | { kind: 'establish'; conn: Connection; gen: number }
  | { kind: 'refused'; node: NodeId; incarnation: number; peer: NodeId };

export interface NetworkConfig {
  latency: LatencyRange;
  connectTimeoutMs: TimeMs;
}

/** The current connection of each unordered pair of nodes, without building a key string per lookup. */
class PairMap {
  private readonly byNode = new Map<NodeId, Map<NodeId, Connection>>();

  get(a: NodeId, b: NodeId): Connection | undefined {
    return this.byNode.get(a)?.get(b);
  }

  set(a: NodeId, b: NodeId, conn: Connection): void {
    this.row(a).set(b, conn);
    this.row(b).set(a, conn);
  }

  delete(a: NodeId, b: NodeId): void {
    this.byNode.get(a)?.delete(b);
    this.byNode.get(b)?.delete(a);
  }

  private row(a: NodeId): Map<NodeId, Connection> {
    let row = this.byNode.get(a);
    if (row === undefined) {
      row = new Map();
      this.byNode.set(a, row);
    }
    return row;
  }
}

export function checkLatency(minMs: TimeMs, maxMs: TimeMs): void {
  if (!Number.isSafeInteger(minMs) || !Number.isSafeInteger(maxMs) || minMs < 0 || maxMs < minMs) {
    throw new Error(`latency must be integers 0 <= minMs <= maxMs, got ${minMs}..${maxMs}`);
  }
}

export class Network {
  private readonly host: NetworkHost;
  private readonly rng: Prng;
  private readonly config: NetworkConfig;
  private latency: LatencyRange;
  /** Per-link ranges (both directions), or null while there are none: the common case costs one test. */
  private linkLatency: Map<NodeId, Map<NodeId, LatencyRange>> | null = null;
  private partition: Partition | null = null;
  /** Nodes whose host is frozen (the kernel keeps this in step). */
  private readonly frozen = new Set<NodeId>();
  private nextConnId = 1;
  /** Every connection not yet closed, in creation order. */
  private readonly live = new Map<number, Connection>();
  /** The current connection of each pair (a closing one may linger in `live` behind it). */
  private readonly pairs = new PairMap();
  /** Incarnation counters, for `refused` notices to a node that crashed meanwhile. */
  private readonly incarnationOf: (node: NodeId) => number;

  constructor(host: NetworkHost, rng: Prng, config: NetworkConfig, incarnationOf: (node: NodeId) => number) {
    checkLatency(config.latency.minMs, config.latency.maxMs);
    this.host = host;
    this.rng = rng;
    this.config = config;
    this.latency = config.latency;
    this.incarnationOf = incarnationOf;
  }

  get latencyRange(): LatencyRange {
    return this.latency;
  }

  /** The range of every link from now on (per-link settings end). */
  setLatency(minMs: TimeMs, maxMs: TimeMs): void {
    checkLatency(minMs, maxMs);
    this.latency = { minMs, maxMs };
    this.linkLatency = null;
  }

  /** The range of the link between `a` and `b`, both directions, from now on. */
  setLinkLatency(a: NodeId, b: NodeId, minMs: TimeMs, maxMs: TimeMs): void {
    checkLatency(minMs, maxMs);
    if (a === b) throw new Error(`setLinkLatency: ${a} to itself`);
    const range = { minMs, maxMs };
    const map = (this.linkLatency ??= new Map());
    for (const [x, y] of [[a, b], [b, a]] as const) {
      let row = map.get(x);
      if (row === undefined) map.set(x, (row = new Map()));
      row.set(y, range);
    }
  }

  canTalk(a: NodeId, b: NodeId): boolean {
    return this.partition === null || this.partition.canTalk(a, b);
  }

  /** The kernel froze or thawed `node`. */
  setFrozen(node: NodeId, frozen: boolean): void {
    if (frozen) this.frozen.add(node);
    else this.frozen.delete(node);
  }

  /** Whether a connection between `a` and `b` can open now (no partition between them, neither frozen). */
  private canOpen(a: NodeId, b: NodeId): boolean {
    return this.canTalk(a, b) && (this.frozen.size === 0 || (!this.frozen.has(a) && !this.frozen.has(b)));
  }

  /** The open connection between `a` and `b`, if any. */
  isConnected(a: NodeId, b: NodeId): boolean {
    return this.pairs.get(a, b)?.state === 'open';
  }

  /** A delay for something sent from `from` to `to` now. */
  private drawLatency(from: NodeId, to: NodeId): TimeMs {
    const range = (this.linkLatency !== null ? this.linkLatency.get(from)?.get(to) : undefined) ?? this.latency;
    return this.rng.range(range.minMs, range.maxMs);
  }

  private linkFrom(conn: Connection, from: NodeId): FifoLink<Connection> {
    return from === conn.opener ? conn.forward : conn.backward;
  }

  // ---- effects --------------------------------------------------------------------------

  connect(from: NodeId, to: NodeId): void {
    if (from === to) throw new Error(`${from}: connect to itself`);
    const now = this.host.now();
    const existing = this.pairs.get(from, to);
    if (existing && (existing.state === 'opening' || existing.state === 'open')) {
      this.host.trace({ kind: 'connect', from, to, conn: existing.id, note: `already ${existing.state}` });
      return;
    }
    if (!this.host.isUp(to)) {
      this.host.trace({ kind: 'connect', from, to, conn: null, note: `${to} is down` });
      const event: NetEvent = { kind: 'refused', node: from, incarnation: this.incarnationOf(from), peer: to };
      this.host.schedule(now + this.drawLatency(to, from), event);
      return;
    }
    const conn = new Connection(this.nextConnId++, from, to, now);
    this.host.trace({ kind: 'connect', from, to, conn: conn.id });
    // A connection replacing one still closing opens only after that one's last segment
    // (its close) has arrived, so the peer never hears `connected` before the old `disconnected`.
    let establishAt = now + this.drawLatency(from, to);
    if (existing) establishAt = Math.max(establishAt, existing.forward.tail, existing.backward.tail);
    this.live.set(conn.id, conn);
    this.pairs.set(from, to, conn);
    this.host.schedule(establishAt, { kind: 'establish', conn, gen: conn.establishGen });
  }

  send(from: NodeId, to: NodeId, msg: unknown): void {
    const conn = this.pairs.get(from, to);
    let reason: DropReason | null = null;
    if (!conn) reason = 'no-connection';
    else if (conn.state === 'opening') reason = 'not-connected';
    else if (conn.state !== 'open') reason = 'closed';
    if (reason !== null || !conn) {
      this.host.trace({ kind: 'drop', from, to, msg, reason: reason ?? 'no-connection', sendIndex: null });
      return;
    }
    const now = this.host.now();
    const link = this.linkFrom(conn, from);
    const latency = this.drawLatency(from, to);
    const deliverAt = Math.max(now + latency, link.tail);
    const sendIndex = this.host.traceSend(from, to, msg, conn.id, now, deliverAt);
    this.scheduleSegment(link.enqueue(sendIndex, msg, false, now, latency));
  }

  close(from: NodeId, to: NodeId): void {
    const conn = this.pairs.get(from, to);
    if (!conn || conn.state === 'closed') {
      this.host.trace({ kind: 'close', node: from, peer: to, conn: null, deliverAt: null, note: 'no connection' });
      return;
    }
    if (conn.state === 'closing') {
      if (conn.closedBy === from) {
        this.host.trace({ kind: 'close', node: from, peer: to, conn: conn.id, deliverAt: null, note: 'already closing' });
        return;
      }
      // Both ends closed: nobody is owed anything more.
      this.host.trace({ kind: 'close', node: from, peer: to, conn: conn.id, deliverAt: null });
      this.retire(conn, 'closed');
      return;
    }
    if (conn.state === 'opening') {
      this.host.trace({ kind: 'close', node: from, peer: to, conn: conn.id, deliverAt: null, note: 'was opening' });
      this.retire(conn, 'closed');
      if (from !== conn.opener) this.failOpener(conn, 'closed');
      return;
    }
    conn.state = 'closing';
    conn.closedBy = from;
    const out = this.linkFrom(conn, from);
    const latency = this.drawLatency(from, to);
    const deliverAt = Math.max(this.host.now() + latency, out.tail);
    const closeIndex = this.host.trace({ kind: 'close', node: from, peer: to, conn: conn.id, deliverAt });
    this.dropAll(this.linkFrom(conn, to), 'closed');
    const fin = out.enqueue(closeIndex, null, true, this.host.now(), latency);
    this.scheduleSegment(fin);
  }

  // ---- faults ---------------------------------------------------------------------------

  /** `node` crashed (the kernel already marked it down): break all its connections. */
  crashed(node: NodeId): void {
    for (const conn of [...this.live.values()]) {
      if (conn.opener === node || conn.acceptor === node) this.breakConnection(conn, 'crash', node);
    }
  }

  /** The `breakConnection` fault: every live connection between `a` and `b` breaks. */
  breakBetween(a: NodeId, b: NodeId): void {
    this.host.trace({ kind: 'break', a, b, reason: 'fault' });
    for (const conn of [...this.live.values()]) {
      const between = (conn.opener === a && conn.acceptor === b) || (conn.opener === b && conn.acceptor === a);
      if (between) this.breakConnection(conn, 'broken', null);
    }
  }

  setPartition(groups: readonly (readonly NodeId[])[] | null): void {
    this.partition = groups === null ? null : new Partition(groups);
    const now = this.host.now();
    for (const conn of this.live.values()) {
      if (conn.state !== 'open' && conn.state !== 'closing') continue;
      if (!this.canTalk(conn.opener, conn.acceptor)) continue;
      for (const link of [conn.forward, conn.backward]) {
        if (!link.hasHeld()) continue;
        for (const segment of link.release(now, () => this.drawLatency(link.from, link.to))) {
          this.host.trace({
            kind: 'release',
            from: link.from,
            to: link.to,
            conn: conn.id,
            sendIndex: segment.sendIndex,
            deliverAt: segment.deliverAt,
          });
          this.scheduleSegment(segment);
        }
      }
    }
  }

  // ---- queue events ---------------------------------------------------------------------

  isStale(event: NetEvent): boolean {
    switch (event.kind) {
      case 'segment':
        return event.lost || event.link.conn.state === 'closed';
      case 'establish':
        return event.conn.state !== 'opening' || event.conn.establishGen !== event.gen;
      case 'refused':
        return !this.host.isUp(event.node) || this.incarnationOf(event.node) !== event.incarnation;
    }
  }

  /** Perform a (non-stale) network event. */
  fire(event: NetEvent): void {
    switch (event.kind) {
      case 'segment':
        return this.arrive(event);
      case 'establish':
        return this.establish(event.conn);
      case 'refused':
        this.host.trace({ kind: 'connectFailed', node: event.node, peer: event.peer, reason: 'refused' });
        return this.host.deliver(event.node, { kind: 'connectFailed', peer: event.peer });
    }
  }

  private scheduleSegment(segment: Segment<Connection>): void {
    this.host.schedule(segment.deliverAt, segment);
  }

  private arrive(segment: Segment<Connection>): void {
    const link = segment.link;
    const conn = link.conn;
    if (!this.canTalk(link.from, link.to)) {
      segment.held = true;
      this.host.trace({ kind: 'hold', from: link.from, to: link.to, conn: conn.id, sendIndex: segment.sendIndex });
      return;
    }
    if (this.frozen.size > 0 && this.frozen.has(link.to)) {
      segment.parked = true;
      this.host.trace({ kind: 'hold', from: link.from, to: link.to, conn: conn.id, sendIndex: segment.sendIndex });
      this.host.park(link.to, segment);
      return;
    }
    this.land(segment);
  }

  /** Hand an arrived segment to its node: now, or at the thaw for one parked at a frozen node (skipped if lost meanwhile). */
  land(segment: Segment<Connection>): void {
    if (segment.lost) return;
    segment.parked = false;
    const link = segment.link;
    const conn = link.conn;
    link.take(segment);
    if (segment.fin) {
      this.retire(conn, 'closed');
      this.host.trace({ kind: 'disconnected', node: link.to, peer: link.from, conn: conn.id, reason: 'closed-by-peer' });
      this.host.deliver(link.to, { kind: 'disconnected', peer: link.from });
      return;
    }
    this.host.traceDeliver(link.from, link.to, segment.msg, conn.id, segment.sendIndex);
    this.host.deliver(link.to, { kind: 'message', from: link.from, msg: segment.msg });
  }

  private establish(conn: Connection): void {
    const now = this.host.now();
    if (!this.canOpen(conn.opener, conn.acceptor)) {
      const deadline = conn.openedAt + this.config.connectTimeoutMs;
      if (now < deadline) {
        conn.establishGen++;
        this.host.schedule(deadline, { kind: 'establish', conn, gen: conn.establishGen });
        return;
      }
      this.retire(conn, 'closed');
      this.failOpener(conn, 'timeout');
      return;
    }
    conn.state = 'open';
    this.host.trace({ kind: 'connected', node: conn.opener, peer: conn.acceptor, conn: conn.id });
    this.host.deliver(conn.opener, { kind: 'connected', peer: conn.acceptor });
    if ((conn.state as ConnectionState) === 'closed') return; // the opener's reaction may have closed it
    this.host.trace({ kind: 'connected', node: conn.acceptor, peer: conn.opener, conn: conn.id });
    this.host.deliver(conn.acceptor, { kind: 'connected', peer: conn.opener });
  }

  private failOpener(conn: Connection, reason: ConnectFailReason): void {
    if (!this.host.isUp(conn.opener)) return;
    this.host.trace({ kind: 'connectFailed', node: conn.opener, peer: conn.acceptor, reason });
    this.host.deliver(conn.opener, { kind: 'connectFailed', peer: conn.acceptor });
  }

  private retire(conn: Connection, dropReason: DropReason): void {
    conn.state = 'closed';
    this.live.delete(conn.id);
    if (this.pairs.get(conn.opener, conn.acceptor) === conn) this.pairs.delete(conn.opener, conn.acceptor);
    this.dropAll(conn.forward, dropReason);
    this.dropAll(conn.backward, dropReason);
  }

  private dropAll(link: FifoLink<Connection>, reason: DropReason): void {
    for (const segment of link.drain()) {
      if (segment.fin) continue;
      this.host.trace({ kind: 'drop', from: link.from, to: link.to, msg: segment.msg, reason, sendIndex: segment.sendIndex });
    }
  }

  /** Lose everything in flight, then tell each surviving end (opener first). */
  private breakConnection(conn: Connection, cause: 'crash' | 'broken', crashed: NodeId | null): void {
    const wasOpening = conn.state === 'opening';
    const closedBy = conn.closedBy;
    this.retire(conn, cause);
    if (wasOpening) {
      if (conn.opener !== crashed) this.failOpener(conn, cause);
      return;
    }
    const reason: DisconnectReason = cause;
    for (const [end, peer] of [
      [conn.opener, conn.acceptor],
      [conn.acceptor, conn.opener],
    ] as const) {
      if (end === crashed || end === closedBy || !this.host.isUp(end)) continue;
      this.host.trace({ kind: 'disconnected', node: end, peer, conn: conn.id, reason });
      this.host.deliver(end, { kind: 'disconnected', peer });
    }
  }
}
