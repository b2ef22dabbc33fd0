/**
 * The client's trace contract, as `zab/events.ts` is Zab's: every protocol event the
 * simulated client (`client-node.ts`, the Java `ClientCnxn`) reports as a `trace` effect,
 * which the kernel records as `{ kind: 'protocol', node, event }`. Typed once, for views,
 * moments and checkers; and the node's traced commands and outputs in words (below).
 * Imports the node's command and output types and the engine's outcome words.
 */
import type { ClientCommand, ClientOutput } from './client-node.ts';
import type { States } from './transport.ts';
import { outcomeOf, type Outcome } from '../zk/wire-words.ts';

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

/**
 * What the client node was asked (a traced `request` input, one of its `ClientCommand`s) and
 * what it answered (a traced `output`), in words: the call and its path, how a reply ended
 * (a code name), a watch event. The command and request shapes stay here, in the engine.
 */
export type CommandWords =
  | { readonly kind: 'connect'; readonly sessionTimeoutMs: number }
  | { readonly kind: 'call'; readonly handle: number; readonly reqId: number; readonly op: string; readonly path: string | null }
  | { readonly kind: 'close'; readonly handle: number; readonly reqId: number }
  | { readonly kind: 'addAuthInfo' }
  | { readonly kind: 'dropConnection' };

export type OutputWords =
  | { readonly kind: 'reply'; readonly handle: number; readonly reqId: number; readonly outcome: Outcome }
  | { readonly kind: 'event'; readonly type: string; readonly state: string; readonly path: string | null }
  | { readonly kind: 'state'; readonly state: States };

export function commandWords(value: unknown): CommandWords | null {
  const c = value as ClientCommand | null;
  switch (c?.cmd) {
    case 'connect':
      return { kind: 'connect', sessionTimeoutMs: c.sessionTimeoutMs };
    case 'submit':
      return { kind: 'call', handle: c.handle, reqId: c.reqId, op: c.req.op, path: 'path' in c.req ? c.req.path : null };
    case 'close':
      return { kind: 'close', handle: c.handle, reqId: c.reqId };
    case 'addAuthInfo':
      return { kind: 'addAuthInfo' };
    case 'dropConnection':
      return { kind: 'dropConnection' };
    default:
      return null;
  }
}

export function outputWords(value: unknown): OutputWords | null {
  const o = value as ClientOutput | null;
  switch (o?.kind) {
    case 'reply':
      return { kind: 'reply', handle: o.handle, reqId: o.reqId, outcome: outcomeOf(o.err) };
    case 'event':
      return { kind: 'event', type: o.event.type, state: o.event.state, path: o.event.path };
    case 'state':
      return { kind: 'state', state: o.state };
    default:
      return null;
  }
}
