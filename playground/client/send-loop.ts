/**
 * The timing of the Java client's send thread, shared by both clients of the book: the
 * simulated one (`client-node.ts`, on the kernel's clock and PRNG) and the one for a real
 * server (`node/real/connection.ts`, on `Date.now` and `Math.random`). ZooKeeper 3.8.4:
 *
 * - `ClientCnxn.SendThread.run`: each turn of the loop (it runs whenever a frame arrives, a
 *   packet is queued or sent, or its wait ends) computes `to = readTimeout − idleRecv`
 *   (`connectTimeout − idleRecv` before the session is established); `to <= 0` is a
 *   `SessionTimeoutException`. Connected, it pings when `readTimeout/2 − idleSend − (idleSend >
 *   1000 ? 1000 : 0) <= 0` or nothing was sent for more than 10 s, else waits at most that
 *   long. On an idle connection the ping's reply wakes the loop well inside the first second,
 *   so the next ping goes readTimeout/2 = T/3 after the last one.
 * - `readTimeout = T·2/3` and `connectTimeout = T / servers`, from the requested timeout, then
 *   from the negotiated one (`ClientCnxn` constructor, `onConnected`).
 * - `StaticHostProvider`: the servers shuffled once (`Collections.shuffle`), then round robin;
 *   `next(1000)` sleeps 1 s when the walk comes back to the server it was last connected to.
 * - `SendThread.startConnect`: a random sleep of 0–999 ms before an attempt, unless no
 *   connection of this handle has opened yet (`isFirstConnect`, cleared in
 *   `primeConnection` once a TCP connection is up).
 *
 * Pure: no clock, no randomness of its own (callers pass both); imports nothing.
 */

/** `MAX_SEND_PING_INTERVAL` in `SendThread.run`. */
export const MAX_SEND_PING_INTERVAL = 10000;
/** `StaticHostProvider.next(1000)`: the pause when the walk returns to the last server. */
export const SPIN_DELAY_MS = 1000;
/** `startConnect`: `ThreadLocalRandom.current().nextLong(1000)`. */
export const RECONNECT_JITTER_MS = 1000;

/** `readTimeout` for a session timeout (requested, then negotiated). */
export function readTimeoutOf(sessionTimeoutMs: number): number {
  return Math.trunc((sessionTimeoutMs * 2) / 3);
}

/** `connectTimeout` for a session timeout and the number of servers. */
export function connectTimeoutOf(sessionTimeoutMs: number, servers: number): number {
  return Math.trunc(sessionTimeoutMs / Math.max(1, servers));
}

/** What one turn of the loop sees. */
export interface LoopState {
  /** The session is established on this connection (`state.isConnected()`). */
  readonly connected: boolean;
  readonly readTimeout: number;
  readonly connectTimeout: number;
  /** ms since the last frame was read (or since the attempt started). */
  readonly idleRecv: number;
  /** ms since the last packet was sent (or since the attempt started). */
  readonly idleSend: number;
}

/** What the turn decides. */
export type LoopTurn =
  /** `SessionTimeoutException`: the connection is given up. */
  | { readonly kind: 'timedOut'; readonly message: string }
  /**
   * Carry on: send a ping first if `ping`; then wait at most `waitMs`. `pingInMs` is when the
   * next ping is due if nothing else happens (null when the wait ends at the timeout first,
   * or when a ping is sent now: the turn after that send arms it).
   */
  | { readonly kind: 'wait'; readonly ping: boolean; readonly waitMs: number; readonly timeoutInMs: number; readonly pingInMs: number | null };

/** One turn of `SendThread.run`'s timing. */
export function sendLoopTurn(s: LoopState): LoopTurn {
  const to = (s.connected ? s.readTimeout : s.connectTimeout) - s.idleRecv;
  if (to <= 0) return { kind: 'timedOut', message: `Client session timed out, have not heard from server in ${s.idleRecv}ms` };
  if (!s.connected) return { kind: 'wait', ping: false, waitMs: to, timeoutInMs: to, pingInMs: null };
  const timeToNextPing = Math.trunc(s.readTimeout / 2) - s.idleSend - (s.idleSend > 1000 ? 1000 : 0);
  if (timeToNextPing <= 0 || s.idleSend > MAX_SEND_PING_INTERVAL) return { kind: 'wait', ping: true, waitMs: to, timeoutInMs: to, pingInMs: null };
  return timeToNextPing < to
    ? { kind: 'wait', ping: false, waitMs: timeToNextPing, timeoutInMs: to, pingInMs: timeToNextPing }
    : { kind: 'wait', ping: false, waitMs: to, timeoutInMs: to, pingInMs: null };
}

/** `Collections.shuffle(list, random)`: `randomBelow(n)` draws an integer in [0, n). */
export function shuffleHosts<T>(items: readonly T[], randomBelow: (n: number) => number): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = randomBelow(i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/**
 * `StaticHostProvider`'s walk over the (already shuffled) servers plus the send thread's
 * `isFirstConnect`: `next` says which server comes next and how long to pause first.
 */
export class HostWalk {
  private readonly size: number;
  private currentIndex = -1;
  private lastIndex = -1;
  private firstConnect = true;

  constructor(size: number) {
    if (!Number.isSafeInteger(size) || size < 1) throw new Error(`a connect string needs at least one server, got ${size}`);
    this.size = size;
  }

  /** The index of the next server, and the pause before its attempt (`randomBelow` as above, drawn only when Java sleeps). */
  next(randomBelow: (n: number) => number): { readonly index: number; readonly pauseMs: number } {
    this.currentIndex = (this.currentIndex + 1) % this.size;
    let pauseMs = this.currentIndex === this.lastIndex ? SPIN_DELAY_MS : 0;
    if (this.lastIndex === -1) this.lastIndex = 0;
    if (!this.firstConnect) pauseMs += randomBelow(RECONNECT_JITTER_MS);
    return { index: this.currentIndex, pauseMs };
  }

  /** Step back one server (an attempt withdrawn before it started). */
  back(): void {
    this.currentIndex = (this.currentIndex - 1 + this.size) % this.size;
  }

  /** `primeConnection`: a TCP connection is up, so later attempts pause at random first. */
  tcpConnected(): void {
    this.firstConnect = false;
  }

  /** `hostProvider.onConnected()`: the session is established on the current server. */
  sessionEstablished(): void {
    this.lastIndex = this.currentIndex;
  }
}
