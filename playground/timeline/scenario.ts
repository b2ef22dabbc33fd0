/**
 * What a scenario is: what a chapter's ensemble is before the reader touches it. A scenario
 * builds, on a fresh simulation, the servers and the clients with their workloads, and names
 * the extra workloads a reader may start later ("writes", "lock", ...). It is the `builder`
 * of a timeline: rerunning it on a new simulation with the same seed rebuilds the same run.
 * The book's scenarios are one file each in `scenarios/` (with their moments beside them),
 * listed by id in `scenarios/index.ts`; this file holds their type and the book's network.
 *
 * The book's ensembles run with a short `tickTime` (400 ms) and 5–20 ms message delays, so
 * that elections, pings and message flights are visible at reading speed.
 *
 * Imports the kernel and the workloads' client driver (an explorer's failing run is a
 * scenario of its own: explorer-scenario.ts). No clock, no randomness outside the kernel.
 */

import { Simulation } from '../sim/simulation.ts';
import type { NodeId } from '../sim/types.ts';
import { DrivenClient } from '../workload/client-driver.ts';

/** What building a scenario produced: who is in it, and the workloads a reader may start. */
export interface BuiltScenario {
  readonly servers: readonly NodeId[];
  /** Every client the scenario may ever add (views keep a place for each). */
  readonly clients: readonly NodeId[];
  /** Named workloads a reader may start, in the order the controls list them. */
  readonly workloads: ReadonlyMap<string, () => void>;
}

export interface Scenario {
  readonly id: string;
  readonly title: string;
  /** A new simulation for this scenario (its latency and timing). */
  create(seed: number): Simulation;
  build(sim: Simulation): BuiltScenario;
}

const BOOK_LATENCY = { minMs: 5, maxMs: 20 };

/**
 * The book's one network for every figure: a partition holds messages without breaking
 * connections, as a silent network does; a client cut off notices by its own read timeout
 * (2/3 of its session timeout), a follower by syncLimit × tickTime, a leader by its tick check.
 */
export function bookSim(seed: number): Simulation {
  return new Simulation({ seed, latency: BOOK_LATENCY, connectTimeoutMs: 800 });
}

/** A client whose connect string starts at `servers[first]` (so that it lands there). */
export function clientOn(sim: Simulation, servers: readonly NodeId[], id: NodeId, first: number, sessionTimeoutMs: number): DrivenClient {
  return new DrivenClient(sim, id, { servers: connectString(servers, first), sessionTimeoutMs });
}

/** Client i's connect string: the servers rotated so that clients spread over the ensemble. */
function connectString(servers: readonly NodeId[], i: number): NodeId[] {
  const k = i % servers.length;
  return [...servers.slice(k), ...servers.slice(0, k)];
}

export function client(sim: Simulation, servers: readonly NodeId[], i: number, sessionTimeoutMs = 4000): DrivenClient {
  return clientOn(sim, servers, `c${i + 1}`, i, sessionTimeoutMs);
}

export function lazy(start: () => { start(): void }): () => void {
  let started = false;
  return () => {
    if (started) return;
    started = true;
    start().start();
  };
}
