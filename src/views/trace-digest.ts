/**
 * The trace digested for the live views: what every server and client looked like after
 * the first `position` events of a run. A pure function of (trace, position): `clusterAt`
 * folds the events one by one from an empty state. `TraceDigest` gives the same answer
 * fast for a growing trace, from checkpoints (a copy of the state every
 * `CHECKPOINT_EVERY` events) and a moving cursor, so a view can ask on every animation
 * frame and after every step back. Tests hold the two to the same results.
 *
 * The state is what the views draw: each server's role, phase, epoch, last logged and last
 * delivered zxid, the leader it follows, its log's tail (proposed / committed / truncated),
 * its watches (who watches which path: the engine's derivation of its watch tables,
 * playground/zk/watch-trace.ts, which this only lists); each client's server and session state; messages
 * in flight; the partition and the latency in force; which hosts are frozen.
 *
 * Imports kernel and protocol types and the engine's watch derivation; no DOM, no D3.
 */

import type { TraceEvent } from '../../playground/sim/trace.ts';
import type { NodeId } from '../../playground/sim/types.ts';
import { cloneWatchTrack, foldWatchEvent, newWatchTrack, watchesOf, type WatchEntry, type WatchTrack } from '../../playground/zk/watch-trace.ts';

import { traced } from './traced.ts';

export type { WatchKind } from '../../playground/zk/watch-trace.ts';

export type Role = 'LOOKING' | 'FOLLOWING' | 'LEADING' | 'OBSERVING' | 'DOWN';

export type LogStatus = 'proposed' | 'committed' | 'truncated';

export interface LogEntry {
  readonly zxid: string;
  readonly status: LogStatus;
  /** Trace index of the event that gave the entry its status. */
  readonly since: number;
}

/** One watch a server holds, as the tables list it. */
export type WatchView = WatchEntry;

export interface ServerView {
  readonly id: NodeId;
  up: boolean;
  /** Its host is frozen (`freeze`): it neither sends nor receives until the thaw. */
  frozen: boolean;
  role: Role;
  phase: string;
  epoch: number;
  /** The server it follows (or itself when leading), once elected. */
  leader: NodeId | null;
  /** Its current vote while LOOKING. */
  vote: NodeId | null;
  round: number;
  lastLogged: string;
  lastDelivered: string;
  /** Leader only: the last zxid it committed. */
  lastCommitted: string;
  /** The tail of its log (at most LOG_TAIL entries). */
  log: LogEntry[];
  logged: number;
  truncated: number;
  watches: WatchView[];
}

export interface ClientView {
  readonly id: NodeId;
  started: boolean;
  up: boolean;
  /** Its host is frozen (`freeze`). */
  frozen: boolean;
  /** The server it has an open connection to. */
  server: NodeId | null;
  /** The server of its first established session: the diagram keeps the client beside it. */
  home: NodeId | null;
  state: string;
  session: string;
}

/** A message in flight. Immutable: a hold or release replaces it, so checkpoints share flights. */
export interface Flight {
  readonly sendIndex: number;
  readonly from: NodeId;
  readonly to: NodeId;
  readonly msg: unknown;
  readonly sentAt: number;
  readonly deliverAt: number;
  /** Waiting at a partition, or at a frozen receiver (in its receive buffer). */
  readonly held: boolean;
}

export interface ClusterState {
  /** Events folded in. */
  index: number;
  time: number;
  servers: Map<NodeId, ServerView>;
  clients: Map<NodeId, ClientView>;
  flights: Map<number, Flight>;
  partition: NodeId[][] | null;
  latency: [number, number] | null;
}

export const LOG_TAIL = 14;
const CHECKPOINT_EVERY = 256;

export function zxidValue(hex: string): bigint {
  try {
    return BigInt(hex);
  } catch {
    return 0n;
  }
}

function maxZxid(a: string, b: string): string {
  return zxidValue(b) > zxidValue(a) ? b : a;
}

export function emptyState(servers: readonly NodeId[], clients: readonly NodeId[]): ClusterState {
  const s: ClusterState = { index: 0, time: 0, servers: new Map(), clients: new Map(), flights: new Map(), partition: null, latency: null };
  for (const id of servers) s.servers.set(id, newServer(id));
  for (const id of clients) s.clients.set(id, { id, started: false, up: false, frozen: false, server: null, home: null, state: 'NOT_CONNECTED', session: '0x0' });
  return s;
}

function newServer(id: NodeId): ServerView {
  return { id, up: false, frozen: false, role: 'DOWN', phase: '', epoch: 0, leader: null, vote: null, round: 0, lastLogged: '0x0', lastDelivered: '0x0', lastCommitted: '0x0', log: [], logged: 0, truncated: 0, watches: [] };
}

export function cloneState(s: ClusterState): ClusterState {
  const servers = new Map<NodeId, ServerView>();
  for (const [id, v] of s.servers) servers.set(id, { ...v, log: [...v.log], watches: [...v.watches] });
  const clients = new Map<NodeId, ClientView>();
  for (const [id, c] of s.clients) clients.set(id, { ...c });
  // Flights are immutable (a hold or release replaces one): the map is copied, not them.
  return { index: s.index, time: s.time, servers, clients, flights: new Map(s.flights), partition: s.partition && s.partition.map((g) => [...g]), latency: s.latency && [...s.latency] };
}

/**
 * Folds one event into `s` (mutating it). `watches` is the engine's derivation of every
 * server's watch tables (requests in progress included): part of the state the caller
 * keeps (copied at checkpoints).
 */
export function foldEvent(s: ClusterState, e: TraceEvent, watches: WatchTrack): void {
  s.index = e.index + 1;
  s.time = e.time;
  const facts = foldWatchEvent(watches, e, { isServer: (id) => s.servers.has(id), isClient: (id) => s.clients.has(id) });
  for (const server of new Set(facts.map((f) => f.server))) {
    const v = s.servers.get(server);
    if (v) v.watches = watchesOf(watches, server);
  }
  switch (e.kind) {
    case 'start':
    case 'restart': {
      const v = s.servers.get(e.node);
      if (v) {
        v.up = true;
        v.frozen = false;
        v.role = 'LOOKING';
        v.phase = 'ELECTION';
        v.leader = null;
      }
      const c = s.clients.get(e.node);
      if (c) {
        c.started = true;
        c.up = true;
        c.frozen = false;
        c.server = null;
      }
      return;
    }
    case 'freeze':
    case 'thaw': {
      const v = s.servers.get(e.node) ?? s.clients.get(e.node);
      if (v) v.frozen = e.kind === 'freeze';
      return;
    }
    case 'crash': {
      const v = s.servers.get(e.node);
      if (v) {
        v.up = false;
        v.frozen = false;
        v.role = 'DOWN';
        v.leader = null;
        v.vote = null;
        for (const c of s.clients.values()) if (c.server === e.node) c.server = null;
      }
      const c = s.clients.get(e.node);
      if (c) {
        c.up = false;
        c.frozen = false;
        c.server = null;
      }
      return;
    }
    case 'send': {
      s.flights.set(e.index, { sendIndex: e.index, from: e.from, to: e.to, msg: e.msg, sentAt: e.sentAt, deliverAt: e.deliverAt, held: false });
      return;
    }
    case 'deliver':
    case 'drop':
      if (e.sendIndex !== null) s.flights.delete(e.sendIndex);
      return;
    case 'hold': {
      const f = s.flights.get(e.sendIndex);
      if (f) s.flights.set(e.sendIndex, { ...f, held: true });
      return;
    }
    case 'release': {
      const f = s.flights.get(e.sendIndex);
      if (f) s.flights.set(e.sendIndex, { ...f, deliverAt: e.deliverAt, held: false });
      return;
    }
    case 'connected': {
      const c = s.clients.get(e.node);
      if (c && s.servers.has(e.peer)) c.server = e.peer;
      return;
    }
    case 'disconnected':
    case 'close': {
      const c = s.clients.get(e.node);
      if (c && c.server === e.peer) c.server = null;
      return;
    }
    case 'partition':
      s.partition = e.groups.map((g) => [...g]);
      return;
    case 'heal':
      s.partition = null;
      return;
    case 'latency':
      // A one-link setting leaves the range in force elsewhere.
      if (e.between === undefined) s.latency = [e.minMs, e.maxMs];
      return;
    case 'protocol':
      foldProtocol(s, e.node, e.event, e.index);
      return;
    default:
      return;
  }
}

/** Index of `zxid` in the server's log tail, or -1. */
function logIndex(v: ServerView, zxid: string): number {
  const log = v.log;
  for (let i = 0; i < log.length; i++) if (log[i]!.zxid === zxid) return i;
  return -1;
}

function setLog(v: ServerView, zxid: string, status: LogStatus, index: number): void {
  const i = logIndex(v, zxid);
  if (i >= 0) v.log[i] = { zxid, status, since: index };
  else {
    v.log.push({ zxid, status, since: index });
    if (v.log.length > LOG_TAIL) v.log.splice(0, v.log.length - LOG_TAIL);
  }
}

/**
 * A follower's log tail once it installed its leader's snapshot at `upTo` (a SNAP sync): the
 * snapshot is now its history. An entry it had logged but not delivered, at or below `upTo`,
 * is in that history if the leader's own log has it (then it is committed here too); if the
 * leader's tail reaches back that far without it, the leader never had it, and it is dropped
 * with the old history, drawn as a TRUNC's entries are (in ZooKeeper 3.8 it stays in an old
 * log file, below the snapshot, and is never replayed: `FileTxnSnapLog.restore`). Older than
 * the leader's tail: nothing is known, and the entry is left as it was.
 */
function afterSnapshot(log: readonly LogEntry[], leaderLog: readonly LogEntry[], upTo: bigint, index: number): LogEntry[] {
  const oldest = leaderLog.length > 0 ? zxidValue(leaderLog[0]!.zxid) : null;
  const leaderHas = new Set(leaderLog.filter((l) => l.status !== 'truncated').map((l) => l.zxid));
  return log.map((l) => {
    const z = zxidValue(l.zxid);
    if (l.status !== 'proposed' || z > upTo) return l;
    if (leaderHas.has(l.zxid)) return { zxid: l.zxid, status: 'committed', since: index };
    return oldest !== null && z >= oldest ? { zxid: l.zxid, status: 'truncated', since: index } : l;
  });
}

function foldProtocol(s: ClusterState, node: NodeId, event: { type: string }, index: number): void {
  const ev = traced(event);
  const client = s.clients.get(node);
  if (client) {
    if (ev.type === 'client.state') {
      client.state = ev.state;
      client.session = ev.session;
      // Its first session's server (a server still electing accepts the TCP connection,
      // then closes it: that one is not home).
      if (client.state === 'CONNECTED' && client.server !== null) client.home ??= client.server;
    }
    return;
  }
  const v = s.servers.get(node);
  if (!v) return;
  switch (ev.type) {
    case 'zab.state':
      v.role = ev.state;
      v.phase = ev.phase;
      v.epoch = ev.epoch;
      if (v.role === 'LOOKING') v.leader = null;
      if (v.role === 'LEADING') v.leader = node;
      return;
    case 'zab.vote':
      v.vote = ev.leader || null;
      v.round = ev.round;
      return;
    case 'zab.elected':
      v.leader = ev.leader;
      v.vote = v.leader;
      return;
    case 'zab.epoch':
      v.epoch = Math.max(v.epoch, ev.current);
      return;
    case 'zab.log':
      v.lastLogged = maxZxid(v.lastLogged, ev.zxid);
      v.logged++;
      setLog(v, ev.zxid, 'proposed', index);
      return;
    case 'zab.commit':
      v.lastCommitted = maxZxid(v.lastCommitted, ev.zxid);
      return;
    case 'zab.deliver': {
      v.lastDelivered = maxZxid(v.lastDelivered, ev.zxid);
      const i = logIndex(v, ev.zxid);
      if (i >= 0) v.log[i] = { zxid: ev.zxid, status: 'committed', since: index };
      return;
    }
    case 'zab.truncate': {
      const to = zxidValue(ev.zxid);
      v.log = v.log.map((l) => (zxidValue(l.zxid) > to && l.status !== 'truncated' ? { zxid: l.zxid, status: 'truncated', since: index } : l));
      v.truncated += v.log.filter((l) => l.since === index).length;
      if (zxidValue(v.lastLogged) > to) v.lastLogged = ev.zxid;
      return;
    }
    case 'zab.snapshot': {
      v.lastDelivered = maxZxid(v.lastDelivered, ev.zxid);
      v.lastLogged = maxZxid(v.lastLogged, ev.zxid);
      const leader = v.leader === null || v.leader === node ? undefined : s.servers.get(v.leader);
      if (leader !== undefined) {
        v.log = afterSnapshot(v.log, leader.log, zxidValue(ev.zxid), index);
        v.truncated += v.log.filter((l) => l.since === index && l.status === 'truncated').length;
      }
      return;
    }
    case 'server.start':
      v.lastDelivered = maxZxid(v.lastDelivered, '0x0');
      return;
    default:
      return;
  }
}

/** The cluster after the first `position` events, folded from scratch (the reference). */
export function clusterAt(trace: readonly TraceEvent[], position: number, servers: readonly NodeId[], clients: readonly NodeId[]): ClusterState {
  const s = emptyState(servers, clients);
  const watches = newWatchTrack();
  const end = Math.min(position, trace.length);
  for (let i = 0; i < end; i++) foldEvent(s, trace[i]!, watches);
  return s;
}

/**
 * `clusterAt`, fast, for one growing trace (the same array, only ever appended to). Also
 * indexes, once, when each message was delivered or dropped, so a view can draw arrows
 * that ended before the position without folding.
 */
export class TraceDigest {
  readonly trace: readonly TraceEvent[];
  readonly servers: readonly NodeId[];
  readonly clients: readonly NodeId[];
  private readonly checkpoints: { state: ClusterState; watches: WatchTrack }[] = [];
  private cursor: { state: ClusterState; watches: WatchTrack };
  /** sendIndex → index of the deliver/drop event that ended it. */
  private readonly ended = new Map<number, number>();
  /** zxid → the leader's label for its transaction (from `zab.propose`). */
  private readonly txnLabels = new Map<string, string>();
  private indexed = 0;

  constructor(trace: readonly TraceEvent[], servers: readonly NodeId[], clients: readonly NodeId[]) {
    this.trace = trace;
    this.servers = servers;
    this.clients = clients;
    const first = { state: emptyState(servers, clients), watches: newWatchTrack() };
    this.checkpoints.push(first);
    this.cursor = { state: cloneState(first.state), watches: newWatchTrack() };
  }

  /** The state after `position` events. Do not mutate it; it is reused by the next call. */
  at(position: number): ClusterState {
    const target = Math.min(position, this.trace.length);
    if (this.cursor.state.index > target || target - this.cursor.state.index > CHECKPOINT_EVERY) {
      const k = Math.min(Math.floor(target / CHECKPOINT_EVERY), this.checkpoints.length - 1);
      if (k * CHECKPOINT_EVERY > this.cursor.state.index || this.cursor.state.index > target) {
        const cp = this.checkpoints[k]!;
        this.cursor = { state: cloneState(cp.state), watches: cloneWatchTrack(cp.watches) };
      }
    }
    const { state, watches } = this.cursor;
    while (state.index < target) {
      foldEvent(state, this.trace[state.index]!, watches);
      if (state.index % CHECKPOINT_EVERY === 0 && this.checkpoints.length === state.index / CHECKPOINT_EVERY) {
        this.checkpoints.push({ state: cloneState(state), watches: cloneWatchTrack(watches) });
      }
    }
    return state;
  }

  /** Index of the deliver/drop event that ended message `sendIndex`, if any has happened yet. */
  endOf(sendIndex: number): number | undefined {
    this.indexTo(this.trace.length);
    return this.ended.get(sendIndex);
  }

  /** Labels of the transactions proposed so far (zxid → "setData /config"). */
  get labels(): ReadonlyMap<string, string> {
    this.indexTo(this.trace.length);
    return this.txnLabels;
  }

  private indexTo(n: number): void {
    for (; this.indexed < n; this.indexed++) {
      const e = this.trace[this.indexed]!;
      if ((e.kind === 'deliver' || e.kind === 'drop') && e.sendIndex !== null) this.ended.set(e.sendIndex, e.index);
      else if (e.kind === 'protocol') {
        const ev = traced(e.event);
        if ((ev.type === 'zab.propose' || ev.type === 'zab.deliver') && !this.txnLabels.has(ev.zxid)) this.txnLabels.set(ev.zxid, ev.txn);
      }
    }
  }
}
