/**
 * The client library's connection state machine (`ClientCnxn` + its `SendThread` and
 * `EventThread` roles) as a simulation node. Reader code never talks to it directly: the
 * facade in `zookeeper.ts` sends it commands (`sim.request`) and listens to its outputs.
 *
 * It connects to one server of its list at a time (shuffled once, then round robin, with the
 * real client's reconnect delays), sends `ConnectRequest{lastZxidSeen, timeOut, sessionId,
 * passwd}`, then the auth packets and `setWatches`, then queued requests; numbers requests
 * with xids and matches replies in FIFO order; pings when idle for about readTimeout/2;
 * declares the connection dead after readTimeout = 2T/3 of silence (Disconnected, in-flight
 * requests fail with CONNECTIONLOSS) and reconnects while the session may still live;
 * learns of expiry from the server (Expired, CLOSED); keeps its own watch registrations
 * (`WatchRegistry`) and dispatches notifications to watcher ids (0 = default watcher).
 *
 * Imports the kernel contract (types) and zk protocol modules. No clock, no randomness
 * except through the `NodeContext`.
 */
import type { Effect, Input, NodeContext, NodeId, SimNode } from '../sim/types.ts';
import { Code, KeeperException } from '../zk/errors.ts';
import { Xid, frameLength } from '../zk/protocol.ts';
import type { ClientMessage, Request, Response, ServerMessage } from '../zk/protocol.ts';
import type { WatcherType } from '../zk/data-tree.ts';
import type { EventType, KeeperState, WatchedEvent } from '../zk/watch-manager.ts';
import { WatchRegistry } from './watch-registry.ts';
import type { WatchKind } from './watch-registry.ts';

/** `ZooKeeper.States`. */
export type States = 'NOT_CONNECTED' | 'CONNECTING' | 'CONNECTED' | 'CLOSED' | 'AUTH_FAILED';

/** Watch bookkeeping attached to a request. */
export interface WatchRegistration {
  readonly kind: WatchKind;
  readonly path: string;
  readonly watcher: number;
}

/** `WatchDeregistration`: removeWatches / removeAllWatches. */
export interface WatchDeregistration {
  readonly path: string;
  /** null: every watcher (removeAllWatches). */
  readonly watcher: number | null;
  readonly type: WatcherType;
  readonly local: boolean;
}

/** Commands from the facade. `handle` tells one session's handle from the next. */
export type ClientCommand =
  | { readonly cmd: 'connect'; readonly handle: number; readonly sessionTimeoutMs: number }
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

const MAX_SEND_PING_INTERVAL = 10000;

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
  private xid = 1;
  private server: NodeId | null = null;
  /** tcp: TCP opening; handshake: ConnectRequest sent; open: session established. */
  private phase: 'idle' | 'tcp' | 'handshake' | 'open' | 'waiting' = 'idle';
  private hostList: NodeId[] = [];
  private currentIndex = -1;
  private lastIndex = -1;
  private firstConnect = true;
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
        if (input.peer === this.server && this.phase === 'tcp') this.sendConnectRequest();
        else this.out.push({ kind: 'disconnect', to: input.peer });
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

  private emit(o: ClientOutput): void {
    this.out.push({ kind: 'output', value: o });
  }

  private setState(s: States): void {
    this.state = s;
    this.out.push({ kind: 'trace', event: { type: 'client.state', state: s, session: '0x' + this.sessionId.toString(16) } });
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
      this.startHandle(c.handle, c.sessionTimeoutMs);
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
  private startHandle(handle: number, sessionTimeoutMs: number): void {
    if (this.server !== null && this.phase !== 'idle' && this.phase !== 'waiting') this.out.push({ kind: 'disconnect', to: this.server });
    this.handle = handle;
    this.sessionId = 0n;
    this.passwd = new Uint8Array(16);
    this.lastZxid = 0n;
    this.requestedTimeout = sessionTimeoutMs;
    this.negotiatedTimeout = 0;
    this.xid = 1;
    this.outgoing.length = 0;
    this.pending.length = 0;
    this.authInfo.length = 0;
    this.authWaiting.length = 0;
    this.closeReq = null;
    this.watches.clear();
    this.firstConnect = true;
    this.hostList = [...this.servers];
    if (this.shuffle && this.ctx) {
      for (let i = this.hostList.length - 1; i > 0; i--) {
        const j = this.ctx.randomInt(i + 1);
        [this.hostList[i], this.hostList[j]] = [this.hostList[j]!, this.hostList[i]!];
      }
    }
    this.currentIndex = -1;
    this.lastIndex = -1;
    this.connectTimeout = Math.floor(sessionTimeoutMs / Math.max(1, this.hostList.length));
    this.readTimeout = Math.floor((sessionTimeoutMs * 2) / 3);
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

  /** `StaticHostProvider.next(spinDelay)`: the next server and how long to wait first. */
  private nextServer(): { server: NodeId; delay: number } {
    this.currentIndex = (this.currentIndex + 1) % this.hostList.length;
    const needToSleep = this.currentIndex === this.lastIndex;
    if (this.lastIndex === -1) this.lastIndex = 0;
    return { server: this.hostList[this.currentIndex]!, delay: needToSleep ? 1000 : 0 };
  }

  private startConnect(extraDelay: number): void {
    const { server, delay } = this.nextServer();
    let wait = delay + extraDelay;
    if (!this.firstConnect && this.ctx) wait += this.ctx.randomInt(1000);
    this.firstConnect = false;
    this.server = server;
    if (wait > 0) {
      this.phase = 'waiting';
      this.out.push({ kind: 'setTimer', name: 'reconnect', afterMs: wait });
    } else this.openTcp();
  }

  private openTcp(): void {
    if (this.server === null) return;
    this.phase = 'tcp';
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
      this.out.push({ kind: 'trace', event: { type: 'client.expired', session: '0x' + this.sessionId.toString(16) } });
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
    this.readTimeout = Math.floor((m.timeOut * 2) / 3);
    this.connectTimeout = Math.floor(m.timeOut / Math.max(1, this.hostList.length));
    this.sessionId = m.sessionId;
    this.passwd = m.passwd;
    this.lastIndex = this.currentIndex; // hostProvider.onConnected()
    this.phase = 'open';
    this.setState('CONNECTED');
    this.stateEvent('SyncConnected');
    this.touchRecv();
    for (const a of this.authInfo) this.sendAuth(a.scheme, a.auth, a.reqId);
    for (const a of this.authInfo) a.reqId = null;
    if (!this.watches.isEmpty()) {
      const l = this.watches.lists();
      this.sendRaw(Xid.SET_WATCHES, { op: 'setWatches', relativeZxid: this.lastZxid, ...l });
    }
    const queued = this.outgoing.splice(0);
    for (const p of queued) this.sendPacket(p);
    // The send thread pings an idle connection: arm the ping even if nothing was sent.
    this.touchSend();
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
    this.touchSend();
  }

  private sendPacket(p: Pending): void {
    this.pending.push(p);
    this.sendRaw(p.xid, p.req);
  }

  // ---- timers ---------------------------------------------------------------------------

  private touchSend(): void {
    if (this.phase !== 'open') return;
    const half = Math.floor(this.readTimeout / 2);
    let idle = half <= 1000 ? half : Math.max(half - 1000, 1001);
    idle = Math.min(idle, MAX_SEND_PING_INTERVAL + 1);
    this.out.push({ kind: 'setTimer', name: 'ping', afterMs: Math.max(1, idle) });
  }

  private touchRecv(): void {
    if (this.phase !== 'open') return;
    this.out.push({ kind: 'setTimer', name: 'readTimeout', afterMs: Math.max(1, this.readTimeout) });
  }

  private onTimer(name: string): void {
    switch (name) {
      case 'ping':
        if (this.phase === 'open') this.sendRaw(Xid.PING, { op: 'ping' });
        break;
      case 'readTimeout':
        if (this.phase === 'open') {
          this.out.push({ kind: 'trace', event: { type: 'client.readTimeout', server: this.server, readTimeout: this.readTimeout } });
          if (this.server !== null) this.out.push({ kind: 'disconnect', to: this.server });
          this.connectionLost('read timeout');
        }
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
    if (m.kind === 'connectResponse') {
      if (this.phase === 'handshake') this.onConnectResponse(m);
      return;
    }
    if (this.phase !== 'open') return;
    this.touchRecv();
    if (m.kind === 'notification') {
      if (!this.isAlive()) return;
      const watchers = this.watches.materialize(m.event);
      if (watchers.length > 0) this.emit({ kind: 'event', handle: this.handle, watchers, event: m.event });
      return;
    }
    if (m.zxid > 0n) this.lastZxid = m.zxid;
    if (m.xid === Xid.PING || m.xid === Xid.SET_WATCHES) return;
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
    this.finishPacket(p, m.err, m.body);
    if (p.req.op === 'closeSession') {
      this.pending.length = 0;
      this.shutdown();
    }
  }

  /** `finishPacket`: watch (de)registration, then the reply to the facade. */
  private finishPacket(p: Pending, errIn: number, body?: Response): void {
    let err = errIn;
    if (p.watch !== undefined) this.watches.register(p.watch.kind, p.watch.path, p.watch.watcher, err);
    if (p.unwatch !== undefined) {
      const u = p.unwatch;
      try {
        const removed = this.watches.removeWatcher(u.path, u.watcher, u.type, u.local, err);
        for (const [type, ws] of removed) {
          if (ws.size === 0) continue;
          if (this.isAlive()) this.emit({ kind: 'event', handle: this.handle, watchers: [...ws], event: { type: type as EventType, state: 'SyncConnected', path: u.path } });
          err = 0;
        }
      } catch (e) {
        if (e instanceof KeeperException) err = e.intValue;
        else throw e;
      }
    }
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
    this.out.push({ kind: 'trace', event: { type: 'client.connectionLost', reason: why, server: this.server } });
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
