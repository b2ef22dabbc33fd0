/**
 * The client API readers program against, as they see it: `ZooKeeperClient`, a
 * promise-based mirror of the Java `ZooKeeper` class (same method names, arguments, errors
 * and watch semantics), its watcher, data, multi-op and result types, the `Op` builders and
 * `decode`. One implementation serves both targets: `client.ts`, over a transport (the
 * simulated client node, or the jute connection to a real server in `node/real`).
 *
 * Types and two small values; imports zk types, the UTF-8 helper and the transport's `States`.
 */
import { OPEN_ACL_UNSAFE } from '../zk/acl.ts';
import type { ACL } from '../zk/acl.ts';
import { utf8Decode } from '../zk/bytes.ts';
import type { MultiResult } from '../zk/protocol.ts';
import type { CreateMode, Stat } from '../zk/stat.ts';
import type { EventType, KeeperState } from '../zk/watch-manager.ts';
import type { States } from './transport.ts';

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

/** Decode data as UTF-8 (null stays null). */
export function decode(data: Uint8Array | null): string | null {
  return data === null ? null : utf8Decode(data);
}
