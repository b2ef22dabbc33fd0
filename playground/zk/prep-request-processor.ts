/**
 * `PrepRequestProcessor`: turns a client request into a transaction (or an error
 * transaction) with the exact check order of ZooKeeper 3.8 (`pRequest2Txn*`), against the
 * tree *plus* the outstanding changes of requests prepared but not yet applied, so a multi's
 * later ops see its earlier ones and a pipelined write sees the one before it. Writes get a
 * zxid here — failed writes too; reads only get their session checked.
 *
 * Pure: the zxid source, clock and session tracker come in through `PrepContext`.
 */
import { Perms, checkACL, fixupACL } from './acl.ts';
import type { ACL, Id } from './acl.ts';
import { Code, KeeperException } from './errors.ts';
import { DataTree } from './data-tree.ts';
import { pathProblem } from './path.ts';
import type { MultiOp, Request as WireRequest } from './protocol.ts';
import type { ServerSessionTracker, SessionOwner } from './session-tracker.ts';
import {
  CONTAINER_EPHEMERAL_OWNER,
  CREATE_MODES,
  createModeFromFlag,
  createOpcodeFor,
  createStat,
  ephemeralType,
  ttlEphemeralOwner,
  ttlProblem,
} from './stat.ts';
import type { StatPersisted } from './stat.ts';
import type { CreateOpcode, Txn, TxnHeader } from './txn.ts';

/** A request inside the server pipeline (`server/Request`). */
export interface ServerRequest {
  /** Connection it came on; null for server-internal requests (expiry, reaper). */
  readonly cnxnId: number | null;
  readonly sessionId: bigint;
  readonly cxid: number;
  readonly req: WireRequest;
  readonly authInfo: readonly Id[];
  /**
   * The server it came through (`Request.getOwner`): the preparing server's own id for its
   * connections, the forwarding learner's for a REQUEST; absent for internal requests.
   */
  readonly owner?: SessionOwner;
  /** Set by `prepare` for writes. */
  hdr?: TxnHeader;
  txn?: Txn;
  /** The first failure, if any (for reads: the session check). */
  exception?: KeeperException;
}

/** What the processor needs from its server. */
export interface PrepContext {
  readonly tree: DataTree;
  readonly sessions: ServerSessionTracker;
  readonly extendedTypesEnabled: boolean;
  /** Allocate the next zxid (leader / standalone only). */
  nextZxid(): bigint;
  /** The host's wall clock (`Time.currentWallTime()`), for txn header times: a znode's ctime and mtime. */
  wallTime(): number;
}

/** A pending change to one path (`ChangeRecord`); `stat === null` means deleted. */
interface ChangeRecord {
  readonly zxid: bigint;
  readonly path: string;
  readonly stat: StatPersisted | null;
  readonly childCount: number;
  readonly acl: readonly ACL[];
}

/** Is this request a write (gets a zxid and a txn)? */
export function isWrite(req: WireRequest): boolean {
  switch (req.op) {
    case 'create':
    case 'delete':
    case 'setData':
    case 'setACL':
    case 'multi':
    case 'closeSession':
    case 'createSession':
    case 'deleteContainer':
      return true;
    default:
      return false;
  }
}

/** `String.format("%010d", n)`. */
export function sequenceSuffix(n: number): string {
  if (n < 0) return '-' + String(-n).padStart(9, '0');
  return String(n).padStart(10, '0');
}

function canon(path: string): string {
  return path === '' ? '/' : path;
}

/** The create opcode the Java client uses for a flag inside a multi / plain create (an unknown flag: create, refused later). */
function opcodeForFlag(flags: number): CreateOpcode {
  const mode = createModeFromFlag(flags);
  return mode === undefined ? 'create' : createOpcodeFor(mode, false);
}

export class PrepRequestProcessor {
  private readonly ctx: PrepContext;
  private outstanding: ChangeRecord[] = [];
  private byPath = new Map<string, ChangeRecord>();

  constructor(ctx: PrepContext) {
    this.ctx = ctx;
  }

  /** Prepare one request: sets `hdr`/`txn` for writes, `exception` on failure. */
  prepare(r: ServerRequest): void {
    const req = r.req;
    if (!isWrite(req)) {
      try {
        if (req.op !== 'auth') this.ctx.sessions.checkSession(r.sessionId, r.owner);
      } catch (e) {
        if (e instanceof KeeperException) r.exception = e;
        else throw e;
      }
      return;
    }
    const zxid = this.ctx.nextZxid();
    r.hdr = { clientId: r.sessionId, cxid: r.cxid, zxid, time: this.ctx.wallTime() };
    if (req.op === 'multi') {
      r.txn = this.prepareMulti(r, req.ops, zxid);
      return;
    }
    try {
      r.txn = this.pRequest2Txn(r, req, zxid);
    } catch (e) {
      if (!(e instanceof KeeperException)) throw e;
      r.exception = e;
      r.txn = { type: 'error', err: e.intValue };
    }
  }

  /** Forget outstanding changes up to `zxid` (they are in the tree now). */
  applied(zxid: bigint): void {
    const outstanding = this.outstanding;
    if (outstanding.length === 0) return;
    // Changes are recorded in zxid order, so the applied ones are a prefix: drop it in place
    // and unmap each path whose latest change it held (no later change to that path remains).
    // Same result as filtering and rebuilding the map, without a new array and map per txn.
    let n = 0;
    while (n < outstanding.length && outstanding[n]!.zxid <= zxid) n++;
    for (let i = n; i < outstanding.length; i++) {
      if (outstanding[i]!.zxid <= zxid) {
        this.outstanding = outstanding.filter((c) => c.zxid > zxid);
        this.rebuild();
        return;
      }
    }
    if (n === 0) return;
    for (let i = 0; i < n; i++) {
      const c = outstanding[i]!;
      if (this.byPath.get(c.path) === c) this.byPath.delete(c.path);
    }
    outstanding.splice(0, n);
  }

  private rebuild(): void {
    this.byPath = new Map();
    for (const c of this.outstanding) this.byPath.set(c.path, c);
  }

  private add(c: ChangeRecord): void {
    this.outstanding.push(c);
    this.byPath.set(c.path, c);
  }

  private rollback(zxid: bigint): void {
    this.outstanding = this.outstanding.filter((c) => c.zxid !== zxid);
    this.rebuild();
  }

  /** `getRecordForPath`: NONODE if missing (in the tree or deleted by a pending change). */
  private record(path: string): ChangeRecord {
    const p = canon(path);
    const pending = this.byPath.get(p);
    if (pending !== undefined) {
      if (pending.stat === null) throw new KeeperException('NONODE', path);
      return pending;
    }
    const n = this.ctx.tree.getNode(p);
    if (n === undefined) throw new KeeperException('NONODE', path);
    return { zxid: -1n, path: p, stat: { ...n.stat }, childCount: n.children.size, acl: n.acl };
  }

  /** Whether `record(path)` would find a node (without building the record or an exception). */
  private exists(path: string): boolean {
    const p = canon(path);
    const pending = this.byPath.get(p);
    if (pending !== undefined) return pending.stat !== null;
    return this.ctx.tree.getNode(p) !== undefined;
  }

  private checkSession(r: ServerRequest): void {
    if (r.cnxnId === null && r.sessionId === 0n) return;
    this.ctx.sessions.checkSession(r.sessionId, r.owner);
  }

  private validatePath(path: string): void {
    if (pathProblem(path) !== null) throw new KeeperException('BADARGUMENTS', path);
  }

  private prepareMulti(r: ServerRequest, ops: readonly MultiOp[], zxid: bigint): Txn {
    const txns: Txn[] = [];
    let ke: KeeperException | undefined;
    for (const op of ops) {
      if (ke !== undefined) {
        txns.push({ type: 'error', err: Code.RUNTIMEINCONSISTENCY });
        continue;
      }
      try {
        const sub: WireRequest | MultiOp =
          op.op === 'create'
            ? { op: 'create', opcode: opcodeForFlag(op.flags), path: op.path, data: op.data, acl: op.acl, flags: op.flags, ttl: op.ttl }
            : op;
        txns.push(this.pRequest2Txn(r, sub, zxid));
      } catch (e) {
        if (!(e instanceof KeeperException)) throw e;
        ke = e;
        txns.push({ type: 'error', err: e.intValue });
        this.rollback(zxid);
      }
    }
    if (ke !== undefined) r.exception = ke;
    return { type: 'multi', txns };
  }

  private pRequest2Txn(r: ServerRequest, req: WireRequest | MultiOp, zxid: bigint): Txn {
    const now = this.ctx.wallTime();
    switch (req.op) {
      case 'createSession':
        if (r.owner !== undefined) this.ctx.sessions.setOwner(r.sessionId, r.owner);
        return { type: 'createSession', timeOut: req.timeOut };
      case 'closeSession': {
        // No session check: the expirer submits this without owning the session.
        const es = new Set(this.ctx.tree.getEphemerals(r.sessionId));
        for (const c of this.outstanding) {
          if (c.stat === null) es.delete(c.path);
          else if (c.stat.ephemeralOwner === r.sessionId) es.add(c.path);
        }
        const paths = [...es].sort();
        for (const p of paths) this.add({ zxid, path: p, stat: null, childCount: 0, acl: [] });
        this.ctx.sessions.setSessionClosing(r.sessionId);
        return { type: 'closeSession', paths2Delete: paths };
      }
      case 'create':
        return this.create(r, 'opcode' in req ? req.opcode : opcodeForFlag(req.flags), req.path, req.data, req.acl, req.flags, req.ttl, zxid, now);
      case 'delete': {
        this.checkSession(r);
        const path = req.path;
        const parentPath = this.parentPathAndValidate(path);
        const parent = this.record(parentPath);
        checkACL(parent.acl, Perms.DELETE, r.authInfo, path);
        const node = this.record(path);
        checkAndIncVersion(node.stat!.version, req.version, path);
        if (node.childCount > 0) throw new KeeperException('NOTEMPTY', path);
        this.add({ ...parent, zxid, stat: { ...parent.stat!, pzxid: zxid }, childCount: parent.childCount - 1 });
        this.add({ zxid, path: canon(path), stat: null, childCount: -1, acl: [] });
        return { type: 'delete', path };
      }
      case 'deleteContainer': {
        const path = req.path;
        const parentPath = this.parentPathAndValidate(path);
        const node = this.record(path);
        if (node.childCount > 0) throw new KeeperException('NOTEMPTY', path);
        if (ephemeralType(node.stat!.ephemeralOwner) === 'NORMAL') throw new KeeperException('BADVERSION', path);
        const parent = this.record(parentPath);
        this.add({ ...parent, zxid, stat: { ...parent.stat!, pzxid: zxid }, childCount: parent.childCount - 1 });
        this.add({ zxid, path: canon(path), stat: null, childCount: -1, acl: [] });
        return { type: 'delete', path };
      }
      case 'setData': {
        this.checkSession(r);
        const path = req.path;
        this.validatePath(path);
        const node = this.record(path);
        checkACL(node.acl, Perms.WRITE, r.authInfo, path);
        const newVersion = checkAndIncVersion(node.stat!.version, req.version, path);
        this.add({ ...node, zxid, stat: { ...node.stat!, version: newVersion, mtime: now, mzxid: zxid } });
        return { type: 'setData', path, data: req.data, version: newVersion };
      }
      case 'setACL': {
        this.checkSession(r);
        const path = req.path;
        this.validatePath(path);
        const listACL = fixupACL(path, r.authInfo, req.acl);
        const node = this.record(path);
        checkACL(node.acl, Perms.ADMIN, r.authInfo, path);
        const newVersion = checkAndIncVersion(node.stat!.aversion, req.version, path);
        this.add({ ...node, zxid, stat: { ...node.stat!, aversion: newVersion }, acl: listACL });
        return { type: 'setACL', path, acl: listACL, version: newVersion };
      }
      case 'check': {
        this.checkSession(r);
        const path = req.path;
        this.validatePath(path);
        const node = this.record(path);
        checkACL(node.acl, Perms.READ, r.authInfo, path);
        return { type: 'check', path, version: checkAndIncVersion(node.stat!.version, req.version, path) };
      }
      default:
        throw new KeeperException('UNIMPLEMENTED');
    }
  }

  /** `getParentPathAndValidate`: no slash, NUL or a special path → BADARGUMENTS. */
  private parentPathAndValidate(path: string): string {
    const lastSlash = path.lastIndexOf('/');
    if (lastSlash === -1 || path.includes('\0') || DataTree.isSpecialPath(path)) throw new KeeperException('BADARGUMENTS', path);
    return path.slice(0, lastSlash);
  }

  /** `pRequest2TxnCreate` with its exact check order. */
  private create(
    r: ServerRequest,
    opcode: CreateOpcode,
    pathIn: string,
    data: Uint8Array | null,
    acl: readonly ACL[],
    flags: number,
    ttl: number,
    zxid: bigint,
    now: number,
  ): Txn {
    const mode = createModeFromFlag(flags);
    if (mode === undefined) throw new KeeperException('BADARGUMENTS', pathIn);
    // validateCreateRequest
    if (CREATE_MODES[mode].ttl && !this.ctx.extendedTypesEnabled) throw new KeeperException('UNIMPLEMENTED', pathIn);
    if (ttlProblem(mode, ttl) !== null) throw new KeeperException('BADARGUMENTS', pathIn);
    this.checkSession(r);
    // validatePathForCreate
    const lastSlash = pathIn.lastIndexOf('/');
    if (lastSlash === -1 || pathIn.includes('\0')) throw new KeeperException('BADARGUMENTS', pathIn);
    const parentPath = pathIn.slice(0, lastSlash);
    const listACL = fixupACL(pathIn, r.authInfo, acl);
    const parent = this.record(parentPath);
    checkACL(parent.acl, Perms.CREATE, r.authInfo, pathIn);
    const parentCVersion = parent.stat!.cversion;
    const path = CREATE_MODES[mode].sequential ? pathIn + sequenceSuffix(parentCVersion) : pathIn;
    this.validatePath(path);
    if (this.exists(path)) throw new KeeperException('NODEEXISTS', path);
    if (ephemeralType(parent.stat!.ephemeralOwner) === 'NORMAL') throw new KeeperException('NOCHILDRENFOREPHEMERALS', path);
    const newCversion = (parentCVersion + 1) | 0;
    const m = CREATE_MODES[mode];
    const owner = m.container
      ? CONTAINER_EPHEMERAL_OWNER
      : m.ttl
        ? ttlEphemeralOwner(ttl)
        : m.ephemeral
          ? r.sessionId
          : 0n;
    this.add({ ...parent, zxid, stat: { ...parent.stat!, cversion: newCversion, pzxid: zxid }, childCount: parent.childCount + 1 });
    this.add({ zxid, path, stat: createStat(zxid, now, owner), childCount: 0, acl: listACL });
    return { type: 'create', opcode, path, data, acl: listACL, ephemeralOwner: owner, parentCVersion: newCversion };
  }
}

/** `checkAndIncVersion`: −1 matches anything; returns the next version (3.8: plain +1). */
export function checkAndIncVersion(current: number, expected: number, path: string): number {
  if (expected !== -1 && expected !== current) throw new KeeperException('BADVERSION', path);
  return (current + 1) | 0;
}
