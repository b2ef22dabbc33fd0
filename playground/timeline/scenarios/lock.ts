/**
 * The `lock` scenario, for Recipes II: leader election and locks (recipes-locks.mdx). Its moments are in `lock-moments.ts`
 * (loaded only when a reader first asks for one).
 *
 * Imports the Zab ensemble's builder, the workloads and the book's network (`../scenario.ts`).
 */

import { buildEnsemble } from '../../zab/presets.ts';
import { LockClient } from '../../workload/lock.ts';
import { bookSim, client, type Scenario } from '../scenario.ts';

/** Lock recipe: three contenders on three servers. */
export const lock: Scenario = {
  id: 'lock',
  title: 'Three clients take turns holding a lock',
  create: bookSim,
  build(sim) {
    const servers = buildEnsemble(sim, { preset: 'book', size: 3 });
    for (const i of [0, 1, 2]) new LockClient(client(sim, servers, i), { holdMs: 600, thinkMs: 300 }).start();
    return { servers, clients: ['c1', 'c2', 'c3'], workloads: new Map() };
  },
};
