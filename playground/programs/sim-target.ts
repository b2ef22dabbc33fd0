/**
 * The simulated target of a reader program: a fresh `Simulation` holding "the ensemble"
 * (built in one place, `buildSimulatedEnsemble`: one standalone server, or a Zab ensemble
 * of 3 or 5), clients `c1`, `c2`, ... created by the program's `connect`, an optional fault
 * schedule applied from the moment the ensemble serves (a Zab ensemble is first run until
 * it has elected a leader and every server serves; a program starts there), and the async driver (`runAsync`) running the
 * program on virtual time: `sleep` is a kernel wake-up, and a program waiting on something
 * that can no longer happen ends as stuck instead of hanging.
 *
 * Imports `playground/sim`, `playground/zab` (the ensemble and its `stock` preset, the fault
 * schedule) and `playground/client`; no DOM, no Node.
 */
import { Simulation } from '../sim/simulation.ts';
import { runAsync, sleep } from '../sim/async-driver.ts';
import type { NodeId } from '../sim/types.ts';
import { createClient } from '../client/index.ts';
import { runUntilReady } from '../zab/ensemble.ts';
import { buildEnsemble } from '../zab/presets.ts';
import { applyFaultSchedule, type FaultSchedule } from '../sim/fault-schedule.ts';
import type { DriveResult, ProgramTarget, ReaderConnectOptions, TargetClient } from './program.ts';

/** What `buildSimulatedEnsemble` made: the server ids of the connect string. */
export interface SimulatedEnsemble {
  readonly servers: readonly NodeId[];
}

/** How many servers: 1 is a standalone server, 3 or 5 a Zab ensemble (`s1`..`sN`). */
export type EnsembleSize = 1 | 3 | 5;

/**
 * Add "the ensemble" to `sim`: one standalone server `s1` (the default, what `npm run
 * client` and its tests meet), or `size` quorum peers running Zab. The one place that
 * decides the simulated ensemble's shape.
 */
export function buildSimulatedEnsemble(sim: Simulation, size: EnsembleSize = 1): SimulatedEnsemble {
  // A stock server, as Debian's `zoo.cfg` (tickTime 2000, so session timeouts 4000..40000 ms;
  // no TTL nodes), which is what `--target real` usually meets.
  return { servers: buildEnsemble(sim, { preset: 'stock', size }) };
}

export interface SimTargetOptions {
  /** The simulation's seed (default 1): it fixes the whole run. */
  readonly seed?: number;
  /** Give up waiting (stuck) after this much virtual time per run. Default 10 minutes. */
  readonly maxTimeMs?: number;
  /** The ensemble's size (default 1: a standalone server). */
  readonly servers?: EnsembleSize;
  /** Faults, `at` counted from when the ensemble serves (validated; throws on a malformed schedule). */
  readonly faults?: FaultSchedule;
  /** Give up (stuck) after this many kernel events per drive. Default 1,000,000. */
  readonly maxEvents?: number;
  /** The driver's yield to the host between events (see `runAsync`); a worker counts them for its watchdog. */
  readonly yieldToHost?: () => Promise<void>;
}

/**
 * The connect string of the program's client `k` (its `c<k>`): server k first, then the
 * next ones, so clients spread over the ensemble and a fault schedule knows who sits where.
 */
export function clientServers(ensemble: SimulatedEnsemble, k: number): NodeId[] {
  const n = ensemble.servers.length;
  return ensemble.servers.map((_, i) => ensemble.servers[(k - 1 + i) % n]!);
}

/** A simulated target: use it for one program run. `sim` is exposed for tests and figures. */
export interface SimTarget extends ProgramTarget {
  readonly kind: 'simulation';
  readonly sim: Simulation;
  readonly ensemble: SimulatedEnsemble;
}

/** A fresh simulation with the ensemble, ready to run one program. */
export function simTarget(options: SimTargetOptions = {}): SimTarget {
  const sim = new Simulation({ seed: options.seed ?? 1 });
  const ensemble = buildSimulatedEnsemble(sim, options.servers ?? 1);
  // An ensemble is already running when a program starts: elected, synchronized, serving.
  if (ensemble.servers.length > 1) runUntilReady(sim);
  if (options.faults !== undefined) applyFaultSchedule(sim, options.faults);
  const defaultLimit = options.maxTimeMs ?? 10 * 60 * 1000;
  let clients = 0;
  return {
    kind: 'simulation',
    sim,
    ensemble,
    createClient(o: ReaderConnectOptions): TargetClient {
      clients++;
      return createClient(sim, {
        id: `c${clients}`,
        servers: clientServers(ensemble, clients),
        shuffle: false,
        ...(o.sessionTimeoutMs !== undefined ? { sessionTimeoutMs: o.sessionTimeoutMs } : {}),
        ...(o.watcher !== undefined ? { watcher: o.watcher } : {}),
      });
    },
    sleep: (ms: number) => sleep(sim, ms),
    drive<T>(main: () => Promise<T>, describePending: () => string[], limitMs?: number): Promise<DriveResult<T>> {
      return runAsync(sim, main, {
        describePending,
        maxTimeMs: limitMs ?? defaultLimit,
        ...(options.maxEvents !== undefined ? { maxEvents: options.maxEvents } : {}),
        ...(options.yieldToHost !== undefined ? { yieldToHost: options.yieldToHost } : {}),
      });
    },
  };
}
