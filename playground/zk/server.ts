/**
 * A ZooKeeper server as a simulation node: standalone by itself (`SimNode`), and the base
 * of the role servers a Zab peer runs (`playground/zab`: leader, follower, observer), as
 * ZooKeeper's `LeaderZooKeeperServer` / `FollowerZooKeeperServer` extend `ZooKeeperServer`.
 *
 * It accepts client connections, runs the connect handshake (refusing a client that has
 * seen a newer zxid than this server has applied), negotiates timeouts, tracks sessions
 * (the standalone server and a leader expire them; a learner reports touches), and runs
 * every request through a pipeline shaped like ZooKeeper's:
 *
 *   PrepRequestProcessor (checks, zxid, txn; standalone and leader only) → `propose`
 *   (standalone: committed at once; leader: Zab) or `forward` (learner: REQUEST to the
 *   leader) → CommitProcessor (per-session order; committed txns in zxid order, matched
 *   to the local request they answer) → FinalRequestProcessor (apply, fire watches, reply)
 *
 * Requests of one session complete in order: a read waits behind its session's pending
 * write; reads of other sessions do not. A committed txn's watch notifications are put on
 * the connections before its reply and before any later reply (FIFO connections do the
 * rest). Standalone, committed txns are appended to the durable log (`persist`) with a
 * snapshot every `snapCount` txns, so a restart recovers the tree and the sessions; under
 * Zab the peer owns the durable state. A reaper timer deletes empty containers and expired
 * TTL nodes (standalone and leader); over-size requests (`jute.maxbuffer`) close the
 * connection. Emits `trace` effects: txn.apply, session.create/close/expire, watch.fire, ....
 *
 * Imports the kernel contract (types only) and the other zk modules. No clock, no
 * randomness except through the `NodeContext`.
 */
import type { Effect, Input, NodeContext, NodeId, SimNode } from '../sim/types.ts';
import type { ServerEvent } from './events.ts';
import { Perms, authenticate, hasPermission } from './acl.ts';
import type { ACL, Id } from './acl.ts';
import { bytesEqual, utf8Decode } from './bytes.ts';
import type { DataTree, ProcessTxnResult } from './data-tree.ts';
import { Code } from './errors.ts';
import { replyToWrite, serveRead } from './final-request-processor.ts';
import type { FinalReply } from './final-request-processor.ts';
import { PrepRequestProcessor, isWrite } from './prep-request-processor.ts';
import type { ServerRequest } from './prep-request-processor.ts';
import { Xid } from './protocol.ts';
import type { ClientMessage, Request, ServerMessage } from './protocol.ts';
import { SessionTracker, generatePasswd, negotiateTimeout } from './session-tracker.ts';
import type { ServerSessionTracker } from './session-tracker.ts';
import { ephemeralType, ttlOf } from './stat.ts';
import { hex } from './txn.ts';
import type { LoggedTxn } from './txn.ts';
import type { WatchedEvent } from './watch-manager.ts';
import { ZKDatabase } from './zk-database.ts';
import type { DatabaseSnapshot } from './zk-database.ts';

/** Server settings (zoo.cfg and system properties). Every field optional. */
export interface ServerConfig {
  /** `myid`; the top byte of session ids. Default 1. */
  readonly serverId?: number;
  /** Default 2000 ms (the sample config). */
  readonly tickTime?: number;
  /** Default 2 × tickTime. */
  readonly minSessionTimeout?: number;
  /** Default 20 × tickTime. */
  readonly maxSessionTimeout?: number;
  /** `zookeeper.extendedTypesEnabled` (TTL nodes). Default false, as in ZooKeeper. */
  readonly extendedTypesEnabled?: boolean;
  /** `znode.container.checkIntervalMs`. Default 60000. */
  readonly containerCheckIntervalMs?: number;
  /** `znode.container.maxNeverUsedIntervalMs`. Default 0 (never). */
  readonly maxNeverUsedIntervalMs?: number;
  /** `jute.maxbuffer`: largest request frame accepted. Default 1048575. */
  readonly juteMaxBuffer?: number;
  /** Committed txns kept in memory for follower sync. Default 500. */
  readonly commitLogCount?: number;
  /** Txns between snapshots (randomised to snapCount/2 + rand(snapCount/2)). Default 100000. */
  readonly snapCount?: number;
  /** The address a client connection carries as its `ip` identity. Default `127.0.0.1`. */
  readonly clientAddress?: (peer: NodeId) => string;
}

/** A client connection as the server sees it (`ServerCnxn`). */
export interface Cnxn {
  readonly id: number;
  readonly peer: NodeId;
  sessionId: bigint;
  timeout: number;
  readonly authInfo: Id[];
  /** new: awaiting ConnectRequest; init: session being created or revalidated; open. */
  state: 'new' | 'init' | 'open';
  /** Requests that arrived before the session was set up. */
  readonly held: ClientMessage[];
}

/** A request waiting in its session's queue (`CommitProcessor`). */
interface Pending {
  readonly r: ServerRequest;
  /** Waits for a commit (a write, or a learner's sync) before it completes. */
  readonly needCommit: boolean;
}

/** The learner's marker for a SYNC answered by the leader. */
const SYNC_DONE = 'sync' as const;

/** What the standalone server keeps durable. */
interface SnapshotRecord extends DatabaseSnapshot {
  /** Log index the snapshot includes. */
  readonly logIndex: number;
}

const KEY_SNAPSHOT = 'zk.snapshot';
const KEY_LOG_LAST = 'zk.log.last';
const logKey = (i: number): string => `zk.log.${i}`;

export class ZooKeeperServer implements SimNode<unknown> {
  readonly id: NodeId;
  readonly tickTime: number;
  readonly minSessionTimeout: number;
  readonly maxSessionTimeout: number;
  protected readonly cfg: Required<Omit<ServerConfig, 'tickTime' | 'minSessionTimeout' | 'maxSessionTimeout'>>;

  /** The tree, the committed session table and the committed-log window. */
  readonly db: ZKDatabase;
  /** Session table (`SessionTrackerImpl` at the authority, `LearnerSessionTracker` on a learner). */
  sessions!: ServerSessionTracker;

  protected prp: PrepRequestProcessor | null = null;
  /** The last zxid handed out by `PrepRequestProcessor`. */
  protected hzxid = 0n;
  private readonly cnxns = new Map<NodeId, Cnxn>();
  private readonly cnxnsById = new Map<number, Cnxn>();
  private nextCnxnId = 1;
  private readonly queues = new Map<bigint, Pending[]>();
  private readonly committedQueue: (LoggedTxn | typeof SYNC_DONE)[] = [];
  private processingCommitted = false;
  private startTime = 0;
  private logIndex = 0;
  private snapIndex = 0;
  private nextSnapAfter = 0;
  private armed = new Map<string, number>();
  protected out: Effect[] = [];
  protected ctx: NodeContext | null = null;

  constructor(id: NodeId, config: ServerConfig = {}, db?: ZKDatabase) {
    this.id = id;
    this.tickTime = config.tickTime ?? 2000;
    this.minSessionTimeout = config.minSessionTimeout ?? 2 * this.tickTime;
    this.maxSessionTimeout = config.maxSessionTimeout ?? 20 * this.tickTime;
    this.cfg = {
      serverId: config.serverId ?? 1,
      extendedTypesEnabled: config.extendedTypesEnabled ?? false,
      containerCheckIntervalMs: config.containerCheckIntervalMs ?? 60000,
      maxNeverUsedIntervalMs: config.maxNeverUsedIntervalMs ?? 0,
      juteMaxBuffer: config.juteMaxBuffer ?? 1048575,
      commitLogCount: config.commitLogCount ?? 500,
      snapCount: config.snapCount ?? 100000,
      clientAddress: config.clientAddress ?? (() => '127.0.0.1'),
    };
    this.db = db ?? new ZKDatabase(this.cfg.commitLogCount);
  }

  /** The znode tree (read it for views and tests; mutate it only through requests). */
  get tree(): DataTree {
    return this.db.tree;
  }

  /** Sessions and their timeouts as committed (`ZKDatabase.sessionsWithTimeouts`). */
  get sessionsWithTimeouts(): Map<bigint, number> {
    return this.db.sessionsWithTimeouts;
  }

  /** Recent committed txns, oldest first (at most `commitLogCount`). */
  get committedLog(): readonly LoggedTxn[] {
    return this.db.committedLog;
  }

  /** zxid of the last applied txn. */
  get lastProcessedZxid(): bigint {
    return this.db.tree.lastProcessedZxid;
  }

  /** Smallest and largest zxid in the committed-log window (undefined when empty). */
  committedLogRange(): { min: bigint; max: bigint } | undefined {
    return this.db.committedLogRange();
  }

  /** Standalone: the node's step. Under Zab the peer calls `bind` and the methods below. */
  step(input: Input<unknown>, ctx: NodeContext): Effect[] {
    const out: Effect[] = [];
    this.bind(ctx, out);
    if (input.kind === 'start') this.boot();
    else this.handle(input);
    this.armTimers();
    this.out = [];
    return out;
  }

  /** Use `ctx` and append effects to `out` until the next `bind` (the peer shares its buffer). */
  bind(ctx: NodeContext, out: Effect[]): void {
    this.ctx = ctx;
    this.out = out;
  }

  /** A client input (connection, message) or one of the server's own timers. */
  handle(input: Input<unknown>): void {
    switch (input.kind) {
      case 'connected':
        this.accept(input.peer);
        break;
      case 'disconnected':
        this.dropCnxn(input.peer, false);
        break;
      case 'message':
        this.onMessage(input.from, input.msg as ClientMessage);
        break;
      case 'timer':
        this.armed.delete(input.name);
        if (input.name === 'zk.sessions') this.expireSessions();
        else if (input.name === 'zk.reaper') this.reap();
        break;
      case 'start':
      case 'connectFailed':
      case 'request':
        break;
    }
  }

  // ---- boot and recovery (standalone) ---------------------------------------------------

  /** The monotonic clock (`Time.currentElapsedTime()`): sessions, timers. */
  protected now(): number {
    return this.ctx?.now ?? 0;
  }

  /** The host's wall clock (`Time.currentWallTime()`): txn times, the reaper's age of a znode. */
  protected wallNow(): number {
    return this.ctx?.wallNow ?? 0;
  }

  protected trace(event: ServerEvent): void {
    this.out.push({ kind: 'trace', event });
  }

  private boot(): void {
    const ctx = this.ctx!;
    const snap = ctx.durable(KEY_SNAPSHOT) as SnapshotRecord | undefined;
    this.db.reset(snap);
    this.snapIndex = snap?.logIndex ?? 0;
    const last = (ctx.durable(KEY_LOG_LAST) as number | undefined) ?? 0;
    let replayed = 0;
    for (let i = this.snapIndex + 1; i <= last; i++) {
      const entry = ctx.durable(logKey(i)) as LoggedTxn | undefined;
      if (entry === undefined) continue;
      this.db.processTxn(entry);
      replayed++;
    }
    this.logIndex = last;
    this.nextSnapAfter = this.snapIndex + this.snapInterval();
    this.startServing();
    this.trace({ type: 'server.start', zxid: hex(this.tree.lastProcessedZxid), replayed, sessions: this.sessionsWithTimeouts.size });
  }

  /**
   * Start serving on the database as it is now (`ZooKeeperServer.startup`): a session
   * tracker over the committed sessions, a fresh request pipeline, the watch sink.
   */
  startServing(): void {
    const now = this.now();
    this.startTime = now;
    this.armed = new Map();
    this.hzxid = this.initialZxid();
    this.sessions = this.createSessionTracker(now);
    this.prp = this.prepsLocally()
      ? new PrepRequestProcessor({
          tree: this.db.tree,
          sessions: this.sessions,
          extendedTypesEnabled: this.cfg.extendedTypesEnabled,
          nextZxid: () => ++this.hzxid,
          wallTime: () => this.wallNow(),
        })
      : null;
    this.db.setWatchSink((w, e, acl) => this.deliverWatch(w, e, acl));
  }

  private snapInterval(): number {
    const half = Math.max(1, Math.floor(this.cfg.snapCount / 2));
    return half + (this.ctx ? this.ctx.randomInt(half) : 0);
  }

  // ---- what a role changes (standalone defaults) ----------------------------------------

  /** The zxid the first proposal follows. */
  protected initialZxid(): bigint {
    return this.db.tree.lastProcessedZxid;
  }

  protected createSessionTracker(now: number): ServerSessionTracker {
    const t = new SessionTracker(this.cfg.serverId, this.tickTime, now);
    for (const [id, to] of this.db.sessionsWithTimeouts) t.addSession(id, to, now);
    return t;
  }

  /** Standalone and leader prepare writes here; a learner forwards them. */
  protected prepsLocally(): boolean {
    return true;
  }

  /** A prepared txn enters the broadcast stage. Standalone: committed at once. */
  protected propose(entry: LoggedTxn): void {
    this.commit(entry);
  }

  /** Learner: send a write (or a sync) to the leader. */
  protected forward(r: ServerRequest): void {
    throw new Error(`${this.id}: forward(${r.req.op}) on a server that prepares locally`);
  }

  /**
   * A reconnecting session with a good password: is it still alive? If so this server owns it
   * now (`LeaderZooKeeperServer.revalidateSession`: "setowner as the leader itself").
   */
  protected revalidateSession(c: Cnxn): void {
    const valid = this.sessions.touchSession(c.sessionId, c.timeout, this.now());
    if (valid) this.sessions.setOwner(c.sessionId, this.id);
    this.finishSessionInit(c, valid);
  }

  /** Does a sync go to the leader (learner) or complete in session order here? */
  protected syncsViaLeader(): boolean {
    return false;
  }

  /** Containers and TTL nodes are reaped by the standalone server and the leader. */
  protected reaps(): boolean {
    return true;
  }

  /** After a committed txn was applied. Standalone: log it durably, snapshot now and then. */
  protected afterApply(entry: LoggedTxn): void {
    this.logIndex++;
    this.out.push({ kind: 'persist', key: logKey(this.logIndex), value: entry });
    this.out.push({ kind: 'persist', key: KEY_LOG_LAST, value: this.logIndex });
    if (this.logIndex >= this.nextSnapAfter) {
      const record: SnapshotRecord = { ...this.db.snapshot(), logIndex: this.logIndex };
      this.out.push({ kind: 'persist', key: KEY_SNAPSHOT, value: record });
      this.snapIndex = this.logIndex;
      this.nextSnapAfter = this.logIndex + this.snapInterval();
      this.trace({ type: 'snapshot', zxid: hex(this.tree.lastProcessedZxid), logIndex: this.logIndex });
    }
  }

  // ---- connections ----------------------------------------------------------------------

  private accept(peer: NodeId): void {
    const c: Cnxn = { id: this.nextCnxnId++, peer, sessionId: 0n, timeout: 0, authInfo: [{ scheme: 'ip', id: this.cfg.clientAddress(peer) }], state: 'new', held: [] };
    this.cnxns.set(peer, c);
    this.cnxnsById.set(c.id, c);
  }

  /** Forget a connection; `close` also tells the kernel to close it. */
  private dropCnxn(peer: NodeId, close: boolean): void {
    const c = this.cnxns.get(peer);
    if (c === undefined) return;
    this.cnxns.delete(peer);
    this.cnxnsById.delete(c.id);
    this.tree.removeCnxn(c.id);
    if (close) this.out.push({ kind: 'disconnect', to: peer });
  }

  /** `closeAllConnections`: the server stops serving (a role ends). */
  shutdown(): void {
    for (const peer of [...this.cnxns.keys()]) this.dropCnxn(peer, true);
    for (const name of [...this.armed.keys()]) this.out.push({ kind: 'cancelTimer', name });
    this.armed.clear();
    this.queues.clear();
    this.committedQueue.length = 0;
    this.db.setWatchSink(null);
  }

  /**
   * The watch tables by client connection, as the `wchc` four-letter word reports them:
   * `client path table mode` rows, sorted (watch-trace.ts is held to these).
   */
  watchesByPeer(): string[] {
    const rows: string[] = [];
    for (const [table, wm] of [['data', this.tree.dataWatches], ['child', this.tree.childWatches]] as const) {
      for (const w of wm.entries()) {
        const c = this.cnxnsById.get(w.watcher);
        rows.push(`${c?.peer ?? `cnxn#${w.watcher}`} ${w.path} ${table} ${w.mode}`);
      }
    }
    return rows.sort();
  }

  /** Is `peer` a client connection of this server? */
  hasCnxn(peer: NodeId): boolean {
    return this.cnxns.has(peer);
  }

  private send(c: Cnxn, msg: ServerMessage): void {
    this.out.push({ kind: 'send', to: c.peer, msg });
  }

  private onMessage(from: NodeId, msg: ClientMessage): void {
    const c = this.cnxns.get(from);
    if (c === undefined) return;
    if (msg.kind === 'request' && msg.length > this.cfg.juteMaxBuffer) {
      this.trace({ type: 'cnxn.lenError', peer: from, length: msg.length, max: this.cfg.juteMaxBuffer });
      this.dropCnxn(from, true);
      return;
    }
    if (c.state === 'new') {
      if (msg.kind === 'connect') this.processConnectRequest(c, msg);
      return;
    }
    if (c.state === 'init') {
      c.held.push(msg);
      return;
    }
    this.processPacket(c, msg);
  }

  private processConnectRequest(c: Cnxn, msg: Extract<ClientMessage, { kind: 'connect' }>): void {
    if (msg.lastZxidSeen > this.tree.lastProcessedZxid) {
      this.trace({ type: 'session.refused', peer: c.peer, clientZxid: hex(msg.lastZxidSeen), serverZxid: hex(this.tree.lastProcessedZxid) });
      this.dropCnxn(c.peer, true);
      return;
    }
    const timeout = negotiateTimeout(msg.timeOut, this.minSessionTimeout, this.maxSessionTimeout);
    c.timeout = timeout;
    c.state = 'init';
    if (msg.sessionId === 0n) {
      const id = this.sessions.createSession(timeout, this.now());
      c.sessionId = id;
      this.submit({ cnxnId: c.id, sessionId: id, cxid: 0, req: { op: 'createSession', timeOut: timeout }, authInfo: c.authInfo, owner: this.id });
      return;
    }
    // A reconnect: close any other connection of this session, then revalidate.
    for (const other of [...this.cnxns.values()]) if (other !== c && other.sessionId === msg.sessionId) this.dropCnxn(other.peer, true);
    c.sessionId = msg.sessionId;
    if (!bytesEqual(msg.passwd, generatePasswd(msg.sessionId))) this.finishSessionInit(c, false);
    else this.revalidateSession(c);
  }

  /** A revalidation answered (learner: the leader's REVALIDATE reply). */
  revalidated(sessionId: bigint, valid: boolean): void {
    for (const c of this.cnxns.values()) {
      if (c.state === 'init' && c.sessionId === sessionId) {
        this.finishSessionInit(c, valid);
        return;
      }
    }
  }

  /** `finishSessionInit`: the ConnectResponse (timeOut 0 = session invalid, then close). */
  private finishSessionInit(c: Cnxn, valid: boolean): void {
    this.send(c, {
      kind: 'connectResponse',
      protocolVersion: 0,
      timeOut: valid ? c.timeout : 0,
      sessionId: valid ? c.sessionId : 0n,
      passwd: valid ? generatePasswd(c.sessionId) : new Uint8Array(16),
    });
    this.trace({ type: valid ? 'session.established' : 'session.invalid', peer: c.peer, session: hex(c.sessionId), timeout: valid ? c.timeout : 0 });
    if (!valid) {
      this.dropCnxn(c.peer, true);
      return;
    }
    c.state = 'open';
    const held = c.held.splice(0);
    for (const m of held) if (this.cnxns.get(c.peer) === c) this.processPacket(c, m);
  }

  private processPacket(c: Cnxn, msg: ClientMessage): void {
    if (msg.kind !== 'request') return;
    const req = msg.req;
    if (req.op === 'auth') {
      const id = authenticate(req.scheme, utf8Decode(req.auth), this.cfg.clientAddress(c.peer));
      if (id !== null) {
        if (!c.authInfo.some((a) => a.scheme === id.scheme && a.id === id.id)) c.authInfo.push(id);
        this.send(c, { kind: 'reply', xid: Xid.AUTH, zxid: 0n, err: 0 });
      } else {
        this.send(c, { kind: 'reply', xid: Xid.AUTH, zxid: 0n, err: Code.AUTHFAILED });
        this.trace({ type: 'auth.failed', peer: c.peer, scheme: req.scheme });
        this.dropCnxn(c.peer, true);
      }
      return;
    }
    if (req.op === 'createSession' || req.op === 'deleteContainer') return;
    if (!this.sessions.touchSession(c.sessionId, c.timeout, this.now())) {
      // `submitRequestNow`: touch fails for a missing or closing session (MissingSession-
      // Exception) and the request is dropped, unanswered; the connection stays until the
      // session's closeSession closes it.
      this.trace({ type: 'session.missing', peer: c.peer, session: hex(c.sessionId), dropped: req.op });
      return;
    }
    this.submit({ cnxnId: c.id, sessionId: c.sessionId, cxid: msg.xid, req, authInfo: [...c.authInfo], owner: this.id });
  }

  // ---- the pipeline ---------------------------------------------------------------------

  /** Put a request into the pipeline (also used for internal requests). */
  protected submit(r: ServerRequest): void {
    let needCommit: boolean;
    if (this.prp !== null) {
      this.prp.prepare(r);
      needCommit = r.txn !== undefined && r.hdr !== undefined;
    } else {
      needCommit = isWrite(r.req) || (r.req.op === 'sync' && this.syncsViaLeader());
    }
    let q = this.queues.get(r.sessionId);
    if (q === undefined) this.queues.set(r.sessionId, (q = []));
    q.push({ r, needCommit });
    if (needCommit) {
      if (this.prp !== null) this.propose({ hdr: r.hdr!, txn: r.txn! });
      else this.forward(r);
    }
    this.drainSession(r.sessionId);
  }

  /** The broadcast stage says `entry` is committed: apply it in zxid order. */
  commit(entry: LoggedTxn): void {
    this.committedQueue.push(entry);
    this.processCommitted();
  }

  /** Learner: the leader answered the oldest forwarded sync (SYNC packet). */
  syncDone(): void {
    this.committedQueue.push(SYNC_DONE);
    this.processCommitted();
  }

  private processCommitted(): void {
    if (this.processingCommitted) return;
    this.processingCommitted = true;
    try {
      for (let c = this.committedQueue.shift(); c !== undefined; c = this.committedQueue.shift()) {
        if (c === SYNC_DONE) this.finishSync();
        else this.applyCommitted(c);
      }
    } finally {
      this.processingCommitted = false;
    }
  }

  /** Apply a committed txn; if it answers the request at the head of its session's queue, reply. */
  private applyCommitted(entry: LoggedTxn): void {
    const sid = entry.hdr.clientId;
    const q = this.queues.get(sid);
    const head = q?.[0];
    const local = head !== undefined && head.needCommit && head.r.req.op !== 'sync' && head.r.cxid === entry.hdr.cxid && (head.r.hdr === undefined || head.r.hdr.zxid === entry.hdr.zxid);
    if (local) q!.shift();
    const rc = this.applyTxn(entry);
    if (local) this.finishWrite(head.r, entry, rc);
    else if (entry.txn.type === 'closeSession') this.closeSessionCnxns(sid);
    this.drainSession(sid);
  }

  private finishSync(): void {
    for (const [sid, q] of this.queues) {
      const head = q[0];
      if (head !== undefined && head.needCommit && head.r.req.op === 'sync') {
        q.shift();
        this.reply(head.r, serveRead({ tree: this.tree, notify: (id, e) => this.notify(id, e) }, head.r));
        this.drainSession(sid);
        return;
      }
    }
  }

  /** Serve the reads at the head of a session's queue, up to its first pending write. */
  private drainSession(sessionId: bigint): void {
    const q = this.queues.get(sessionId);
    if (q === undefined) return;
    while (q.length > 0 && !q[0]!.needCommit) {
      const p = q.shift()!;
      this.reply(p.r, serveRead({ tree: this.tree, notify: (id, e) => this.notify(id, e) }, p.r));
    }
    if (q.length === 0) this.queues.delete(sessionId);
  }

  private finishWrite(r: ServerRequest, entry: LoggedTxn, rc: ProcessTxnResult): void {
    const c = r.cnxnId === null ? undefined : this.cnxnsById.get(r.cnxnId);
    if (entry.txn.type === 'createSession') {
      if (c !== undefined && c.state === 'init') this.finishSessionInit(c, true);
      return;
    }
    if (entry.txn.type === 'closeSession') {
      if (c !== undefined) {
        this.reply(r, { err: rc.err });
        this.dropCnxn(c.peer, true);
      } else this.closeSessionCnxns(r.sessionId);
      return;
    }
    if (c !== undefined) this.reply(r, replyToWrite(r, rc));
  }

  private closeSessionCnxns(sessionId: bigint): void {
    for (const other of [...this.cnxns.values()]) if (other.sessionId === sessionId) this.dropCnxn(other.peer, true);
  }

  /** Apply a committed txn to the database and the session tracker (`FinalRequestProcessor`). */
  private applyTxn(entry: LoggedTxn): ProcessTxnResult {
    const rc = this.db.processTxn(entry);
    const { hdr, txn } = entry;
    if (txn.type === 'createSession') {
      this.sessions.addSession(hdr.clientId, txn.timeOut, this.now());
      this.trace({ type: 'session.create', session: hex(hdr.clientId), timeout: txn.timeOut, zxid: hex(hdr.zxid) });
    } else if (txn.type === 'closeSession') {
      this.sessions.removeSession(hdr.clientId);
      this.trace({ type: 'session.close', session: hex(hdr.clientId), zxid: hex(hdr.zxid), deleted: [...txn.paths2Delete] });
    }
    this.prp?.applied(hdr.zxid);
    this.trace({ type: 'txn.apply', zxid: hex(hdr.zxid), txn: txn.type, path: 'path' in txn ? txn.path : undefined, err: rc.err, session: hex(hdr.clientId) });
    this.afterApply(entry);
    return rc;
  }

  private reply(r: ServerRequest, rep: FinalReply): void {
    if (r.cnxnId === null) return;
    const c = this.cnxnsById.get(r.cnxnId);
    if (rep.err === Code.SESSIONMOVED) {
      // `FinalRequestProcessor`: "session moved is a connection level error, we need to tear
      // down the connection" (ZOOKEEPER-710): no reply, the connection (if still open) closes.
      this.trace({ type: 'session.moved', session: hex(r.sessionId), op: r.req.op, ...(c !== undefined ? { peer: c.peer } : {}) });
      if (c !== undefined) this.dropCnxn(c.peer, true);
      return;
    }
    if (c === undefined) return;
    const xid = r.req.op === 'ping' ? Xid.PING : r.req.op === 'setWatches' ? Xid.SET_WATCHES : r.cxid;
    const msg: ServerMessage =
      rep.body === undefined
        ? { kind: 'reply', xid, zxid: this.tree.lastProcessedZxid, err: rep.err }
        : { kind: 'reply', xid, zxid: this.tree.lastProcessedZxid, err: rep.err, body: rep.body };
    this.send(c, msg);
  }

  // ---- watches --------------------------------------------------------------------------

  /** From the watch tables: send unless the session may not READ the node (CVE-2024-23944). */
  private deliverWatch(watcher: number, event: WatchedEvent, acl: readonly ACL[] | null): void {
    const c = this.cnxnsById.get(watcher);
    if (c === undefined) return;
    if (acl !== null && !hasPermission(acl, Perms.READ, c.authInfo)) {
      this.trace({ type: 'watch.withheld', session: hex(c.sessionId), event: event.type, path: event.path });
      return;
    }
    this.notify(c.id, event);
  }

  private notify(cnxnId: number, event: WatchedEvent): void {
    const c = this.cnxnsById.get(cnxnId);
    if (c === undefined) return;
    this.trace({ type: 'watch.fire', session: hex(c.sessionId), peer: c.peer, event: event.type, path: event.path });
    this.send(c, { kind: 'notification', xid: -1, zxid: -1n, event });
  }

  // ---- timers: session expiry and the container/TTL reaper ------------------------------

  private expireSessions(): void {
    for (const id of this.sessions.expire(this.now())) {
      this.trace({ type: 'session.expire', session: hex(id) });
      this.submit({ cnxnId: null, sessionId: id, cxid: 0, req: { op: 'closeSession' }, authInfo: [] });
    }
  }

  /** `ContainerManager.getCandidates`: a znode's age is the wall clock minus its mtime, as in `getElapsed`. */
  reaperCandidates(): string[] {
    const out: string[] = [];
    const now = this.wallNow();
    for (const p of this.tree.containers) {
      const n = this.tree.getNode(p);
      if (n === undefined || n.children.size > 0) continue;
      if (n.stat.cversion > 0) out.push(p);
      else if (this.cfg.maxNeverUsedIntervalMs !== 0 && now - n.stat.mtime > this.cfg.maxNeverUsedIntervalMs) out.push(p);
    }
    for (const p of this.tree.ttls) {
      const n = this.tree.getNode(p);
      if (n === undefined || n.children.size > 0) continue;
      if (ephemeralType(n.stat.ephemeralOwner) !== 'TTL') continue;
      const ttl = ttlOf(n.stat.ephemeralOwner);
      if (ttl !== 0 && now - n.stat.mtime > ttl) out.push(p);
    }
    return out;
  }

  private reap(): void {
    for (const path of this.reaperCandidates()) {
      this.trace({ type: 'container.reap', path });
      const req: Request = { op: 'deleteContainer', path };
      this.submit({ cnxnId: null, sessionId: 0n, cxid: 0, req, authInfo: [] });
    }
  }

  private arm(name: string, at: number | undefined): void {
    const prev = this.armed.get(name);
    if (at === undefined) {
      if (prev !== undefined) {
        this.out.push({ kind: 'cancelTimer', name });
        this.armed.delete(name);
      }
      return;
    }
    if (prev === at) return;
    this.armed.set(name, at);
    this.out.push({ kind: 'setTimer', name, afterMs: Math.max(0, at - this.now()) });
  }

  /** (Re)arm the expiry and reaper timers for the state as it is now. */
  armTimers(): void {
    if (this.ctx === null || this.sessions === undefined) return;
    const next = this.sessions.nextExpiry();
    this.arm('zk.sessions', next === undefined ? undefined : Math.max(next, this.now()));
    // The reaper runs at a fixed rate from server start; armed only while there is work.
    if (this.reaps() && (this.tree.containers.size > 0 || this.tree.ttls.size > 0)) {
      const iv = this.cfg.containerCheckIntervalMs;
      const k = Math.floor((this.now() - this.startTime) / iv) + 1;
      this.arm('zk.reaper', this.startTime + k * iv);
    } else this.arm('zk.reaper', undefined);
  }
}
