/**
 * `ZooKeeperClient` over a real ZooKeeper server: the same promise-based mirror of the Java
 * `ZooKeeper` class as the simulated client (`playground/client`), so reader code runs
 * unchanged on either. Arguments the Java 3.8 client refuses before sending are refused the
 * same way, by a synchronous throw: `IllegalArgumentException` for a bad path, a TTL/mode
 * mismatch or a mixed read/write multi, `KeeperException` INVALIDACL for an empty ACL list
 * (`create`, `setACL`). Server errors reject with `KeeperException` (`err.code === 'NONODE'`,
 * the path as Java puts it; a failed multi has `err.results`, one entry per op).
 *
 * Usage:
 * ```ts
 * const zk = await connect({ connectString: '127.0.0.1:2181', sessionTimeoutMs: 4000, watcher: (e) => log(e) });
 * await zk.create('/app', 'hello');
 * ```
 *
 * Node only (through `connection.ts`). Imports `playground/client` types, pure `playground/zk`
 * helpers (paths, codes, create modes, ACL constants, UTF-8) and this folder; never the
 * simulation.
 */
import type {
  AddWatchMode,
  DataInput,
  Op,
  OpResult,
  Transaction,
  Watcher,
  WatcherEvent,
  WatcherType,
  ZooKeeperClient,
} from '../../playground/client/zookeeper.ts';
import type { States } from '../../playground/client/client-node.ts';
import type { WatchedEvent } from '../../playground/zk/watch-manager.ts';
import { OPEN_ACL_UNSAFE } from '../../playground/zk/acl.ts';
import type { ACL } from '../../playground/zk/acl.ts';
import { utf8Encode } from '../../playground/zk/bytes.ts';
import { Code, IllegalArgumentException, KeeperException } from '../../playground/zk/errors.ts';
import { pathProblem } from '../../playground/zk/path.ts';
import { CREATE_MODES, createModeFlag, createOpcodeFor, ttlProblem } from '../../playground/zk/stat.ts';
import type { CreateMode, Stat } from '../../playground/zk/stat.ts';
import { ClientCnxn, parseConnectString } from './connection.ts';
import { checkJuteMaxBuffer } from '../../playground/client/packet-length.ts';
import { WatcherIds } from '../../playground/client/watcher-ids.ts';
import type { Reply, WatchDeregistration, WatchRegistration } from './connection.ts';
import type { MultiOpRecord, OpResultRecord, RequestRecord, ResponseKind, ResponseRecord } from './jute.ts';

/** Options of a client for a real server. */
export interface RealClientOptions {
  /** `host:port,host:port,...` (no chroot). */
  readonly connectString: string;
  /** Requested session timeout (ms). Default 30000, as in most examples. */
  readonly sessionTimeoutMs?: number;
  /** The default watcher (connection-state events, and watches set with `watch: true`). */
  readonly watcher?: Watcher;
  /** Shuffle the server list once (default true, as the Java client). */
  readonly shuffle?: boolean;
  /** The client's `jute.maxbuffer` (bytes, default 1048575): a longer reply drops the connection, as in Java. */
  readonly juteMaxBuffer?: number;
}

function toBytes(d: DataInput | undefined): Uint8Array | null {
  if (d === undefined) return new Uint8Array(0);
  if (d === null) return null;
  return typeof d === 'string' ? utf8Encode(d) : d;
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

const WATCHER_TYPE: Record<WatcherType, number> = { CHILDREN: 1, DATA: 2, ANY: 3 };

function toOpResult(r: OpResultRecord): OpResult {
  return r as OpResult;
}

/** A new handle, connecting in the background (state CONNECTING). */
export function createClient(options: RealClientOptions): RealZooKeeper {
  return new RealZooKeeper(options);
}

/** A new handle, resolved once the session is established (rejects if the handle dies first). */
export async function connect(options: RealClientOptions): Promise<RealZooKeeper> {
  const zk = new RealZooKeeper(options);
  await zk.whenConnected();
  return zk;
}

/** The real-server implementation of `ZooKeeperClient`. */
export class RealZooKeeper implements ZooKeeperClient {
  private readonly cnxn: ClientCnxn;
  private readonly watchers: WatcherIds<WatcherEvent>;

  constructor(options: RealClientOptions) {
    const juteMaxBuffer = checkJuteMaxBuffer(options.juteMaxBuffer);
    this.watchers = new WatcherIds(options.watcher);
    this.cnxn = new ClientCnxn({
      hosts: parseConnectString(options.connectString),
      sessionTimeoutMs: options.sessionTimeoutMs ?? 30000,
      ...(options.shuffle !== undefined ? { shuffle: options.shuffle } : {}),
      juteMaxBuffer,
      dispatch: (ids, event) => this.dispatch(ids, event),
    });
    this.cnxn.start();
  }

  get state(): States {
    return this.cnxn.state;
  }
  get sessionId(): bigint {
    return this.cnxn.sessionId;
  }
  get sessionTimeout(): number {
    return this.cnxn.sessionTimeout;
  }
  /** The session password (for diagnostics). */
  get sessionPasswd(): Uint8Array {
    return this.cnxn.sessionPasswd;
  }
  /** `host:port` of the server this handle is connected to, or null. */
  get connectedServer(): string | null {
    return this.cnxn.connectedServer;
  }
  /** The zxid of the last reply seen (sent as lastZxidSeen on reconnect). */
  get lastZxid(): bigint {
    return this.cnxn.lastZxid;
  }

  /** Resolves when CONNECTED; rejects with SESSIONEXPIRED / AUTHFAILED if the handle dies first. */
  whenConnected(): Promise<void> {
    return this.cnxn.whenConnected();
  }

  /**
   * Drop the TCP connection now without closing the session, as a network failure would, and
   * make no connection attempt for `reconnectAfterMs` (default 0: reconnect as usual).
   */
  dropConnection(reconnectAfterMs = 0): void {
    this.cnxn.dropConnection(reconnectAfterMs);
  }

  private dispatch(ids: readonly number[], event: WatchedEvent): void {
    this.watchers.dispatch(ids, { type: event.type, state: event.state, path: event.path });
  }

  private send(record: RequestRecord, kind: ResponseKind, watch?: WatchRegistration, unwatch?: WatchDeregistration): Promise<Reply> {
    return this.cnxn.submit(record, kind, { ...(watch ? { watch } : {}), ...(unwatch ? { unwatch } : {}) });
  }

  /** Send; reject with `KeeperException(code, path)` unless OK. */
  private async ok(record: RequestRecord, kind: ResponseKind, path: string | undefined, watch?: WatchRegistration, unwatch?: WatchDeregistration): Promise<ResponseRecord | undefined> {
    const r = await this.send(record, kind, watch, unwatch);
    if (r.err !== 0) throw new KeeperException(r.err, path);
    return r.body;
  }

  create(path: string, data?: DataInput, acl: readonly ACL[] = OPEN_ACL_UNSAFE, mode: CreateMode = 'PERSISTENT', ttl = -1): Promise<string> {
    return this.doCreate(path, data, acl, mode, ttl, false).then((r) => r.path);
  }

  createWithStat(path: string, data?: DataInput, acl: readonly ACL[] = OPEN_ACL_UNSAFE, mode: CreateMode = 'PERSISTENT', ttl = -1): Promise<{ path: string; stat: Stat }> {
    return this.doCreate(path, data, acl, mode, ttl, true) as Promise<{ path: string; stat: Stat }>;
  }

  /**
   * `create(path, data, acl, mode[, stat, ttl])`: create (1) without a stat, create2 (15)
   * with one, createContainer (19) for CONTAINER and createTTL (21) for TTL modes.
   */
  private doCreate(path: string, data: DataInput | undefined, acl: readonly ACL[], mode: CreateMode, ttl: number, withStat: boolean): Promise<{ path: string; stat?: Stat }> {
    checkPath(path, CREATE_MODES[mode].sequential);
    checkTTL(mode, ttl);
    checkACLList(acl);
    const bytes = toBytes(data);
    const flags = createModeFlag(mode);
    const type = createOpcodeFor(mode, withStat);
    const record: RequestRecord = type === 'createTTL' ? { type, path, data: bytes, acl, flags, ttl } : { type, path, data: bytes, acl, flags };
    const kind: ResponseKind = record.type === 'create' ? 'create' : 'create2';
    return this.ok(record, kind, path).then((b) => {
      if (b?.kind === 'create2') return { path: b.path, stat: b.stat };
      return { path: (b as Extract<ResponseRecord, { kind: 'create' }>).path };
    });
  }

  delete(path: string, version = -1): Promise<void> {
    checkPath(path);
    return this.ok({ type: 'delete', path, version }, 'none', path).then(() => undefined);
  }

  exists(path: string, watch?: boolean | Watcher): Promise<Stat | null> {
    checkPath(path);
    const w = this.watchers.registration('exist', path, watch);
    return this.send({ type: 'exists', path, watch: w !== undefined }, 'stat', w).then((r) => {
      if (r.err === Code.NONODE) return null;
      if (r.err !== 0) throw new KeeperException(r.err, path);
      return (r.body as Extract<ResponseRecord, { kind: 'stat' }>).stat;
    });
  }

  getData(path: string, watch?: boolean | Watcher): Promise<{ data: Uint8Array | null; stat: Stat }> {
    checkPath(path);
    const w = this.watchers.registration('data', path, watch);
    return this.ok({ type: 'getData', path, watch: w !== undefined }, 'getData', path, w).then((b) => {
      const body = b as Extract<ResponseRecord, { kind: 'getData' }>;
      return { data: body.data, stat: body.stat };
    });
  }

  setData(path: string, data: DataInput, version = -1): Promise<Stat> {
    checkPath(path);
    return this.ok({ type: 'setData', path, data: toBytes(data), version }, 'stat', path).then((b) => (b as Extract<ResponseRecord, { kind: 'stat' }>).stat);
  }

  /** `getChildren(path, watch)` (opcode 8). Names in the server's order, which is unspecified. */
  getChildren(path: string, watch?: boolean | Watcher): Promise<string[]> {
    checkPath(path);
    const w = this.watchers.registration('child', path, watch);
    return this.ok({ type: 'getChildren', path, watch: w !== undefined }, 'getChildren', path, w).then(
      (b) => (b as Extract<ResponseRecord, { kind: 'getChildren' }>).children,
    );
  }

  /** `getChildren(path, watch, Stat)` (opcode 12, getChildren2). */
  getChildrenWithStat(path: string, watch?: boolean | Watcher): Promise<{ children: string[]; stat: Stat }> {
    checkPath(path);
    const w = this.watchers.registration('child', path, watch);
    return this.ok({ type: 'getChildren2', path, watch: w !== undefined }, 'getChildren2', path, w).then((b) => {
      const body = b as Extract<ResponseRecord, { kind: 'getChildren2' }>;
      return { children: body.children, stat: body.stat };
    });
  }

  /**
   * `multi(ops)`: every op validated first (`Op.validate`: paths; TTL only for TTL modes, a
   * TTL given with another mode is ignored as `Op.create` ignores it), then read and write
   * ops must not be mixed. An empty list resolves `[]` without contacting the server. Writes
   * go as `multi` (14), reads as `multiRead` (22; per-op errors are results, never thrown).
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
    const wire: MultiOpRecord[] = ops.map((o): MultiOpRecord => {
      switch (o.type) {
        case 'create': {
          const data = toBytes(o.data);
          const flags = createModeFlag(o.mode);
          const type = createOpcodeFor(o.mode, false);
          return type === 'createTTL' ? { type, path: o.path, data, acl: o.acl, flags, ttl: o.ttl } : { type, path: o.path, data, acl: o.acl, flags };
        }
        case 'delete':
        case 'check':
          return { type: o.type, path: o.path, version: o.version };
        case 'setData':
          return { type: 'setData', path: o.path, data: toBytes(o.data), version: o.version };
        case 'getData':
        case 'getChildren':
          return { type: o.type, path: o.path, watch: false };
      }
    });
    const readOnly = reads > 0;
    return this.send({ type: readOnly ? 'multiRead' : 'multi', ops: wire }, 'multi').then((r) => {
      if (r.err !== 0) throw new KeeperException(r.err);
      const results = (r.body as Extract<ResponseRecord, { kind: 'multi' }>).results.map(toOpResult);
      if (readOnly) return results;
      const fatal = results.find((x) => x.type === 'error' && x.err !== 0);
      if (fatal !== undefined && fatal.type === 'error') throw new KeeperException(fatal.err, undefined, results);
      return results;
    });
  }

  transaction(): Transaction {
    const ops: Op[] = [];
    const OPEN = OPEN_ACL_UNSAFE;
    const t: Transaction = {
      create: (path, data, acl = OPEN, mode = 'PERSISTENT', ttl = -1) => (ops.push({ type: 'create', path, data, acl, mode, ttl }), t),
      delete: (path, version = -1) => (ops.push({ type: 'delete', path, version }), t),
      setData: (path, data, version = -1) => (ops.push({ type: 'setData', path, data, version }), t),
      check: (path, version = -1) => (ops.push({ type: 'check', path, version }), t),
      commit: () => this.multi(ops),
    };
    return t;
  }

  sync(path: string): Promise<string> {
    checkPath(path);
    return this.ok({ type: 'sync', path }, 'sync', path).then((b) => (b as Extract<ResponseRecord, { kind: 'sync' }>).path);
  }

  addWatch(path: string, mode: AddWatchMode, watcher?: Watcher): Promise<void> {
    checkPath(path);
    const w = watcher === undefined ? 0 : this.watchers.idOf(watcher);
    const reg: WatchRegistration = { kind: mode === 'PERSISTENT' ? 'persistent' : 'recursive', path, watcher: w };
    return this.ok({ type: 'addWatch', path, mode: mode === 'PERSISTENT' ? 0 : 1 }, 'none', path, reg).then(() => undefined);
  }

  /** `removeWatches` (checkWatches, opcode 17): the client's record only; see the conformance README. */
  removeWatches(path: string, watcher: Watcher | true, type: WatcherType, local = false): Promise<void> {
    checkPath(path);
    const w = watcher === true ? 0 : this.watchers.idOf(watcher);
    const unwatch: WatchDeregistration = { path, watcher: w, type, local };
    return this.ok({ type: 'checkWatches', path, mode: WATCHER_TYPE[type] }, 'none', path, undefined, unwatch).then(() => undefined);
  }

  /** `removeAllWatches` (removeWatches, opcode 18): the server drops its watch as well. */
  removeAllWatches(path: string, type: WatcherType, local = false): Promise<void> {
    checkPath(path);
    const unwatch: WatchDeregistration = { path, watcher: null, type, local };
    return this.ok({ type: 'removeWatches', path, mode: WATCHER_TYPE[type] }, 'none', path, undefined, unwatch).then(() => undefined);
  }

  getACL(path: string): Promise<{ acl: ACL[]; stat: Stat }> {
    checkPath(path);
    return this.ok({ type: 'getACL', path }, 'getACL', path).then((b) => {
      const body = b as Extract<ResponseRecord, { kind: 'getACL' }>;
      return { acl: body.acl, stat: body.stat };
    });
  }

  setACL(path: string, acl: readonly ACL[], aversion = -1): Promise<Stat> {
    checkPath(path);
    checkACLList(acl);
    return this.ok({ type: 'setACL', path, acl, version: aversion }, 'stat', path).then((b) => (b as Extract<ResponseRecord, { kind: 'stat' }>).stat);
  }

  /** Never rejects; resolves once the server answered. A rejected scheme leaves the handle AUTH_FAILED. */
  addAuthInfo(scheme: string, auth: string | Uint8Array): Promise<void> {
    return this.cnxn.addAuthInfo(scheme, typeof auth === 'string' ? utf8Encode(auth) : auth);
  }

  getEphemerals(prefix = '/'): Promise<string[]> {
    checkPath(prefix);
    return this.ok({ type: 'getEphemerals', path: prefix }, 'getEphemerals', undefined).then((b) => (b as Extract<ResponseRecord, { kind: 'getEphemerals' }>).ephemerals);
  }

  getAllChildrenNumber(path: string): Promise<number> {
    checkPath(path);
    return this.ok({ type: 'getAllChildrenNumber', path }, 'getAllChildrenNumber', path).then(
      (b) => (b as Extract<ResponseRecord, { kind: 'getAllChildrenNumber' }>).number,
    );
  }

  close(): Promise<void> {
    return this.cnxn.close();
  }
}
