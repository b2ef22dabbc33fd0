/**
 * The moments of the `observers` scenario (observers.ts), for Running ZooKeeper (running-zookeeper.mdx): the places its prose and
 * predictions move the lab to. Each is named by what happens, never by an event
 * number; `MomentId` (../scenario-moments.ts) is the union of their ids.
 *
 * Imports the moment steps. No clock, no DOM.
 */

import { commitsOp, entersState, find, from, serversIn } from '../moments.ts';
import { allConnected, crashFollowers, moment } from './book-steps.ts';

/** Running ZooKeeper chapter: three voters, two observers. */
export const observersMoments = [
  moment('serving', 'a leader serves the writer and both readers', allConnected(3)),
  moment('first-commit', "c1's first write is committed", find('a setData is committed', (e, run) => commitsOp(e, run, 'setData'))),
  moment('voters-down', 'two voters down: the observers stop serving', from('first-commit'), crashFollowers(2),
    find('an observer goes LOOKING', (e, run) => entersState(e, 'LOOKING') && serversIn(run, 'OBSERVING', e.index).includes(e.node))),
] as const;
