/**
 * The moments of the `lock` scenario (lock.ts), for Recipes II: leader election and locks (recipes-locks.mdx): the places its prose and
 * predictions move the lab to. Each is named by what happens, never by an event
 * number; `MomentId` (../scenario-moments.ts) is the union of their ids.
 *
 * Imports the moment steps. No clock, no DOM.
 */

import { find, isProtocol } from '../moments.ts';
import { moment } from './book-steps.ts';

/** Recipes: three clients take turns with the lock. */
export const lockMoments = [
  moment('handover', 'the holder lets go; only the next waiter is told', find('a waiter is told its predecessor went', (e) => isProtocol(e, 'watch.fire') && e.event['event'] === 'NodeDeleted')),
] as const;
