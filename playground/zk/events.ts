/**
 * The server's trace contract, as `zab/events.ts` is Zab's: every protocol event a
 * ZooKeeper server (`server.ts`) reports as a `trace` effect, which the kernel records as
 * `{ kind: 'protocol', node, event }`. Views, checkers and moments read these fields, so
 * they are typed here once; `isServerEvent` narrows a trace event to them. Session ids and
 * zxids travel as `0x…` hex strings. Watch registration and removal are not traced: they
 * are derived from the trace by `watch-trace.ts` (so the trace, and every link keyed by its
 * positions, stayed as it was). Types only, and one guard; imports only this folder's types.
 */
import type { Txn } from './txn.ts';
import type { EventType } from './watch-manager.ts';

export type ServerEvent =
  /** The server (re)loaded its database: last zxid, transactions replayed from its log, sessions restored. */
  | { type: 'server.start'; zxid: string; replayed: number; sessions: number }
  /** It wrote a snapshot of its tree (`logIndex`: log entries behind it). */
  | { type: 'snapshot'; zxid: string; logIndex: number }
  /** A client's packet was longer than `jute.maxbuffer`: the connection is closed. */
  | { type: 'cnxn.lenError'; peer: string; length: number; max: number }
  /** A client that has seen a later zxid than this server's may not connect here. */
  | { type: 'session.refused'; peer: string; clientZxid: string; serverZxid: string }
  /** A connect request was answered: a session (new or resumed) on this connection, or an invalid one (timeout 0). */
  | { type: 'session.established' | 'session.invalid'; peer: string; session: string; timeout: number }
  /** An `addAuthInfo` the server's providers reject. */
  | { type: 'auth.failed'; peer: string; scheme: string }
  /** A request on a connection whose session the server no longer has. */
  | { type: 'session.missing'; peer: string; session: string; dropped: string }
  /** A session was created (its createSession transaction applied). */
  | { type: 'session.create'; session: string; timeout: number; zxid: string }
  /** A session was closed (closeSession applied) and its ephemerals deleted. */
  | { type: 'session.close'; session: string; zxid: string; deleted: string[] }
  /** A transaction was applied to the tree (`err`: its result code, 0 when it succeeded). */
  | { type: 'txn.apply'; zxid: string; txn: Txn['type']; path: string | undefined; err: number; session: string }
  /** A request of a session that moved to another server: no reply, the connection closes. */
  | { type: 'session.moved'; session: string; op: string; peer?: string }
  /** A triggered watch the session may not read (CVE-2024-23944): not sent, but used up. */
  | { type: 'watch.withheld'; session: string; event: EventType; path: string | null }
  /** A watch notification sent to the client `peer`. */
  | { type: 'watch.fire'; session: string; peer: string; event: EventType; path: string | null }
  /** The leader's session tracker expired the session (a closeSession follows). */
  | { type: 'session.expire'; session: string }
  /** The container reaper deletes an empty container or an expired TTL node. */
  | { type: 'container.reap'; path: string };

export type ServerEventType = ServerEvent['type'];

/** A protocol event of a server, narrowed by its type. */
export function isServerEvent<T extends ServerEventType>(event: { type: string }, type: T): event is Extract<ServerEvent, { type: T }> {
  return event.type === type;
}
