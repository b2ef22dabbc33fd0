/**
 * The client's trace contract, as `zab/events.ts` is Zab's: every protocol event the
 * simulated client (`client-node.ts`, the Java `ClientCnxn`) reports as a `trace` effect,
 * which the kernel records as `{ kind: 'protocol', node, event }`. Typed once, for views,
 * moments and checkers. Types only; imports the transport's `States`.
 */
import type { States } from './transport.ts';

export type ClientEvent =
  /** The connection state changed (`ZooKeeper.States`); `session` is `0x…` (0x0 before the first). */
  | { type: 'client.state'; state: States; session: string }
  /** The server told the client its session expired. */
  | { type: 'client.expired'; session: string }
  /** Nothing heard from `server` for `readTimeout` ms: the client gives the connection up. */
  | { type: 'client.readTimeout'; server: string | null; readTimeout: number }
  /** A reply longer than the client's `jute.maxbuffer`: the connection is dropped. */
  | { type: 'client.lenError'; server: string | null; length: number; max: number }
  /** The connection is gone (`reason`: why): Disconnected, in-flight calls fail, it reconnects. */
  | { type: 'client.connectionLost'; reason: string; server: string | null };
