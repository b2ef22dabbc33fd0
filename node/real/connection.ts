/**
 * The connection half of a client for a real ZooKeeper server: what the Java client's
 * `ClientCnxn` (send thread + event thread) and `StaticHostProvider` do, over `node:net`.
 *
 * - Frames: a 4-byte big-endian length, then the payload; a frame longer than the client's
 *   `jute.maxbuffer` (default 1 048 575 bytes) drops the connection, as in
 *   `ClientCnxnSocket.readLength` ("Packet len N is out of range!").
 * - Handshake: `ConnectRequest{0, lastZxidSeen, timeOut, sessionId, passwd}` + read-only byte;
 *   nothing else is sent until the `ConnectResponse` arrives. Then, as `primeConnection`:
 *   the auth packets of the session (in reverse order of `addAuthInfo`, as the Java client's
 *   `addFirst` leaves them), the watch re-registration (`setWatches`, or `setWatches2` when
 *   persistent watches exist) and the queued requests.
 * - Timers: the Java send thread's loop, shared with the simulated client
 *   (`playground/client/send-loop.ts`) and run on every frame read, every send and every
 *   wake-up: readTimeout = 2T/3 (no frame for that long = connection lost), connectTimeout =
 *   T / number of servers per attempt, ping (xid −2) readTimeout/2 after the last send on an
 *   idle connection and at least every 10 s.
 * - Reconnect: servers shuffled once, then round robin; a random pause of up to 1 s before an
 *   attempt once some connection of this handle has opened, and 1 s more when the walk comes
 *   back to the last server it was connected to. `lastZxid` moves only with replies to
 *   requests (and setWatches), never with pings. In-flight and queued requests fail with CONNECTIONLOSS; the watchers
 *   get Disconnected, then SyncConnected on the same session, or Expired when the server
 *   answers timeOut 0 (the handle is then CLOSED: later calls give SESSIONEXPIRED).
 * - Replies are matched to requests in FIFO order by xid; notifications (xid −1) are
 *   dispatched to watchers at once, so a watcher runs before the promise of any later reply
 *   resolves. Auth replies (xid −4) with AUTHFAILED put the handle in AUTH_FAILED.
 * - Watch bookkeeping is the shared `WatchRegistry` of `playground/client` (Java's
 *   `ZKWatchManager`), so both clients deliver exactly the same events.
 *
 * The one client (`playground/client/client.ts`) runs over it: `ClientCnxn` is its
 * `ClientTransport` to a real server, as the simulated client node is on the simulation.
 *
 * Node only (node:net, timers, Math.random). Imports the jute codec, pure helpers, the
 * client's transport contract and watch registry; never the simulation.
 */
import { Socket } from 'node:net';
import { Code } from '../../playground/zk/errors.ts';
import type { EventType, KeeperState, WatchedEvent } from '../../playground/zk/watch-manager.ts';
import { WatchRegistry } from '../../playground/client/watch-registry.ts';
import { ConnectedWaiters } from '../../playground/client/connected-waiters.ts';
import type { ClientRequest, ClientTransport, Dispatch, Reply, States, WatchDeregistration, WatchRegistration } from '../../playground/client/transport.ts';
import { CLIENT_MAX_PACKET_LENGTH_DEFAULT, packetLenProblem } from '../../playground/client/packet-length.ts';
import { HostWalk, connectTimeoutOf, readTimeoutOf, sendLoopTurn, shuffleHosts } from '../../playground/client/send-loop.ts';
import {
  JuteReader,
  Xid,
  decodeConnectResponse,
  encodeConnectRequest,
  encodeRequest,
  fromWire,
  readReplyHeader,
  readResponse,
  readWatcherEvent,
  toWire,
} from './jute.ts';
import type { RequestRecord, ResponseKind, ResponseRecord } from './jute.ts';


/** One server of a connect string. */
export interface HostPort {
  readonly host: string;
  readonly port: number;
}

/** Parse `host:port,host:port` (a `/chroot` suffix is refused: not supported here). */
export function parseConnectString(connectString: string): HostPort[] {
  if (connectString.includes('/')) throw new Error(`chroot paths are not supported: ${connectString}`);
  const hosts = connectString
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((s) => {
      const i = s.lastIndexOf(':');
      const host = i < 0 ? s : s.slice(0, i);
      const port = i < 0 ? 2181 : Number(s.slice(i + 1));
      if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`bad port in connect string: ${s}`);
      return { host: host.replace(/^\[|\]$/g, ''), port };
    });
  if (hosts.length === 0) throw new Error('empty connect string');
  return hosts;
}

// ---- frames ------------------------------------------------------------------------------

interface FrameHandlers {
  onConnect(): void;
  onFrame(frame: Uint8Array): void;
  onClose(reason: string): void;
}

/** A TCP socket carrying length-prefixed frames. Calls `onClose` exactly once. */
class FrameSocket {
  private readonly socket: Socket;
  private readonly handlers: FrameHandlers;
  private readonly maxLength: number;
  private buffered: Uint8Array = new Uint8Array(0);
  private closed = false;

  constructor(addr: HostPort, handlers: FrameHandlers, maxLength: number) {
    this.handlers = handlers;
    this.maxLength = maxLength;
    this.socket = new Socket();
    this.socket.setNoDelay(true);
    this.socket.on('connect', () => {
      if (!this.closed) this.handlers.onConnect();
    });
    this.socket.on('data', (chunk: Uint8Array) => this.onData(chunk));
    this.socket.on('error', (e) => this.shut(e.message));
    this.socket.on('close', () => this.shut('socket closed by the server'));
    this.socket.connect({ host: addr.host, port: addr.port });
  }

  private onData(chunk: Uint8Array): void {
    if (this.closed) return;
    const all = new Uint8Array(this.buffered.length + chunk.length);
    all.set(this.buffered);
    all.set(chunk, this.buffered.length);
    let pos = 0;
    while (!this.closed && all.length - pos >= 4) {
      const len = new DataView(all.buffer, all.byteOffset + pos, 4).getInt32(0);
      const problem = packetLenProblem(len, this.maxLength);
      if (problem !== null) {
        this.shut(problem);
        return;
      }
      if (all.length - pos - 4 < len) break;
      const frame = all.slice(pos + 4, pos + 4 + len);
      pos += 4 + len;
      try {
        this.handlers.onFrame(frame);
      } catch (e) {
        this.shut(e instanceof Error ? e.message : String(e));
        return;
      }
    }
    this.buffered = all.slice(pos);
  }

  send(payload: Uint8Array): void {
    if (this.closed) return;
    const framed = new Uint8Array(4 + payload.length);
    new DataView(framed.buffer).setInt32(0, payload.length);
    framed.set(payload, 4);
    this.socket.write(framed);
  }

  /** Close from our side (no `onClose` callback). */
  destroy(): void {
    this.closed = true;
    this.socket.destroy();
  }

  private shut(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.destroy();
    this.handlers.onClose(reason);
  }
}

// ---- packets -----------------------------------------------------------------------------

/** What a packet ended with: the code (after the client's own bookkeeping) and the record read. */
interface PacketReply {
  readonly err: number;
  /** The server's code before the client's bookkeeping (differs for removeWatches). */
  readonly serverErr: number;
  readonly zxid: bigint;
  readonly body?: ResponseRecord;
}

interface Packet {
  xid: number;
  readonly record: RequestRecord;
  readonly responseKind: ResponseKind;
  readonly watch?: WatchRegistration;
  readonly unwatch?: WatchDeregistration;
  /** Auth packets: called when answered (or dropped). Requests: called with the reply. */
  readonly done: (reply: PacketReply) => void;
}

/** Options of a connection. */
export interface CnxnOptions {
  readonly hosts: readonly HostPort[];
  /** Requested session timeout, ms. */
  readonly sessionTimeoutMs: number;
  /** Shuffle the servers once (default true, as `StaticHostProvider`). */
  readonly shuffle?: boolean;
  /** The client's `jute.maxbuffer`: the longest frame it reads (default 1 048 575). */
  readonly juteMaxBuffer?: number;
  /** Called for every event with the watcher ids it reaches (0 = default watcher). */
  readonly dispatch: Dispatch;
}

const EVENT_TYPES: Record<number, EventType> = {
  [-1]: 'None',
  1: 'NodeCreated',
  2: 'NodeDeleted',
  3: 'NodeDataChanged',
  4: 'NodeChildrenChanged',
  5: 'DataWatchRemoved',
  6: 'ChildWatchRemoved',
  7: 'PersistentWatchRemoved',
};
const KEEPER_STATES: Record<number, KeeperState> = {
  0: 'Disconnected',
  3: 'SyncConnected',
  4: 'AuthFailed',
  5: 'ConnectedReadOnly',
  [-112]: 'Expired',
  7: 'Closed',
};

/** `ClientCnxn.SET_WATCHES_MAX_LENGTH`: paths per setWatches packet, in characters. */
const SET_WATCHES_MAX_LENGTH = 128 * 1024;

type WatchLists = { data: string[]; exist: string[]; child: string[]; persistent: string[]; recursive: string[] };

/** Split the watch lists into setWatches batches as `primeConnection` does. */
export function setWatchesBatches(l: WatchLists): WatchLists[] {
  const kinds = ['data', 'exist', 'child', 'persistent', 'recursive'] as const;
  const queue: [keyof WatchLists, string][] = [];
  for (const k of kinds) for (const p of l[k]) queue.push([k, p]);
  const out: WatchLists[] = [];
  let i = 0;
  while (i < queue.length) {
    const b: WatchLists = { data: [], exist: [], child: [], persistent: [], recursive: [] };
    let len = 0;
    while (len < SET_WATCHES_MAX_LENGTH && i < queue.length) {
      const [k, p] = queue[i++]!;
      b[k].push(p);
      len += p.length;
    }
    out.push(b);
  }
  return out;
}

/** An integer in [0, n): the real client's randomness (the simulated one draws from the kernel). */
function randomBelow(n: number): number {
  return Math.floor(Math.random() * n);
}

/** `ClientCnxn`: one session's connection, across reconnects; the one client's transport to a real server. */
export class ClientCnxn implements ClientTransport {
  readonly watches = new WatchRegistry();
  private readonly hosts: HostPort[];
  private readonly requestedTimeout: number;
  private readonly juteMaxBuffer: number;
  private readonly dispatchFn: CnxnOptions['dispatch'];

  private stateNow: States = 'NOT_CONNECTED';
  private sessionIdNow = 0n;
  private passwd: Uint8Array = new Uint8Array(16);
  private negotiatedTimeout = 0;
  private readTimeout: number;
  private connectTimeout: number;
  private lastZxidSeen = 0n;
  private seenRwServerBefore = false;
  private xid = 1;
  private readonly authInfo: { scheme: string; auth: Uint8Array }[] = [];

  private readonly walk: HostWalk;
  private socket: FrameSocket | undefined;
  private socketAddr: HostPort | undefined;
  private initialized = false;
  private closing = false;
  private eventThreadDead = false;
  private blockedUntil = 0;

  private outgoing: Packet[] = [];
  private pending: Packet[] = [];
  private sentAuth: Packet[] = [];
  private lastSend = 0;
  private lastHeard = 0;
  private tickTimer: ReturnType<typeof setTimeout> | undefined;
  private connectTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly connected = new ConnectedWaiters();
  private closePromise: Promise<void> | undefined;

  constructor(options: CnxnOptions) {
    this.hosts = options.shuffle === false ? [...options.hosts] : shuffleHosts(options.hosts, randomBelow);
    this.walk = new HostWalk(this.hosts.length);
    this.requestedTimeout = options.sessionTimeoutMs;
    this.juteMaxBuffer = options.juteMaxBuffer ?? CLIENT_MAX_PACKET_LENGTH_DEFAULT;
    this.dispatchFn = options.dispatch;
    this.readTimeout = readTimeoutOf(this.requestedTimeout);
    this.connectTimeout = connectTimeoutOf(this.requestedTimeout, this.hosts.length);
  }

  get state(): States {
    return this.stateNow;
  }
  get sessionId(): bigint {
    return this.sessionIdNow;
  }
  get sessionPasswd(): Uint8Array {
    return this.passwd.slice();
  }
  get sessionTimeout(): number {
    return this.negotiatedTimeout;
  }
  /** The zxid of the last reply (what a reconnect sends as lastZxidSeen). */
  get lastZxid(): bigint {
    return this.lastZxidSeen;
  }
  /** `host:port` of the server of the current connection, if connected. */
  get connectedServer(): string | null {
    return this.stateNow === 'CONNECTED' && this.socketAddr !== undefined ? `${this.socketAddr.host}:${this.socketAddr.port}` : null;
  }

  private isAlive(): boolean {
    return this.stateNow !== 'CLOSED' && this.stateNow !== 'AUTH_FAILED';
  }

  /** Begin connecting (the first attempt starts at once). */
  start(): void {
    this.stateNow = 'CONNECTING';
    this.scheduleConnect();
  }

  /** Resolves when CONNECTED; rejects with SESSIONEXPIRED / AUTHFAILED if the handle dies first. */
  whenConnected(): Promise<void> {
    return this.connected.wait(this.stateNow);
  }

  private setState(s: States): void {
    this.stateNow = s;
    this.connected.settle(s);
  }

  // ---- events (the event thread) -------------------------------------------------------

  private deliver(watchers: readonly number[], event: WatchedEvent): void {
    if (this.eventThreadDead || watchers.length === 0) return;
    this.dispatchFn(watchers, event);
  }

  private stateEvent(state: KeeperState): void {
    this.deliver(this.watches.everyone(), { type: 'None', state, path: null });
  }

  // ---- requests ------------------------------------------------------------------------

  /**
   * The transport's `submit`: the request as its jute record (`toWire`), queued; the reply's
   * record read back into the request model (`fromWire`).
   */
  submit(req: ClientRequest, _describe: string, watch?: WatchRegistration, unwatch?: WatchDeregistration): Promise<Reply> {
    const { record, kind } = toWire(req);
    return this.queue(record, kind, { ...(watch ? { watch } : {}), ...(unwatch ? { unwatch } : {}) }).then((r) => {
      const body = r.body !== undefined ? fromWire(req, r.body) : undefined;
      return { err: r.err, ...(body !== undefined ? { body } : {}) };
    });
  }

  /**
   * Queue a request (`queuePacket`). On a dead handle, or while closing, it fails at once the
   * way `conLossPacket` fails it (SESSIONEXPIRED, AUTHFAILED, CONNECTIONLOSS) — which for
   * removeWatches still runs the client's bookkeeping.
   */
  private queue(record: RequestRecord, responseKind: ResponseKind, extra: { watch?: WatchRegistration; unwatch?: WatchDeregistration } = {}): Promise<PacketReply> {
    return new Promise((resolve) => {
      const p: Packet = { xid: 0, record, responseKind, ...extra, done: resolve };
      if (!this.isAlive() || this.closing) {
        this.conLoss(p);
        return;
      }
      if (record.type === 'closeSession') this.closing = true;
      this.outgoing.push(p);
      this.flush();
    });
  }

  /** `addAuthInfo`: remembered for reconnects, sent now; resolves once answered (never rejects). */
  addAuthInfo(scheme: string, auth: Uint8Array): Promise<void> {
    if (!this.isAlive()) return Promise.resolve();
    this.authInfo.push({ scheme, auth });
    return new Promise((resolve) => {
      const p: Packet = { xid: Xid.AUTH, record: { type: 'auth', scheme, auth }, responseKind: 'none', done: () => resolve() };
      if (this.closing) {
        resolve();
        return;
      }
      this.outgoing.push(p);
      this.flush();
    });
  }

  /** Send what is queued, if the handshake is done. */
  private flush(): void {
    const sock = this.socket;
    if (sock === undefined || !this.initialized || this.outgoing.length === 0) return;
    while (this.outgoing.length > 0) {
      const p = this.outgoing.shift()!;
      if (p.record.type !== 'ping' && p.record.type !== 'auth' && p.xid !== Xid.SET_WATCHES) p.xid = this.xid++;
      sock.send(encodeRequest(p.xid, p.record));
      this.lastSend = Date.now();
      if (p.record.type === 'auth') this.sentAuth.push(p);
      else if (p.record.type !== 'ping') this.pending.push(p);
    }
    this.schedulePing(); // a send wakes the send thread: its next turn times the next ping
  }

  /** `finishPacket`: watch (de)registration, then the caller's promise. */
  private finish(p: Packet, serverErr: number, zxid: bigint, body?: ResponseRecord): void {
    const { err, events } = this.watches.finish(p.watch, p.unwatch, serverErr);
    for (const e of events) this.deliver(e.watchers, e.event);
    p.done({ err, serverErr, zxid, ...(body !== undefined ? { body } : {}) });
  }

  /** `conLossPacket`: the code depends on the handle's state. */
  private conLoss(p: Packet): void {
    if (p.record.type === 'auth') {
      p.done({ err: 0, serverErr: 0, zxid: 0n });
      return;
    }
    const err = this.stateNow === 'AUTH_FAILED' ? Code.AUTHFAILED : this.stateNow === 'CLOSED' ? Code.SESSIONEXPIRED : Code.CONNECTIONLOSS;
    this.finish(p, err, 0n);
  }

  // ---- connecting ----------------------------------------------------------------------

  private scheduleConnect(): void {
    if (!this.isAlive()) return;
    if (this.closing) {
      this.shutdown();
      return;
    }
    // StaticHostProvider.next(1000), then startConnect's random pause
    const { index, pauseMs } = this.walk.next(randomBelow);
    const delay = Math.max(pauseMs, this.blockedUntil - Date.now());
    const addr = this.hosts[index]!;
    this.connectTimer = setTimeout(() => {
      this.connectTimer = undefined;
      this.startConnect(addr);
    }, delay);
  }

  private startConnect(addr: HostPort): void {
    if (!this.isAlive()) return;
    if (this.closing) {
      this.shutdown();
      return;
    }
    this.setState('CONNECTING');
    this.initialized = false;
    this.socketAddr = addr;
    const now = Date.now();
    this.lastSend = now;
    this.lastHeard = now;
    const sock: FrameSocket = new FrameSocket(
      addr,
      {
        onConnect: () => this.primeConnection(sock),
        onFrame: (f) => this.onFrame(sock, f),
        onClose: (reason) => {
          if (this.socket === sock) this.connectionLost(reason);
        },
      },
      this.juteMaxBuffer,
    );
    this.socket = sock;
    this.schedulePing();
  }

  /** `primeConnection`: only the ConnectRequest now; the rest after the ConnectResponse. */
  private primeConnection(sock: FrameSocket): void {
    this.walk.tcpConnected();
    const sessionId = this.seenRwServerBefore ? this.sessionIdNow : 0n;
    sock.send(
      encodeConnectRequest({ protocolVersion: 0, lastZxidSeen: this.lastZxidSeen, timeOut: this.requestedTimeout, sessionId, passwd: this.passwd, readOnly: false }),
    );
    this.lastSend = Date.now();
  }

  private onConnected(sock: FrameSocket, timeOut: number, sessionId: bigint, passwd: Uint8Array): void {
    this.negotiatedTimeout = timeOut;
    if (timeOut <= 0) {
      // The session is gone: Expired, and the handle is dead (SessionExpiredException).
      this.setState('CLOSED');
      this.stateEvent('Expired');
      this.eventThreadDead = true;
      this.connectionLost('session expired');
      return;
    }
    this.readTimeout = readTimeoutOf(timeOut);
    this.connectTimeout = connectTimeoutOf(timeOut, this.hosts.length);
    this.walk.sessionEstablished();
    this.sessionIdNow = sessionId;
    this.passwd = passwd;
    this.seenRwServerBefore = true;
    this.initialized = true;
    // Priming packets go ahead of queued requests: auth (reverse order, as addFirst leaves
    // them), then the watch re-registration.
    const head: Packet[] = [];
    for (const a of this.authInfo) head.unshift({ xid: Xid.AUTH, record: { type: 'auth', scheme: a.scheme, auth: a.auth }, responseKind: 'none', done: () => {} });
    // (several batches also end up in reverse order, as with addFirst)
    for (const batch of setWatchesBatches(this.watches.lists()).reverse()) {
      const persistent = batch.persistent.length > 0 || batch.recursive.length > 0;
      head.push({
        xid: Xid.SET_WATCHES,
        record: { type: persistent ? 'setWatches2' : 'setWatches', relativeZxid: this.lastZxidSeen, ...batch },
        responseKind: 'none',
        done: () => {},
      });
    }
    this.outgoing.unshift(...head);
    this.setState('CONNECTED');
    this.stateEvent('SyncConnected');
    if (this.socket === sock) {
      this.flush();
      this.schedulePing(); // from the connect deadline to the read timeout and ping times
    }
  }

  // ---- receiving -----------------------------------------------------------------------

  private onFrame(sock: FrameSocket, frame: Uint8Array): void {
    if (this.socket !== sock) return;
    this.lastHeard = Date.now();
    if (!this.initialized) {
      const r = decodeConnectResponse(frame);
      this.onConnected(sock, r.timeOut, r.sessionId, r.passwd);
      return;
    }
    this.schedulePing(); // a frame read wakes the send thread too
    const r = new JuteReader(frame);
    const h = readReplyHeader(r);
    if (h.xid === Xid.PING) return;
    if (h.xid === Xid.AUTH) {
      this.sentAuth.shift()?.done({ err: h.err, serverErr: h.err, zxid: h.zxid });
      if (h.err === Code.AUTHFAILED) {
        this.setState('AUTH_FAILED');
        this.stateEvent('AuthFailed');
        this.eventThreadDead = true;
      }
      return;
    }
    if (h.xid === Xid.NOTIFICATION) {
      const e = readWatcherEvent(r);
      const event: WatchedEvent = { type: EVENT_TYPES[e.type] ?? 'None', state: KEEPER_STATES[e.state] ?? 'SyncConnected', path: e.path };
      this.deliver(this.watches.materialize(event), event);
      return;
    }
    const p = this.pending.shift();
    if (p === undefined) throw new Error(`Nothing in the queue, but got ${h.xid}`);
    if (p.xid !== h.xid) {
      this.finish(p, Code.CONNECTIONLOSS, 0n);
      throw new Error(`Xid out of order. Got Xid ${h.xid} with err ${h.err} expected Xid ${p.xid}`);
    }
    if (h.zxid > 0n) this.lastZxidSeen = h.zxid;
    let body: ResponseRecord | undefined;
    try {
      body = h.err === 0 ? readResponse(r, p.responseKind) : undefined;
    } catch (e) {
      // A reply we cannot read: fail the request, then drop the connection (IOException).
      this.finish(p, Code.CONNECTIONLOSS, 0n);
      throw e;
    }
    this.finish(p, h.err, h.zxid, body);
  }

  // ---- timers --------------------------------------------------------------------------

  /** One turn of the send loop's timing: read/connect timeout, ping, then sleep until due. */
  private schedulePing(): void {
    if (this.tickTimer !== undefined) clearTimeout(this.tickTimer);
    this.tickTimer = undefined;
    if (this.socket === undefined) return;
    const now = Date.now();
    const turn = sendLoopTurn({ connected: this.initialized, readTimeout: this.readTimeout, connectTimeout: this.connectTimeout, idleRecv: now - this.lastHeard, idleSend: now - this.lastSend });
    if (turn.kind === 'timedOut') {
      this.connectionLost(turn.message);
      return;
    }
    if (turn.ping) {
      this.outgoing.push({ xid: Xid.PING, record: { type: 'ping' }, responseKind: 'none', done: () => {} });
      this.flush(); // which runs the next turn
      return;
    }
    this.tickTimer = setTimeout(() => this.schedulePing(), Math.max(1, turn.waitMs));
  }

  // ---- losing the connection -----------------------------------------------------------

  /** `cleanup`: fail in-flight and queued requests; drop the socket. */
  private cleanup(): void {
    if (this.tickTimer !== undefined) clearTimeout(this.tickTimer);
    this.tickTimer = undefined;
    this.socket?.destroy();
    this.socket = undefined;
    this.initialized = false;
    const pending = this.pending;
    const outgoing = this.outgoing;
    const auth = this.sentAuth;
    this.pending = [];
    this.outgoing = [];
    this.sentAuth = [];
    for (const p of auth) p.done({ err: 0, serverErr: 0, zxid: 0n });
    for (const p of pending) this.conLoss(p);
    for (const p of outgoing) if (p.record.type !== 'ping') this.conLoss(p);
  }

  /** `cleanAndNotifyState` + the next turn of the loop (while closing: the loop just ends). */
  private connectionLost(_reason: string): void {
    if (this.closing && this.isAlive()) {
      this.shutdown();
      return;
    }
    this.cleanup();
    if (this.isAlive()) {
      this.setState('CONNECTING');
      this.stateEvent('Disconnected');
      this.scheduleConnect();
    } else {
      this.finalShutdown();
    }
  }

  /** The send loop ends while the handle is alive but closing (close() while disconnected). */
  private shutdown(): void {
    this.cleanup();
  }

  /** The send loop has ended for good (handle dead). */
  private finalShutdown(): void {
    if (this.connectTimer !== undefined) clearTimeout(this.connectTimer);
    this.connectTimer = undefined;
    this.cleanup();
  }

  /**
   * `ZooKeeper.close()`: nothing on a dead handle; otherwise send closeSession and wait for
   * its answer (or for the connection to fail), then CLOSED and the Closed event.
   */
  close(): Promise<void> {
    if (!this.isAlive()) return Promise.resolve();
    this.closePromise ??= this.doClose();
    return this.closePromise;
  }

  private async doClose(): Promise<void> {
    const reply = this.queue({ type: 'closeSession' }, 'none');
    if (this.socket === undefined && this.connectTimer !== undefined) {
      // Not connected: the send loop stops instead of reconnecting.
      clearTimeout(this.connectTimer);
      this.connectTimer = undefined;
      this.shutdown();
    }
    await reply;
    if (!this.isAlive()) return;
    // disconnect(): the send thread closes (CLOSED), cleans up, queues Closed, then dies.
    this.setState('CLOSED');
    if (this.connectTimer !== undefined) clearTimeout(this.connectTimer);
    this.connectTimer = undefined;
    this.cleanup();
    this.stateEvent('Closed');
    this.eventThreadDead = true;
  }

  /**
   * Test hook, as a network failure: drop the connection now without closing the session,
   * and stay away (no connection attempt) for `reconnectAfterMs`.
   */
  dropConnection(reconnectAfterMs = 0): void {
    if (!this.isAlive()) return;
    this.blockedUntil = Date.now() + reconnectAfterMs;
    if (this.connectTimer !== undefined) {
      clearTimeout(this.connectTimer);
      this.connectTimer = undefined;
      this.walk.back();
      this.scheduleConnect();
      return;
    }
    this.connectionLost('dropped by the test hook');
  }
}
