/**
 * Each server's watch tables as a function of the trace: the typed facts "server S
 * registered a watch of client C on path P" and "… removed it", derived from what the trace
 * already holds, so the trace (and every link keyed by its positions) stays as it is. Views
 * read the facts and the tables; the wire's request shapes, opcodes and error codes, and
 * the WatchManager's rules, stay here, in the engine.
 *
 * The rules are ZooKeeper 3.8.4's (zookeeper-server/src/main/java/org/apache/zookeeper/server/):
 * - A read registers when the server serves it, which is when it sends the reply, in the
 *   same step. `exists` registers before its lookup, so a NONODE reply still leaves a data
 *   watch (DataTree.java:718-725 `statNode`); `getData` and `getChildren` throw NONODE (and
 *   NOAUTH) before they register (FinalRequestProcessor.java:667-676, DataTree.java:701-710,
 *   :734-747). Any other error leaves nothing (FinalRequestProcessor.java:369-371: exists'
 *   BADARGUMENTS is thrown first).
 * - `addWatch` puts an entry of its mode in both tables (DataTree.java:695-699).
 * - `setWatches` (a reconnect) fires at once, instead of registering, a data or child watch
 *   whose node changed or went, and an exist watch whose node now exists; it registers the
 *   rest and every persistent one (DataTree.java:1519-1558). Those immediate events are
 *   traced (`watch.fire`) before the reply leaves, so the fired paths are left out.
 * - One entry per (watcher, path) per table: a new one replaces the old whatever its mode
 *   (WatchManager.java `addWatch`).
 * - A triggered event removes the one-time (STANDARD) entries it reaches at its own path,
 *   even when the delivery is suppressed or withheld (WatchManager.java:126-160): NodeCreated
 *   and NodeDataChanged the data table's, NodeChildrenChanged the child table's, NodeDeleted
 *   both. Persistent entries stay.
 * - `removeWatches` drops the entries of the named table(s) for the path, whatever their
 *   mode (DataTree.java:1618-1637); a connection the server forgets loses all its watches
 *   (DataTree.java:1514-1517 `removeCnxn`), and a server that crashes loses its tables.
 * test/unit/zk/watch-trace.test.ts holds the derivation to the server's own tables
 * (`ZooKeeperServer.watchesByPeer`) at every step of the book's runs.
 *
 * Imports the kernel's trace types and this folder's types. Pure; no clock.
 */

import type { TraceEvent } from '../sim/trace.ts';
import type { NodeId } from '../sim/types.ts';
import type { ServerEvent } from './events.ts';
import { Code } from './errors.ts';
import type { ClientMessage, Request, ServerMessage } from './protocol.ts';
import type { EventType, WatcherMode } from './watch-manager.ts';

/** The two watch tables of a server (`DataTree.dataWatches`, `childWatches`). */
export type WatchTable = 'data' | 'child';

/** Why a server forgot a watch. */
export type WatchRemoval = 'triggered' | 'removeWatches' | 'connection closed' | 'server down';

/** A typed fact about a server's watch tables, at the trace index that made it true. */
export type WatchFact =
  | { readonly type: 'watch.add'; readonly index: number; readonly server: NodeId; readonly client: NodeId; readonly path: string; readonly table: WatchTable; readonly mode: WatcherMode }
  | { readonly type: 'watch.remove'; readonly index: number; readonly server: NodeId; readonly client: NodeId; readonly path: string; readonly table: WatchTable; readonly cause: WatchRemoval };

/** What a watch looks like to a reader: a one-time data or child watch, or a persistent (recursive) one. */
export type WatchKind = 'data' | 'child' | 'persistent' | 'recursive';

/** One watch of a server, as the views list it. */
export interface WatchEntry {
  readonly client: NodeId;
  readonly path: string;
  readonly kind: WatchKind;
}

/** A table entry asked for by a request, registered when its reply says so. */
interface Asked {
  readonly path: string;
  readonly table: WatchTable;
  readonly mode: WatcherMode;
  /** `exists`: a NONODE reply registers too. */
  readonly onNoNode: boolean;
  /** `setWatches`: an immediate event for the path fires instead of registering. */
  readonly firesAtOnce: readonly EventType[];
}

/** A request waiting for its reply: what it registers, or removes. */
type Pending = { readonly asked: readonly Asked[] } | { readonly remove: { readonly path: string; readonly tables: readonly WatchTable[] } };

/** The derivation's state: every server's tables and the requests in progress. Copy with `cloneWatchTrack`. */
export interface WatchTrack {
  /** server → client → path → table → mode. */
  readonly tables: Map<NodeId, Map<NodeId, Map<string, Map<WatchTable, WatcherMode>>>>;
  /** `client>server:xid` → the request's watches. */
  readonly pending: Map<string, Pending>;
  /** `client>server` → events (`NodeDeleted /a`) fired at the client while its setWatches was in progress. */
  readonly firedDuringSetWatches: Map<string, Set<string>>;
  /** session id → client, from `session.established`. */
  readonly sessions: Map<string, NodeId>;
}

export function newWatchTrack(): WatchTrack {
  return { tables: new Map(), pending: new Map(), firedDuringSetWatches: new Map(), sessions: new Map() };
}

export function cloneWatchTrack(t: WatchTrack): WatchTrack {
  const tables = new Map([...t.tables].map(([s, byClient]) => [s, new Map([...byClient].map(([c, byPath]) => [c, new Map([...byPath].map(([p, m]) => [p, new Map(m)]))]))]));
  return { tables, pending: new Map(t.pending), firedDuringSetWatches: new Map([...t.firedDuringSetWatches].map(([k, v]) => [k, new Set(v)])), sessions: new Map(t.sessions) };
}

/** Who is a server and who a client of the run. */
export interface Roles {
  isServer(id: NodeId): boolean;
  isClient(id: NodeId): boolean;
}

const DATA_EVENTS: readonly EventType[] = ['NodeCreated', 'NodeDataChanged', 'NodeDeleted'];
const CHILD_EVENTS: readonly EventType[] = ['NodeChildrenChanged', 'NodeDeleted'];

/** The watches a read or watch request asks the server for (empty for any other request). */
function watchesAsked(req: Request): readonly Asked[] {
  const one = (path: string, table: WatchTable, mode: WatcherMode, onNoNode: boolean, firesAtOnce: readonly EventType[] = []): Asked => ({ path, table, mode, onNoNode, firesAtOnce });
  switch (req.op) {
    case 'exists':
      return req.watch ? [one(req.path, 'data', 'STANDARD', true)] : [];
    case 'getData':
      return req.watch ? [one(req.path, 'data', 'STANDARD', false)] : [];
    case 'getChildren':
      return req.watch ? [one(req.path, 'child', 'STANDARD', false)] : [];
    case 'addWatch':
      return [one(req.path, 'data', req.mode, false), one(req.path, 'child', req.mode, false)];
    case 'setWatches':
      return [
        ...req.data.map((p) => one(p, 'data', 'STANDARD', false, ['NodeDeleted', 'NodeDataChanged'])),
        ...req.exist.map((p) => one(p, 'data', 'STANDARD', false, ['NodeCreated'])),
        ...req.child.map((p) => one(p, 'child', 'STANDARD', false, ['NodeDeleted', 'NodeChildrenChanged'])),
        ...req.persistent.flatMap((p) => [one(p, 'child', 'PERSISTENT', false), one(p, 'data', 'PERSISTENT', false)]),
        ...req.recursive.flatMap((p) => [one(p, 'child', 'PERSISTENT_RECURSIVE', false), one(p, 'data', 'PERSISTENT_RECURSIVE', false)]),
      ];
    default:
      return [];
  }
}

function pendingOf(req: Request): Pending | undefined {
  if (req.op === 'removeWatches') return { remove: { path: req.path, tables: req.watcherType === 'DATA' ? ['data'] : req.watcherType === 'CHILDREN' ? ['child'] : ['child', 'data'] } };
  const asked = watchesAsked(req);
  return asked.length > 0 ? { asked } : undefined;
}

/**
 * Fold one trace event into `t` (mutating it) and return the facts it makes true, in the
 * order the server's tables changed.
 */
export function foldWatchEvent(t: WatchTrack, e: TraceEvent, roles: Roles): WatchFact[] {
  const facts: WatchFact[] = [];
  const add = (server: NodeId, client: NodeId, path: string, table: WatchTable, mode: WatcherMode): void => {
    let byClient = t.tables.get(server);
    if (byClient === undefined) t.tables.set(server, (byClient = new Map()));
    let byPath = byClient.get(client);
    if (byPath === undefined) byClient.set(client, (byPath = new Map()));
    let entry = byPath.get(path);
    if (entry === undefined) byPath.set(path, (entry = new Map()));
    entry.set(table, mode);
    facts.push({ type: 'watch.add', index: e.index, server, client, path, table, mode });
  };
  const remove = (server: NodeId, client: NodeId, path: string, table: WatchTable, cause: WatchRemoval, onlyOneTime = false): void => {
    const byPath = t.tables.get(server)?.get(client);
    const entry = byPath?.get(path);
    const mode = entry?.get(table);
    if (mode === undefined || (onlyOneTime && mode !== 'STANDARD')) return;
    entry!.delete(table);
    if (entry!.size === 0) byPath!.delete(path);
    facts.push({ type: 'watch.remove', index: e.index, server, client, path, table, cause });
  };
  const forget = (server: NodeId, client: NodeId | undefined, cause: WatchRemoval): void => {
    const byClient = t.tables.get(server);
    if (byClient === undefined) return;
    for (const [c, byPath] of [...byClient]) {
      if (client !== undefined && c !== client) continue;
      for (const [path, entry] of [...byPath]) for (const table of [...entry.keys()]) remove(server, c, path, table, cause);
      byClient.delete(c);
    }
  };
  switch (e.kind) {
    case 'send': {
      if (roles.isClient(e.from) && roles.isServer(e.to)) {
        const m = e.msg as ClientMessage;
        if (m.kind !== 'request') return facts;
        const p = pendingOf(m.req);
        const key = `${e.from}>${e.to}`;
        if (p !== undefined) t.pending.set(`${key}:${m.xid}`, p);
        if (m.req.op === 'setWatches') t.firedDuringSetWatches.set(key, new Set());
      } else if (roles.isServer(e.from) && roles.isClient(e.to)) {
        const m = e.msg as ServerMessage;
        if (m.kind !== 'reply') return facts;
        const key = `${e.to}>${e.from}`;
        const p = t.pending.get(`${key}:${m.xid}`);
        if (p === undefined) return facts;
        t.pending.delete(`${key}:${m.xid}`);
        const fired = t.firedDuringSetWatches.get(key);
        t.firedDuringSetWatches.delete(key);
        if ('remove' in p) {
          if (m.err === Code.OK) for (const table of p.remove.tables) remove(e.from, e.to, p.remove.path, table, 'removeWatches');
          return facts;
        }
        for (const a of p.asked) {
          const served = m.err === Code.OK || (m.err === Code.NONODE && a.onNoNode);
          const firedInstead = a.firesAtOnce.some((event) => fired?.has(`${event} ${a.path}`) === true);
          if (served && !firedInstead) add(e.from, e.to, a.path, a.table, a.mode);
        }
      }
      return facts;
    }
    case 'close':
    case 'disconnected':
      // The server forgets a connection when it closes it or learns it is gone (removeCnxn).
      if (roles.isServer(e.node) && roles.isClient(e.peer)) {
        forget(e.node, e.peer, 'connection closed');
        t.firedDuringSetWatches.delete(`${e.peer}>${e.node}`);
      }
      return facts;
    case 'crash':
    case 'restart':
      if (roles.isServer(e.node)) {
        forget(e.node, undefined, 'server down');
        for (const key of [...t.firedDuringSetWatches.keys()]) if (key.endsWith(`>${e.node}`)) t.firedDuringSetWatches.delete(key);
      }
      return facts;
    case 'protocol': {
      if (!roles.isServer(e.node)) return facts;
      const ev = e.event as ServerEvent;
      if (ev.type === 'session.established') t.sessions.set(ev.session, ev.peer);
      if ((ev.type === 'watch.fire' || ev.type === 'watch.withheld') && ev.path !== null) {
        const client = ev.type === 'watch.fire' ? ev.peer : t.sessions.get(ev.session);
        if (client === undefined) return facts;
        t.firedDuringSetWatches.get(`${client}>${e.node}`)?.add(`${ev.event} ${ev.path}`);
        if (DATA_EVENTS.includes(ev.event)) remove(e.node, client, ev.path, 'data', 'triggered', true);
        if (CHILD_EVENTS.includes(ev.event)) remove(e.node, client, ev.path, 'child', 'triggered', true);
      }
      return facts;
    }
    default:
      return facts;
  }
}

/** A server's watches as a reader sees them: a persistent entry once, however many tables hold it. */
export function watchesOf(t: WatchTrack, server: NodeId): WatchEntry[] {
  const out: WatchEntry[] = [];
  for (const [client, byPath] of t.tables.get(server) ?? []) {
    for (const [path, entry] of byPath) {
      const kinds = new Set<WatchKind>();
      for (const [table, mode] of entry) kinds.add(mode === 'STANDARD' ? table : mode === 'PERSISTENT' ? 'persistent' : 'recursive');
      for (const kind of kinds) out.push({ client, path, kind });
    }
  }
  return out;
}

/** Every server's table entries as `[server, client, path, table, mode]` rows, sorted (for comparing with a live server). */
export function tableRows(t: WatchTrack): string[] {
  const rows: string[] = [];
  for (const [server, byClient] of t.tables) for (const [client, byPath] of byClient) for (const [path, entry] of byPath) for (const [table, mode] of entry) rows.push(`${server} ${client} ${path} ${table} ${mode}`);
  return rows.sort();
}
