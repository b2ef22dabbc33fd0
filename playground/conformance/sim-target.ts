/**
 * The simulated conformance target: every scenario gets a fresh `Simulation` (seeded, link
 * latency 1..5 ms) with the recording server's settings (the `conformance` preset): one
 * standalone server `s1`, or a 3-server Zab ensemble `s1..s3` for `requires: ["ensemble"]`
 * (`connect` server i → s(i+1)) and, with `{ ensemble: true }`, for every scenario (all
 * clients then on s1, as the README's "same records on an ensemble" check). On an ensemble
 * the body starts once a leader is established and every server serves. Time is virtual:
 * the body runs under the async driver (`runAsync`), `sleep` and `waitEvents` are kernel
 * wake-ups (every message is delivered within the latency bound, so the wait alone lets
 * every notification arrive), and `expireSession` partitions the client off until no
 * server has the session any more, then heals and waits until the handle has learned it.
 *
 * Pure (no Node APIs). Imports the kernel, the simulated client, the zk server and the Zab
 * ensemble.
 */
import { Simulation, runAsync, sleep } from '../sim/index.ts';
import { createClient, pendingCalls } from '../client/zookeeper.ts';
import type { SimZooKeeper } from '../client/zookeeper.ts';
import type { ZooKeeperServer } from '../zk/server.ts';
import { peerOf, whenReady } from '../zab/ensemble.ts';
import { buildEnsemble } from '../zab/presets.ts';
import type { Scenario } from './scenario.ts';
import type { ConformanceTarget, DriveFailure, TargetConnect } from './target.ts';

const SERVER = 's1';
const ENSEMBLE_SIZE = 3;


export interface SimTargetOptions {
  /** The simulation's seed (default 1). */
  readonly seed?: number;
  /** Run on a 3-server ensemble even if the scenario does not require one. */
  readonly ensemble?: boolean;
}

interface SimRun {
  readonly sim: Simulation;
  readonly onEnsemble: boolean;
  readonly servers: readonly string[];
}

/** A simulated target; each `begin` builds a fresh simulation. */
export function simTarget(options: SimTargetOptions = {}): ConformanceTarget<SimZooKeeper> {
  let current: SimRun | undefined;
  const run = (): SimRun => {
    if (current === undefined) throw new Error('simTarget: begin() first');
    return current;
  };
  /** Does any running server still have the session in its committed table? */
  const sessionLives = (id: bigint): boolean => {
    const { sim, onEnsemble, servers } = run();
    return servers.some((s) => (onEnsemble ? peerOf(sim, s)?.db.sessionsWithTimeouts.has(id) : (sim.instanceOf(s) as ZooKeeperServer | undefined)?.sessionsWithTimeouts.has(id)) === true);
  };
  return {
    async begin(scenario: Scenario): Promise<string> {
      const sim = new Simulation({ seed: options.seed ?? 1, latency: { minMs: 1, maxMs: 5 } });
      const required = scenario.requires?.includes('ensemble') === true;
      const onEnsemble = options.ensemble === true || required;
      const servers = buildEnsemble(sim, { preset: 'conformance', size: onEnsemble ? ENSEMBLE_SIZE : 1 });
      current = { sim, onEnsemble, servers };
      return required
        ? `Ensemble simulation: Zab ensemble of ${ENSEMBLE_SIZE}`
        : onEnsemble
          ? `Ensemble simulation: Zab ensemble of ${ENSEMBLE_SIZE}, every client on ${SERVER}`
          : 'Ensemble simulation: standalone server';
    },
    async drive(body: () => Promise<void>): Promise<DriveFailure> {
      const { sim, onEnsemble } = run();
      const result = await runAsync(
        sim,
        async () => {
          if (onEnsemble) await whenReady(sim);
          await body();
        },
        { describePending: () => pendingCalls(sim), maxTimeMs: 24 * 3600 * 1000 },
      );
      if (result.ok) return null;
      return 'stuck' in result ? result.stuck : String(result.error);
    },
    connect(request: TargetConnect): SimZooKeeper {
      const { sim, servers } = run();
      return createClient(sim, { id: request.client, servers: [servers[request.server] ?? SERVER], sessionTimeoutMs: request.sessionTimeoutMs, watcher: request.watcher, shuffle: false });
    },
    sleep: (ms: number) => sleep(run().sim, ms, 'sleep'),
    waitEvents: (ms: number) => sleep(run().sim, ms, 'waitEvents'),
    async expireSession(client: string, h: SimZooKeeper): Promise<void> {
      const { sim } = run();
      const id = h.sessionId;
      // Cut the client off (as a partition would) until the server has expired the session.
      sim.partition([[client]]);
      for (let i = 0; i < 10000 && sessionLives(id); i++) await sleep(sim, 50, 'expireSession: wait for expiry');
      sim.heal();
      for (let i = 0; i < 10000 && h.state !== 'CLOSED' && h.state !== 'AUTH_FAILED'; i++) await sleep(sim, 50, 'expireSession: wait for reconnect');
    },
    async finish(): Promise<void> {
      current = undefined;
    },
  };
}
