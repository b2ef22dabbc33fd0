/**
 * The `load` scenario, for no chapter: the benchmark's load (scripts/bench). It has no
 * moments.
 *
 * Imports the Zab ensemble's builder, the workloads and the book's network (`../scenario.ts`).
 */

import type { NodeId } from '../../sim/types.ts';
import { buildEnsemble } from '../../zab/presets.ts';
import { Reader } from '../../workload/reader.ts';
import { Watcher } from '../../workload/watcher.ts';
import { Writer } from '../../workload/writer.ts';
import { bookSim, client, type Scenario } from '../scenario.ts';

/**
 * The benchmark's load: 5 servers and 20 clients. Four clients create znodes under /bench
 * quickly until the tree holds 500 of them; the other sixteen watch, read and write /config.
 */
export const load: Scenario = {
  id: 'load',
  title: 'Five servers, twenty clients, five hundred znodes',
  create: bookSim,
  build(sim) {
    const servers = buildEnsemble(sim, { preset: 'book', size: 5 });
    const clients: NodeId[] = [];
    for (let i = 0; i < 20; i++) {
      const c = client(sim, servers, i, 6000);
      clients.push(c.id);
      if (i < 4) new Writer(c, { path: '/bench', mode: 'create', periodMs: 15, limit: 125 }).start();
      else if (i < 8) new Watcher(c, { path: '/config' }).start();
      else if (i < 10) new Writer(c, { path: '/config', periodMs: 800 }).start();
      else new Reader(c, { path: '/config', periodMs: 300 + 20 * i }).start();
    }
    return { servers, clients, workloads: new Map() };
  },
};
