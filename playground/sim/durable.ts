/**
 * A node's durable storage: what survives a crash. The kernel writes it on `persist` effects
 * and nodes read it through `ctx.durable(key)`, normally once, at start.
 *
 * The contract is immutability, as for messages after `send`: a value is handed over when it
 * is persisted, and from then on nobody mutates it — not the node that persisted it, not a
 * restarted instance that reads it back, not a peer that received the same object in a
 * message. So the store keeps the very object persisted and `durable(key)` returns it, with
 * no copy either way. Why not copy: the Zab log persists every proposal and the book's
 * snapshot interval persists the whole tree every few writes; a deep copy on each persist
 * and each read was a fifth of a loaded ensemble's time (issue 6). Why this is still
 * crash-safe: a crash drops the node's instance (its volatile state); what a restarted
 * instance reads is exactly what was persisted, because nothing could change it since.
 *
 * The contract is enforced where it can be cheaply tested: with `setDurableChecks(true)`
 * (the unit tests turn it on, `test/unit/sim/durable-checks.setup.ts`), persisting a value
 * seals it — plain objects and arrays are frozen, deeply (a later mutation throws at the
 * guilty line), and byte arrays, array buffers, maps and sets, which freezing cannot protect,
 * get a copy of their contents registered — and every read, and every crash, checks the
 * stored value against those copies, throwing with the node and the key. Sealing walks only
 * what was not sealed before (a new log cell, not the log it links to), so checked mode costs
 * the size of each new value, not of everything it shares. A function or a symbol cannot be
 * persisted (checked mode throws, as the copying kernel did).
 *
 * Imports nothing. No clock, no randomness.
 */

let checking = false;

/**
 * Checked mode's bookkeeping, shared by every store (one object may be persisted by several
 * nodes, e.g. a proposal logged by the leader and each follower): what is already sealed,
 * and the registered contents of the unfreezable containers.
 */
const sealed = new WeakSet<object>();
const contents = new WeakMap<object, readonly unknown[] | Uint8Array>();

/** Turn checked mode on or off for stores created from now on (tests: on; the book: off). */
export function setDurableChecks(on: boolean): void {
  checking = on;
}

export function durableChecksOn(): boolean {
  return checking;
}

export class DurableStore {
  readonly node: string;
  /** The live map (read only for callers): key → the value as persisted. */
  readonly values = new Map<string, unknown>();
  private readonly checked: boolean;

  constructor(node: string) {
    this.node = node;
    this.checked = checking;
  }

  set(key: string, value: unknown): void {
    if (this.checked) seal(value, `durable storage of ${this.node}: ${key}`);
    this.values.set(key, value);
  }

  /** The value last persisted under `key`, or undefined. Callers must not mutate it. */
  get(key: string): unknown {
    const value = this.values.get(key);
    if (this.checked) this.verify(key, value);
    return value;
  }

  /** Checked mode: every stored value is still what was persisted (a crash calls this). */
  verifyAll(): void {
    if (!this.checked) return;
    for (const [key, value] of this.values) this.verify(key, value);
  }

  private verify(key: string, value: unknown): void {
    if (!unchanged(value)) {
      throw new Error(`durable storage of ${this.node}: the value under ${key} was mutated after it was persisted (persisted values are immutable)`);
    }
  }
}

function bytesOf(v: ArrayBufferView | ArrayBuffer): Uint8Array {
  return ArrayBuffer.isView(v) ? new Uint8Array(v.buffer, v.byteOffset, v.byteLength) : new Uint8Array(v);
}

/** Freeze `value`'s plain objects and arrays, register its containers' contents; stop at what is sealed. */
function seal(value: unknown, where: string): void {
  const todo: unknown[] = [value];
  while (todo.length > 0) {
    const v = todo.pop();
    if (typeof v === 'function' || typeof v === 'symbol') throw new Error(`${where}: a ${typeof v} cannot be persisted`);
    if (typeof v !== 'object' || v === null || sealed.has(v)) continue;
    sealed.add(v);
    if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer) {
      contents.set(v, bytesOf(v).slice());
    } else if (v instanceof Map) {
      const entries: unknown[] = [];
      for (const [k, x] of v) {
        entries.push(k, x);
        todo.push(k, x);
      }
      contents.set(v, entries);
    } else if (v instanceof Set) {
      const members = [...v];
      contents.set(v, members);
      for (const x of members) todo.push(x);
    } else {
      Object.freeze(v);
      for (const k of Object.keys(v)) todo.push((v as Record<string, unknown>)[k]);
    }
  }
}

/** Whether every container reachable from `value` still holds what it held when sealed. */
function unchanged(value: unknown): boolean {
  const seen = new Set<object>();
  const todo: unknown[] = [value];
  while (todo.length > 0) {
    const v = todo.pop();
    if (typeof v !== 'object' || v === null || seen.has(v)) continue;
    seen.add(v);
    const was = contents.get(v);
    if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer) {
      const now = bytesOf(v);
      if (!(was instanceof Uint8Array) || was.length !== now.length) return false;
      for (let i = 0; i < now.length; i++) if (now[i] !== was[i]) return false;
    } else if (v instanceof Map || v instanceof Set) {
      const now: unknown[] = [];
      if (v instanceof Map) for (const [k, x] of v) now.push(k, x);
      else for (const x of v) now.push(x);
      if (!Array.isArray(was) || was.length !== now.length) return false;
      for (let i = 0; i < now.length; i++) {
        if (!Object.is(now[i], was[i])) return false;
        todo.push(now[i]);
      }
    } else {
      if (!Object.isFrozen(v)) return false;
      for (const k of Object.keys(v)) todo.push((v as Record<string, unknown>)[k]);
    }
  }
  return true;
}
