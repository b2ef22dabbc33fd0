/**
 * The moments of the `sessions` scenario (sessions.ts), for Sessions (sessions.mdx): the places its prose and
 * predictions move the lab to. Each is named by what happens, never by an event
 * number; `MomentId` (../scenario-moments.ts) is the union of their ids.
 *
 * Imports the moment steps. No clock, no DOM.
 */

import { act, clientEnters, commitsOp, find, from, isProtocol, serverOf, wait } from '../moments.ts';
import { allConnected, crash, heal, moment, partition } from './book-steps.ts';

/** Sessions chapter: c1 holds /members/c1, c2 watches it. */
const cutC1 = act('cut c1 off', () => [partition(['c1'])]);
const healAll = act('heal the partition', () => [heal]);
export const sessionsMoments = [
  moment('serving', 'a leader serves both clients', allConnected(2)),
  moment('member-joined', 'c1 is a member; c2 watches /members/c1', find('/members/c1 is created', (e, run) => commitsOp(e, run, 'create', '/members/c1')), wait(300)),
  moment('server-crash', 'c1 is connected again, same session', from('member-joined'),
    act("kill c1's server", (run) => {
      const s = serverOf(run, 'c1');
      return s === undefined ? 'c1 is not connected' : [crash(s)];
    }),
    find('c1 is connected again', (e) => clientEnters(e, 'c1', 'CONNECTED'))),
  moment('c1-expired', "the leader expires c1's session; c2 is told", from('member-joined'), cutC1,
    find('the leader expires a session', (e) => isProtocol(e, 'session.expire')),
    find('c2 is told', (e) => isProtocol(e, 'watch.fire') && e.event['peer'] === 'c2' && e.event['event'] === 'NodeDeleted')),
  moment('c1-rejoins', 'after the heal: c1 opens a new session and joins again', from('c1-expired'), healAll,
    find('c2 is told of the new member', (e) => isProtocol(e, 'watch.fire') && e.event['peer'] === 'c2' && e.event['event'] === 'NodeCreated')),
  moment('heal-after-1s', 'healed after one second', from('member-joined'), cutC1, wait(1000), healAll, wait(1000)),
  moment('heal-after-3s', 'healed after three seconds: c1 is back, same session', from('member-joined'), cutC1, wait(3000), healAll,
    find('c1 is connected again', (e) => clientEnters(e, 'c1', 'CONNECTED'))),
] as const;
