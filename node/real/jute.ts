/**
 * Jute, ZooKeeper's binary record encoding, and the records a client puts on the wire
 * (`zookeeper.jute`, `MultiOperationRecord`, `MultiResponse`): big-endian int (4 bytes) and
 * long (8 bytes, as `bigint`), bool (1 byte), buffer and ustring (int length, −1 = null, then
 * the bytes), vector (int count, −1 = null, then the items), records (fields in order, no
 * framing). Strings are written as Java's `BinaryOutputArchive.writeString` does (each
 * UTF-16 unit on its own, so a surrogate pair takes 6 bytes) and read as UTF-8.
 *
 * The client's requests are the server's own request model (`playground/zk/protocol.ts`):
 * `toWire` turns one into its jute record and the kind of response to read, `fromWire` the
 * response read back into the model's `Response`.
 *
 * Pure and platform-neutral (Uint8Array + DataView, no Node `Buffer`); imports the zk
 * request model and create modes and the client's request type. The framing (4-byte length
 * prefix) and the socket live in `connection.ts`.
 */
import type { ACL } from '../../playground/zk/acl.ts';
import type { ClientMessage, MultiOp, MultiResult, Request, Response } from '../../playground/zk/protocol.ts';
import { createModeFromFlag, createOpcodeFor } from '../../playground/zk/stat.ts';
import type { Stat } from '../../playground/zk/stat.ts';
import type { ClientRequest } from '../../playground/client/transport.ts';

/** `ZooDefs.OpCode`. */
export const OpCode = {
  notification: 0,
  create: 1,
  delete: 2,
  exists: 3,
  getData: 4,
  setData: 5,
  getACL: 6,
  setACL: 7,
  getChildren: 8,
  sync: 9,
  ping: 11,
  getChildren2: 12,
  check: 13,
  multi: 14,
  create2: 15,
  reconfig: 16,
  checkWatches: 17,
  removeWatches: 18,
  createContainer: 19,
  deleteContainer: 20,
  createTTL: 21,
  multiRead: 22,
  auth: 100,
  setWatches: 101,
  sasl: 102,
  getEphemerals: 103,
  getAllChildrenNumber: 104,
  setWatches2: 105,
  addWatch: 106,
  whoAmI: 107,
  createSession: -10,
  closeSession: -11,
  error: -1,
} as const;

/** Special xids (`ClientCnxn`). */
export const Xid = { NOTIFICATION: -1, PING: -2, AUTH: -4, SET_WATCHES: -8 } as const;

// ---- primitive archive ------------------------------------------------------------------

/** Java `BinaryOutputArchive.stringToByteBuffer`: UTF-8 per UTF-16 code unit. */
export function javaStringBytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length * 3);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) out[n++] = c;
    else if (c < 0x800) {
      out[n++] = 0xc0 | (c >> 6);
      out[n++] = 0x80 | (c & 0x3f);
    } else {
      out[n++] = 0xe0 | (c >> 12);
      out[n++] = 0x80 | ((c >> 6) & 0x3f);
      out[n++] = 0x80 | (c & 0x3f);
    }
  }
  return out.slice(0, n);
}

const decoder = new TextDecoder('utf-8');

/** Appends jute primitives to a growing byte array. */
export class JuteWriter {
  private buf = new Uint8Array(64);
  private view = new DataView(this.buf.buffer);
  private n = 0;

  private room(k: number): void {
    if (this.n + k <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.n + k) size *= 2;
    const b = new Uint8Array(size);
    b.set(this.buf.subarray(0, this.n));
    this.buf = b;
    this.view = new DataView(b.buffer);
  }

  int(v: number): this {
    this.room(4);
    this.view.setInt32(this.n, v);
    this.n += 4;
    return this;
  }

  long(v: bigint): this {
    this.room(8);
    this.view.setBigInt64(this.n, BigInt.asIntN(64, v));
    this.n += 8;
    return this;
  }

  bool(v: boolean): this {
    this.room(1);
    this.buf[this.n++] = v ? 1 : 0;
    return this;
  }

  raw(b: Uint8Array): this {
    this.room(b.length);
    this.buf.set(b, this.n);
    this.n += b.length;
    return this;
  }

  buffer(b: Uint8Array | null): this {
    if (b === null) return this.int(-1);
    return this.int(b.length).raw(b);
  }

  ustring(s: string | null): this {
    if (s === null) return this.int(-1);
    return this.buffer(javaStringBytes(s));
  }

  vector<T>(items: readonly T[] | null, item: (w: JuteWriter, v: T) => void): this {
    if (items === null) return this.int(-1);
    this.int(items.length);
    for (const v of items) item(this, v);
    return this;
  }

  get length(): number {
    return this.n;
  }

  /** The bytes written so far (a copy). */
  bytes(): Uint8Array {
    return this.buf.slice(0, this.n);
  }
}

/** Thrown when a record runs past the end of its frame or has an impossible length. */
export class JuteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JuteError';
  }
}

/** Reads jute primitives from one frame. */
export class JuteReader {
  private readonly buf: Uint8Array;
  private readonly view: DataView;
  private pos = 0;

  constructor(buf: Uint8Array) {
    this.buf = buf;
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  private need(k: number): void {
    if (k < 0 || this.pos + k > this.buf.length) {
      throw new JuteError(`record needs ${k} bytes at offset ${this.pos}, frame has ${this.buf.length}`);
    }
  }

  int(): number {
    this.need(4);
    const v = this.view.getInt32(this.pos);
    this.pos += 4;
    return v;
  }

  long(): bigint {
    this.need(8);
    const v = this.view.getBigInt64(this.pos);
    this.pos += 8;
    return v;
  }

  bool(): boolean {
    this.need(1);
    return this.buf[this.pos++] !== 0;
  }

  buffer(): Uint8Array | null {
    const len = this.int();
    if (len === -1) return null;
    this.need(len);
    const b = this.buf.slice(this.pos, this.pos + len);
    this.pos += len;
    return b;
  }

  ustring(): string | null {
    const b = this.buffer();
    return b === null ? null : decoder.decode(b);
  }

  vector<T>(item: (r: JuteReader) => T): T[] | null {
    const n = this.int();
    if (n === -1) return null;
    if (n < 0) throw new JuteError(`negative vector length ${n}`);
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(item(this));
    return out;
  }

  /** Bytes left in the frame. */
  get remaining(): number {
    return this.buf.length - this.pos;
  }
}

// ---- data records -----------------------------------------------------------------------

export function writeStat(w: JuteWriter, s: Stat): void {
  w.long(s.czxid).long(s.mzxid).long(BigInt(s.ctime)).long(BigInt(s.mtime));
  w.int(s.version).int(s.cversion).int(s.aversion).long(s.ephemeralOwner);
  w.int(s.dataLength).int(s.numChildren).long(s.pzxid);
}

export function readStat(r: JuteReader): Stat {
  const czxid = r.long();
  const mzxid = r.long();
  const ctime = Number(r.long());
  const mtime = Number(r.long());
  const version = r.int();
  const cversion = r.int();
  const aversion = r.int();
  const ephemeralOwner = r.long();
  const dataLength = r.int();
  const numChildren = r.int();
  const pzxid = r.long();
  return { czxid, mzxid, ctime, mtime, version, cversion, aversion, ephemeralOwner, dataLength, numChildren, pzxid };
}

export function writeACL(w: JuteWriter, a: ACL): void {
  w.int(a.perms).ustring(a.id.scheme).ustring(a.id.id);
}

export function readACL(r: JuteReader): ACL {
  const perms = r.int();
  const scheme = r.ustring() ?? '';
  const id = r.ustring() ?? '';
  return { perms, id: { scheme, id } };
}

function str(w: JuteWriter, s: string): void {
  w.ustring(s);
}
function readStr(r: JuteReader): string {
  return r.ustring() ?? '';
}

// ---- session records --------------------------------------------------------------------

/** `ConnectRequest` plus the trailing "may be read-only" byte the Java client appends: the request model's `connect` message. */
export type ConnectRequest = Omit<Extract<ClientMessage, { kind: 'connect' }>, 'kind'>;

export function encodeConnectRequest(c: ConnectRequest): Uint8Array {
  const w = new JuteWriter();
  w.int(c.protocolVersion).long(c.lastZxidSeen).int(c.timeOut).long(c.sessionId).buffer(c.passwd).bool(c.readOnly);
  return w.bytes();
}

/** `ConnectResponse` plus the trailing read-only byte (absent from very old servers). */
export interface ConnectResponse {
  readonly protocolVersion: number;
  readonly timeOut: number;
  readonly sessionId: bigint;
  readonly passwd: Uint8Array;
  readonly readOnly: boolean;
}

export function decodeConnectResponse(b: Uint8Array): ConnectResponse {
  const r = new JuteReader(b);
  const protocolVersion = r.int();
  const timeOut = r.int();
  const sessionId = r.long();
  const passwd = r.buffer() ?? new Uint8Array(0);
  const readOnly = r.remaining > 0 ? r.bool() : false;
  return { protocolVersion, timeOut, sessionId, passwd, readOnly };
}

export function encodeConnectResponse(c: ConnectResponse): Uint8Array {
  return new JuteWriter().int(c.protocolVersion).int(c.timeOut).long(c.sessionId).buffer(c.passwd).bool(c.readOnly).bytes();
}

/** `ReplyHeader`. */
export interface ReplyHeader {
  readonly xid: number;
  readonly zxid: bigint;
  readonly err: number;
}

export function readReplyHeader(r: JuteReader): ReplyHeader {
  const xid = r.int();
  const zxid = r.long();
  const err = r.int();
  return { xid, zxid, err };
}

export function writeReplyHeader(w: JuteWriter, h: ReplyHeader): void {
  w.int(h.xid).long(h.zxid).int(h.err);
}

/** `WatcherEvent` (the body of an xid −1 frame): numeric type and state, and the path. */
export interface WatcherEvent {
  readonly type: number;
  readonly state: number;
  readonly path: string;
}

export function readWatcherEvent(r: JuteReader): WatcherEvent {
  const type = r.int();
  const state = r.int();
  const path = r.ustring() ?? '';
  return { type, state, path };
}

export function writeWatcherEvent(w: JuteWriter, e: WatcherEvent): void {
  w.int(e.type).int(e.state).ustring(e.path);
}

// ---- requests ---------------------------------------------------------------------------

/** One op of a write multi, as `Op.toRequestRecord` serializes it. */
export type MultiOpRecord =
  | { readonly type: 'create' | 'createContainer'; readonly path: string; readonly data: Uint8Array | null; readonly acl: readonly ACL[]; readonly flags: number }
  | { readonly type: 'createTTL'; readonly path: string; readonly data: Uint8Array | null; readonly acl: readonly ACL[]; readonly flags: number; readonly ttl: number }
  | { readonly type: 'delete'; readonly path: string; readonly version: number }
  | { readonly type: 'setData'; readonly path: string; readonly data: Uint8Array | null; readonly version: number }
  | { readonly type: 'check'; readonly path: string; readonly version: number }
  | { readonly type: 'getData' | 'getChildren'; readonly path: string; readonly watch: boolean };

/** A request body and the opcode of its `RequestHeader`. */
export type RequestRecord =
  | { readonly type: 'create' | 'create2' | 'createContainer'; readonly path: string; readonly data: Uint8Array | null; readonly acl: readonly ACL[]; readonly flags: number }
  | { readonly type: 'createTTL'; readonly path: string; readonly data: Uint8Array | null; readonly acl: readonly ACL[]; readonly flags: number; readonly ttl: number }
  | { readonly type: 'delete' | 'check'; readonly path: string; readonly version: number }
  | { readonly type: 'exists' | 'getData' | 'getChildren' | 'getChildren2'; readonly path: string; readonly watch: boolean }
  | { readonly type: 'setData'; readonly path: string; readonly data: Uint8Array | null; readonly version: number }
  | { readonly type: 'getACL' | 'sync' | 'getAllChildrenNumber' | 'getEphemerals'; readonly path: string }
  | { readonly type: 'setACL'; readonly path: string; readonly acl: readonly ACL[]; readonly version: number }
  | { readonly type: 'checkWatches' | 'removeWatches' | 'addWatch'; readonly path: string; readonly mode: number }
  | { readonly type: 'multi' | 'multiRead'; readonly ops: readonly MultiOpRecord[] }
  | { readonly type: 'ping' | 'closeSession' }
  /** The request model's setWatches; setWatches2 (105) when it carries persistent watches. */
  | (Omit<Extract<Request, { op: 'setWatches' }>, 'op'> & { readonly type: 'setWatches' | 'setWatches2' })
  | { readonly type: 'auth'; readonly scheme: string; readonly auth: Uint8Array };

function writeBody(w: JuteWriter, req: RequestRecord | MultiOpRecord): void {
  switch (req.type) {
    case 'create':
    case 'create2':
    case 'createContainer':
      w.ustring(req.path).buffer(req.data).vector(req.acl, writeACL).int(req.flags);
      return;
    case 'createTTL':
      w.ustring(req.path).buffer(req.data).vector(req.acl, writeACL).int(req.flags).long(BigInt(req.ttl));
      return;
    case 'delete':
    case 'check':
      w.ustring(req.path).int(req.version);
      return;
    case 'exists':
    case 'getData':
    case 'getChildren':
    case 'getChildren2':
      w.ustring(req.path).bool(req.watch);
      return;
    case 'setData':
      w.ustring(req.path).buffer(req.data).int(req.version);
      return;
    case 'getACL':
    case 'sync':
    case 'getAllChildrenNumber':
    case 'getEphemerals':
      w.ustring(req.path);
      return;
    case 'setACL':
      w.ustring(req.path).vector(req.acl, writeACL).int(req.version);
      return;
    case 'checkWatches':
    case 'removeWatches':
    case 'addWatch':
      w.ustring(req.path).int(req.mode);
      return;
    case 'multi':
    case 'multiRead':
      for (const op of req.ops) {
        w.int(OpCode[op.type]).bool(false).int(-1); // MultiHeader(type, done=false, err=-1)
        writeBody(w, op);
      }
      w.int(-1).bool(true).int(-1); // end marker
      return;
    case 'ping':
    case 'closeSession':
      return;
    case 'setWatches':
      w.long(req.relativeZxid).vector(req.data, str).vector(req.exist, str).vector(req.child, str);
      return;
    case 'setWatches2':
      w.long(req.relativeZxid).vector(req.data, str).vector(req.exist, str).vector(req.child, str);
      w.vector(req.persistent, str).vector(req.recursive, str);
      return;
    case 'auth':
      w.int(0).ustring(req.scheme).buffer(req.auth); // AuthPacket(type 0, scheme, auth)
      return;
  }
}

/** `RequestHeader(xid, type)` + the request record: one frame's payload (no length prefix). */
export function encodeRequest(xid: number, req: RequestRecord): Uint8Array {
  const w = new JuteWriter();
  w.int(xid).int(OpCode[req.type]);
  writeBody(w, req);
  return w.bytes();
}

// ---- responses --------------------------------------------------------------------------

/** Per-op result of a write multi, as `MultiResponse` deserializes it (Java's `OpResult`). */
export type OpResultRecord =
  | { readonly type: 'create'; readonly path: string; readonly stat?: Stat }
  | { readonly type: 'delete' }
  | { readonly type: 'setData'; readonly stat: Stat }
  | { readonly type: 'check' }
  | { readonly type: 'getChildren'; readonly children: string[] }
  | { readonly type: 'getData'; readonly data: Uint8Array | null; readonly stat: Stat }
  | { readonly type: 'error'; readonly err: number };

export function readMultiResponse(r: JuteReader): OpResultRecord[] {
  const out: OpResultRecord[] = [];
  for (;;) {
    const type = r.int();
    const done = r.bool();
    r.int(); // err of the header; the error result carries its own
    if (done) return out;
    switch (type) {
      case OpCode.create:
        out.push({ type: 'create', path: readStr(r) });
        break;
      case OpCode.create2:
        out.push({ type: 'create', path: readStr(r), stat: readStat(r) });
        break;
      case OpCode.delete:
        out.push({ type: 'delete' });
        break;
      case OpCode.setData:
        out.push({ type: 'setData', stat: readStat(r) });
        break;
      case OpCode.check:
        out.push({ type: 'check' });
        break;
      case OpCode.getChildren:
        out.push({ type: 'getChildren', children: r.vector(readStr) ?? [] });
        break;
      case OpCode.getData: {
        const data = r.buffer();
        out.push({ type: 'getData', data, stat: readStat(r) });
        break;
      }
      case OpCode.error:
        out.push({ type: 'error', err: r.int() });
        break;
      default:
        throw new JuteError(`invalid type ${type} in MultiResponse`);
    }
  }
}

/** Inverse of `readMultiResponse` (as the server's `MultiResponse.serialize`), for tests. */
export function writeMultiResponse(w: JuteWriter, results: readonly OpResultRecord[]): void {
  for (const res of results) {
    switch (res.type) {
      case 'create':
        if (res.stat === undefined) w.int(OpCode.create).bool(false).int(0).ustring(res.path);
        else {
          w.int(OpCode.create2).bool(false).int(0).ustring(res.path);
          writeStat(w, res.stat);
        }
        break;
      case 'delete':
      case 'check':
        w.int(OpCode[res.type]).bool(false).int(0);
        break;
      case 'setData':
        w.int(OpCode.setData).bool(false).int(0);
        writeStat(w, res.stat);
        break;
      case 'getChildren':
        w.int(OpCode.getChildren).bool(false).int(0).vector(res.children, str);
        break;
      case 'getData':
        w.int(OpCode.getData).bool(false).int(0).buffer(res.data);
        writeStat(w, res.stat);
        break;
      case 'error':
        w.int(OpCode.error).bool(false).int(res.err).int(res.err);
        break;
    }
  }
  w.int(-1).bool(true).int(-1);
}

/** Response bodies the client reads, by the kind of request that was sent. */
export type ResponseKind =
  | 'none'
  | 'create'
  | 'create2'
  | 'stat'
  | 'getData'
  | 'getACL'
  | 'getChildren'
  | 'getChildren2'
  | 'sync'
  | 'multi'
  | 'getEphemerals'
  | 'getAllChildrenNumber';

export type ResponseRecord =
  | { readonly kind: 'none' }
  | { readonly kind: 'create'; readonly path: string }
  | { readonly kind: 'create2'; readonly path: string; readonly stat: Stat }
  | { readonly kind: 'stat'; readonly stat: Stat }
  | { readonly kind: 'getData'; readonly data: Uint8Array | null; readonly stat: Stat }
  | { readonly kind: 'getACL'; readonly acl: ACL[]; readonly stat: Stat }
  | { readonly kind: 'getChildren'; readonly children: string[] }
  | { readonly kind: 'getChildren2'; readonly children: string[]; readonly stat: Stat }
  | { readonly kind: 'sync'; readonly path: string }
  | { readonly kind: 'multi'; readonly results: OpResultRecord[] }
  | { readonly kind: 'getEphemerals'; readonly ephemerals: string[] }
  | { readonly kind: 'getAllChildrenNumber'; readonly number: number };

/** Read the response record of a successful reply (the reader is positioned after the header). */
export function readResponse(r: JuteReader, kind: ResponseKind): ResponseRecord {
  switch (kind) {
    case 'none':
      return { kind };
    case 'create':
    case 'sync':
      return { kind, path: readStr(r) };
    case 'create2':
      return { kind, path: readStr(r), stat: readStat(r) };
    case 'stat':
      return { kind, stat: readStat(r) };
    case 'getData': {
      const data = r.buffer();
      return { kind, data, stat: readStat(r) };
    }
    case 'getACL': {
      const acl = r.vector(readACL) ?? [];
      return { kind, acl, stat: readStat(r) };
    }
    case 'getChildren':
      return { kind, children: r.vector(readStr) ?? [] };
    case 'getChildren2': {
      const children = r.vector(readStr) ?? [];
      return { kind, children, stat: readStat(r) };
    }
    case 'multi':
      return { kind, results: readMultiResponse(r) };
    case 'getEphemerals':
      return { kind, ephemerals: r.vector(readStr) ?? [] };
    case 'getAllChildrenNumber':
      return { kind, number: r.int() };
  }
}

// ---- the request model on the wire ------------------------------------------------------

/** `Watcher.WatcherType` as checkWatches / removeWatches carry it. */
const WATCHER_TYPE = { CHILDREN: 1, DATA: 2, ANY: 3 } as const;

/** A write multi's op as `Op.toRequestRecord` writes it: a create's opcode follows its mode's flag. */
function multiOpRecord(op: MultiOp): MultiOpRecord {
  switch (op.op) {
    case 'create': {
      const mode = createModeFromFlag(op.flags) ?? 'PERSISTENT';
      const type = createOpcodeFor(mode, false);
      return type === 'createTTL'
        ? { type, path: op.path, data: op.data, acl: op.acl, flags: op.flags, ttl: op.ttl }
        : { type, path: op.path, data: op.data, acl: op.acl, flags: op.flags };
    }
    case 'delete':
    case 'check':
      return { type: op.op, path: op.path, version: op.version };
    case 'setData':
      return { type: 'setData', path: op.path, data: op.data, version: op.version };
  }
}

/** The jute record of a client request and the kind of response its reply carries. */
export function toWire(req: ClientRequest): { record: RequestRecord; kind: ResponseKind } {
  switch (req.op) {
    case 'create': {
      const { opcode: type, path, data, acl, flags } = req;
      const record: RequestRecord = type === 'createTTL' ? { type, path, data, acl, flags, ttl: req.ttl } : { type, path, data, acl, flags };
      return { record, kind: type === 'create' ? 'create' : 'create2' };
    }
    case 'delete':
      return { record: { type: 'delete', path: req.path, version: req.version }, kind: 'none' };
    case 'exists':
      return { record: { type: 'exists', path: req.path, watch: req.watch }, kind: 'stat' };
    case 'getData':
      return { record: { type: 'getData', path: req.path, watch: req.watch }, kind: 'getData' };
    case 'setData':
      return { record: { type: 'setData', path: req.path, data: req.data, version: req.version }, kind: 'stat' };
    case 'getACL':
      return { record: { type: 'getACL', path: req.path }, kind: 'getACL' };
    case 'setACL':
      return { record: { type: 'setACL', path: req.path, acl: req.acl, version: req.version }, kind: 'stat' };
    case 'getChildren': {
      const type = req.withStat === true ? 'getChildren2' : 'getChildren';
      return { record: { type, path: req.path, watch: req.watch }, kind: type };
    }
    case 'sync':
      return { record: { type: 'sync', path: req.path }, kind: 'sync' };
    case 'multi':
      return { record: { type: 'multi', ops: req.ops.map(multiOpRecord) }, kind: 'multi' };
    case 'multiRead':
      return { record: { type: 'multiRead', ops: req.ops.map((o) => ({ type: o.op, path: o.path, watch: false })) }, kind: 'multi' };
    case 'checkWatches':
    case 'removeWatches':
      return { record: { type: req.op, path: req.path, mode: WATCHER_TYPE[req.watcherType] }, kind: 'none' };
    case 'addWatch':
      return { record: { type: 'addWatch', path: req.path, mode: req.mode === 'PERSISTENT' ? 0 : 1 }, kind: 'none' };
    case 'getEphemerals':
      return { record: { type: 'getEphemerals', path: req.prefix }, kind: 'getEphemerals' };
    case 'getAllChildrenNumber':
      return { record: { type: 'getAllChildrenNumber', path: req.path }, kind: 'getAllChildrenNumber' };
    case 'ping':
    case 'closeSession':
      return { record: { type: req.op }, kind: 'none' };
    case 'setWatches':
    case 'auth':
    case 'deleteContainer':
    case 'createSession':
      throw new Error(`${req.op} is not a request the client sends through submit`);
  }
}

/**
 * A response record as the request model's `Response` (`op` names the request it answers); a
 * plain create's and a plain getChildren's carry no stat, a multiRead's results carry the
 * reads' values.
 */
export function fromWire(req: ClientRequest, body: ResponseRecord): Response | undefined {
  switch (body.kind) {
    case 'none':
      return undefined;
    case 'create':
      return { op: 'create', path: body.path };
    case 'create2':
      return { op: 'create', path: body.path, stat: body.stat };
    case 'stat':
      return { op: req.op as 'exists' | 'setData' | 'setACL', stat: body.stat };
    case 'getData':
      return { op: 'getData', data: body.data, stat: body.stat };
    case 'getACL':
      return { op: 'getACL', acl: body.acl, stat: body.stat };
    case 'getChildren':
      return { op: 'getChildren', children: body.children };
    case 'getChildren2':
      return { op: 'getChildren', children: body.children, stat: body.stat };
    case 'sync':
      return { op: 'sync', path: body.path };
    case 'multi':
      return { op: 'multi', results: body.results as MultiResult[] };
    case 'getEphemerals':
      return { op: 'getEphemerals', ephemerals: body.ephemerals };
    case 'getAllChildrenNumber':
      return { op: 'getAllChildrenNumber', number: body.number };
  }
}
