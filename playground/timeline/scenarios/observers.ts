/**
 * The `observers` scenario, for Running ZooKeeper (running-zookeeper.mdx). Its moments are in `observers-moments.ts`
 * (loaded only when a reader first asks for one).
 *
 * Imports the Zab ensemble's builder, the workloads and the book's network (`../scenario.ts`).
 */

import type { NodeId } from '../../sim/types.ts';
import { buildEnsemble } from '../../zab/presets.ts';
import type { DrivenClient } from '../../workload/client-driver.ts';
import { Reader } from '../../workload/reader.ts';
import { Writer } from '../../workload/writer.ts';
import { bookSim, clientOn, lazy, type Scenario } from '../scenario.ts';

/**
 * Running ZooKeeper chapter: three voters (s1–s3) and two observers (s4, s5). c1 writes
 * /config through s1; c2 and c3 read it on the observers. The leader sends each write to
 * the voters as PROPOSAL and, once committed, to the observers as INFORM. The clients
 * connect once the ensemble serves, so each lands on the server named here. A reader may
 * add a writer on an observer (its writes are forwarded to the leader like a follower's).
 */
export const observers: Scenario = {
  id: 'observers',
  title: 'Three voters, two observers, a writer and two readers',
  create: bookSim,
  build(sim) {
    const servers = buildEnsemble(sim, { preset: 'book', size: 3, observers: 2 });
    const at = (id: NodeId, first: number): DrivenClient => clientOn(sim, servers, id, first, 4000);
    sim.at(500, 'clients connect', () => {
      new Writer(at('c1', 0), { path: '/config', periodMs: 900 }).start();
      new Reader(at('c2', 3), { path: '/config', periodMs: 500 }).start();
      new Reader(at('c3', 4), { path: '/config', periodMs: 700 }).start();
    });
    const workloads = new Map<string, () => void>([
      ['writes on an observer', lazy(() => new Writer(at('c4', 4), { path: '/jobs', mode: 'create', periodMs: 700 }))],
    ]);
    return { servers, clients: ['c1', 'c2', 'c3', 'c4'], workloads };
  },
};
