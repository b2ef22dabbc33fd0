/**
 * What a message is, in the words the views use: its type label (vote, FOLLOWERINFO,
 * PROPOSAL, ACK, COMMIT, request, reply, ping, watch event, ...), its family (for the
 * marks' shapes), the zxid it concerns (for linked highlighting), and a readable payload
 * for the details panel. A client–server message is read through the engine's words for it
 * (playground/zk/wire-words.ts): no request shapes or error codes here. Pure.
 */
import { wireWords } from '../../playground/zk/wire-words.ts';

export type MessageFamily = 'election' | 'zab' | 'client' | 'ping' | 'watch';

export interface MessageInfo {
  /** Short label drawn on the mark. */
  readonly type: string;
  readonly family: MessageFamily;
  /** The zxid it carries (hex), for PROPOSAL / ACK / COMMIT and friends. */
  readonly zxid: string | null;
  /** One line for tables and narration. */
  readonly summary: string;
}

interface AnyMsg {
  readonly kind?: string;
  readonly type?: string;
  readonly zxid?: unknown;
  readonly leader?: unknown;
  readonly electionEpoch?: unknown;
}

export function hexZxid(z: unknown): string | null {
  if (typeof z === 'bigint') return '0x' + (z < 0n ? 0n : z).toString(16);
  if (typeof z === 'string' && z.startsWith('0x')) return z;
  return null;
}

export function messageInfo(msg: unknown): MessageInfo {
  const m = (msg ?? {}) as AnyMsg;
  if (m.type === 'NOTIFICATION') {
    const z = hexZxid(m.zxid);
    // A non-voting member (an observer) proposes nobody (ZooKeeper: Long.MIN_VALUE).
    if (m.leader === null || m.leader === undefined) return { type: 'vote', family: 'election', zxid: null, summary: `vote for nobody (an observer's; round ${String(m.electionEpoch)})` };
    return { type: 'vote', family: 'election', zxid: null, summary: `vote for ${String(m.leader)} (zxid ${z ?? '?'}, round ${String(m.electionEpoch)})` };
  }
  if (typeof m.type === 'string') {
    const z = hexZxid(m.zxid);
    const family: MessageFamily = m.type === 'PING' ? 'ping' : 'zab';
    return { type: m.type, family, zxid: ['PROPOSAL', 'ACK', 'COMMIT', 'INFORM'].includes(m.type) ? z : null, summary: z !== null ? `${m.type} ${z}` : m.type };
  }
  const w = wireWords(msg);
  switch (w?.kind) {
    case 'connect':
      return { type: 'connect', family: 'client', zxid: null, summary: 'ConnectRequest (open or resume a session)' };
    case 'connectResponse':
      return { type: 'session', family: 'client', zxid: null, summary: 'ConnectResponse (session established)' };
    case 'ping':
      return { type: 'ping', family: 'ping', zxid: null, summary: 'client ping' };
    case 'pingReply':
      return { type: 'ping', family: 'ping', zxid: null, summary: 'ping reply' };
    case 'request':
      return { type: w.op, family: 'client', zxid: null, summary: `request ${w.op}${w.path ? ' ' + w.path : ''} (xid ${String(w.xid)})` };
    case 'reply':
      return { type: 'reply', family: 'client', zxid: null, summary: `reply to xid ${String(w.xid)}${w.outcome !== 'OK' ? ` (${w.outcome})` : ''}, zxid ${w.zxid}` };
    case 'notification':
      return { type: 'watch', family: 'watch', zxid: null, summary: `watch event ${w.event} ${w.path ?? ''}`.trim() };
    default:
      return { type: 'message', family: 'client', zxid: null, summary: 'message' };
  }
}

/** The payload as readable JSON (bigints as hex, bytes as text where printable). */
export function payloadText(msg: unknown): string {
  return JSON.stringify(
    msg,
    (_k, v: unknown) => {
      if (typeof v === 'bigint') return '0x' + v.toString(16);
      if (v instanceof Uint8Array) {
        const text = String.fromCharCode(...v.slice(0, 64));
        return /^[\x20-\x7e]*$/.test(text) ? `bytes "${text}"${v.length > 64 ? '…' : ''}` : `bytes[${v.length}]`;
      }
      return v;
    },
    2,
  );
}
