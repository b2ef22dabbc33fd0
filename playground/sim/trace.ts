/**
 * The trace: the typed, append-only record of everything a simulation did.
 *
 * Views, checkers and tests read only this. Every event carries its `index` (position in the
 * trace), the virtual `time` it happened at, and `cause`: the index of the first event of the
 * kernel step or outside input that produced it (a `deliver` is its own cause; the `send`s a
 * node made in reaction share it). A message is drawn in flight from its `send` alone
 * (`sentAt`, `deliverAt`); `deliver`, `drop` and `hold`/`release` name the send by `sendIndex`.
 *
 * Messages and values in the trace are the very objects nodes sent: nodes must treat a
 * message as immutable once sent (never mutate it afterwards), and so must every reader.
 *
 * Imports only the kernel contract's types; must stay free of any view or runtime concern.
 */

import type { NodeId, ProtocolEvent, TimeMs } from './types.ts';

/** Why a message (or outside request) never arrived. */
export type DropReason =
  /** `send` with no connection to the target at all. */
  | 'no-connection'
  /** `send` on a connection still opening (wait for `connected`). */
  | 'not-connected'
  /** The connection was closed (by either end) before the message arrived. */
  | 'closed'
  /** A `breakConnection` fault broke the connection. */
  | 'broken'
  /** One end crashed. */
  | 'crash'
  /** An outside request addressed a node that is down. */
  | 'node-down';

/** Why a connection attempt failed. */
export type ConnectFailReason = 'refused' | 'timeout' | 'crash' | 'broken' | 'closed';

/** Why a node was told `disconnected`. */
export type DisconnectReason = 'closed-by-peer' | 'broken' | 'crash';

/** The event itself, before the trace stamps `index`, `time` and `cause` on it. */
export type TraceBody =
  /** A node booted for the first time (`addNode`): it receives `start`. */
  | { kind: 'start'; node: NodeId }
  /** A crashed node came back (new instance from its factory): it receives `start`. */
  | { kind: 'restart'; node: NodeId }
  | { kind: 'crash'; node: NodeId }
  /** The node's host stopped for `forMs` without closing anything (`freeze`). */
  | { kind: 'freeze'; node: NodeId; forMs: TimeMs }
  /** The node's host wall clock is set `byMs` off the true time (`skew`; 0 sets it right). */
  | { kind: 'skew'; node: NodeId; byMs: number }
  /** A frozen node's host runs again: it takes in what came due meanwhile. */
  | { kind: 'thaw'; node: NodeId }
  /** An outside input handed to a node (reader code, a fault script, a workload). */
  | { kind: 'request'; node: NodeId; value: unknown }
  | { kind: 'output'; node: NodeId; value: unknown }
  /** A node-reported protocol fact (log append, apply, state change, client reply, ...). */
  | { kind: 'protocol'; node: NodeId; event: ProtocolEvent }
  | { kind: 'timer'; node: NodeId; name: string }
  /** `sim.at(...)` fired. */
  | { kind: 'wake'; label: string }
  /** A message put on a connection; it is due at `deliverAt` unless held or lost. */
  | { kind: 'send'; from: NodeId; to: NodeId; msg: unknown; conn: number; sentAt: TimeMs; deliverAt: TimeMs }
  | { kind: 'deliver'; from: NodeId; to: NodeId; msg: unknown; conn: number; sendIndex: number }
  /** A message that will never arrive. `sendIndex` is null when it was never sent at all. */
  | { kind: 'drop'; from: NodeId | null; to: NodeId; msg: unknown; reason: DropReason; sendIndex: number | null }
  /**
   * A message reached a partition (it waits until the partition heals or an end closes the
   * connection), or a frozen node (it waits in its receive buffer until the thaw).
   */
  | { kind: 'hold'; from: NodeId; to: NodeId; conn: number; sendIndex: number }
  /** A held (or queued-behind-held) message got a new delivery time. */
  | { kind: 'release'; from: NodeId; to: NodeId; conn: number; sendIndex: number; deliverAt: TimeMs }
  /** A node asked for a connection. `note` explains a connect that did nothing. */
  | { kind: 'connect'; from: NodeId; to: NodeId; conn: number | null; note?: string }
  | { kind: 'connected'; node: NodeId; peer: NodeId; conn: number }
  | { kind: 'connectFailed'; node: NodeId; peer: NodeId; reason: ConnectFailReason }
  /**
   * A node closed its connection to `peer`. The close travels behind the messages already
   * sent and reaches the peer at `deliverAt` (null when there was nothing to tell the peer).
   */
  | { kind: 'close'; node: NodeId; peer: NodeId; conn: number | null; deliverAt: TimeMs | null; note?: string }
  | { kind: 'disconnected'; node: NodeId; peer: NodeId; conn: number; reason: DisconnectReason }
  /** A connection broke (a fault, or a partition that lasted too long). */
  | { kind: 'break'; a: NodeId; b: NodeId; reason: 'fault' }
  | { kind: 'partition'; groups: NodeId[][] }
  | { kind: 'heal' }
  /** Messages sent from now on take `minMs..maxMs`: everywhere, or on the one link `between` (both ways). */
  | { kind: 'latency'; minMs: TimeMs; maxMs: TimeMs; between?: readonly [NodeId, NodeId] };

export interface TraceMeta {
  /** Position in the trace, from 0. */
  readonly index: number;
  readonly time: TimeMs;
  /** Index of the first event of the kernel step or outside input that produced this one. */
  readonly cause: number;
}

export type TraceEvent = TraceBody & TraceMeta;
export type TraceKind = TraceBody['kind'];

/** One readable line per event, for test failures and debugging. Not a stable format. */
export function describeEvent(e: TraceEvent): string {
  const head = `#${e.index} t=${e.time}`;
  switch (e.kind) {
    case 'send':
      return `${head} send ${e.from}->${e.to} ${brief(e.msg)} due ${e.deliverAt}`;
    case 'deliver':
      return `${head} deliver ${e.from}->${e.to} ${brief(e.msg)}`;
    case 'drop':
      return `${head} drop ${e.from ?? 'outside'}->${e.to} ${brief(e.msg)} (${e.reason})`;
    case 'hold':
    case 'release':
      return `${head} ${e.kind} ${e.from}->${e.to} send #${e.sendIndex}`;
    case 'connect':
      return `${head} connect ${e.from}->${e.to}${e.note ? ` (${e.note})` : ''}`;
    case 'connected':
      return `${head} connected ${e.node}<-${e.peer}`;
    case 'connectFailed':
    case 'disconnected':
      return `${head} ${e.kind} ${e.node}<-${e.peer} (${e.reason})`;
    case 'close':
      return `${head} close ${e.node}->${e.peer}${e.note ? ` (${e.note})` : ''}`;
    case 'break':
      return `${head} break ${e.a}-${e.b} (${e.reason})`;
    case 'partition':
      return `${head} partition ${e.groups.map((g) => `[${g.join(',')}]`).join(' ')}`;
    case 'heal':
      return `${head} heal`;
    case 'latency':
      return `${head} latency ${e.between ? `${e.between[0]}-${e.between[1]} ` : ''}${e.minMs}..${e.maxMs}ms`;
    case 'wake':
      return `${head} wake ${e.label}`;
    case 'timer':
      return `${head} timer ${e.node}.${e.name}`;
    case 'request':
    case 'output':
      return `${head} ${e.kind} ${e.node} ${brief(e.value)}`;
    case 'protocol':
      return `${head} protocol ${e.node} ${brief(e.event)}`;
    case 'start':
    case 'restart':
    case 'crash':
    case 'thaw':
      return `${head} ${e.kind} ${e.node}`;
    case 'freeze':
      return `${head} freeze ${e.node} for ${e.forMs}ms`;
    case 'skew':
      return `${head} skew ${e.node} by ${e.byMs}ms`;
  }
}

function brief(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
