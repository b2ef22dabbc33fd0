/**
 * What the one client (`client.ts`, the `ZooKeeperClient` reader code uses) needs of a
 * connection to ZooKeeper: send a request of the server's own request model
 * (`playground/zk/protocol.ts`) with the watch bookkeeping it carries, get back the code and
 * the response; add credentials; close; and the session's state. The transport runs the
 * Java `ClientCnxn`'s part (handshake, xids, pings, timeouts, reconnects, the watch registry)
 * and calls the client back with each event and the watcher ids it reaches.
 *
 * Two transports: the simulated client node (`client-node.ts`, driven by `zookeeper.ts`'s
 * `SimZooKeeper`) and the jute connection over TCP to a real server
 * (`node/real/connection.ts`, whose codec encodes these same requests).
 *
 * Types only; imports the server's request model and the registry's watch kinds.
 */
import type { MultiResult, Request, Response } from '../zk/protocol.ts';
import type { WatcherType } from '../zk/data-tree.ts';
import type { WatchedEvent } from '../zk/watch-manager.ts';
import type { WatchKind } from './watch-registry.ts';

/** `ZooKeeper.States`. */
export type States = 'NOT_CONNECTED' | 'CONNECTING' | 'CONNECTED' | 'CLOSED' | 'AUTH_FAILED';

/** Watch bookkeeping attached to a request (`WatchRegistration`): registered once the reply arrives. */
export interface WatchRegistration {
  readonly kind: WatchKind;
  readonly path: string;
  /** Watcher id: 0 = the default watcher. */
  readonly watcher: number;
}

/** `WatchDeregistration`: removeWatches / removeAllWatches. */
export interface WatchDeregistration {
  readonly path: string;
  /** null: every watcher of the path (removeAllWatches). */
  readonly watcher: number | null;
  readonly type: WatcherType;
  readonly local: boolean;
}

/** A read op of a read-only multi. */
export interface ReadOp {
  readonly op: 'getData' | 'getChildren';
  readonly path: string;
}

/**
 * What the client sends: a request of the server's model, or a read-only multi (`multiRead`,
 * opcode 22, ZooKeeper 3.6+), which the simulated server does not implement (its transport
 * answers UNIMPLEMENTED without sending anything).
 */
export type ClientRequest = Request | { readonly op: 'multiRead'; readonly ops: readonly ReadOp[] };

/**
 * What a request ended with: the code after the client's own bookkeeping (a removeWatches
 * the client could answer alone is OK) and, when OK, the response. A `multiRead`'s results
 * include the reads' values, typed as the write multi's results.
 */
export interface Reply {
  readonly err: number;
  readonly body?: Response | { readonly op: 'multi'; readonly results: readonly MultiResult[] };
}

/** A session's connection, as the one client uses it. */
export interface ClientTransport {
  readonly state: States;
  /** The session id (0 until connected). */
  readonly sessionId: bigint;
  /** The negotiated session timeout in ms (0 until connected). */
  readonly sessionTimeout: number;
  /**
   * Queue `req`; resolves with its reply, never rejects (a lost connection is CONNECTIONLOSS,
   * a dead handle SESSIONEXPIRED or AUTHFAILED). `describe` names the call while it waits
   * (`getData('/a')`), for a run that ends stuck.
   */
  submit(req: ClientRequest, describe: string, watch?: WatchRegistration, unwatch?: WatchDeregistration): Promise<Reply>;
  /** Remember the credentials for reconnects and send them now; resolves once answered, never rejects. */
  addAuthInfo(scheme: string, auth: Uint8Array): Promise<void>;
  /** Close the session; resolves once closed (at once on a dead handle). */
  close(): Promise<void>;
  /** Resolves when CONNECTED; rejects with SESSIONEXPIRED / AUTHFAILED if the handle dies first. */
  whenConnected(): Promise<void>;
}

/** How a transport hands the client an event: the watcher ids it reaches (0 = the default watcher). */
export type Dispatch = (watchers: readonly number[], event: WatchedEvent) => void;
