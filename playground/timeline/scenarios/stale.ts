/**
 * The `stale` scenario, for Guarantees (guarantees.mdx). Its moments are in `stale-moments.ts`
 * (loaded only when a reader first asks for one).
 *
 * Imports the Zab ensemble's builder, the workloads and the book's network (`../scenario.ts`).
 */

import { buildEnsemble } from '../../zab/presets.ts';
import { Reader } from '../../workload/reader.ts';
import { Writer } from '../../workload/writer.ts';
import { bookSim, client, clientOn, type Scenario } from '../scenario.ts';

/**
 * Guarantees chapter: reads are answered by the client's own server. c1 (on s1) writes /x;
 * c2 (on s2) reads it every quarter second or so; c3 (also on s2) syncs before each read.
 * The clients connect once the ensemble serves, so each lands on the server named here.
 * Cut s2, c2 and c3 off from the rest: c2 reads the old value until s2 gives up on its
 * leader (syncLimit ticks), while c3's sync never comes back.
 */
export const stale: Scenario = {
  id: 'stale',
  title: 'A writer, a reader and a reader that syncs first',
  create: bookSim,
  build(sim) {
    const servers = buildEnsemble(sim, { preset: 'book', size: 3 });
    sim.at(500, 'clients connect', () => {
      new Writer(client(sim, servers, 0), { path: '/x', periodMs: 600 }).start();
      new Reader(client(sim, servers, 1), { path: '/x', periodMs: 250 }).start();
      new Reader(clientOn(sim, servers, 'c3', 1, 4000), { path: '/x', periodMs: 250, sync: true }).start();
    });
    return { servers, clients: ['c1', 'c2', 'c3'], workloads: new Map() };
  },
};
