/**
 * The moments of the `intro` scenario (intro.ts), for Why coordination (why-coordination.mdx): the places its prose,
 * predictions and tour move the lab to. Each is named by what happens, never by an event
 * number; `MomentId` (../scenario-moments.ts) is the union of their ids.
 *
 * Imports the moment steps. No clock, no DOM.
 */

import { commitsOp, find, from, isProtocol } from '../moments.ts';
import { allConnected, isRequest, moment } from './book-steps.ts';

/** Chapter 1: three servers, c1 writes /config, c2 watches it. */
export const introMoments = [
  moment('serving', 'a leader serves both clients', allConnected(2)),
  moment('write-in-flight', 'c1 sends a write to its server', from('serving'), find("c1's setData leaves c1", (e) => e.kind === 'send' && e.from === 'c1' && isRequest(e.msg, 'setData'))),
  moment('write-proposed', 'the leader proposes the write', from('write-in-flight'), find('the leader proposes it', (e) => isProtocol(e, 'zab.propose') && String(e.event['txn']).startsWith('setData'))),
  moment('write-committed', 'the write is committed', from('write-in-flight'), find('the leader commits it', (e, run) => commitsOp(e, run, 'setData'))),
  moment('watch-fired', "c2's watch fires", from('write-committed'), find("c2's server fires c2's watch", (e) => isProtocol(e, 'watch.fire') && e.event['peer'] === 'c2')),
] as const;
