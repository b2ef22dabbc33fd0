/**
 * The `intro` scenario, for Why coordination (why-coordination.mdx). Its moments are in `intro-moments.ts`
 * (loaded only when a reader first asks for one).
 *
 * Imports the Zab ensemble's builder, the workloads and the book's network (`../scenario.ts`).
 */

import { buildEnsemble } from '../../zab/presets.ts';
import { Watcher } from '../../workload/watcher.ts';
import { Writer } from '../../workload/writer.ts';
import { bookSim, client, type Scenario } from '../scenario.ts';

/**
 * Chapter 1's first ensemble, small enough to read in one look: three servers; c1 writes
 * /config about once a second, c2 watches it. The guided tour walks through it.
 */
export const intro: Scenario = {
  id: 'intro',
  title: 'Three servers, a writer and a watcher',
  create: bookSim,
  build(sim) {
    const servers = buildEnsemble(sim, { preset: 'book', size: 3 });
    new Writer(client(sim, servers, 0), { path: '/config', periodMs: 1000 }).start();
    new Watcher(client(sim, servers, 1), { path: '/config' }).start();
    return { servers, clients: ['c1', 'c2'], workloads: new Map() };
  },
};
