/**
 * The `failures` scenario, for Failure lab (failure-lab.mdx). Its moments are in `failures-moments.ts`
 * (loaded only when a reader first asks for one).
 *
 * Imports the Zab ensemble's builder, the workloads and the book's network (`../scenario.ts`).
 */

import type { NodeId } from '../../sim/types.ts';
import { buildEnsemble } from '../../zab/presets.ts';
import type { DrivenClient } from '../../workload/client-driver.ts';
import { LockClient } from '../../workload/lock.ts';
import { Reader } from '../../workload/reader.ts';
import { Writer } from '../../workload/writer.ts';
import { bookSim, clientOn, type Scenario } from '../scenario.ts';

/**
 * Failure lab: five servers; c1–c3 take turns with the lock recipe on s2–s4, c4 writes
 * /config through the leader (s5), c5 reads it on s1 (each client next to its server in the
 * ensemble diagram's wide layout). Sessions of 6 s: a reconnect (under a second) and an
 * expiry (6 s of silence) are far apart. As in `sessions`, a partition holds messages
 * without breaking connections, so a client cut off notices by its read timeout.
 */
export const failures: Scenario = {
  id: 'failures',
  title: 'Five servers, a writer, a reader and three lock clients',
  create: bookSim,
  build(sim) {
    const servers = buildEnsemble(sim, { preset: 'book', size: 5 });
    const at = (id: NodeId, first: number): DrivenClient => clientOn(sim, servers, id, first, 6000);
    sim.at(500, 'clients connect', () => {
      for (const i of [1, 2, 3]) new LockClient(at(`c${i}`, i), { holdMs: 2000, thinkMs: 500 }).start();
      new Writer(at('c4', 4), { path: '/config', periodMs: 600 }).start();
      new Reader(at('c5', 0), { path: '/config', periodMs: 500 }).start();
    });
    return { servers, clients: ['c1', 'c2', 'c3', 'c4', 'c5'], workloads: new Map() };
  },
};
