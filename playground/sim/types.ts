/**
 * The kernel's contract with the nodes it runs.
 *
 * A node (a ZooKeeper server, a client library instance, a Paxos acceptor) is a pure state
 * machine: the kernel hands it one `Input` and a `NodeContext` (virtual `now`, a seeded
 * random stream, its durable storage), and the node answers with a list of `Effect`s that
 * the kernel performs. A node never reads a clock, never calls `Math.random`, never sets a
 * real timer and never touches the DOM or the network. That is what lets the same server
 * run under a unit test, the conformance runner, an animation or a step button.
 *
 * This file has no imports and must stay that way: every other playground module may
 * import it, and it imports nothing.
 */

/** A node's name in the simulation: servers are `s1`, `s2`, ...; clients `c1`, `c2`, .... */
export type NodeId = string;

/** Virtual time in integer milliseconds since the simulation started. */
export type TimeMs = number;

/**
 * What a node may ask of the kernel. Effects are performed in the order given, after
 * the node's `step` returns.
 */
export type Effect<M = unknown> =
  /**
   * Open a FIFO connection (TCP) to `to`. If `to` is up and reachable, both ends later
   * receive `connected`; otherwise the opener receives `connectFailed`.
   */
  | { kind: 'connect'; to: NodeId }
  /** Send on the open connection to `to`. Dropped (and traced as such) if there is none. */
  | { kind: 'send'; to: NodeId; msg: M }
  /** Close the connection to `to`. Messages already sent are still delivered first. */
  | { kind: 'disconnect'; to: NodeId }
  /** (Re)arm the node's timer `name` to fire `afterMs` from now. Re-arming replaces it. */
  | { kind: 'setTimer'; name: string; afterMs: TimeMs }
  | { kind: 'cancelTimer'; name: string }
  /**
   * Write `value` under `key` in the node's durable storage (survives crash and restart).
   * The value is stored as is, not copied: like a sent message, it must never be mutated
   * afterwards (share it, or build the next version as a new value). See `durable.ts`.
   */
  | { kind: 'persist'; key: string; value: unknown }
  /** Tell the outside world something (a client API reply, a watch event, ...). */
  | { kind: 'output'; value: unknown }
  /** Record a protocol event in the trace (log append, apply, truncate, state change, ...). */
  | { kind: 'trace'; event: ProtocolEvent }
  /**
   * The process ends (`System.exit`): the kernel takes the node down as a crash, after the
   * effects before this one; the effects after it are not performed.
   */
  | { kind: 'exit' };

/** A protocol-level fact a node reports for views and checkers. */
export type ProtocolEvent = { type: string; [field: string]: unknown };

/** What the kernel hands a node. */
export type Input<M = unknown> =
  /** First boot, or a restart after a crash: volatile state is gone, `durable` is not. */
  | { kind: 'start' }
  | { kind: 'connected'; peer: NodeId }
  | { kind: 'connectFailed'; peer: NodeId }
  /** The connection to `peer` is gone (closed, broken, partitioned, peer crashed). */
  | { kind: 'disconnected'; peer: NodeId }
  | { kind: 'message'; from: NodeId; msg: M }
  | { kind: 'timer'; name: string }
  /** A request from outside the simulation (reader code calling the client API, a fault script). */
  | { kind: 'request'; value: unknown };

/** Read-only view of a node's durable storage plus the node's clock and randomness. */
export interface NodeContext {
  readonly id: NodeId;
  /** Virtual now, integer ms: the monotonic clock every timer and timeout reads. */
  readonly now: TimeMs;
  /**
   * This host's wall clock: `now` plus the host's skew (the `skew` fault; 0 unless set). Only
   * what a real server takes from the wall clock reads it (ZooKeeper's `Time.currentWallTime()`:
   * txn times, hence ctime and mtime, and the TTL/container reaper's age of a znode).
   */
  readonly wallNow: TimeMs;
  /** Uniform integer in [0, n) from this node's own seeded stream. */
  randomInt(n: number): number;
  /** The value last persisted under `key`, or undefined. The very value persisted: read only. */
  durable(key: string): unknown;
}

/** A node is a state machine: one input in, effects out. */
export interface SimNode<M = unknown> {
  readonly id: NodeId;
  step(input: Input<M>, ctx: NodeContext): Effect<M>[];
}
