/**
 * Sessions on the server (`SessionTrackerImpl` + `ExpiryQueue`): timeout negotiation, ids
 * `(serverId << 56) | counter` (the counter starts from the tracker's start time, as
 * ZooKeeper does, so ids stay unique across restarts), passwords from Java's `Random`
 * seeded with `id ^ 0xB3415C00` (any server can check them), touches that move a session
 * into the bucket `((now + timeout) / tickTime + 1) · tickTime`, and expiry polling.
 *
 * Each session has an owner: the server whose connection last created or revalidated it
 * (`setOwner`; the leader's own connections are one owner, each learner another). A request
 * that arrives through any other server fails `checkSession` with SESSIONMOVED
 * (`SessionTrackerImpl.checkSession`), so a write delayed on a client's old connection can
 * never be applied after the writes it made since it moved.
 *
 * Time is passed in (virtual ms). Pure; imports only the error codes.
 */
import { KeeperException } from './errors.ts';

const MASK48 = (1n << 48n) - 1n;
const MASK64 = (1n << 64n) - 1n;

/** `java.util.Random` (the 48-bit LCG), enough for `nextBytes`. */
export class JavaRandom {
  private seed: bigint;
  constructor(seed: bigint) {
    this.seed = (seed ^ 0x5deece66dn) & MASK48;
  }
  next(bits: number): number {
    this.seed = (this.seed * 0x5deece66dn + 0xbn) & MASK48;
    const v = Number(this.seed >> BigInt(48 - bits));
    return v | 0;
  }
  nextInt(): number {
    return this.next(32);
  }
  nextBytes(bytes: Uint8Array): void {
    for (let i = 0; i < bytes.length; ) {
      let rnd = this.nextInt();
      for (let n = Math.min(bytes.length - i, 4); n-- > 0; rnd >>= 8) bytes[i++] = rnd & 0xff;
    }
  }
}

/** `ZooKeeperServer.generatePasswd`: 16 bytes from `Random(sessionId ^ 0xB3415C00)`. */
export function generatePasswd(sessionId: bigint): Uint8Array {
  const p = new Uint8Array(16);
  new JavaRandom(sessionId ^ 0xb3415c00n).nextBytes(p);
  return p;
}

/** `ZooKeeperServer.processConnectRequest`: clamp the requested timeout. */
export function negotiateTimeout(requested: number, min: number, max: number): number {
  let t = requested;
  if (t < min) t = min;
  if (t > max) t = max;
  return t;
}

/** Sessions bucketed by expiry time (`ExpiryQueue`). */
export class ExpiryQueue<E> {
  private readonly elemMap = new Map<E, number>();
  private readonly expiryMap = new Map<number, Set<E>>();
  private nextExpirationTime: number;
  readonly expirationInterval: number;

  constructor(expirationInterval: number, now: number) {
    this.expirationInterval = expirationInterval;
    this.nextExpirationTime = this.roundToNextInterval(now);
  }

  private roundToNextInterval(time: number): number {
    return (Math.floor(time / this.expirationInterval) + 1) * this.expirationInterval;
  }

  /** Move `elem` to the bucket for `now + timeout`. Returns the new expiry time. */
  update(elem: E, timeout: number, now: number): number {
    const prev = this.elemMap.get(elem);
    const next = this.roundToNextInterval(now + timeout);
    if (next === prev) return next;
    let set = this.expiryMap.get(next);
    if (set === undefined) this.expiryMap.set(next, (set = new Set()));
    set.add(elem);
    this.elemMap.set(elem, next);
    if (prev !== undefined) {
      const prevSet = this.expiryMap.get(prev);
      prevSet?.delete(elem);
      if (prevSet !== undefined && prevSet.size === 0) this.expiryMap.delete(prev);
    }
    return next;
  }

  remove(elem: E): void {
    const t = this.elemMap.get(elem);
    if (t === undefined) return;
    this.elemMap.delete(elem);
    const set = this.expiryMap.get(t);
    set?.delete(elem);
    if (set !== undefined && set.size === 0) this.expiryMap.delete(t);
  }

  /** Every element whose bucket time is ≤ now (buckets are polled in order). */
  poll(now: number): E[] {
    const out: E[] = [];
    while (now >= this.nextExpirationTime) {
      const set = this.expiryMap.get(this.nextExpirationTime);
      if (set !== undefined) {
        this.expiryMap.delete(this.nextExpirationTime);
        for (const e of set) {
          this.elemMap.delete(e);
          out.push(e);
        }
      }
      this.nextExpirationTime += this.expirationInterval;
    }
    return out;
  }

  /** The earliest non-empty bucket time, if any (when the server should wake up). */
  earliest(): number | undefined {
    let min: number | undefined;
    // Keys, then a lookup: iterating entries built a [t, set] pair per bucket on every step.
    for (const t of this.expiryMap.keys()) if (this.expiryMap.get(t)!.size > 0 && (min === undefined || t < min)) min = t;
    return min;
  }

  expiryOf(elem: E): number | undefined {
    return this.elemMap.get(elem);
  }
}

/** The server a session's requests must come through (a server id). */
export type SessionOwner = string;

/** One session as the tracker knows it. */
export interface Session {
  readonly sessionId: bigint;
  timeout: number;
  closing: boolean;
  /** null until a request or a revalidation sets it (a new leader starts with none). */
  owner: SessionOwner | null;
}

/** `SessionTrackerImpl`. */
export class SessionTracker implements ServerSessionTracker {
  readonly sessions = new Map<bigint, Session>();
  private readonly queue: ExpiryQueue<bigint>;
  private nextSessionId: bigint;

  /** `tickTime` is the bucket width; `now` the start time (seeds the id counter). */
  constructor(serverId: number, tickTime: number, now: number) {
    this.queue = new ExpiryQueue<bigint>(tickTime, now);
    this.nextSessionId = SessionTracker.initializeNextSessionId(serverId, now);
  }

  /** `(serverId << 56) | ((now << 24) >>> 8)`, all 64-bit. */
  static initializeNextSessionId(serverId: number, now: number): bigint {
    const t = ((BigInt(now) << 24n) & MASK64) >> 8n;
    return ((BigInt(serverId) << 56n) | t) & MASK64;
  }

  /** Allocate an id and track the session. */
  createSession(timeout: number, now: number): bigint {
    const id = this.nextSessionId;
    this.nextSessionId = (this.nextSessionId + 1n) & MASK64;
    this.addSession(id, timeout, now);
    return id;
  }

  /** Track a session (new, committed, or restored from a snapshot). */
  addSession(id: bigint, timeout: number, now: number): void {
    if (!this.sessions.has(id)) this.sessions.set(id, { sessionId: id, timeout, closing: false, owner: null });
    this.touchSession(id, timeout, now);
  }

  /** Extend a live session; false if unknown or closing. */
  touchSession(id: bigint, timeout: number, now: number): boolean {
    const s = this.sessions.get(id);
    if (s === undefined || s.closing) return false;
    this.queue.update(id, timeout, now);
    return true;
  }

  setSessionClosing(id: bigint): void {
    const s = this.sessions.get(id);
    if (s !== undefined) s.closing = true;
  }

  removeSession(id: bigint): void {
    this.sessions.delete(id);
    this.queue.remove(id);
  }

  /**
   * Throws UNKNOWNSESSION, SESSIONEXPIRED (closing), or SESSIONMOVED when `owner` is given and
   * another server owns the session; a session without an owner takes this one.
   */
  checkSession(id: bigint, owner?: SessionOwner): void {
    const s = this.sessions.get(id);
    if (s === undefined) throw new KeeperException('UNKNOWNSESSION');
    if (s.closing) throw new KeeperException('SESSIONEXPIRED');
    if (owner === undefined) return;
    if (s.owner === null) s.owner = owner;
    else if (s.owner !== owner) throw new KeeperException('SESSIONMOVED');
  }

  /** `setOwner`: the session now belongs to `owner`; SESSIONEXPIRED if gone or closing. */
  setOwner(id: bigint, owner: SessionOwner): void {
    const s = this.sessions.get(id);
    if (s === undefined || s.closing) throw new KeeperException('SESSIONEXPIRED');
    s.owner = owner;
  }

  /** Sessions whose bucket is due; each is marked closing. */
  expire(now: number): bigint[] {
    const ids = this.queue.poll(now).filter((id) => this.sessions.has(id));
    for (const id of ids) this.setSessionClosing(id);
    return ids;
  }

  /** When the next bucket is due. */
  nextExpiry(): number | undefined {
    return this.queue.earliest();
  }

  expiryOf(id: bigint): number | undefined {
    return this.queue.expiryOf(id);
  }
}

/**
 * What a server asks of its session tracker. The standalone server and a Zab leader use
 * `SessionTracker` (the authority: it expires sessions); a learner uses
 * `LearnerSessionTracker`, which only records touches for the leader.
 */
export interface ServerSessionTracker {
  /** Allocate an id for a new session (and, at the authority, track it). */
  createSession(timeout: number, now: number): bigint;
  /** Track a session (committed createSession, or restored). */
  addSession(id: bigint, timeout: number, now: number): void;
  /** A client packet touched the session; false if the session is unknown or closing. */
  touchSession(id: bigint, timeout: number, now: number): boolean;
  removeSession(id: bigint): void;
  /** Sessions whose time is up (marked closing). Learners never expire anything. */
  expire(now: number): bigint[];
  nextExpiry(): number | undefined;
  checkSession(id: bigint, owner?: SessionOwner): void;
  setOwner(id: bigint, owner: SessionOwner): void;
  setSessionClosing(id: bigint): void;
}

/**
 * `LearnerSessionTracker` (global sessions only): a follower or observer allocates ids for
 * the sessions its clients open (its own server id in the top byte), accepts a session
 * only if it is in the committed session table (`ZKDatabase.sessionsWithTimeouts`), and
 * records every touch in a `touchTable` that it hands to the leader in its next PING reply
 * (`Learner.ping`). Expiry is the leader's business.
 */
export class LearnerSessionTracker implements ServerSessionTracker {
  private readonly committed: ReadonlyMap<bigint, number>;
  private touchTable = new Map<bigint, number>();
  private nextSessionId: bigint;

  constructor(serverId: number, now: number, committed: ReadonlyMap<bigint, number>) {
    this.committed = committed;
    this.nextSessionId = SessionTracker.initializeNextSessionId(serverId, now);
  }

  createSession(_timeout: number, _now: number): bigint {
    const id = this.nextSessionId;
    this.nextSessionId = (this.nextSessionId + 1n) & MASK64;
    return id;
  }

  addSession(): void {}

  touchSession(id: bigint, timeout: number): boolean {
    if (!this.committed.has(id)) return false;
    this.touchTable.set(id, timeout);
    return true;
  }

  removeSession(id: bigint): void {
    this.touchTable.delete(id);
  }

  expire(): bigint[] {
    return [];
  }

  nextExpiry(): undefined {
    return undefined;
  }

  checkSession(id: bigint): void {
    if (!this.committed.has(id)) throw new KeeperException('SESSIONEXPIRED');
  }

  /** Owners are the leader's business. */
  setOwner(): void {}

  setSessionClosing(): void {}

  /** The touches since the last call (`LearnerSessionTracker.snapshot`), emptied. */
  takeTouches(): [bigint, number][] {
    const out = [...this.touchTable];
    this.touchTable = new Map();
    return out;
  }
}
