/**
 * The `watches` scenario, for Watches (watches.mdx). Its moments are in `watches-moments.ts`
 * (loaded only when a reader first asks for one).
 *
 * Imports the Zab ensemble's builder, the workloads and the book's network (`../scenario.ts`).
 */

import { buildEnsemble } from '../../zab/presets.ts';
import { LockClient } from '../../workload/lock.ts';
import { Watcher } from '../../workload/watcher.ts';
import { Writer } from '../../workload/writer.ts';
import { bookSim, client, lazy, type Scenario } from '../scenario.ts';

/** Watches chapter: a writer changes /config, two clients watch it and re-arm; a lock herd on demand. */
export const watches: Scenario = {
  id: 'watches',
  title: 'A config writer and two watchers',
  create: bookSim,
  build(sim) {
    const servers = buildEnsemble(sim, { preset: 'book', size: 3 });
    const writer = new Writer(client(sim, servers, 0), { path: '/config', periodMs: 1500 });
    const w1 = new Watcher(client(sim, servers, 1), { path: '/config' });
    const w2 = new Watcher(client(sim, servers, 2), { path: '/config' });
    writer.start();
    w1.start();
    w2.start();
    const workloads = new Map<string, () => void>([
      ['lock', lazy(() => {
        const locks = [3, 4, 5].map((i) => new LockClient(client(sim, servers, i), { holdMs: 700, thinkMs: 400 }));
        return { start: () => locks.forEach((l) => l.start()) };
      })],
    ]);
    return { servers, clients: ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'], workloads };
  },
};
