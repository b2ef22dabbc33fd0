/**
 * The `basic` scenario, for no chapter: the default lab and the tests' ensemble. It has no
 * moments.
 *
 * Imports the Zab ensemble's builder, the workloads and the book's network (`../scenario.ts`).
 */

import { buildEnsemble } from '../../zab/presets.ts';
import { LockClient } from '../../workload/lock.ts';
import { Reader } from '../../workload/reader.ts';
import { Writer } from '../../workload/writer.ts';
import { bookSim, client, lazy, type Scenario } from '../scenario.ts';

/** Three servers, one client writing /config; a reader may add writes, reads and lock contenders. */
export const basic: Scenario = {
  id: 'basic',
  title: 'Three servers and a writer',
  create: bookSim,
  build(sim) {
    const servers = buildEnsemble(sim, { preset: 'book', size: 3 });
    new Writer(client(sim, servers, 0), { path: '/config', periodMs: 700 }).start();
    const workloads = new Map<string, () => void>([
      ['reads', lazy(() => new Reader(client(sim, servers, 1), { path: '/config', periodMs: 500 }))],
      ['lock', lazy(() => {
        const a = new LockClient(client(sim, servers, 2), { holdMs: 500 });
        const b = new LockClient(client(sim, servers, 3), { holdMs: 500 });
        return { start: () => (a.start(), b.start()) };
      })],
    ]);
    return { servers, clients: ['c1', 'c2', 'c3', 'c4'], workloads };
  },
};
