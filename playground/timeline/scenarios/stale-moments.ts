/**
 * The moments of the `stale` scenario (stale.ts), for Guarantees (guarantees.mdx): the places its prose and
 * predictions move the lab to. Each is named by what happens, never by an event
 * number; `MomentId` (../scenario-moments.ts) is the union of their ids.
 *
 * Imports the moment steps. No clock, no DOM.
 */

import { act, entersState, find, from, serverOf, wait } from '../moments.ts';
import { allConnected, firstPartition, moment, partition } from './book-steps.ts';

/** Guarantees chapter: c1 writes /x on s1; c2 and c3 read it on s2 (c3 syncs first). */
export const staleMoments = [
  moment('all-reading', 'all three clients are connected', allConnected(3), wait(1000)),
  moment('s2-gives-up', 's2, cut off, gives up on its leader', from('all-reading'),
    act("cut s2 and its clients off", (run) => {
      const s = serverOf(run, 'c2');
      return s === undefined ? 'c2 is not connected' : [partition([s, ...run.clients.filter((c) => serverOf(run, c) === s)])];
    }),
    find("c2's server goes LOOKING", (e, run) => entersState(e, 'LOOKING') && e.node === serverOf(run, 'c2', firstPartition(run)))),
] as const;
