/**
 * The moments of the `failures` scenario (failures.ts), for Failure lab (failure-lab.mdx): the places its prose and
 * predictions move the lab to. Each is named by what happens, never by an event
 * number; `MomentId` (../scenario-moments.ts) is the union of their ids.
 *
 * Imports the moment steps. No clock, no DOM.
 */

import { act, clientEnters, commitsOp, entersState, find, from, isProtocol, leaderAt, lockHolderAt, serverOf, serversIn } from '../moments.ts';
import { allConnected, crash, crashLeader, moment, partition } from './book-steps.ts';

/** Failure lab: five servers, three lock clients, a writer c4, a reader c5. */
export const failuresMoments = [
  moment('all-connected', 'all five clients are connected', allConnected(5)),
  moment('follower-crash', 'c5 is connected again, to another server', from('all-connected'),
    act("kill c5's server", (run) => {
      const s = serverOf(run, 'c5');
      return s === undefined ? 'c5 is not connected' : s === leaderAt(run) ? "c5's server leads" : [crash(s)];
    }),
    find('c5 is connected again', (e) => clientEnters(e, 'c5', 'CONNECTED'))),
  moment('leader-crash', "the new leader commits c4's next write", from('all-connected'), crashLeader,
    find('a server enters LEADING', (e) => entersState(e, 'LEADING')),
    find('a setData commits', (e, run) => commitsOp(e, run, 'setData'))),
  moment('leader-freeze', 'c4 gives up on its frozen server', from('all-connected'),
    act('freeze the leader for 5 s', (run) => {
      const leader = leaderAt(run);
      return leader === undefined ? 'no server leads' : [{ kind: 'freeze', node: leader, forMs: 5000 }];
    }),
    find('c4 declares its connection lost', (e) => isProtocol(e, 'client.connectionLost', 'c4'))),
  moment('leader-partitioned', 'the majority side elects a new leader', from('all-connected'),
    act('partition the leader off with its clients', (run) => {
      const leader = leaderAt(run);
      if (leader === undefined) return 'no server leads';
      return [partition([leader, ...run.clients.filter((c) => serverOf(run, c) === leader)])];
    }),
    find('a server enters LEADING', (e) => entersState(e, 'LEADING'))),
  moment('majority-down', 'three servers down: the leader steps down', from('all-connected'),
    act('kill three servers that follow', (run) => {
      const followers = serversIn(run, 'FOLLOWING');
      return followers.length < 3 ? 'fewer than three servers follow' : followers.slice(0, 3).map(crash);
    }),
    find('the leader goes LOOKING', (e) => entersState(e, 'LOOKING'))),
  moment('holder-expired', "the cut-off holder's session expires; the next waiter is told", from('all-connected'),
    find('a client holds the lock', (e, run) => isProtocol(e, 'zab.deliver') && lockHolderAt(run, '/lock', e.index + 1) !== undefined),
    act('cut the lock holder off', (run) => {
      const holder = lockHolderAt(run);
      return holder === undefined ? 'nobody holds the lock' : [partition([holder])];
    }),
    find('the leader expires a session', (e) => isProtocol(e, 'session.expire')),
    find('the next waiter is told', (e) => isProtocol(e, 'watch.fire') && e.event['event'] === 'NodeDeleted')),
] as const;
