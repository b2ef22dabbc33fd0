/**
 * The `zab` scenario, for Zab (zab.mdx). Its moments are in `zab-moments.ts`
 * (loaded only when a reader first asks for one).
 *
 * Imports the Zab ensemble's builder, the workloads and the book's network (`../scenario.ts`).
 */

import { buildEnsemble } from '../../zab/presets.ts';
import { Reader } from '../../workload/reader.ts';
import { Writer } from '../../workload/writer.ts';
import { bookSim, client, lazy, type Scenario } from '../scenario.ts';

/** Five servers (Zab chapter): a writer and a reader; crash the leader and watch the election. */
export const zab: Scenario = {
  id: 'zab',
  title: 'Five servers, one writer, one reader',
  create: bookSim,
  build(sim) {
    const servers = buildEnsemble(sim, { preset: 'book', size: 5 });
    new Writer(client(sim, servers, 0), { path: '/config', periodMs: 900 }).start();
    new Reader(client(sim, servers, 2), { path: '/config', periodMs: 1100 }).start();
    const workloads = new Map<string, () => void>([
      ['writes', lazy(() => new Writer(client(sim, servers, 1), { path: '/jobs', mode: 'create', periodMs: 400 }))],
      ['synced reads', lazy(() => new Reader(client(sim, servers, 3), { path: '/config', periodMs: 600, sync: true }))],
    ]);
    return { servers, clients: ['c1', 'c2', 'c3', 'c4'], workloads };
  },
};
