/**
 * The moments of the `zab` scenario (zab.ts), for Zab (zab.mdx): the places its prose and
 * predictions move the lab to. Each is named by what happens, never by an event
 * number; `MomentId` (../scenario-moments.ts) is the union of their ids.
 *
 * Imports the moment steps. No clock, no DOM.
 */

import { act, commitsOp, entersState, find, from, isProtocol, leaderAt, serverOf, serversIn, wait } from '../moments.ts';
import { crash, crashFollowers, crashLeader, firstPartition, heal, isSync, lastCrashed, lastFrozen, moment, partition } from './book-steps.ts';

/** Zab chapter: five servers, c1 writes, c3 reads. */
export const zabMoments = [
  moment('first-leader', 'a server takes the LEADING role', find('a server enters LEADING', (e) => entersState(e, 'LEADING'))),
  moment('leader-serves', 'the new leader starts serving', from('first-leader'), find('the leader reaches BROADCAST', (e) => isProtocol(e, 'zab.state') && e.event['state'] === 'LEADING' && e.event['phase'] === 'BROADCAST')),
  moment('write-proposed', 'the leader proposes a write', from('leader-serves'), find('a setData is proposed', (e) => isProtocol(e, 'zab.propose') && String(e.event['txn']).startsWith('setData'))),
  moment('first-commit', 'the first setData is committed', from('leader-serves'), find('a setData is committed', (e, run) => commitsOp(e, run, 'setData'))),
  moment('two-followers-down', 'two followers down, and a write commits', from('first-commit'), crashFollowers(2), find('the next setData commits', (e, run) => commitsOp(e, run, 'setData'))),
  moment('three-followers-down', 'three followers down: the leader gives up', from('first-commit'), crashFollowers(3), find('the leader goes LOOKING', (e) => entersState(e, 'LOOKING'))),
  moment('leader-crashed', 'a new leader after the crash', from('first-commit'), crashLeader, find('a server enters LEADING', (e) => entersState(e, 'LEADING'))),
  moment('follower-back-diff', 'a follower back after 2 s: the leader sends a DIFF', from('first-commit'),
    act('kill a follower', (run) => {
      const follower = serversIn(run, 'FOLLOWING')[0];
      return follower === undefined ? 'no server follows' : [crash(follower)];
    }),
    wait(2000),
    act('restart it', (run) => {
      const down = lastCrashed(run);
      return down === undefined ? 'no server was killed' : [{ kind: 'restart', node: down }];
    }),
    find('the leader syncs it with a DIFF that carries what it missed', (e, run) => isSync(e, 'DIFF', lastCrashed(run)) && e.event['followerZxid'] !== e.event['leaderZxid'])),
  moment('two-leaders', 'two leaders: a new one serves while the frozen old one still thinks it leads', from('first-commit'),
    act('freeze the leader for 5 s', (run) => {
      const leader = leaderAt(run);
      return leader === undefined ? 'no server leads' : [{ kind: 'freeze', node: leader, forMs: 5000 }];
    }),
    find('another server leads and serves', (e, run) => isProtocol(e, 'zab.state') && e.event['state'] === 'LEADING' && e.event['phase'] === 'BROADCAST' && e.node !== lastFrozen(run))),
  moment('old-leader-proposes', 'the old leader thaws and proposes in its old epoch; nobody acknowledges', from('two-leaders'),
    find('the thawed old leader proposes', (e, run) => isProtocol(e, 'zab.propose') && e.node === lastFrozen(run))),
  moment('old-leader-snap', 'the old leader steps down, rejoins, and is sent a SNAP', from('old-leader-proposes'),
    find('the leader syncs the old leader with a SNAP', (e, run) => isSync(e, 'SNAP', lastFrozen(run)))),
  moment('old-leader-trunc', "the old leader rejoins with a proposal nobody else has: TRUNC", from('first-commit'),
    act("cut the leader off with c1 and c1's server", (run) => {
      const leader = leaderAt(run);
      const s = serverOf(run, 'c1');
      if (leader === undefined) return 'no server leads';
      if (s === undefined) return 'c1 is not connected';
      return [partition([...new Set([leader, s, 'c1'])])];
    }),
    find('the old leader proposes c1’s next write', (e, run) => isProtocol(e, 'zab.propose') && e.node === leaderAt(run, firstPartition(run))),
    find('the other side has a leader that serves', (e, run) => isProtocol(e, 'zab.state') && e.event['state'] === 'LEADING' && e.event['phase'] === 'BROADCAST' && e.node !== leaderAt(run, firstPartition(run))),
    act('heal the partition', () => [heal]),
    find('the new leader tells the old one to TRUNC', (e, run) => isSync(e, 'TRUNC', leaderAt(run, firstPartition(run))))),
] as const;
