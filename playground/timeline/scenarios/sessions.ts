/**
 * The `sessions` scenario, for Sessions (sessions.mdx). Its moments are in `sessions-moments.ts`
 * (loaded only when a reader first asks for one).
 *
 * Imports the Zab ensemble's builder, the workloads and the book's network (`../scenario.ts`).
 */

import { buildEnsemble } from '../../zab/presets.ts';
import { Member } from '../../workload/member.ts';
import { Watcher } from '../../workload/watcher.ts';
import { bookSim, client, type Scenario } from '../scenario.ts';

/**
 * Sessions chapter: c1 is a group member (an EPHEMERAL /members/c1, then nothing but its
 * session's pings); c2 watches that znode. Crash c1's server and it reconnects in time;
 * cut c1 off from every server and its session expires, the znode goes, c2 is told.
 */
export const sessions: Scenario = {
  id: 'sessions',
  title: 'A member holds an ephemeral znode; another client watches it',
  create: bookSim,
  build(sim) {
    const servers = buildEnsemble(sim, { preset: 'book', size: 3 });
    new Member(client(sim, servers, 0)).start();
    new Watcher(client(sim, servers, 1), { path: '/members/c1' }).start();
    return { servers, clients: ['c1', 'c2'], workloads: new Map() };
  },
};
