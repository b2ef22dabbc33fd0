/**
 * A client–server message of the trace in the words views use: a ConnectRequest and its
 * answer, a ping and its reply, a request (its operation and path), a reply (the outcome as
 * a `KeeperException` code name, never a number), a watch notification. The wire's shapes
 * (`protocol.ts`), its special xids and its error codes stay here, in the engine, so a view
 * says "a getData /config request" or "a reply (NONODE)" without knowing either. Pure;
 * imports this folder's types and code table.
 */
import { codeName, type CodeName } from './errors.ts';
import { Xid, type ClientMessage, type ServerMessage } from './protocol.ts';

/** How a call or a transaction ended: OK, or the code it failed with. */
export type Outcome = 'OK' | CodeName;

export function outcomeOf(err: number): Outcome {
  return err === 0 ? 'OK' : codeName(err);
}

export type WireWords =
  | { readonly kind: 'connect' }
  | { readonly kind: 'connectResponse' }
  | { readonly kind: 'ping' }
  | { readonly kind: 'pingReply' }
  | { readonly kind: 'request'; readonly op: string; readonly path: string | null; readonly xid: number }
  | { readonly kind: 'reply'; readonly xid: number; readonly outcome: Outcome; readonly zxid: string }
  | { readonly kind: 'notification'; readonly event: string; readonly path: string | null };

/** The words for a client–server message; null for anything else (Zab's and election messages). */
export function wireWords(msg: unknown): WireWords | null {
  const m = msg as ClientMessage | ServerMessage | null;
  switch (m?.kind) {
    case 'connect':
      return { kind: 'connect' };
    case 'connectResponse':
      return { kind: 'connectResponse' };
    case 'request':
      if (m.req.op === 'ping') return { kind: 'ping' };
      return { kind: 'request', op: m.req.op, path: 'path' in m.req ? m.req.path : null, xid: m.xid };
    case 'reply':
      if (m.xid === Xid.PING) return { kind: 'pingReply' };
      return { kind: 'reply', xid: m.xid, outcome: outcomeOf(m.err), zxid: '0x' + (m.zxid < 0n ? 0n : m.zxid).toString(16) };
    case 'notification':
      return { kind: 'notification', event: m.event.type, path: m.event.path };
    default:
      return null;
  }
}
