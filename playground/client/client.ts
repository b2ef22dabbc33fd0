/**
 * The one client: `ZooKeeperClient` over a `ClientTransport`. Every public method is written
 * here once, for the simulation (`SimZooKeeper` in `zookeeper.ts`, over the simulated client
 * node) and for a real server (`RealZooKeeper` in `node/real`, over the jute connection):
 * the argument checks, the request each call sends (the server's own request model,
 * `playground/zk/protocol.ts`), the watch it registers, and what its reply becomes.
 *
 * Arguments the Java 3.8 client refuses before sending are refused the same way, by a
 * synchronous throw: `IllegalArgumentException` (`code === 'ILLEGAL_ARGUMENT'`) for a bad
 * path (`PathUtils.validatePath`), a TTL/mode mismatch (`EphemeralType.validateTTL`) or a
 * mixed read/write multi; `KeeperException` INVALIDACL for a null or empty ACL list or one
 * with a null entry (`ZooKeeper.validateACL`). Server errors reject with `KeeperException`
 * (`err.code === 'NONODE'`, the path as Java puts it; a failed multi has `err.results`).
 *
 * Imports the public API types, the transport contract, the watcher numbering and pure zk
 * helpers; no simulation, no Node.
 */
import { OPEN_ACL_UNSAFE } from '../zk/acl.ts';
import type { ACL } from '../zk/acl.ts';
import { utf8Encode } from '../zk/bytes.ts';
import { Code, IllegalArgumentException, KeeperException } from '../zk/errors.ts';
import { pathProblem } from '../zk/path.ts';
import type { MultiOp, Request, Response } from '../zk/protocol.ts';
import { CREATE_MODES, createModeFlag, createOpcodeFor, ttlProblem } from '../zk/stat.ts';
import type { CreateMode, Stat } from '../zk/stat.ts';
import { Op } from './api.ts';
import type { AddWatchMode, DataInput, OpResult, Transaction, Watcher, WatcherEvent, WatcherType, ZooKeeperClient } from './api.ts';
import type { ClientRequest, ClientTransport, Dispatch, ReadOp, Reply, States, WatchDeregistration, WatchRegistration } from './transport.ts';
import { WatcherIds } from './watcher-ids.ts';

/**
 * The bytes a request carries. A caller's Uint8Array is copied: the request (and, on the
 * simulation, the trace and the servers' durable logs) keeps it, and must not change if the
 * caller reuses the buffer (as the Java client's serialization also snapshots it).
 */
function toBytes(d: DataInput | undefined): Uint8Array | null {
  if (d === undefined) return new Uint8Array(0);
  if (d === null) return null;
  return typeof d === 'string' ? utf8Encode(d) : d.slice();
}

/** `PathUtils.validatePath`: IllegalArgumentException before anything is sent. */
function checkPath(path: string, sequential = false): void {
  const p = pathProblem(path, sequential);
  if (p !== null) throw new IllegalArgumentException(p);
}

/** `EphemeralType.validateTTL`. */
function checkTTL(mode: CreateMode, ttl: number): void {
  const p = ttlProblem(mode, ttl);
  if (p !== null) throw new IllegalArgumentException(p);
}

/** `ZooKeeper.validateACL`: null, empty or containing null → InvalidACLException. */
function checkACLList(acl: readonly ACL[] | null | undefined): void {
  if (acl == null || acl.length === 0 || acl.some((a) => a == null)) throw new KeeperException('INVALIDACL');
}

/** `ZooKeeperClient` over a transport; `T` is the transport, for the subclasses' own extras. */
export class ZooKeeper<T extends ClientTransport = ClientTransport> implements ZooKeeperClient {
  protected readonly transport: T;
  private readonly watchers: WatcherIds<WatcherEvent>;

  /** `open` makes the transport, given how to hand this client an event. */
  constructor(watcher: Watcher | undefined, open: (dispatch: Dispatch) => T) {
    this.watchers = new WatcherIds(watcher);
    this.transport = open((ids, e) => this.watchers.dispatch(ids, { type: e.type, state: e.state, path: e.path }));
  }

  get state(): States {
    return this.transport.state;
  }
  get sessionId(): bigint {
    return this.transport.sessionId;
  }
  get sessionTimeout(): number {
    return this.transport.sessionTimeout;
  }

  /** Resolves when CONNECTED; rejects with SESSIONEXPIRED / AUTHFAILED if the handle dies first. */
  whenConnected(): Promise<void> {
    return this.transport.whenConnected();
  }

  private call(req: ClientRequest, describe: string, watch?: WatchRegistration, unwatch?: WatchDeregistration): Promise<Reply> {
    return this.transport.submit(req, describe, watch, unwatch);
  }

  /** Send; reject with `KeeperException(code, path)` unless OK. */
  private async ok(req: Request, describe: string, path?: string, watch?: WatchRegistration, unwatch?: WatchDeregistration): Promise<Response | undefined> {
    const r = await this.call(req, describe, watch, unwatch);
    if (r.err !== 0) throw new KeeperException(r.err, path);
    return r.body as Response | undefined;
  }

  create(path: string, data?: DataInput, acl: readonly ACL[] = OPEN_ACL_UNSAFE, mode: CreateMode = 'PERSISTENT', ttl = -1): Promise<string> {
    return this.doCreate(path, data, acl, mode, ttl, false).then((r) => r.path);
  }

  createWithStat(path: string, data?: DataInput, acl: readonly ACL[] = OPEN_ACL_UNSAFE, mode: CreateMode = 'PERSISTENT', ttl = -1): Promise<{ path: string; stat: Stat }> {
    return this.doCreate(path, data, acl, mode, ttl, true);
  }

  /**
   * `create(path, data, acl, mode[, stat, ttl])`: create (1) without a stat, create2 (15)
   * with one, createContainer (19) for CONTAINER and createTTL (21) for TTL modes.
   */
  private doCreate(path: string, data: DataInput | undefined, acl: readonly ACL[], mode: CreateMode, ttl: number, withStat: boolean): Promise<{ path: string; stat: Stat }> {
    checkPath(path, CREATE_MODES[mode].sequential);
    checkTTL(mode, ttl);
    checkACLList(acl);
    const req: Request = { op: 'create', opcode: createOpcodeFor(mode, withStat), path, data: toBytes(data), acl, flags: createModeFlag(mode), ttl };
    return this.ok(req, `create('${path}')`, path).then((b) => {
      const body = b as Extract<Response, { op: 'create' }>;
      // A plain create's reply (CreateResponse) has no stat; only `create()` sends one, and reads the path.
      return { path: body.path, stat: body.stat as Stat };
    });
  }

  delete(path: string, version = -1): Promise<void> {
    checkPath(path);
    return this.ok({ op: 'delete', path, version }, `delete('${path}')`, path).then(() => undefined);
  }

  exists(path: string, watch?: boolean | Watcher): Promise<Stat | null> {
    checkPath(path);
    const w = this.watchers.registration('exist', path, watch);
    return this.call({ op: 'exists', path, watch: w !== undefined }, `exists('${path}')`, w).then((r) => {
      if (r.err === Code.NONODE) return null;
      if (r.err !== 0) throw new KeeperException(r.err, path);
      return (r.body as { stat: Stat }).stat;
    });
  }

  getData(path: string, watch?: boolean | Watcher): Promise<{ data: Uint8Array | null; stat: Stat }> {
    checkPath(path);
    const w = this.watchers.registration('data', path, watch);
    return this.ok({ op: 'getData', path, watch: w !== undefined }, `getData('${path}')`, path, w).then((b) => {
      const body = b as Extract<Response, { op: 'getData' }>;
      return { data: body.data, stat: body.stat };
    });
  }

  setData(path: string, data: DataInput, version = -1): Promise<Stat> {
    checkPath(path);
    return this.ok({ op: 'setData', path, data: toBytes(data), version }, `setData('${path}')`, path).then((b) => (b as { stat: Stat }).stat);
  }

  /** `getChildren(path, watch)` (opcode 8). Names in the server's order, which is unspecified. */
  getChildren(path: string, watch?: boolean | Watcher): Promise<string[]> {
    return this.children(path, watch, false).then((r) => r.children);
  }

  /** `getChildren(path, watch, Stat)` (opcode 12, getChildren2). */
  getChildrenWithStat(path: string, watch?: boolean | Watcher): Promise<{ children: string[]; stat: Stat }> {
    return this.children(path, watch, true);
  }

  /** getChildren (opcode 8), or getChildren2 (12) when the caller wants the parent's stat: the reply is 68 bytes longer. */
  private children(path: string, watch: boolean | Watcher | undefined, withStat: boolean): Promise<{ children: string[]; stat: Stat }> {
    checkPath(path);
    const w = this.watchers.registration('child', path, watch);
    const req: Request = { op: 'getChildren', path, watch: w !== undefined, ...(withStat ? { withStat } : {}) };
    return this.ok(req, `getChildren('${path}')`, path, w).then((b) => {
      const body = b as Extract<Response, { op: 'getChildren' }>;
      return { children: [...body.children], stat: body.stat as Stat };
    });
  }

  /**
   * `multi(ops)`: every op validated first (`Op.validate`: paths; TTL only for TTL modes, a
   * TTL given with another mode is ignored as `Op.create` ignores it), then read and write
   * ops must not be mixed. An empty list resolves `[]` without contacting the server. Writes
   * go as `multi` (14), reads as `multiRead` (22; per-op errors are results, never thrown;
   * the simulated server answers UNIMPLEMENTED).
   */
  multi(ops: readonly Op[]): Promise<OpResult[]> {
    for (const o of ops) {
      if (o.type === 'create') {
        checkPath(o.path, CREATE_MODES[o.mode].sequential);
        checkTTL(o.mode, CREATE_MODES[o.mode].ttl ? o.ttl : -1);
      } else checkPath(o.path);
    }
    if (ops.length === 0) return Promise.resolve([]);
    const reads = ops.filter((o) => o.type === 'getData' || o.type === 'getChildren').length;
    if (reads > 0 && reads < ops.length) throw new IllegalArgumentException('Mixing read and write operations (transaction and read operations) is forbidden');
    const readOnly = reads > 0;
    const req: ClientRequest = readOnly
      ? { op: 'multiRead', ops: ops.map((o): ReadOp => ({ op: o.type as ReadOp['op'], path: o.path })) }
      : { op: 'multi', ops: ops.map(multiOp) };
    return this.call(req, `multi(${ops.length} ops)`).then((r) => {
      if (r.err !== 0) throw new KeeperException(r.err);
      const results = [...(r.body as Extract<Response, { op: 'multi' }>).results];
      if (readOnly) return results;
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

  /** `removeWatches` (checkWatches, opcode 17): the client's record only; see the conformance README. */
  removeWatches(path: string, watcher: Watcher | true, type: WatcherType, local = false): Promise<void> {
    checkPath(path);
    const w = watcher === true ? 0 : this.watchers.idOf(watcher);
    return this.ok({ op: 'checkWatches', path, watcherType: type }, `removeWatches('${path}')`, path, undefined, { path, watcher: w, type, local }).then(() => undefined);
  }

  /** `removeAllWatches` (removeWatches, opcode 18): the server drops its watch as well. */
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

  /** Never rejects; resolves once the server answered. A rejected scheme leaves the handle AUTH_FAILED. */
  addAuthInfo(scheme: string, auth: string | Uint8Array): Promise<void> {
    return this.transport.addAuthInfo(scheme, typeof auth === 'string' ? utf8Encode(auth) : auth);
  }

  getEphemerals(prefix = '/'): Promise<string[]> {
    checkPath(prefix);
    return this.ok({ op: 'getEphemerals', prefix }, `getEphemerals('${prefix}')`).then((b) => [...(b as Extract<Response, { op: 'getEphemerals' }>).ephemerals]);
  }

  getAllChildrenNumber(path: string): Promise<number> {
    checkPath(path);
    return this.ok({ op: 'getAllChildrenNumber', path }, `getAllChildrenNumber('${path}')`, path).then((b) => (b as Extract<Response, { op: 'getAllChildrenNumber' }>).number);
  }

  close(): Promise<void> {
    return this.transport.close();
  }
}

/** One op of a write multi, in the server's model (`Op.toRequestRecord`). */
function multiOp(o: Op): MultiOp {
  switch (o.type) {
    case 'create':
      return { op: 'create', path: o.path, data: toBytes(o.data), acl: o.acl, flags: createModeFlag(o.mode), ttl: CREATE_MODES[o.mode].ttl ? o.ttl : -1 };
    case 'delete':
    case 'check':
      return { op: o.type, path: o.path, version: o.version };
    case 'setData':
      return { op: 'setData', path: o.path, data: toBytes(o.data), version: o.version };
    case 'getData':
    case 'getChildren':
      throw new Error('a read op in a write multi'); // refused above
  }
}
