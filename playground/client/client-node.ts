/**
 * The client library's connection state machine (`ClientCnxn` + its `SendThread` and
 * `EventThread` roles) as a simulation node. Reader code never talks to it directly: the
 * facade in `zookeeper.ts` sends it commands (`sim.request`) and listens to its outputs.
 *
 * It connects to one server of its list at a time (shuffled once, then round robin, with the
 * real client's reconnect pauses), sends `ConnectRequest{lastZxidSeen, timeOut, sessionId,
 * passwd}`, then the auth packets and `setWatches`, then queued requests; numbers requests
 * with xids and matches replies in FIFO order; times pings and the read timeout as the Java
 * send thread does (`send-loop.ts`, shared with the client for a real server: a ping
 * readTimeout/2 = T/3 after the last send on an idle connection; the connection is dead after
 * readTimeout = 2T/3 of silence: Disconnected, in-flight requests fail with CONNECTIONLOSS)
 * and reconnects while the session may still live; learns of expiry from the server
 * (Expired, CLOSED); advances `lastZxid` only from replies to its requests (and setWatches,
 * which Java keeps in its pending queue too), never from pings or auth replies; refuses a
 * frame longer than its own `jute.maxbuffer` as `ClientCnxnSocket.readLength` does ("Packet
 * len N is out of range!": the connection closes, calls in flight get CONNECTIONLOSS, it
 * reconnects); keeps its own watch registrations (`WatchRegistry`) and dispatches
 * notifications to watcher ids (0 = default watcher).
 *
 * Imports the kernel contract (types), zk protocol modules and the send loop. No clock, no
 * randomness except through the `NodeContext`.
 */
import type { Effect, Input, NodeContext, NodeId, SimNode } from '../sim/types.ts';
import type { ClientEvent } from './events.ts';
import { Code } from '../zk/errors.ts';
import { Xid, frameLength, serverFrameLength } from '../zk/protocol.ts';
import type { ClientMessage, Request, Response, ServerMessage } from '../zk/protocol.ts';
import type { KeeperState, WatchedEvent } from '../zk/watch-manager.ts';
import { WatchRegistry } from './watch-registry.ts';
import { CLIENT_MAX_PACKET_LENGTH_DEFAULT, packetLenProblem } from './packet-length.ts';
import { HostWalk, connectTimeoutOf, readTimeoutOf, sendLoopTurn, shuffleHosts } from './send-loop.ts';
import type { States, WatchDeregistration, WatchRegistration } from './transport.ts';

export type { States, WatchRegistration, WatchDeregistration } from './transport.ts';

/** Commands from the facade. `handle` tells one session's handle from the next. */
export type ClientCommand =
  | { readonly cmd: 'connect'; readonly handle: number; readonly sessionTimeoutMs: number; readonly juteMaxBuffer?: number }
  | { readonly cmd: 'submit'; readonly handle: number; readonly reqId: number; readonly req: Request; readonly watch?: WatchRegistration; readonly unwatch?: WatchDeregistration }
  | { readonly cmd: 'addAuthInfo'; readonly handle: number; readonly reqId: number; readonly scheme: string; readonly auth: Uint8Array }
  | { readonly cmd: 'close'; readonly handle: number; readonly reqId: number }
  /** Drop the connection now (as a network failure would); the client reconnects. */
  | { readonly cmd: 'dropConnection'; readonly handle: number };

/** Outputs to the facade. */
export type ClientOutput =
  | { readonly kind: 'reply'; readonly handle: number; readonly reqId: number; readonly err: number; readonly body?: Response }
  | { readonly kind: 'event'; readonly handle: number; readonly watchers: readonly number[]; readonly event: WatchedEvent }
  | { readonly kind: 'state'; readonly handle: number; readonly state: States; readonly sessionId: bigint; readonly timeout: number };

/** Client settings. */
export interface ClientNodeConfig {
  /** Servers of the connect string, in order (shuffled once, as `StaticHostProvider`). */
  readonly servers: readonly NodeId[];
  /** Shuffle the server list once (default true, as the real client). */
  readonly shuffle?: boolean;
}

interface Pending {
  readonly xid: number;
  readonly reqId: number;
  readonly req: Request;
  readonly watch?: WatchRegistration;
  readonly unwatch?: WatchDeregistration;
}

export class ClientNode implements SimNode<unknown> {
  readonly id: NodeId;
  private readonly servers: NodeId[];
  private readonly shuffle: boolean;

  state: States = 'NOT_CONNECTED';
  handle = 0;
  sessionId = 0n;
  private passwd: Uint8Array = new Uint8Array(16);
  lastZxid = 0n;
  private requestedTimeout = 30000;
  negotiatedTimeout = 0;
  private readTimeout = 0;
  private connectTimeout = 0;
  private juteMaxBuffer = CLIENT_MAX_PACKET_LENGTH_DEFAULT;
  private xid = 1;
  private server: NodeId | null = null;
  /** When the current connection last sent / heard something (the send thread's idle clocks). */
  private lastSend = 0;
  private lastHeard = 0;
  /** tcp: TCP opening; handshake: ConnectRequest sent; open: session established. */
  private phase: 'idle' | 'tcp' | 'handshake' | 'open' | 'waiting' = 'idle';
  private hostList: NodeId[] = [];
  private walk = new HostWalk(1);
  private readonly outgoing: Pending[] = [];
  private readonly pending: Pending[] = [];
  private readonly authInfo: { scheme: string; auth: Uint8Array; reqId: number | null }[] = [];
  private readonly authWaiting: number[] = [];
  private closeReq: number | null = null;
  readonly watches = new WatchRegistry();
  private out: Effect[] = [];
  private ctx: NodeContext | null = null;

  constructor(id: NodeId, config: ClientNodeConfig) {
    this.id = id;
    this.servers = [...config.servers];
    this.shuffle = config.shuffle ?? true;
  }

  step(input: Input<unknown>, ctx: NodeContext): Effect[] {
    this.ctx = ctx;
    this.out = [];
    switch (input.kind) {
      case 'start':
        // A (re)started client process has lost everything; it waits for a connect command.
        this.state = 'NOT_CONNECTED';
        break;
      case 'request':
        this.command(input.value as ClientCommand);
        break;
      case 'connected':
        if (input.peer === this.server && this.phase === 'tcp') {
          this.walk.tcpConnected();
          this.sendConnectRequest();
        } else this.out.push({ kind: 'disconnect', to: input.peer });
        break;
      case 'connectFailed':
        if (input.peer === this.server) this.connectionLost(`connect to ${input.peer} failed`);
        break;
      case 'disconnected':
        if (input.peer === this.server) this.connectionLost(`${input.peer} closed the connection`);
        break;
      case 'message':
        if (input.from === this.server) this.onMessage(input.msg as ServerMessage);
        break;
      case 'timer':
        this.onTimer(input.name);
        break;
    }
    const out = this.out;
    this.out = [];
    return out;
  }

  private now(): number {
    return this.ctx?.now ?? 0;
  }

  private trace(event: ClientEvent): void {
    this.out.push({ kind: 'trace', event });
  }

  private emit(o: ClientOutput): void {
    this.out.push({ kind: 'output', value: o });
  }

  private setState(s: States): void {
    this.state = s;
    this.trace({ type: 'client.state', state: s, session: '0x' + this.sessionId.toString(16) });
    this.emit({ kind: 'state', handle: this.handle, state: s, sessionId: this.sessionId, timeout: this.negotiatedTimeout });
  }

  /** A connection-state event: to the default watcher and every registered one. */
  private stateEvent(state: KeeperState): void {
    this.emit({ kind: 'event', handle: this.handle, watchers: this.watches.everyone(), event: { type: 'None', state, path: null } });
  }

  private isAlive(): boolean {
    return this.state !== 'CLOSED' && this.state !== 'AUTH_FAILED';
  }

  // ---- commands -------------------------------------------------------------------------

  private command(c: ClientCommand): void {
    if (c.cmd === 'connect') {
      this.startHandle(c.handle, c.sessionTimeoutMs, c.juteMaxBuffer ?? CLIENT_MAX_PACKET_LENGTH_DEFAULT);
      return;
    }
    if (c.handle !== this.handle) {
      // A command for a handle that is gone: answer as a closed handle would.
      if (c.cmd === 'submit' || c.cmd === 'addAuthInfo' || c.cmd === 'close') {
        this.emit({ kind: 'reply', handle: c.handle, reqId: c.reqId, err: c.cmd === 'submit' ? Code.SESSIONEXPIRED : 0 });
      }
      return;
    }
    switch (c.cmd) {
      case 'submit':
        this.queuePacket({ xid: 0, reqId: c.reqId, req: c.req, ...(c.watch ? { watch: c.watch } : {}), ...(c.unwatch ? { unwatch: c.unwatch } : {}) });
        break;
      case 'addAuthInfo':
        if (!this.isAlive()) {
          this.emit({ kind: 'reply', handle: this.handle, reqId: c.reqId, err: 0 });
          break;
        }
        this.authInfo.push({ scheme: c.scheme, auth: c.auth, reqId: c.reqId });
        if (this.phase === 'open') this.sendAuth(c.scheme, c.auth, c.reqId);
        break;
      case 'close':
        this.close(c.reqId);
        break;
      case 'dropConnection':
        if (this.server !== null && (this.phase === 'open' || this.phase === 'handshake')) {
          this.out.push({ kind: 'disconnect', to: this.server });
          this.connectionLost('connection dropped');
        }
        break;
    }
  }

  /** A new handle: forget the old session entirely and connect. */
  private startHandle(handle: number, sessionTimeoutMs: number, juteMaxBuffer: number): void {
    if (this.server !== null && this.phase !== 'idle' && this.phase !== 'waiting') this.out.push({ kind: 'disconnect', to: this.server });
    this.handle = handle;
    this.sessionId = 0n;
    this.passwd = new Uint8Array(16);
    this.lastZxid = 0n;
    this.requestedTimeout = sessionTimeoutMs;
    this.juteMaxBuffer = juteMaxBuffer;
    this.negotiatedTimeout = 0;
    this.xid = 1;
    this.outgoing.length = 0;
    this.pending.length = 0;
    this.authInfo.length = 0;
    this.authWaiting.length = 0;
    this.closeReq = null;
    this.watches.clear();
    const ctx = this.ctx;
    this.hostList = this.shuffle && ctx ? shuffleHosts(this.servers, (n) => ctx.randomInt(n)) : [...this.servers];
    this.walk = new HostWalk(this.hostList.length);
    this.connectTimeout = connectTimeoutOf(sessionTimeoutMs, this.hostList.length);
    this.readTimeout = readTimeoutOf(sessionTimeoutMs);
    this.setState('CONNECTING');
    this.startConnect(0);
  }

  private queuePacket(p: Pending): void {
    if (!this.isAlive() || this.closeReq !== null) {
      this.finishLocally(p, this.state === 'AUTH_FAILED' ? Code.AUTHFAILED : this.state === 'CLOSED' ? Code.SESSIONEXPIRED : Code.CONNECTIONLOSS);
      return;
    }
    const withXid: Pending = { ...p, xid: this.xid++ };
    if (this.phase === 'open') this.sendPacket(withXid);
    else this.outgoing.push(withXid);
  }

  private close(reqId: number): void {
    if (!this.isAlive()) {
      this.emit({ kind: 'reply', handle: this.handle, reqId, err: 0 });
      return;
    }
    if (this.phase === 'open') {
      this.closeReq = reqId;
      const p: Pending = { xid: this.xid++, reqId, req: { op: 'closeSession' } };
      this.sendPacket(p);
      return;
    }
    // Not connected: the handle closes locally; the session lives on until it expires.
    this.failAll(Code.CONNECTIONLOSS);
    this.shutdown();
    this.emit({ kind: 'reply', handle: this.handle, reqId, err: 0 });
  }

  /** State CLOSED, the Closed event, connection and timers gone. */
  private shutdown(): void {
    if (this.server !== null && this.phase !== 'idle' && this.phase !== 'waiting') this.out.push({ kind: 'disconnect', to: this.server });
    this.phase = 'idle';
    this.server = null;
    for (const t of ['ping', 'readTimeout', 'connectTimeout', 'reconnect']) this.out.push({ kind: 'cancelTimer', name: t });
    this.setState('CLOSED');
    this.stateEvent('Closed');
  }

  // ---- connecting -----------------------------------------------------------------------

  /** `hostProvider.next(1000)` then `startConnect`: the next server, after the pauses Java takes. */
  private startConnect(extraDelay: number): void {
    const ctx = this.ctx;
    const { index, pauseMs } = this.walk.next((n) => (ctx ? ctx.randomInt(n) : 0));
    const wait = pauseMs + extraDelay;
    this.server = this.hostList[index]!;
    if (wait > 0) {
      this.phase = 'waiting';
      this.out.push({ kind: 'setTimer', name: 'reconnect', afterMs: wait });
    } else this.openTcp();
  }

  private openTcp(): void {
    if (this.server === null) return;
    this.phase = 'tcp';
    this.lastSend = this.lastHeard = this.now();
    this.out.push({ kind: 'connect', to: this.server });
    this.out.push({ kind: 'setTimer', name: 'connectTimeout', afterMs: this.connectTimeout });
  }

  private sendConnectRequest(): void {
    if (this.server === null) return;
    this.phase = 'handshake';
    const msg: ClientMessage = {
      kind: 'connect',
      protocolVersion: 0,
      lastZxidSeen: this.lastZxid,
      timeOut: this.requestedTimeout,
      sessionId: this.sessionId,
      passwd: this.passwd,
      readOnly: false,
    };
    this.out.push({ kind: 'send', to: this.server, msg });
  }

  private onConnectResponse(m: Extract<ServerMessage, { kind: 'connectResponse' }>): void {
    this.out.push({ kind: 'cancelTimer', name: 'connectTimeout' });
    if (m.timeOut <= 0) {
      // The session is gone: Expired, and the handle is dead.
      this.trace({ type: 'client.expired', session: '0x' + this.sessionId.toString(16) });
      if (this.server !== null) this.out.push({ kind: 'disconnect', to: this.server });
      this.phase = 'idle';
      this.server = null;
      this.setState('CLOSED');
      this.failAll(Code.SESSIONEXPIRED);
      this.stateEvent('Expired');
      for (const t of ['ping', 'readTimeout', 'reconnect']) this.out.push({ kind: 'cancelTimer', name: t });
      return;
    }
    this.negotiatedTimeout = m.timeOut;
    this.readTimeout = readTimeoutOf(m.timeOut);
    this.connectTimeout = connectTimeoutOf(m.timeOut, this.hostList.length);
    this.sessionId = m.sessionId;
    this.passwd = m.passwd;
    this.walk.sessionEstablished();
    this.phase = 'open';
    this.setState('CONNECTED');
    this.stateEvent('SyncConnected');
    for (const a of this.authInfo) this.sendAuth(a.scheme, a.auth, a.reqId);
    for (const a of this.authInfo) a.reqId = null;
    if (!this.watches.isEmpty()) {
      const l = this.watches.lists();
      this.sendRaw(Xid.SET_WATCHES, { op: 'setWatches', relativeZxid: this.lastZxid, ...l });
    }
    const queued = this.outgoing.splice(0);
    for (const p of queued) this.sendPacket(p);
    // The send thread's next turn, even if nothing was sent: it arms the ping and the read timeout.
    this.sendLoop();
  }

  private sendAuth(scheme: string, auth: Uint8Array, reqId: number | null): void {
    if (reqId !== null) this.authWaiting.push(reqId);
    else this.authWaiting.push(-1);
    this.sendRaw(Xid.AUTH, { op: 'auth', scheme, auth });
  }

  private sendRaw(xid: number, req: Request): void {
    if (this.server === null) return;
    const msg: ClientMessage = { kind: 'request', xid, req, length: frameLength(req) };
    this.out.push({ kind: 'send', to: this.server, msg });
    this.lastSend = this.now();
    this.sendLoop();
  }

  private sendPacket(p: Pending): void {
    this.pending.push(p);
    this.sendRaw(p.xid, p.req);
  }

  // ---- timers ---------------------------------------------------------------------------

  /**
   * One turn of the send thread's loop on an established connection (`sendLoopTurn`): give
   * the connection up after readTimeout of silence, ping when due, and arm the timers of the
   * wait that follows (the read timeout, and the ping if it comes first).
   */
  private sendLoop(): void {
    if (this.phase !== 'open') return;
    const now = this.now();
    const turn = sendLoopTurn({ connected: true, readTimeout: this.readTimeout, connectTimeout: this.connectTimeout, idleRecv: now - this.lastHeard, idleSend: now - this.lastSend });
    if (turn.kind === 'timedOut') {
      this.trace({ type: 'client.readTimeout', server: this.server, readTimeout: this.readTimeout });
      if (this.server !== null) this.out.push({ kind: 'disconnect', to: this.server });
      this.connectionLost('read timeout');
      return;
    }
    this.out.push({ kind: 'setTimer', name: 'readTimeout', afterMs: turn.timeoutInMs });
    if (turn.ping) this.sendRaw(Xid.PING, { op: 'ping' }); // its own turn arms the next ping
    else if (turn.pingInMs !== null) this.out.push({ kind: 'setTimer', name: 'ping', afterMs: turn.pingInMs });
    else this.out.push({ kind: 'cancelTimer', name: 'ping' });
  }

  private onTimer(name: string): void {
    switch (name) {
      case 'ping':
      case 'readTimeout':
        this.sendLoop();
        break;
      case 'connectTimeout':
        if (this.phase === 'tcp' || this.phase === 'handshake') {
          if (this.server !== null) this.out.push({ kind: 'disconnect', to: this.server });
          this.connectionLost('connect timeout');
        }
        break;
      case 'reconnect':
        if (this.phase === 'waiting' && this.isAlive()) this.openTcp();
        break;
    }
  }

  // ---- receiving ------------------------------------------------------------------------

  private onMessage(m: ServerMessage): void {
    if (this.phase !== 'handshake' && this.phase !== 'open') return;
    if (this.frameTooLong(m)) return;
    if (m.kind === 'connectResponse') {
      if (this.phase === 'handshake') this.onConnectResponse(m);
      return;
    }
    if (this.phase !== 'open') return;
    this.lastHeard = this.now();
    this.sendLoop();
    if (this.phase !== 'open') return;
    if (m.kind === 'notification') {
      if (!this.isAlive()) return;
      const watchers = this.watches.materialize(m.event);
      if (watchers.length > 0) this.emit({ kind: 'event', handle: this.handle, watchers, event: m.event });
      return;
    }
    // `readResponse`: a ping's reply (and an auth reply) returns before lastZxid is touched;
    // setWatches sits in Java's pending queue like a request, so its reply advances it.
    if (m.xid === Xid.PING) return;
    if (m.xid === Xid.SET_WATCHES) {
      if (m.zxid > 0n) this.lastZxid = m.zxid;
      return;
    }
    if (m.xid === Xid.AUTH) {
      const reqId = this.authWaiting.shift() ?? -1;
      if (m.err === Code.AUTHFAILED) {
        this.setState('AUTH_FAILED');
        this.stateEvent('AuthFailed');
        if (reqId >= 0) this.emit({ kind: 'reply', handle: this.handle, reqId, err: 0 });
        if (this.server !== null) this.out.push({ kind: 'disconnect', to: this.server });
        this.phase = 'idle';
        this.server = null;
        this.failAll(Code.AUTHFAILED);
        for (const t of ['ping', 'readTimeout', 'connectTimeout', 'reconnect']) this.out.push({ kind: 'cancelTimer', name: t });
        return;
      }
      if (reqId >= 0) this.emit({ kind: 'reply', handle: this.handle, reqId, err: 0 });
      return;
    }
    const p = this.pending.shift();
    if (p === undefined || p.xid !== m.xid) {
      // Out of order reply: the real client treats this as a fatal protocol error.
      if (this.server !== null) this.out.push({ kind: 'disconnect', to: this.server });
      if (p !== undefined) this.pending.unshift(p);
      this.connectionLost(`xid out of order: got ${m.xid}`);
      return;
    }
    if (m.zxid > 0n) this.lastZxid = m.zxid;
    this.finishPacket(p, m.err, m.body);
    if (p.req.op === 'closeSession') {
      this.pending.length = 0;
      this.shutdown();
    }
  }

  /**
   * `ClientCnxnSocket.readLength`: a frame longer than this handle's `jute.maxbuffer` is an
   * IOException before it is read: the connection is closed and lost (calls in flight get
   * CONNECTIONLOSS) and the client reconnects. True if `m` was refused.
   */
  private frameTooLong(m: ServerMessage): boolean {
    const req = m.kind === 'reply' && m.xid > 0 ? this.pending[0]?.req : undefined;
    const len = serverFrameLength(m, req);
    const problem = packetLenProblem(len, this.juteMaxBuffer);
    if (problem === null) return false;
    this.trace({ type: 'client.lenError', server: this.server, length: len, max: this.juteMaxBuffer });
    if (this.server !== null) this.out.push({ kind: 'disconnect', to: this.server });
    this.connectionLost(problem);
    return true;
  }

  /** `finishPacket`: watch (de)registration (`WatchRegistry.finish`), then the reply to the facade. */
  private finishPacket(p: Pending, errIn: number, body?: Response): void {
    const { err, events } = this.watches.finish(p.watch, p.unwatch, errIn);
    if (this.isAlive()) for (const e of events) this.emit({ kind: 'event', handle: this.handle, watchers: e.watchers, event: e.event });
    this.emit({ kind: 'reply', handle: this.handle, reqId: p.reqId, err, ...(body !== undefined && err === errIn ? { body } : {}) });
  }

  private finishLocally(p: Pending, err: number): void {
    this.finishPacket(p, err);
  }

  /** `cleanup`: every sent and queued request fails (`conLossPacket`). */
  private failAll(err: number): void {
    const all = [...this.pending.splice(0), ...this.outgoing.splice(0)];
    for (const p of all) this.finishLocally(p, err);
    for (const reqId of this.authWaiting.splice(0)) if (reqId >= 0) this.emit({ kind: 'reply', handle: this.handle, reqId, err: 0 });
    for (const a of this.authInfo) a.reqId = null;
  }

  /** The connection is gone (or an attempt failed): Disconnected, fail in-flight, reconnect. */
  private connectionLost(why: string): void {
    const wasOpen = this.phase === 'open';
    this.trace({ type: 'client.connectionLost', reason: why, server: this.server });
    for (const t of ['ping', 'readTimeout', 'connectTimeout']) this.out.push({ kind: 'cancelTimer', name: t });
    this.phase = 'idle';
    if (!this.isAlive()) return;
    if (this.closeReq !== null) {
      // Closing: the close completes locally.
      const reqId = this.closeReq;
      this.closeReq = null;
      this.pending.length = 0;
      this.failAll(Code.CONNECTIONLOSS);
      this.server = null;
      this.shutdown();
      this.emit({ kind: 'reply', handle: this.handle, reqId, err: 0 });
      return;
    }
    this.failAll(Code.CONNECTIONLOSS);
    if (wasOpen) {
      this.setState('CONNECTING');
      this.stateEvent('Disconnected');
    }
    this.startConnect(0);
  }
}
