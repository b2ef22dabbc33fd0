/**
 * The moments of the `watches` scenario (watches.ts), for Watches (watches.mdx): the places its prose and
 * predictions move the lab to. Each is named by what happens, never by an event
 * number; `MomentId` (../scenario-moments.ts) is the union of their ids.
 *
 * Imports the moment steps. No clock, no DOM.
 */

import { find, isProtocol } from '../moments.ts';
import { moment } from './book-steps.ts';

/** Watches chapter: c1 writes /config, c2 and c3 watch it. */
export const watchesMoments = [
  moment('watch-fires', "c2's watch fires; until c2 reads again, it has none", find("c2's server fires c2's watch", (e) => isProtocol(e, 'watch.fire') && e.event['peer'] === 'c2' && e.event['event'] === 'NodeDataChanged')),
] as const;
