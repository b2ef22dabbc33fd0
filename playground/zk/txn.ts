/**
 * Transactions: what `PrepRequestProcessor` produces and every server applies in zxid
 * order (`TxnHeader` + a txn record). A failed write is an `error` txn; a multi is one txn
 * holding one sub-txn per op. zxids are `bigint` (epoch in the high 32 bits).
 * Types only, plus the zxid helpers; imports only types.
 */
import type { ACL } from './acl.ts';

/** Transaction header (`TxnHeader`). */
export interface TxnHeader {
  /** Session that issued the request (0 for server-internal requests such as reaping). */
  readonly clientId: bigint;
  /** The client's xid for the request. */
  readonly cxid: number;
  readonly zxid: bigint;
  /** Virtual time (ms) at which the txn was built. */
  readonly time: number;
}

/** How a create was requested: decides whether its result carries a stat. */
export type CreateOpcode = 'create' | 'create2' | 'createContainer' | 'createTTL';

export type Txn =
  | { readonly type: 'createSession'; readonly timeOut: number }
  | { readonly type: 'closeSession'; readonly paths2Delete: readonly string[] }
  | {
      readonly type: 'create';
      readonly opcode: CreateOpcode;
      readonly path: string;
      readonly data: Uint8Array | null;
      readonly acl: readonly ACL[];
      readonly ephemeralOwner: bigint;
      readonly parentCVersion: number;
    }
  | { readonly type: 'delete'; readonly path: string }
  | { readonly type: 'setData'; readonly path: string; readonly data: Uint8Array | null; readonly version: number }
  | { readonly type: 'setACL'; readonly path: string; readonly acl: readonly ACL[]; readonly version: number }
  | { readonly type: 'check'; readonly path: string; readonly version: number }
  | { readonly type: 'error'; readonly err: number }
  | { readonly type: 'multi'; readonly txns: readonly Txn[] };

/** A txn with its header, as written to the log. */
export interface LoggedTxn {
  readonly hdr: TxnHeader;
  readonly txn: Txn;
}

/** A zxid from epoch and counter: `(epoch << 32) | counter`. */
export function makeZxid(epoch: number, counter: number): bigint {
  return (BigInt(epoch) << 32n) | BigInt(counter >>> 0);
}

/** The epoch (high 32 bits) of a zxid. */
export function epochOf(zxid: bigint): number {
  return Number(zxid >> 32n);
}

/** The counter (low 32 bits) of a zxid. */
export function counterOf(zxid: bigint): number {
  return Number(zxid & 0xffffffffn);
}

/**
 * Recent `hex` results. Every server traces the same zxids and session ids several times
 * per write (log, apply, deliver); converting a bigint each time, and keeping a separate
 * copy of the same text in each trace event, was measurable under load (issue 6). Strings
 * have no identity in JavaScript, so sharing one is unobservable. Bounded: cleared when full.
 */
const hexCache = new Map<bigint, string>();
const HEX_CACHE_MAX = 4096;

/** `0x…` hex of a zxid or session id, as ZooKeeper logs print them. */
export function hex(v: bigint): string {
  let text = hexCache.get(v);
  if (text === undefined) {
    text = '0x' + v.toString(16);
    if (hexCache.size >= HEX_CACHE_MAX) hexCache.clear();
    hexCache.set(v, text);
  }
  return text;
}
