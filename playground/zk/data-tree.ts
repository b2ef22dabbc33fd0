/**
 * The znode tree (`server/DataTree` + `DataNode`): nodes with data, ACL and `StatPersisted`,
 * the per-session ephemeral index, the container and TTL candidate sets, the two watch
 * tables, and `processTxn` which applies a committed transaction (firing watches) and
 * reports what happened. Reads (`getData`, `statNode`, `getChildren`, ...) are here too.
 *
 * Pure and synchronous: no clock (times come in the txn header), no I/O. Imports the zk
 * helpers only. Watch notifications leave through the `deliver` callback given to the
 * constructor (the server applies the READ filter and queues them on connections).
 */
import { READ_ACL_UNSAFE, OPEN_ACL_UNSAFE } from './acl.ts';
import type { ACL } from './acl.ts';
import { Code, KeeperException } from './errors.ts';
import { compareUtf16 } from './path.ts';
import { copyStat, createStat, ephemeralType } from './stat.ts';
import type { Stat, StatPersisted } from './stat.ts';
import type { LoggedTxn, Txn, TxnHeader } from './txn.ts';
import { WatchManager } from './watch-manager.ts';
import type { DeliverFn, WatcherMode } from './watch-manager.ts';

/** One znode. `data` is null for null data (distinct from empty). */
export interface DataNode {
  data: Uint8Array | null;
  acl: readonly ACL[];
  stat: StatPersisted;
  readonly children: Set<string>;
}

/** What applying one txn produced (`DataTree.ProcessTxnResult`). */
export interface ProcessTxnResult {
  readonly clientId: bigint;
  readonly cxid: number;
  readonly zxid: bigint;
  /** The applied txn's type (`error` for a failed write or a failed multi's ops). */
  readonly type: Txn['type'];
  /** For create: the opcode used (decides whether a result carries a stat). */
  readonly opcode?: string;
  err: number;
  path?: string;
  stat?: Stat;
  multiResult?: ProcessTxnResult[];
}

/** `WatcherType` for removeWatches / checkWatches. */
export type WatcherType = 'CHILDREN' | 'DATA' | 'ANY';

/** A serializable copy of the tree (snapshot). */
export interface TreeSnapshot {
  readonly lastProcessedZxid: bigint;
  readonly nodes: readonly { path: string; data: Uint8Array | null; acl: readonly ACL[]; stat: StatPersisted }[];
}

function splitPath(path: string): { parent: string; child: string } {
  const i = path.lastIndexOf('/');
  return { parent: path.slice(0, i), child: path.slice(i + 1) };
}

/** Paths in the tree use `/` for the root; `DataTree` also maps `""` to it. */
function key(path: string): string {
  return path === '' ? '/' : path;
}

function zeroStat(): StatPersisted {
  return createStat(0n, 0, 0n);
}

type SnapshotNode = TreeSnapshot['nodes'][number];

/**
 * Per tree, each node's entry in the last snapshot taken of it (by path), kept while the
 * node is unchanged: the next `snapshot()` reuses it instead of copying the node again (the
 * book snapshots every few writes, and copying every znode each time was a tenth of a loaded
 * ensemble's run). Snapshots are immutable once taken (the durable-storage contract, checked
 * in the unit tests), so two snapshots sharing an unchanged node's entry is unobservable.
 * Every change to a node's data, ACL or stat, and its deletion, drops its entry (`changed`).
 * Kept outside the class so that the class's declared shape (the reader's API) is unchanged.
 */
const snapshotEntries = new WeakMap<DataTree, Map<string, SnapshotNode>>();

function changed(tree: DataTree, path: string): void {
  snapshotEntries.get(tree)?.delete(path);
}

export class DataTree {
  private readonly nodes = new Map<string, DataNode>();
  private readonly ephemerals = new Map<bigint, Set<string>>();
  /** CONTAINER nodes (reaper candidates when empty and used). */
  readonly containers = new Set<string>();
  /** TTL nodes (reaper candidates when empty and expired). */
  readonly ttls = new Set<string>();
  readonly dataWatches: WatchManager;
  readonly childWatches: WatchManager;
  /** zxid of the last txn applied. */
  lastProcessedZxid = 0n;

  /** `deliver` receives every watch notification (see `WatchManager`). */
  constructor(deliver?: DeliverFn) {
    this.dataWatches = new WatchManager(deliver);
    this.childWatches = new WatchManager(deliver);
    const root: DataNode = { data: new Uint8Array(0), acl: OPEN_ACL_UNSAFE, stat: zeroStat(), children: new Set(['zookeeper']) };
    this.nodes.set('/', root);
    this.nodes.set('/zookeeper', { data: new Uint8Array(0), acl: OPEN_ACL_UNSAFE, stat: zeroStat(), children: new Set(['quota', 'config']) });
    this.nodes.set('/zookeeper/quota', { data: new Uint8Array(0), acl: OPEN_ACL_UNSAFE, stat: zeroStat(), children: new Set() });
    // DataTree.addConfigNode: setACL(config, READ_ACL_UNSAFE, -1) stores aversion -1.
    const configStat = zeroStat();
    configStat.aversion = -1;
    this.nodes.set('/zookeeper/config', { data: new Uint8Array(0), acl: READ_ACL_UNSAFE, stat: configStat, children: new Set() });
  }

  /** `isSpecialPath`: `/`, `/zookeeper`, `/zookeeper/quota`, `/zookeeper/config` (and `""`). */
  static isSpecialPath(path: string): boolean {
    return path === '' || path === '/' || path === '/zookeeper' || path === '/zookeeper/quota' || path === '/zookeeper/config';
  }

  getNode(path: string): DataNode | undefined {
    return this.nodes.get(key(path));
  }

  /** Number of znodes (root included). */
  nodeCount(): number {
    return this.nodes.size;
  }

  /** All paths, sorted by UTF-16 code units. */
  paths(): string[] {
    return [...this.nodes.keys()].sort(compareUtf16);
  }

  /** The client view of a node's stat, or undefined. */
  statOf(path: string): Stat | undefined {
    const n = this.getNode(path);
    return n === undefined ? undefined : copyStat(n.stat, n.data, n.children.size);
  }

  /** Ephemeral paths of a session (a copy, sorted). */
  getEphemerals(sessionId: bigint): string[] {
    return [...(this.ephemerals.get(sessionId) ?? [])].sort(compareUtf16);
  }

  /** Sessions that own ephemerals. */
  sessionsWithEphemerals(): bigint[] {
    return [...this.ephemerals.keys()];
  }

  // ---- mutations (called by processTxn) -------------------------------------------------

  /** `DataTree.createNode`. Throws NONODE / NODEEXISTS. */
  createNode(path: string, data: Uint8Array | null, acl: readonly ACL[], ephemeralOwner: bigint, parentCVersion: number, zxid: bigint, time: number): Stat {
    const { parent: parentName, child: childName } = splitPath(path);
    const parent = this.getNode(parentName);
    if (parent === undefined) throw new KeeperException('NONODE', path);
    if (parent.children.has(childName)) throw new KeeperException('NODEEXISTS', path);
    let cv = parentCVersion;
    if (cv === -1) cv = parent.stat.cversion + 1;
    if (cv > parent.stat.cversion) {
      parent.stat.cversion = cv;
      parent.stat.pzxid = zxid;
      changed(this, key(parentName));
    }
    const child: DataNode = { data, acl, stat: createStat(zxid, time, ephemeralOwner), children: new Set() };
    parent.children.add(childName);
    this.nodes.set(path, child);
    const t = ephemeralType(ephemeralOwner);
    if (t === 'CONTAINER') this.containers.add(path);
    else if (t === 'TTL') this.ttls.add(path);
    else if (ephemeralOwner !== 0n) {
      let set = this.ephemerals.get(ephemeralOwner);
      if (set === undefined) {
        set = new Set();
        this.ephemerals.set(ephemeralOwner, set);
      }
      set.add(path);
    }
    this.dataWatches.triggerWatch(path, 'NodeCreated', acl);
    this.childWatches.triggerWatch(parentName === '' ? '/' : parentName, 'NodeChildrenChanged', parent.acl);
    return copyStat(child.stat, child.data, 0);
  }

  /** `DataTree.deleteNode`. Throws NONODE. */
  deleteNode(path: string, zxid: bigint): void {
    const { parent: parentName, child: childName } = splitPath(path);
    const parent = this.getNode(parentName);
    if (parent === undefined) throw new KeeperException('NONODE', path);
    parent.children.delete(childName);
    if (zxid > parent.stat.pzxid) {
      parent.stat.pzxid = zxid;
      changed(this, key(parentName));
    }
    const node = this.nodes.get(path);
    if (node === undefined) throw new KeeperException('NONODE', path);
    this.nodes.delete(path);
    changed(this, path);
    const owner = node.stat.ephemeralOwner;
    const t = ephemeralType(owner);
    if (t === 'CONTAINER') this.containers.delete(path);
    else if (t === 'TTL') this.ttls.delete(path);
    else if (owner !== 0n) {
      const set = this.ephemerals.get(owner);
      set?.delete(path);
      if (set !== undefined && set.size === 0) this.ephemerals.delete(owner);
    }
    const processed = this.dataWatches.triggerWatch(path, 'NodeDeleted', node.acl);
    this.childWatches.triggerWatch(path, 'NodeDeleted', node.acl, processed);
    this.childWatches.triggerWatch(parentName === '' ? '/' : parentName, 'NodeChildrenChanged', parent.acl);
  }

  /** `DataTree.setData`. Throws NONODE. */
  setData(path: string, data: Uint8Array | null, version: number, zxid: bigint, time: number): Stat {
    const n = this.getNode(path);
    if (n === undefined) throw new KeeperException('NONODE', path);
    n.data = data;
    n.stat.mtime = time;
    n.stat.mzxid = zxid;
    n.stat.version = version;
    changed(this, key(path));
    const stat = copyStat(n.stat, n.data, n.children.size);
    this.dataWatches.triggerWatch(path, 'NodeDataChanged', n.acl);
    return stat;
  }

  /** `DataTree.setACL`: stores `version` as the new aversion. Throws NONODE. */
  setACL(path: string, acl: readonly ACL[], version: number): Stat {
    const n = this.getNode(path);
    if (n === undefined) throw new KeeperException('NONODE', path);
    n.stat.aversion = version;
    n.acl = acl;
    changed(this, key(path));
    return copyStat(n.stat, n.data, n.children.size);
  }

  /** `killSession`: delete the listed ephemerals of a closing session. */
  killSession(sessionId: bigint, zxid: bigint, paths2Delete: readonly string[]): void {
    for (const p of paths2Delete) {
      try {
        this.deleteNode(p, zxid);
      } catch {
        // already gone (DataTree logs and continues)
      }
    }
    this.ephemerals.delete(sessionId);
  }

  // ---- reads ----------------------------------------------------------------------------

  /** `getData`, optionally leaving a one-time data watch for `watcher`. Throws NONODE. */
  getData(path: string, watcher?: number): { data: Uint8Array | null; stat: Stat } {
    const n = this.getNode(path);
    if (n === undefined) throw new KeeperException('NONODE', path);
    if (watcher !== undefined) this.dataWatches.addWatch(path, watcher);
    return { data: n.data, stat: copyStat(n.stat, n.data, n.children.size) };
  }

  /** `statNode` (exists): the watch is added *before* the lookup, so a missing node gets one. */
  statNode(path: string, watcher?: number): Stat | null {
    if (watcher !== undefined) this.dataWatches.addWatch(path, watcher);
    const n = this.getNode(path);
    return n === undefined ? null : copyStat(n.stat, n.data, n.children.size);
  }

  /** `getChildren` (names sorted by UTF-16 code unit) and the node's stat. Throws NONODE. */
  getChildren(path: string, watcher?: number): { children: string[]; stat: Stat } {
    const n = this.getNode(path);
    if (n === undefined) throw new KeeperException('NONODE', path);
    if (watcher !== undefined) this.childWatches.addWatch(path, watcher);
    return { children: [...n.children].sort(compareUtf16), stat: copyStat(n.stat, n.data, n.children.size) };
  }

  /** `getACL`. Throws NONODE. */
  getACL(path: string): { acl: readonly ACL[]; stat: Stat } {
    const n = this.getNode(path);
    if (n === undefined) throw new KeeperException('NONODE', path);
    return { acl: n.acl, stat: copyStat(n.stat, n.data, n.children.size) };
  }

  /** `getAllChildrenNumber`: all descendants at any depth. */
  getAllChildrenNumber(path: string): number {
    if (path === '/') return this.nodes.size - 1;
    const prefix = path + '/';
    let n = 0;
    for (const k of this.nodes.keys()) if (k.startsWith(prefix)) n++;
    return n;
  }

  // ---- watches --------------------------------------------------------------------------

  /** `addWatch(path, mode)`: an entry of that mode in both tables. */
  addWatch(path: string, watcher: number, mode: WatcherMode): void {
    this.dataWatches.addWatch(path, watcher, mode);
    this.childWatches.addWatch(path, watcher, mode);
  }

  /** checkWatches (the client's `removeWatches`): does the server have such a watch? */
  containsWatcher(path: string, type: WatcherType, watcher: number): boolean {
    if (type === 'CHILDREN') return this.childWatches.containsWatcher(path, watcher);
    if (type === 'DATA') return this.dataWatches.containsWatcher(path, watcher);
    const c = this.childWatches.containsWatcher(path, watcher);
    const d = this.dataWatches.containsWatcher(path, watcher);
    return c || d;
  }

  /** removeWatches (the client's `removeAllWatches`): drop the server's entries. */
  removeWatch(path: string, type: WatcherType, watcher: number): boolean {
    if (type === 'CHILDREN') return this.childWatches.removeWatch(path, watcher);
    if (type === 'DATA') return this.dataWatches.removeWatch(path, watcher);
    const c = this.childWatches.removeWatch(path, watcher);
    const d = this.dataWatches.removeWatch(path, watcher);
    return c || d;
  }

  /** A connection closed: forget its watches. */
  removeCnxn(watcher: number): void {
    this.dataWatches.removeWatcher(watcher);
    this.childWatches.removeWatcher(watcher);
  }

  /**
   * `setWatches` on reconnect: fire at once what changed since `relativeZxid`, re-register
   * the rest. `fire` receives events that are due immediately.
   */
  setWatches(
    relativeZxid: bigint,
    lists: { data: readonly string[]; exist: readonly string[]; child: readonly string[]; persistent: readonly string[]; recursive: readonly string[] },
    watcher: number,
    fire: (type: 'NodeDeleted' | 'NodeDataChanged' | 'NodeCreated' | 'NodeChildrenChanged', path: string) => void,
  ): void {
    for (const p of lists.data) {
      const n = this.getNode(p);
      if (n === undefined) fire('NodeDeleted', p);
      else if (n.stat.mzxid > relativeZxid) fire('NodeDataChanged', p);
      else this.dataWatches.addWatch(p, watcher);
    }
    for (const p of lists.exist) {
      if (this.getNode(p) !== undefined) fire('NodeCreated', p);
      else this.dataWatches.addWatch(p, watcher);
    }
    for (const p of lists.child) {
      const n = this.getNode(p);
      if (n === undefined) fire('NodeDeleted', p);
      else if (n.stat.pzxid > relativeZxid) fire('NodeChildrenChanged', p);
      else this.childWatches.addWatch(p, watcher);
    }
    for (const p of lists.persistent) {
      this.childWatches.addWatch(p, watcher, 'PERSISTENT');
      this.dataWatches.addWatch(p, watcher, 'PERSISTENT');
    }
    for (const p of lists.recursive) {
      this.childWatches.addWatch(p, watcher, 'PERSISTENT_RECURSIVE');
      this.dataWatches.addWatch(p, watcher, 'PERSISTENT_RECURSIVE');
    }
  }

  // ---- applying transactions ------------------------------------------------------------

  /** `DataTree.processTxn`: apply one committed txn; errors become `err` in the result. */
  processTxn(hdr: TxnHeader, txn: Txn, isSubTxn = false): ProcessTxnResult {
    const rc: ProcessTxnResult = { clientId: hdr.clientId, cxid: hdr.cxid, zxid: hdr.zxid, type: txn.type, err: 0 };
    try {
      switch (txn.type) {
        case 'create': {
          (rc as { opcode?: string }).opcode = txn.opcode;
          rc.path = txn.path;
          rc.stat = this.createNode(txn.path, txn.data, txn.acl, txn.ephemeralOwner, txn.parentCVersion, hdr.zxid, hdr.time);
          break;
        }
        case 'delete':
          rc.path = txn.path;
          this.deleteNode(txn.path, hdr.zxid);
          break;
        case 'setData':
          rc.path = txn.path;
          rc.stat = this.setData(txn.path, txn.data, txn.version, hdr.zxid, hdr.time);
          break;
        case 'setACL':
          rc.path = txn.path;
          rc.stat = this.setACL(txn.path, txn.acl, txn.version);
          break;
        case 'check':
          rc.path = txn.path;
          break;
        case 'closeSession':
          this.killSession(hdr.clientId, hdr.zxid, txn.paths2Delete);
          break;
        case 'createSession':
          break;
        case 'error':
          rc.err = txn.err;
          break;
        case 'multi': {
          rc.multiResult = [];
          const failed = txn.txns.some((t) => t.type === 'error');
          let postFailed = false;
          for (const sub of txn.txns) {
            let subTxn: Txn = sub;
            if (sub.type === 'error') postFailed = true;
            else if (failed) subTxn = { type: 'error', err: postFailed ? Code.RUNTIMEINCONSISTENCY : Code.OK };
            const subRc = this.processTxn(hdr, subTxn, true);
            rc.multiResult.push(subRc);
            if (subRc.err !== 0 && rc.err === 0) rc.err = subRc.err;
          }
          break;
        }
      }
    } catch (e) {
      if (e instanceof KeeperException) rc.err = e.intValue;
      else throw e;
    }
    if (!isSubTxn && hdr.zxid > this.lastProcessedZxid) this.lastProcessedZxid = hdr.zxid;
    return rc;
  }

  /** Apply a logged txn (replay). */
  apply(entry: LoggedTxn): ProcessTxnResult {
    return this.processTxn(entry.hdr, entry.txn);
  }

  // ---- snapshots ------------------------------------------------------------------------

  /** A deep copy of every node (the "fuzzy snapshot" of a standalone server is exact here). */
  snapshot(): TreeSnapshot {
    // In insertion order; an unchanged node's entry is the previous snapshot's (see
    // `snapshotEntries`), never anything the live tree holds.
    let cache = snapshotEntries.get(this);
    if (cache === undefined) snapshotEntries.set(this, (cache = new Map()));
    const entries = cache;
    const nodes: SnapshotNode[] = new Array<SnapshotNode>(this.nodes.size);
    let i = 0;
    this.nodes.forEach((n, path) => {
      let entry = entries.get(path);
      if (entry === undefined) {
        entry = { path, data: n.data === null ? null : n.data.slice(), acl: n.acl, stat: { ...n.stat } };
        entries.set(path, entry);
      }
      nodes[i++] = entry;
    });
    return { lastProcessedZxid: this.lastProcessedZxid, nodes };
  }

  /** Rebuild a tree from a snapshot (watch tables start empty). */
  static fromSnapshot(snap: TreeSnapshot, deliver?: DeliverFn): DataTree {
    const t = new DataTree(deliver);
    t.nodes.clear();
    for (const n of snap.nodes) {
      t.nodes.set(n.path, { data: n.data === null ? null : n.data.slice(), acl: n.acl, stat: { ...n.stat }, children: new Set() });
    }
    for (const path of t.nodes.keys()) {
      if (path === '/') continue;
      const { parent, child } = splitPath(path);
      t.getNode(parent)?.children.add(child);
      const owner = t.nodes.get(path)!.stat.ephemeralOwner;
      const type = ephemeralType(owner);
      if (type === 'CONTAINER') t.containers.add(path);
      else if (type === 'TTL') t.ttls.add(path);
      else if (owner !== 0n) {
        let set = t.ephemerals.get(owner);
        if (set === undefined) t.ephemerals.set(owner, (set = new Set()));
        set.add(path);
      }
    }
    t.lastProcessedZxid = snap.lastProcessedZxid;
    return t;
  }
}
