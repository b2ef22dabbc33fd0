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
 * its watches (who watches which path, learned from the requests and replies on the wire
 * and the server's `watch.fire` events); each client's server and session state; messages
 * in flight; the partition and the latency in force; which hosts are frozen.
 *
 * Imports kernel and protocol types only; no DOM, no D3.
 */

import type { TraceEvent } from '../../playground/sim/trace.ts';
import type { NodeId } from '../../playground/sim/types.ts';

export type Role = 'LOOKING' | 'FOLLOWING' | 'LEADING' | 'OBSERVING' | 'DOWN';

export type LogStatus = 'proposed' | 'committed' | 'truncated';

export interface LogEntry {
  readonly zxid: string;
  readonly status: LogStatus;
  /** Trace index of the event that gave the entry its status. */
  readonly since: number;
}

export type WatchKind = 'data' | 'child' | 'persistent' | 'recursive';

export interface WatchView {
  readonly client: NodeId;
  readonly path: string;
  readonly kind: WatchKind;
}

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

interface Msg {
  kind?: string;
  type?: string;
  xid?: number;
  err?: number;
  req?: { op: string; path?: string; watch?: boolean; mode?: string; data?: readonly string[]; exist?: readonly string[]; child?: readonly string[]; persistent?: readonly string[]; recursive?: readonly string[] };
  zxid?: bigint;
}

/** Watches a read asks for, server side (exists and getData share the data table, as in DataTree). */
function watchesAsked(req: NonNullable<Msg['req']>): { path: string; kind: WatchKind; onNoNode: boolean }[] {
  switch (req.op) {
    case 'getData':
      return req.watch === true && req.path ? [{ path: req.path, kind: 'data', onNoNode: false }] : [];
    case 'exists':
      return req.watch === true && req.path ? [{ path: req.path, kind: 'data', onNoNode: true }] : [];
    case 'getChildren':
      return req.watch === true && req.path ? [{ path: req.path, kind: 'child', onNoNode: false }] : [];
    case 'addWatch':
      return req.path ? [{ path: req.path, kind: req.mode === 'PERSISTENT_RECURSIVE' ? 'recursive' : 'persistent', onNoNode: true }] : [];
    case 'setWatches':
      return [
        ...(req.data ?? []).map((path) => ({ path, kind: 'data' as const, onNoNode: true })),
        ...(req.exist ?? []).map((path) => ({ path, kind: 'data' as const, onNoNode: true })),
        ...(req.child ?? []).map((path) => ({ path, kind: 'child' as const, onNoNode: true })),
        ...(req.persistent ?? []).map((path) => ({ path, kind: 'persistent' as const, onNoNode: true })),
        ...(req.recursive ?? []).map((path) => ({ path, kind: 'recursive' as const, onNoNode: true })),
      ];
    default:
      return [];
  }
}

const NONODE = -101;

/**
 * Folds one event into `s` (mutating it). `pending` remembers, per client connection, the
 * reads that asked for a watch until their reply leaves the server: it is part of the state
 * the caller keeps (copied at checkpoints).
 */
export function foldEvent(s: ClusterState, e: TraceEvent, pending: Map<string, { path: string; kind: WatchKind; onNoNode: boolean }[]>): void {
  s.index = e.index + 1;
  s.time = e.time;
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
        v.watches = [];
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
        v.watches = [];
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
      const m = e.msg as Msg;
      if (m.kind === 'request' && m.req && s.clients.has(e.from)) {
        const asked = watchesAsked(m.req);
        if (asked.length > 0) pending.set(`${e.from}>${e.to}:${m.xid}`, asked);
      } else if (m.kind === 'reply' && s.clients.has(e.to)) {
        const key = `${e.to}>${e.from}:${m.xid}`;
        const asked = pending.get(key);
        if (asked) {
          pending.delete(key);
          const server = s.servers.get(e.from);
          if (server) {
            for (const a of asked) {
              if (m.err === 0 || (m.err === NONODE && a.onNoNode)) addWatch(server, { client: e.to, path: a.path, kind: a.kind });
            }
          }
        }
      }
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
      // The server forgets the watches of a connection that is gone (removeCnxn).
      const server = s.servers.get(e.node);
      if (server && s.clients.has(e.peer)) server.watches = server.watches.filter((w) => w.client !== e.peer);
      const server2 = s.servers.get(e.peer);
      if (server2 && s.clients.has(e.node)) server2.watches = server2.watches.filter((w) => w.client !== e.node);
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

function addWatch(server: ServerView, w: WatchView): void {
  if (!server.watches.some((x) => x.client === w.client && x.path === w.path && x.kind === w.kind)) server.watches = [...server.watches, w];
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

function foldProtocol(s: ClusterState, node: NodeId, ev: { type: string; [k: string]: unknown }, index: number): void {
  const client = s.clients.get(node);
  if (client) {
    if (ev.type === 'client.state') {
      client.state = String(ev['state']);
      client.session = String(ev['session'] ?? client.session);
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
      v.role = ev['state'] as Role;
      v.phase = String(ev['phase']);
      v.epoch = Number(ev['epoch']);
      if (v.role === 'LOOKING') v.leader = null;
      if (v.role === 'LEADING') v.leader = node;
      return;
    case 'zab.vote':
      v.vote = String(ev['leader']) || null;
      v.round = Number(ev['round']);
      return;
    case 'zab.elected':
      v.leader = String(ev['leader']);
      v.vote = v.leader;
      return;
    case 'zab.epoch':
      v.epoch = Math.max(v.epoch, Number(ev['current']));
      return;
    case 'zab.log': {
      const z = String(ev['zxid']);
      v.lastLogged = maxZxid(v.lastLogged, z);
      v.logged++;
      setLog(v, z, 'proposed', index);
      return;
    }
    case 'zab.commit':
      v.lastCommitted = maxZxid(v.lastCommitted, String(ev['zxid']));
      return;
    case 'zab.deliver': {
      const z = String(ev['zxid']);
      v.lastDelivered = maxZxid(v.lastDelivered, z);
      const i = logIndex(v, z);
      if (i >= 0) v.log[i] = { zxid: z, status: 'committed', since: index };
      return;
    }
    case 'zab.truncate': {
      const to = zxidValue(String(ev['zxid']));
      v.log = v.log.map((l) => (zxidValue(l.zxid) > to && l.status !== 'truncated' ? { zxid: l.zxid, status: 'truncated', since: index } : l));
      v.truncated += v.log.filter((l) => l.since === index).length;
      if (zxidValue(v.lastLogged) > to) v.lastLogged = String(ev['zxid']);
      return;
    }
    case 'zab.snapshot': {
      const z = String(ev['zxid']);
      v.lastDelivered = maxZxid(v.lastDelivered, z);
      v.lastLogged = maxZxid(v.lastLogged, z);
      return;
    }
    case 'server.start':
      v.lastDelivered = maxZxid(v.lastDelivered, '0x0');
      return;
    case 'watch.fire': {
      const path = ev['path'] as string | null;
      const peer = ev['peer'] as string | undefined;
      if (path === null || peer === undefined) return;
      const t = String(ev['event']);
      const kinds: WatchKind[] = t === 'NodeChildrenChanged' ? ['child'] : t === 'NodeDeleted' ? ['data', 'child'] : ['data'];
      v.watches = v.watches.filter((w) => !(w.client === peer && w.path === path && kinds.includes(w.kind)));
      return;
    }
    default:
      return;
  }
}

/** The cluster after the first `position` events, folded from scratch (the reference). */
export function clusterAt(trace: readonly TraceEvent[], position: number, servers: readonly NodeId[], clients: readonly NodeId[]): ClusterState {
  const s = emptyState(servers, clients);
  const pending = new Map<string, { path: string; kind: WatchKind; onNoNode: boolean }[]>();
  const end = Math.min(position, trace.length);
  for (let i = 0; i < end; i++) foldEvent(s, trace[i]!, pending);
  return s;
}

type Pending = Map<string, { path: string; kind: WatchKind; onNoNode: boolean }[]>;

/**
 * `clusterAt`, fast, for one growing trace (the same array, only ever appended to). Also
 * indexes, once, when each message was delivered or dropped, so a view can draw arrows
 * that ended before the position without folding.
 */
export class TraceDigest {
  readonly trace: readonly TraceEvent[];
  readonly servers: readonly NodeId[];
  readonly clients: readonly NodeId[];
  private readonly checkpoints: { state: ClusterState; pending: Pending }[] = [];
  private cursor: { state: ClusterState; pending: Pending };
  /** sendIndex → index of the deliver/drop event that ended it. */
  private readonly ended = new Map<number, number>();
  /** zxid → the leader's label for its transaction (from `zab.propose`). */
  private readonly txnLabels = new Map<string, string>();
  private indexed = 0;

  constructor(trace: readonly TraceEvent[], servers: readonly NodeId[], clients: readonly NodeId[]) {
    this.trace = trace;
    this.servers = servers;
    this.clients = clients;
    const first = { state: emptyState(servers, clients), pending: new Map() as Pending };
    this.checkpoints.push(first);
    this.cursor = { state: cloneState(first.state), pending: new Map() };
  }

  /** The state after `position` events. Do not mutate it; it is reused by the next call. */
  at(position: number): ClusterState {
    const target = Math.min(position, this.trace.length);
    if (this.cursor.state.index > target || target - this.cursor.state.index > CHECKPOINT_EVERY) {
      const k = Math.min(Math.floor(target / CHECKPOINT_EVERY), this.checkpoints.length - 1);
      if (k * CHECKPOINT_EVERY > this.cursor.state.index || this.cursor.state.index > target) {
        const cp = this.checkpoints[k]!;
        this.cursor = { state: cloneState(cp.state), pending: new Map(cp.pending) };
      }
    }
    const { state, pending } = this.cursor;
    while (state.index < target) {
      foldEvent(state, this.trace[state.index]!, pending);
      if (state.index % CHECKPOINT_EVERY === 0 && this.checkpoints.length === state.index / CHECKPOINT_EVERY) {
        this.checkpoints.push({ state: cloneState(state), pending: new Map(pending) });
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
      else if (e.kind === 'protocol' && (e.event.type === 'zab.propose' || e.event.type === 'zab.deliver')) {
        const z = String(e.event['zxid']);
        if (!this.txnLabels.has(z)) this.txnLabels.set(z, String(e.event['txn'] ?? ''));
      }
    }
  }
}
