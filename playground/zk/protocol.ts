/**
 * The client–server protocol: what travels on a client's FIFO connection. Mirrors the jute
 * records (`ConnectRequest`, `RequestHeader` + request, `ReplyHeader` + response,
 * `WatcherEvent` with xid −1) as plain objects, plus the byte lengths the real wire would
 * carry: `frameLength` for a request (the server's `jute.maxbuffer` check) and
 * `serverFrameLength` for what the server sends (the client's own `jute.maxbuffer` check).
 * Types and pure helpers; imports only types and the UTF-8 helper.
 */
import type { ACL } from './acl.ts';
import { utf8Length } from './bytes.ts';
import type { Stat } from './stat.ts';
import type { CreateOpcode } from './txn.ts';
import type { WatchedEvent, WatcherMode } from './watch-manager.ts';
import type { WatcherType } from './data-tree.ts';

/** Special xids (`ClientCnxn`). */
export const Xid = { NOTIFICATION: -1, PING: -2, AUTH: -4, SET_WATCHES: -8 } as const;

/** One op of a write multi. `flags` is the create mode flag, `ttl` −1 for none. */
export type MultiOp =
  | { readonly op: 'create'; readonly path: string; readonly data: Uint8Array | null; readonly acl: readonly ACL[]; readonly flags: number; readonly ttl: number }
  | { readonly op: 'delete'; readonly path: string; readonly version: number }
  | { readonly op: 'setData'; readonly path: string; readonly data: Uint8Array | null; readonly version: number }
  | { readonly op: 'check'; readonly path: string; readonly version: number };

/** A request body (after the request header). */
export type Request =
  | { readonly op: 'create'; readonly opcode: CreateOpcode; readonly path: string; readonly data: Uint8Array | null; readonly acl: readonly ACL[]; readonly flags: number; readonly ttl: number }
  | { readonly op: 'delete'; readonly path: string; readonly version: number }
  | { readonly op: 'exists'; readonly path: string; readonly watch: boolean }
  | { readonly op: 'getData'; readonly path: string; readonly watch: boolean }
  | { readonly op: 'setData'; readonly path: string; readonly data: Uint8Array | null; readonly version: number }
  | { readonly op: 'getACL'; readonly path: string }
  | { readonly op: 'setACL'; readonly path: string; readonly acl: readonly ACL[]; readonly version: number }
  /** `withStat`: getChildren2 (opcode 12), whose reply carries the parent's stat too. */
  | { readonly op: 'getChildren'; readonly path: string; readonly watch: boolean; readonly withStat?: boolean }
  | { readonly op: 'sync'; readonly path: string }
  | { readonly op: 'ping' }
  | { readonly op: 'multi'; readonly ops: readonly MultiOp[] }
  | { readonly op: 'closeSession' }
  | { readonly op: 'checkWatches'; readonly path: string; readonly watcherType: WatcherType }
  | { readonly op: 'removeWatches'; readonly path: string; readonly watcherType: WatcherType }
  | { readonly op: 'addWatch'; readonly path: string; readonly mode: Exclude<WatcherMode, 'STANDARD'> }
  | { readonly op: 'getEphemerals'; readonly prefix: string }
  | { readonly op: 'getAllChildrenNumber'; readonly path: string }
  | {
      readonly op: 'setWatches';
      readonly relativeZxid: bigint;
      readonly data: readonly string[];
      readonly exist: readonly string[];
      readonly child: readonly string[];
      readonly persistent: readonly string[];
      readonly recursive: readonly string[];
    }
  | { readonly op: 'auth'; readonly scheme: string; readonly auth: Uint8Array }
  /** Server-internal (container / TTL reaper); never sent by clients. */
  | { readonly op: 'deleteContainer'; readonly path: string }
  /** Server-internal (a new session's transaction); never sent by clients. */
  | { readonly op: 'createSession'; readonly timeOut: number };

/** Per-op result of a successful multi (Java's `OpResult`s). */
export type MultiResult =
  | { readonly type: 'create'; readonly path: string; readonly stat?: Stat }
  | { readonly type: 'delete' }
  | { readonly type: 'setData'; readonly stat: Stat }
  | { readonly type: 'check' }
  | { readonly type: 'error'; readonly err: number };

/** A response body. */
export type Response =
  /** `stat`: absent from a plain create's reply (`CreateResponse`, opcode 1). */
  | { readonly op: 'create'; readonly path: string; readonly stat?: Stat }
  | { readonly op: 'exists' | 'setData' | 'setACL'; readonly stat: Stat }
  | { readonly op: 'getData'; readonly data: Uint8Array | null; readonly stat: Stat }
  | { readonly op: 'getACL'; readonly acl: readonly ACL[]; readonly stat: Stat }
  /** `stat`: absent from a plain getChildren's reply (`GetChildrenResponse`, opcode 8). */
  | { readonly op: 'getChildren'; readonly children: readonly string[]; readonly stat?: Stat }
  | { readonly op: 'sync'; readonly path: string }
  | { readonly op: 'multi'; readonly results: readonly MultiResult[] }
  | { readonly op: 'getEphemerals'; readonly ephemerals: readonly string[] }
  | { readonly op: 'getAllChildrenNumber'; readonly number: number };

/** Client → server. */
export type ClientMessage =
  | {
      readonly kind: 'connect';
      readonly protocolVersion: number;
      readonly lastZxidSeen: bigint;
      readonly timeOut: number;
      readonly sessionId: bigint;
      readonly passwd: Uint8Array;
      readonly readOnly: boolean;
    }
  | { readonly kind: 'request'; readonly xid: number; readonly req: Request; readonly length: number };

/** Server → client. */
export type ServerMessage =
  | { readonly kind: 'connectResponse'; readonly protocolVersion: number; readonly timeOut: number; readonly sessionId: bigint; readonly passwd: Uint8Array }
  | { readonly kind: 'reply'; readonly xid: number; readonly zxid: bigint; readonly err: number; readonly body?: Response }
  | { readonly kind: 'notification'; readonly xid: -1; readonly zxid: bigint; readonly event: WatchedEvent };

// ---- jute sizes -----------------------------------------------------------------------

function strLen(s: string): number {
  return 4 + utf8Length(s);
}
function bufLen(b: Uint8Array | null): number {
  return 4 + (b === null ? 0 : b.length);
}
function aclLen(acl: readonly ACL[]): number {
  let n = 4;
  for (const a of acl) n += 4 + strLen(a.id.scheme) + strLen(a.id.id);
  return n;
}
function listLen(l: readonly string[]): number {
  return 4 + l.reduce((n, s) => n + strLen(s), 0);
}

function multiOpLen(op: MultiOp): number {
  switch (op.op) {
    case 'create':
      return strLen(op.path) + bufLen(op.data) + aclLen(op.acl) + 4 + (op.ttl >= 0 ? 8 : 0);
    case 'delete':
    case 'check':
      return strLen(op.path) + 4;
    case 'setData':
      return strLen(op.path) + bufLen(op.data) + 4;
  }
}

/** Bytes of the request record. */
export function requestBodyLength(req: Request): number {
  switch (req.op) {
    case 'create':
      return strLen(req.path) + bufLen(req.data) + aclLen(req.acl) + 4 + (req.opcode === 'createTTL' ? 8 : 0);
    case 'delete':
    case 'setACL':
      return strLen(req.path) + (req.op === 'setACL' ? aclLen(req.acl) : 0) + 4;
    case 'exists':
    case 'getData':
    case 'getChildren':
      return strLen(req.path) + 1;
    case 'setData':
      return strLen(req.path) + bufLen(req.data) + 4;
    case 'getACL':
    case 'sync':
    case 'getAllChildrenNumber':
    case 'deleteContainer':
      return strLen(req.path);
    case 'getEphemerals':
      return strLen(req.prefix);
    case 'checkWatches':
    case 'removeWatches':
    case 'addWatch':
      return strLen(req.path) + 4;
    case 'ping':
    case 'closeSession':
      return 0;
    case 'createSession':
      return 4;
    case 'multi':
      // each op: MultiHeader (type 4, done 1, err 4) + record; then the end header
      return req.ops.reduce((n, op) => n + 9 + multiOpLen(op), 0) + 9;
    case 'setWatches':
      return 8 + listLen(req.data) + listLen(req.exist) + listLen(req.child) + listLen(req.persistent) + listLen(req.recursive);
    case 'auth':
      return 4 + strLen(req.scheme) + bufLen(req.auth);
  }
}

/** The frame length the server reads (request header 8 bytes + record), without the 4-byte prefix. */
export function frameLength(req: Request): number {
  return 8 + requestBodyLength(req);
}

// ---- what the client reads -----------------------------------------------------------------

/** `Stat`: 3 zxids, 2 times, 3 versions, ephemeralOwner, dataLength, numChildren. */
const STAT_LEN = 68;
/** `ReplyHeader`: xid, zxid, err. */
const REPLY_HEADER_LEN = 16;
/** `MultiHeader`: type, done, err. */
const MULTI_HEADER_LEN = 9;

function multiResultLen(r: MultiResult): number {
  switch (r.type) {
    case 'create':
      return strLen(r.path) + (r.stat !== undefined ? STAT_LEN : 0);
    case 'setData':
      return STAT_LEN;
    case 'error':
      return 4;
    case 'delete':
    case 'check':
      return 0;
  }
}

/**
 * Bytes of a response record as the server writes it for `req` (`FinalRequestProcessor`):
 * `CreateResponse` (path) for `create`, `Create2Response` (path, stat) for the other create
 * opcodes; `GetChildrenResponse` (names) for getChildren, `GetChildren2Response` (names,
 * stat) when the caller asked for the stat; each multi result after its `MultiHeader`, then
 * the closing header.
 */
export function responseBodyLength(req: Request, body: Response): number {
  switch (body.op) {
    case 'create':
      return strLen(body.path) + (req.op === 'create' && req.opcode === 'create' ? 0 : STAT_LEN);
    case 'exists':
    case 'setData':
    case 'setACL':
      return STAT_LEN;
    case 'getData':
      return bufLen(body.data) + STAT_LEN;
    case 'getACL':
      return aclLen(body.acl) + STAT_LEN;
    case 'getChildren':
      return listLen(body.children) + (req.op === 'getChildren' && req.withStat === true ? STAT_LEN : 0);
    case 'sync':
      return strLen(body.path);
    case 'multi':
      return body.results.reduce((n, r) => n + MULTI_HEADER_LEN + multiResultLen(r), 0) + MULTI_HEADER_LEN;
    case 'getEphemerals':
      return listLen(body.ephemerals);
    case 'getAllChildrenNumber':
      return 4;
  }
}

/**
 * The length prefix of a frame the client reads (without the 4 bytes of the prefix), which
 * `ClientCnxnSocket.readLength` checks against the client's `jute.maxbuffer`. `req` is the
 * request a reply answers (ignored for pings, auth and setWatches replies, which carry no
 * record). A failed request's reply is the header alone.
 */
export function serverFrameLength(msg: ServerMessage, req?: Request): number {
  switch (msg.kind) {
    case 'connectResponse':
      // protocolVersion, timeOut, sessionId, passwd, readOnly
      return 4 + 4 + 8 + bufLen(msg.passwd) + 1;
    case 'notification':
      // WatcherEvent: type, state, path
      return REPLY_HEADER_LEN + 4 + 4 + strLen(msg.event.path ?? '');
    case 'reply':
      return REPLY_HEADER_LEN + (msg.body !== undefined && msg.err === 0 && req !== undefined ? responseBodyLength(req, msg.body) : 0);
  }
}
