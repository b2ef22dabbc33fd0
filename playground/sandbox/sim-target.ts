/**
 * The simulated target of a reader program: a fresh `Simulation` holding "the ensemble"
 * (built in one place, `buildSimulatedEnsemble`), clients `c1`, `c2`, ... created by the
 * program's `connect`, and the async driver (`runAsync`) running the program on virtual
 * time: `sleep` is a kernel wake-up, and a program waiting on something that can no longer
 * happen ends as stuck instead of hanging.
 *
 * Imports `playground/sim`, `playground/zk` (the server) and `playground/client`; no DOM, no Node.
 */
import { Simulation } from '../sim/simulation.ts';
import { runAsync, sleep } from '../sim/async-driver.ts';
import type { NodeId } from '../sim/types.ts';
import { ZooKeeperServer } from '../zk/server.ts';
import type { ServerConfig } from '../zk/server.ts';
import { createClient } from '../client/index.ts';
import type { DriveResult, ProgramTarget, ReaderConnectOptions, TargetClient } from './program.ts';

/**
 * The servers' settings: a stock server, as Debian's `zoo.cfg` (tickTime 2000, so session
 * timeouts 4000..40000 ms; no TTL nodes), which is what `--target real` usually meets.
 */
export const SANDBOX_SERVER_CONFIG: ServerConfig = {};

/** What `buildSimulatedEnsemble` made: the server ids of the connect string. */
export interface SimulatedEnsemble {
  readonly servers: readonly NodeId[];
}

/**
 * Add "the ensemble" to `sim`: for now one standalone server `s1`. The one place that
 * decides the simulated ensemble's shape (it becomes a 3-server Zab ensemble here).
 */
export function buildSimulatedEnsemble(sim: Simulation): SimulatedEnsemble {
  sim.addNode('s1', (id) => new ZooKeeperServer(id, SANDBOX_SERVER_CONFIG));
  return { servers: ['s1'] };
}

export interface SimTargetOptions {
  /** The simulation's seed (default 1): it fixes the whole run. */
  readonly seed?: number;
  /** Give up waiting (stuck) after this much virtual time per run. Default 10 minutes. */
  readonly maxTimeMs?: number;
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
  const ensemble = buildSimulatedEnsemble(sim);
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
        servers: ensemble.servers,
        ...(o.sessionTimeoutMs !== undefined ? { sessionTimeoutMs: o.sessionTimeoutMs } : {}),
        ...(o.watcher !== undefined ? { watcher: o.watcher } : {}),
      });
    },
    sleep: (ms: number) => sleep(sim, ms),
    drive<T>(main: () => Promise<T>, describePending: () => string[], limitMs?: number): Promise<DriveResult<T>> {
      return runAsync(sim, main, { describePending, maxTimeMs: limitMs ?? defaultLimit });
    },
  };
}
