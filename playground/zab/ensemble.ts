/**
 * Building a simulated ZooKeeper ensemble, and reading its status, for the book, the
 * explorer, the conformance runner and the tests.
 *
 * - `addEnsemble(sim, { size, observers?, config?, mutant? })` adds servers `s1..sN`
 *   (voters) and then `s(N+1)..` (observers), each a `QuorumPeer`; returns their ids.
 * - `ensembleStatus(sim)`: per server: up, state, phase, epochs, last zxids, serving.
 * - `leaderOf(sim)`: the established leader (LEADING, BROADCAST) of the highest epoch, or
 *   undefined.
 * - `isEnsembleReady(sim)`: an established leader, and every running server serving.
 * - `runUntilReady(sim, maxMs)`: step the kernel until ready (sync drivers);
 *   `whenReady(sim, maxMs)`: the same for async code under `runAsync`.
 *
 * Imports the kernel and zab modules. Status helpers read the running instances (tests,
 * drivers); views must read the trace.
 */
import type { Simulation } from '../sim/simulation.ts';
import { sleep } from '../sim/async-driver.ts';
import type { NodeId } from '../sim/types.ts';
import { hex } from '../zk/txn.ts';
import { resolveZabConfig } from './config.ts';
import type { ZabConfig } from './config.ts';
import type { ServerState, ZabPhase } from './events.ts';
import type { MutantName } from './mutants.ts';
import { QuorumMaj } from './quorum.ts';
import { QuorumPeer } from './quorum-peer.ts';

export interface EnsembleOptions {
  /** Voting servers, 1..7. */
  readonly size: number;
  /** Observers, added after the voters. Default 0. */
  readonly observers?: number;
  readonly config?: Partial<ZabConfig>;
  readonly mutant?: MutantName;
}

export function addEnsemble(sim: Simulation, options: EnsembleOptions): NodeId[] {
  const { size } = options;
  const nObservers = options.observers ?? 0;
  if (!Number.isInteger(size) || size < 1 || size > 7) throw new Error(`addEnsemble: size must be 1..7, got ${size}`);
  if (!Number.isInteger(nObservers) || nObservers < 0 || nObservers > 7) throw new Error(`addEnsemble: observers must be 0..7, got ${nObservers}`);
  const voters = Array.from({ length: size }, (_, i) => `s${i + 1}`);
  const observers = Array.from({ length: nObservers }, (_, i) => `s${size + i + 1}`);
  const qv = new QuorumMaj(voters, observers);
  const config = resolveZabConfig(options.config);
  const mutant = options.mutant;
  const ids = [...voters, ...observers];
  for (const id of ids) sim.addNode(id, (nodeId) => new QuorumPeer(nodeId, mutant === undefined ? { qv, config } : { qv, config, mutant }));
  return ids;
}

export interface ServerStatus {
  readonly id: NodeId;
  readonly up: boolean;
  readonly state?: ServerState;
  readonly phase?: ZabPhase;
  readonly acceptedEpoch?: number;
  readonly currentEpoch?: number;
  /** Last logged zxid (hex). */
  readonly lastLoggedZxid?: string;
  /** Last applied zxid (hex). */
  readonly lastProcessedZxid?: string;
  readonly serving?: boolean;
  /** The leader it follows or observes (or itself). */
  readonly leader?: NodeId;
}

/** The quorum peer running as `id`, if it is up and is one. */
export function peerOf(sim: Simulation, id: NodeId): QuorumPeer | undefined {
  const n = sim.instanceOf(id);
  return n instanceof QuorumPeer ? n : undefined;
}

function serverIds(sim: Simulation): NodeId[] {
  return sim.nodeIds().filter((id) => /^s\d+$/.test(id));
}

export function ensembleStatus(sim: Simulation): ServerStatus[] {
  return serverIds(sim).map((id) => {
    const p = peerOf(sim, id);
    if (p === undefined) return { id, up: false };
    const leader = p.state === 'LEADING' ? p.id : p.learner?.leader;
    return {
      id,
      up: true,
      state: p.state,
      phase: p.phase,
      acceptedEpoch: p.store.acceptedEpoch,
      currentEpoch: p.store.currentEpoch,
      lastLoggedZxid: hex(p.store.lastLoggedZxid()),
      lastProcessedZxid: hex(p.db.lastProcessedZxid),
      serving: p.serving,
      ...(leader !== undefined ? { leader } : {}),
    };
  });
}

/** The established leader of the highest epoch, if any. */
export function leaderOf(sim: Simulation): NodeId | undefined {
  let best: { id: NodeId; epoch: number } | undefined;
  for (const id of serverIds(sim)) {
    const p = peerOf(sim, id);
    if (p?.leader?.stage !== 'broadcast') continue;
    if (best === undefined || p.leader.epoch > best.epoch) best = { id, epoch: p.leader.epoch };
  }
  return best?.id;
}

/** An established leader, and every running server serving clients. */
export function isEnsembleReady(sim: Simulation): boolean {
  if (leaderOf(sim) === undefined) return false;
  for (const id of serverIds(sim)) {
    const p = peerOf(sim, id);
    if (p !== undefined && !p.serving) return false;
  }
  return true;
}

/** Step until the ensemble is ready; throws after `maxMs` of virtual time. */
export function runUntilReady(sim: Simulation, maxMs = 120_000): void {
  const deadline = sim.now + maxMs;
  while (!isEnsembleReady(sim)) {
    const next = sim.nextEventTime();
    if (next === undefined || next > deadline) throw new Error(`ensemble not ready after ${maxMs} ms: ${JSON.stringify(ensembleStatus(sim))}`);
    sim.step();
  }
}

/** Resolves once the ensemble is ready (polling every `pollMs` of virtual time); rejects after `maxMs`. */
export async function whenReady(sim: Simulation, maxMs = 120_000, pollMs = 10): Promise<void> {
  const deadline = sim.now + maxMs;
  while (!isEnsembleReady(sim)) {
    if (sim.now > deadline) throw new Error(`ensemble not ready after ${maxMs} ms: ${JSON.stringify(ensembleStatus(sim))}`);
    await sleep(sim, pollMs, 'waiting for the ensemble');
  }
}
