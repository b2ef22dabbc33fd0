/**
 * A datagram network: a pool of messages in flight that may be delivered in any order,
 * dropped, or duplicated, with nothing delivered until a driver chooses. This is the network
 * Paxos assumes (Paxos Made Simple §2.1: messages "can take arbitrarily long to be
 * delivered, can be duplicated, and can be lost, but they are not corrupted"), as opposed to
 * the kernel's FIFO connections, which model TCP for ZooKeeper.
 *
 * The pool is an immutable value: every operation returns a new pool and leaves the old one
 * intact, so a stepper can keep earlier states and a model checker can branch from any
 * state. Each message gets an `id`, unique within the pool's history, for views to key on.
 * Two drivers:
 * - stepper mode: the caller names a message and an action (`deliver`, `drop`, `duplicate`);
 * - random mode: `chooseRandom` picks the message and the action with a caller-supplied
 *   `randomInt(n)` (pass a seeded `Prng`'s `int`), under explicit fault rates.
 *
 * Imports only the kernel contract's types. Never reads a clock or `Math.random`.
 */

import type { NodeId } from './types.ts';

export interface Datagram<M> {
  readonly id: number;
  readonly from: NodeId;
  readonly to: NodeId;
  readonly msg: M;
}

export interface DatagramPool<M> {
  /** The id the next message sent (or copied) will get. */
  readonly nextId: number;
  /** Messages in flight, oldest first (a duplicate goes to the end, as a new send). */
  readonly inFlight: readonly Datagram<M>[];
}

export type DatagramAction = 'deliver' | 'drop' | 'duplicate';

export function emptyPool<M>(): DatagramPool<M> {
  return { nextId: 1, inFlight: [] };
}

export function send<M>(pool: DatagramPool<M>, from: NodeId, to: NodeId, msg: M): DatagramPool<M> {
  return { nextId: pool.nextId + 1, inFlight: [...pool.inFlight, { id: pool.nextId, from, to, msg }] };
}

export function find<M>(pool: DatagramPool<M>, id: number): Datagram<M> {
  const d = pool.inFlight.find((x) => x.id === id);
  if (!d) throw new Error(`datagram ${id} is not in flight`);
  return d;
}

/** Removes message `id` for delivery; the caller hands `datagram` to its receiver. */
export function take<M>(pool: DatagramPool<M>, id: number): { pool: DatagramPool<M>; datagram: Datagram<M> } {
  const datagram = find(pool, id);
  return { pool: { nextId: pool.nextId, inFlight: pool.inFlight.filter((x) => x.id !== id) }, datagram };
}

/** Loses message `id`. */
export function drop<M>(pool: DatagramPool<M>, id: number): DatagramPool<M> {
  return take(pool, id).pool;
}

/** Puts a second copy of message `id` in flight, with a new id. */
export function duplicate<M>(pool: DatagramPool<M>, id: number): DatagramPool<M> {
  const d = find(pool, id);
  return send(pool, d.from, d.to, d.msg);
}

/** Loses every message matching `lost` (e.g. all messages to a node that crashed). */
export function dropWhere<M>(pool: DatagramPool<M>, lost: (d: Datagram<M>) => boolean): { pool: DatagramPool<M>; dropped: Datagram<M>[] } {
  const dropped = pool.inFlight.filter(lost);
  if (dropped.length === 0) return { pool, dropped };
  return { pool: { nextId: pool.nextId, inFlight: pool.inFlight.filter((d) => !lost(d)) }, dropped };
}

/** Fault rates for random mode, in percent of choices; the rest are deliveries. */
export interface FaultRates {
  readonly dropPercent: number;
  readonly duplicatePercent: number;
}

/**
 * Random mode: picks a message uniformly, then an action by the rates. `randomInt(n)` must
 * return a uniform integer in [0, n) from a seeded stream. Returns null when nothing is in flight.
 */
export function chooseRandom<M>(
  pool: DatagramPool<M>,
  randomInt: (n: number) => number,
  rates: FaultRates,
): { action: DatagramAction; datagram: Datagram<M> } | null {
  const { dropPercent, duplicatePercent } = rates;
  if (!(dropPercent >= 0 && duplicatePercent >= 0 && dropPercent + duplicatePercent <= 100)) {
    throw new Error(`fault rates must be percentages summing to at most 100, got ${dropPercent} + ${duplicatePercent}`);
  }
  if (pool.inFlight.length === 0) return null;
  const datagram = pool.inFlight[randomInt(pool.inFlight.length)]!;
  const roll = randomInt(100);
  const action: DatagramAction = roll < dropPercent ? 'drop' : roll < dropPercent + duplicatePercent ? 'duplicate' : 'deliver';
  return { action, datagram };
}
