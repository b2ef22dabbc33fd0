/**
 * The client API readers program against: a promise-based mirror of the Java `ZooKeeper`
 * class (same method names, arguments, errors and watch semantics), wired into a
 * `Simulation`. `ZooKeeperClient` is the interface reader code uses; `node/real` can
 * implement it over a real server so the same code runs on both.
 *
 * Usage:
 * ```ts
 * const zk = await connect(sim, { id: 'c1', servers: ['s1'], sessionTimeoutMs: 4000 });
 * const path = await zk.create('/app', 'hello', OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
 * const { data, stat } = await zk.getData('/app', (e) => console.log(e.type, e.path));
 * ```
 * Arguments the Java client refuses before sending are refused here the same way, by a
 * synchronous throw: `IllegalArgumentException` (`code === 'ILLEGAL_ARGUMENT'`) for a bad
 * path, a TTL/mode mismatch or a mixed read/write multi; `KeeperException` INVALIDACL for an
 * empty ACL list. Server errors reject with `KeeperException` (`err.code === 'NONODE'`).
 *
 * Imports the kernel (Simulation type, nothing else), the client node and zk modules.
 */
import type { Simulation } from '../sim/simulation.ts';
import type { NodeId } from '../sim/types.ts';
import { CREATOR_ALL_ACL, OPEN_ACL_UNSAFE, Perms, READ_ACL_UNSAFE } from '../zk/acl.ts';
import type { ACL, Id } from '../zk/acl.ts';
import { utf8Decode, utf8Encode } from '../zk/bytes.ts';
import { Code, IllegalArgumentException, KeeperException } from '../zk/errors.ts';
import { pathProblem } from '../zk/path.ts';
import type { MultiOp, MultiResult, Request, Response } from '../zk/protocol.ts';
import { CREATE_MODES, CreateMode, createModeFlag, createOpcodeFor, ttlProblem } from '../zk/stat.ts';
import type { Stat } from '../zk/stat.ts';
import type { EventType, KeeperState } from '../zk/watch-manager.ts';
import { ClientNode } from './client-node.ts';
import { checkJuteMaxBuffer } from './packet-length.ts';
import { WatcherIds } from './watcher-ids.ts';
import type { ClientCommand, ClientOutput, States, WatchDeregistration, WatchRegistration } from './client-node.ts';

export { CreateMode, Perms, OPEN_ACL_UNSAFE, CREATOR_ALL_ACL, READ_ACL_UNSAFE, KeeperException, IllegalArgumentException };
export type { ACL, Id, Stat, States, EventType, KeeperState };

/** A watch notification or connection-state change, as Java's `WatchedEvent`. */
export interface WatcherEvent {
  /** What happened (`'None'` for connection-state changes). */
  readonly type: EventType;
  /** The connection state when it happened (`'SyncConnected'` for node events). */
  readonly state: KeeperState;
  /** The znode, or null for connection-state events. */
  readonly path: string | null;
}

/** A watcher: called once per event, in order (Java's `Watcher.process`). */
export type Watcher = (event: WatcherEvent) => void;

/** Znode data as a caller may pass it: bytes, a string (sent as UTF-8) or null. */
export type DataInput = Uint8Array | string | null;

/** `AddWatchMode`. */
export type AddWatchMode = 'PERSISTENT' | 'PERSISTENT_RECURSIVE';

/** `Watcher.WatcherType` for removeWatches. */
export type WatcherType = 'CHILDREN' | 'DATA' | 'ANY';

/** One operation of a `multi` (build them with `Op`). */
export type Op =
  | { readonly type: 'create'; readonly path: string; readonly data: DataInput; readonly acl: readonly ACL[]; readonly mode: CreateMode; readonly ttl: number }
  | { readonly type: 'delete'; readonly path: string; readonly version: number }
  | { readonly type: 'setData'; readonly path: string; readonly data: DataInput; readonly version: number }
  | { readonly type: 'check'; readonly path: string; readonly version: number }
  | { readonly type: 'getData'; readonly path: string }
  | { readonly type: 'getChildren'; readonly path: string };

/** Builders for multi operations, as Java's `Op.create(...)`, `Op.delete(...)`, .... */
export const Op = {
  /** Create a node (`ttl` only for TTL modes). */
  create(path: string, data: DataInput, acl: readonly ACL[] = OPEN_ACL_UNSAFE, mode: CreateMode = 'PERSISTENT', ttl = -1): Op {
    return { type: 'create', path, data, acl, mode, ttl };
  },
  /** Delete a node if its version matches (−1: any). */
  delete(path: string, version = -1): Op {
    return { type: 'delete', path, version };
  },
  /** Set data if the version matches (−1: any). */
  setData(path: string, data: DataInput, version = -1): Op {
    return { type: 'setData', path, data, version };
  },
  /** Fail the multi unless the node exists with this version (−1: any). */
  check(path: string, version = -1): Op {
    return { type: 'check', path, version };
  },
  /** A read op (read-only multis only). */
  getData(path: string): Op {
    return { type: 'getData', path };
  },
  /** A read op (read-only multis only). */
  getChildren(path: string): Op {
    return { type: 'getChildren', path };
  },
};

/** Per-op result of a successful multi (Java's `OpResult` subclasses). */
export type OpResult = MultiResult;

/** A fluent multi builder, as Java's `Transaction`. */
export interface Transaction {
  create(path: string, data: DataInput, acl?: readonly ACL[], mode?: CreateMode, ttl?: number): Transaction;
  delete(path: string, version?: number): Transaction;
  setData(path: string, data: DataInput, version?: number): Transaction;
  check(path: string, version?: number): Transaction;
  /** Send the ops as one `multi`. */
  commit(): Promise<OpResult[]>;
}

/** The ZooKeeper client API (Java names, promise-based). */
export interface ZooKeeperClient {
  /** Connection state (`ZooKeeper.States`). */
  readonly state: States;
  /** The session id (0 until connected). */
  readonly sessionId: bigint;
  /** The negotiated session timeout in ms (0 until connected). */
  readonly sessionTimeout: number;
  /**
   * Create a node; resolves with the created path (with the sequence suffix for
   * sequential modes). `ttl` is required for TTL modes and refused for the others.
   */
  create(path: string, data?: DataInput, acl?: readonly ACL[], mode?: CreateMode, ttl?: number): Promise<string>;
  /** `create(..., Stat)`: the created path and the new node's stat. */
  createWithStat(path: string, data?: DataInput, acl?: readonly ACL[], mode?: CreateMode, ttl?: number): Promise<{ path: string; stat: Stat }>;
  /** Delete a node if `version` matches its data version (−1: any). */
  delete(path: string, version?: number): Promise<void>;
  /** The node's stat, or null if it does not exist. `watch` true = default watcher; a watch is left even on a missing node. */
  exists(path: string, watch?: boolean | Watcher): Promise<Stat | null>;
  /** Data and stat; the watch (if any) fires on change or delete. */
  getData(path: string, watch?: boolean | Watcher): Promise<{ data: Uint8Array | null; stat: Stat }>;
  /** Set data if `version` matches (−1: any); resolves with the new stat. */
  setData(path: string, data: DataInput, version?: number): Promise<Stat>;
  /** Child names (the order is unspecified in ZooKeeper; here sorted). */
  getChildren(path: string, watch?: boolean | Watcher): Promise<string[]>;
  /** `getChildren(path, watch, Stat)`: child names and the parent's stat. */
  getChildrenWithStat(path: string, watch?: boolean | Watcher): Promise<{ children: string[]; stat: Stat }>;
  /** Several writes as one atomic transaction (one zxid). Rejects with the first failing op's code; `err.results` has one entry per op. */
  multi(ops: readonly Op[]): Promise<OpResult[]>;
  /** A builder for `multi`. */
  transaction(): Transaction;
  /** Wait until this server has everything the leader had committed when the sync reached it. Resolves with the path. */
  sync(path: string): Promise<string>;
  /** A persistent (or persistent recursive) watch; the path need not exist. */
  addWatch(path: string, mode: AddWatchMode, watcher?: Watcher): Promise<void>;
  /** Remove `watcher`'s watches of `type` on exactly `path` (client side; the server keeps its watch). */
  removeWatches(path: string, watcher: Watcher | true, type: WatcherType, local?: boolean): Promise<void>;
  /** Remove all of this client's watches of `type` on `path`, on the server too. */
  removeAllWatches(path: string, type: WatcherType, local?: boolean): Promise<void>;
  /** The ACL and stat (digest ids masked as `user:x` without ADMIN). */
  getACL(path: string): Promise<{ acl: ACL[]; stat: Stat }>;
  /** Replace the ACL if `aversion` matches (−1: any). */
  setACL(path: string, acl: readonly ACL[], aversion?: number): Promise<Stat>;
  /** Add credentials (e.g. `digest`, `user:password`). Never rejects; a rejected scheme puts the handle in AUTH_FAILED. */
  addAuthInfo(scheme: string, auth: string | Uint8Array): Promise<void>;
  /** This session's ephemeral nodes whose path starts with `prefix` (a string prefix). */
  getEphemerals(prefix?: string): Promise<string[]>;
  /** Number of descendants of `path` at any depth. */
  getAllChildrenNumber(path: string): Promise<number>;
  /** Close the session (its ephemerals are deleted). Later calls fail with SESSIONEXPIRED. */
  close(): Promise<void>;
}

/** Options for `createClient` / `connect`. */
export interface ClientOptions {
  /** The client's node id in the simulation (`c1`, ...). */
  readonly id: NodeId;
  /** Servers of the connect string. */
  readonly servers: readonly NodeId[];
  /** Requested session timeout (ms). Default 30000. */
  readonly sessionTimeoutMs?: number;
  /** The default watcher (connection-state events, and watches set with `watch: true`). */
  readonly watcher?: Watcher;
  /** Shuffle the server list (default true, as the real client). */
  readonly shuffle?: boolean;
  /**
   * The client's own `jute.maxbuffer` (bytes, default 1048575): a reply longer than this
   * closes the connection as the Java client does ("Packet len N is out of range!"), so the
   * call fails with CONNECTIONLOSS and the client reconnects.
   */
  readonly juteMaxBuffer?: number;
}

/** Decode data as UTF-8 (null stays null). */
export function decode(data: Uint8Array | null): string | null {
  return data === null ? null : utf8Decode(data);
}

/**
 * The bytes a request carries. A caller's Uint8Array is copied: the request, the trace and the
 * servers' durable logs keep it, and must not change if the caller reuses the buffer (as the
 * Java client's serialization also snapshots it).
 */
function toBytes(d: DataInput | undefined): Uint8Array | null {
  if (d === undefined) return new Uint8Array(0);
  if (d === null) return null;
  return typeof d === 'string' ? utf8Encode(d) : d.slice();
}

function checkPath(path: string, sequential = false): void {
  const p = pathProblem(path, sequential);
  if (p !== null) throw new IllegalArgumentException(p);
}

function checkACLList(acl: readonly ACL[] | null | undefined): void {
  if (acl == null || acl.length === 0) throw new KeeperException('INVALIDACL');
}

const handles = new WeakMap<Simulation, Map<NodeId, number>>();
const pendingBySim = new WeakMap<Simulation, Map<number, string>>();
const reqIdsBySim = new WeakMap<Simulation, { next: number }>();

/** Request ids count per simulation, so a run's trace does not depend on earlier runs in the process. */
function nextReqIdFor(sim: Simulation): number {
  let c = reqIdsBySim.get(sim);
  if (c === undefined) reqIdsBySim.set(sim, (c = { next: 1 }));
  return c.next++;
}

/** What client calls are still waiting (for `runAsync`'s `describePending`). */
export function pendingCalls(sim: Simulation): string[] {
  return [...(pendingBySim.get(sim)?.values() ?? [])];
}

/**
 * A new handle, connecting in the background (state CONNECTING). Reuses the client node
 * `options.id` if it exists (a new session for the same client), else adds it.
 */
export function createClient(sim: Simulation, options: ClientOptions): SimZooKeeper {
  return new SimZooKeeper(sim, options);
}

/** A new handle, resolved once the session is established (rejects if it cannot be). */
export async function connect(sim: Simulation, options: ClientOptions): Promise<SimZooKeeper> {
  const zk = new SimZooKeeper(sim, options);
  await zk.whenConnected();
  return zk;
}

/** The simulated implementation of `ZooKeeperClient`. */
export class SimZooKeeper implements ZooKeeperClient {
  readonly sim: Simulation;
  readonly id: NodeId;
  private readonly handle: number;
  private readonly watchers: WatcherIds<WatcherEvent>;
  private readonly waiting = new Map<number, { resolve: (o: Extract<ClientOutput, { kind: 'reply' }>) => void }>();
  private readonly stateWaiters: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  private stateNow: States = 'CONNECTING';
  private session = 0n;
  private timeout = 0;

  constructor(sim: Simulation, options: ClientOptions) {
    const juteMaxBuffer = checkJuteMaxBuffer(options.juteMaxBuffer);
    this.sim = sim;
    this.id = options.id;
    this.watchers = new WatcherIds(options.watcher);
    let byId = handles.get(sim);
    if (byId === undefined) handles.set(sim, (byId = new Map()));
    this.handle = (byId.get(options.id) ?? 0) + 1;
    byId.set(options.id, this.handle);
    sim.onOutput((from, value) => {
      if (from === this.id) this.onOutput(value as ClientOutput);
    });
    if (!sim.nodeIds().includes(options.id)) {
      const servers = options.servers;
      const shuffle = options.shuffle ?? true;
      sim.addNode(options.id, (id) => new ClientNode(id, { servers, shuffle }));
    }
    this.command({ cmd: 'connect', handle: this.handle, sessionTimeoutMs: options.sessionTimeoutMs ?? 30000, juteMaxBuffer });
  }

  get state(): States {
    return this.stateNow;
  }
  get sessionId(): bigint {
    return this.session;
  }
  get sessionTimeout(): number {
    return this.timeout;
  }

  /** Resolves when CONNECTED; rejects with SESSIONEXPIRED / AUTHFAILED if the handle dies first. */
  whenConnected(): Promise<void> {
    if (this.stateNow === 'CONNECTED') return Promise.resolve();
    if (this.stateNow === 'CLOSED') return Promise.reject(new KeeperException('SESSIONEXPIRED'));
    if (this.stateNow === 'AUTH_FAILED') return Promise.reject(new KeeperException('AUTHFAILED'));
    return new Promise((resolve, reject) => this.stateWaiters.push({ resolve, reject }));
  }

  private command(c: ClientCommand): void {
    this.sim.request(this.id, c);
  }

  private onOutput(o: ClientOutput): void {
    if (o.handle !== this.handle) return;
    if (o.kind === 'reply') {
      const w = this.waiting.get(o.reqId);
      if (w !== undefined) {
        this.waiting.delete(o.reqId);
        pendingBySim.get(this.sim)?.delete(o.reqId);
        w.resolve(o);
      }
      return;
    }
    if (o.kind === 'state') {
      this.stateNow = o.state;
      this.session = o.sessionId;
      this.timeout = o.timeout;
      if (o.state === 'CONNECTED' || o.state === 'CLOSED' || o.state === 'AUTH_FAILED') {
        for (const w of this.stateWaiters.splice(0)) {
          if (o.state === 'CONNECTED') w.resolve();
          else w.reject(new KeeperException(o.state === 'CLOSED' ? 'SESSIONEXPIRED' : 'AUTHFAILED'));
        }
      }
      return;
    }
    this.watchers.dispatch(o.watchers, { type: o.event.type, state: o.event.state, path: o.event.path });
  }

  private call(req: Request, describe: string, watch?: WatchRegistration, unwatch?: WatchDeregistration): Promise<Extract<ClientOutput, { kind: 'reply' }>> {
    const reqId = nextReqIdFor(this.sim);
    let pend = pendingBySim.get(this.sim);
    if (pend === undefined) pendingBySim.set(this.sim, (pend = new Map()));
    pend.set(reqId, `${this.id}: ${describe}`);
    const p = new Promise<Extract<ClientOutput, { kind: 'reply' }>>((resolve) => this.waiting.set(reqId, { resolve }));
    this.command({ cmd: 'submit', handle: this.handle, reqId, req, ...(watch ? { watch } : {}), ...(unwatch ? { unwatch } : {}) });
    return p;
  }

  private async ok(req: Request, describe: string, path?: string, watch?: WatchRegistration, unwatch?: WatchDeregistration): Promise<Response | undefined> {
    const r = await this.call(req, describe, watch, unwatch);
    if (r.err !== 0) throw new KeeperException(r.err, path);
    return r.body;
  }

  create(path: string, data?: DataInput, acl: readonly ACL[] = OPEN_ACL_UNSAFE, mode: CreateMode = 'PERSISTENT', ttl = -1): Promise<string> {
    return this.createWithStat(path, data, acl, mode, ttl).then((r) => r.path);
  }

  createWithStat(path: string, data?: DataInput, acl: readonly ACL[] = OPEN_ACL_UNSAFE, mode: CreateMode = 'PERSISTENT', ttl = -1): Promise<{ path: string; stat: Stat }> {
    checkPath(path, CREATE_MODES[mode].sequential);
    const tp = ttlProblem(mode, ttl);
    if (tp !== null) throw new IllegalArgumentException(tp);
    checkACLList(acl);
    const req: Request = { op: 'create', opcode: createOpcodeFor(mode, true), path, data: toBytes(data), acl, flags: createModeFlag(mode), ttl };
    return this.ok(req, `create('${path}')`, path).then((b) => {
      const body = b as Extract<Response, { op: 'create' }>;
      return { path: body.path, stat: body.stat };
    });
  }

  delete(path: string, version = -1): Promise<void> {
    checkPath(path);
    return this.ok({ op: 'delete', path, version }, `delete('${path}')`, path).then(() => undefined);
  }

  exists(path: string, watch?: boolean | Watcher): Promise<Stat | null> {
    checkPath(path);
    return this.call({ op: 'exists', path, watch: watch !== undefined && watch !== false }, `exists('${path}')`, this.watchers.registration('exist', path, watch)).then((r) => {
      if (r.err === Code.NONODE) return null;
      if (r.err !== 0) throw new KeeperException(r.err, path);
      return (r.body as { stat: Stat }).stat;
    });
  }

  getData(path: string, watch?: boolean | Watcher): Promise<{ data: Uint8Array | null; stat: Stat }> {
    checkPath(path);
    return this.ok({ op: 'getData', path, watch: watch !== undefined && watch !== false }, `getData('${path}')`, path, this.watchers.registration('data', path, watch)).then((b) => {
      const body = b as Extract<Response, { op: 'getData' }>;
      return { data: body.data, stat: body.stat };
    });
  }

  setData(path: string, data: DataInput, version = -1): Promise<Stat> {
    checkPath(path);
    return this.ok({ op: 'setData', path, data: toBytes(data), version }, `setData('${path}')`, path).then((b) => (b as { stat: Stat }).stat);
  }

  getChildren(path: string, watch?: boolean | Watcher): Promise<string[]> {
    return this.children(path, watch, false).then((r) => r.children);
  }

  getChildrenWithStat(path: string, watch?: boolean | Watcher): Promise<{ children: string[]; stat: Stat }> {
    return this.children(path, watch, true);
  }

  /** getChildren (opcode 8), or getChildren2 (12) when the caller wants the parent's stat: the reply is 68 bytes longer. */
  private children(path: string, watch: boolean | Watcher | undefined, withStat: boolean): Promise<{ children: string[]; stat: Stat }> {
    checkPath(path);
    const req: Request = { op: 'getChildren', path, watch: watch !== undefined && watch !== false, ...(withStat ? { withStat } : {}) };
    return this.ok(req, `getChildren('${path}')`, path, this.watchers.registration('child', path, watch)).then((b) => {
      const body = b as Extract<Response, { op: 'getChildren' }>;
      return { children: [...body.children], stat: body.stat };
    });
  }

  multi(ops: readonly Op[]): Promise<OpResult[]> {
    if (ops.length === 0) return Promise.resolve([]);
    const reads = ops.filter((o) => o.type === 'getData' || o.type === 'getChildren').length;
    if (reads > 0 && reads < ops.length) throw new IllegalArgumentException('Mixing read and write operations (transaction and read operations) is forbidden');
    if (reads > 0) return Promise.reject(new KeeperException('UNIMPLEMENTED'));
    const wire: MultiOp[] = [];
    for (const o of ops) {
      switch (o.type) {
        case 'create': {
          checkPath(o.path, CREATE_MODES[o.mode].sequential);
          const tp = ttlProblem(o.mode, o.ttl);
          if (tp !== null) throw new IllegalArgumentException(tp);
          wire.push({ op: 'create', path: o.path, data: toBytes(o.data), acl: o.acl, flags: createModeFlag(o.mode), ttl: o.ttl });
          break;
        }
        case 'delete':
          checkPath(o.path);
          wire.push({ op: 'delete', path: o.path, version: o.version });
          break;
        case 'setData':
          checkPath(o.path);
          wire.push({ op: 'setData', path: o.path, data: toBytes(o.data), version: o.version });
          break;
        case 'check':
          checkPath(o.path);
          wire.push({ op: 'check', path: o.path, version: o.version });
          break;
        default:
          break;
      }
    }
    return this.call({ op: 'multi', ops: wire }, `multi(${ops.length} ops)`).then((r) => {
      if (r.err !== 0) throw new KeeperException(r.err);
      const results = [...(r.body as Extract<Response, { op: 'multi' }>).results];
      const fatal = results.find((x) => x.type === 'error' && x.err !== 0);
      if (fatal !== undefined && fatal.type === 'error') throw new KeeperException(fatal.err, undefined, results);
      return results;
    });
  }

  transaction(): Transaction {
    const ops: Op[] = [];
    const t: Transaction = {
      create: (path, data, acl, mode, ttl) => (ops.push(Op.create(path, data, acl, mode, ttl)), t),
      delete: (path, version) => (ops.push(Op.delete(path, version)), t),
      setData: (path, data, version) => (ops.push(Op.setData(path, data, version)), t),
      check: (path, version) => (ops.push(Op.check(path, version)), t),
      commit: () => this.multi(ops),
    };
    return t;
  }

  sync(path: string): Promise<string> {
    checkPath(path);
    return this.ok({ op: 'sync', path }, `sync('${path}')`, path).then((b) => (b as Extract<Response, { op: 'sync' }>).path);
  }

  addWatch(path: string, mode: AddWatchMode, watcher?: Watcher): Promise<void> {
    checkPath(path);
    const w = watcher === undefined ? 0 : this.watchers.idOf(watcher);
    const reg: WatchRegistration = { kind: mode === 'PERSISTENT' ? 'persistent' : 'recursive', path, watcher: w };
    return this.ok({ op: 'addWatch', path, mode }, `addWatch('${path}')`, path, reg).then(() => undefined);
  }

  removeWatches(path: string, watcher: Watcher | true, type: WatcherType, local = false): Promise<void> {
    checkPath(path);
    const w = watcher === true ? 0 : this.watchers.idOf(watcher);
    return this.ok({ op: 'checkWatches', path, watcherType: type }, `removeWatches('${path}')`, path, undefined, { path, watcher: w, type, local }).then(() => undefined);
  }

  removeAllWatches(path: string, type: WatcherType, local = false): Promise<void> {
    checkPath(path);
    return this.ok({ op: 'removeWatches', path, watcherType: type }, `removeAllWatches('${path}')`, path, undefined, { path, watcher: null, type, local }).then(() => undefined);
  }

  getACL(path: string): Promise<{ acl: ACL[]; stat: Stat }> {
    checkPath(path);
    return this.ok({ op: 'getACL', path }, `getACL('${path}')`, path).then((b) => {
      const body = b as Extract<Response, { op: 'getACL' }>;
      return { acl: [...body.acl], stat: body.stat };
    });
  }

  setACL(path: string, acl: readonly ACL[], aversion = -1): Promise<Stat> {
    checkPath(path);
    checkACLList(acl);
    return this.ok({ op: 'setACL', path, acl, version: aversion }, `setACL('${path}')`, path).then((b) => (b as { stat: Stat }).stat);
  }

  addAuthInfo(scheme: string, auth: string | Uint8Array): Promise<void> {
    const reqId = nextReqIdFor(this.sim);
    const p = new Promise<Extract<ClientOutput, { kind: 'reply' }>>((resolve) => this.waiting.set(reqId, { resolve }));
    this.command({ cmd: 'addAuthInfo', handle: this.handle, reqId, scheme, auth: typeof auth === 'string' ? utf8Encode(auth) : auth });
    return p.then(() => undefined);
  }

  getEphemerals(prefix = '/'): Promise<string[]> {
    checkPath(prefix);
    return this.ok({ op: 'getEphemerals', prefix }, `getEphemerals('${prefix}')`, prefix).then((b) => [...(b as Extract<Response, { op: 'getEphemerals' }>).ephemerals]);
  }

  getAllChildrenNumber(path: string): Promise<number> {
    checkPath(path);
    return this.ok({ op: 'getAllChildrenNumber', path }, `getAllChildrenNumber('${path}')`, path).then((b) => (b as Extract<Response, { op: 'getAllChildrenNumber' }>).number);
  }

  close(): Promise<void> {
    const reqId = nextReqIdFor(this.sim);
    const p = new Promise<Extract<ClientOutput, { kind: 'reply' }>>((resolve) => this.waiting.set(reqId, { resolve }));
    this.command({ cmd: 'close', handle: this.handle, reqId });
    return p.then(() => undefined);
  }

  /** Simulation helper: drop the TCP connection now (the client reconnects, same session). */
  dropConnection(): void {
    this.command({ cmd: 'dropConnection', handle: this.handle });
  }
}
