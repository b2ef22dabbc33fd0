/**
 * The named moments of each scenario (scenario.ts): the places the chapters' sentences,
 * predictions and the chapter 1 tour move a lab to. Each is a script of steps (moments.ts)
 * that names what happens, never an event number, so it is found again however the
 * simulation changes; test/unit/timeline/moments.test.ts runs every one at every seed the
 * book uses. Kept apart from scenario.ts so that a page loads them only when a reader first
 * asks for a moment.
 *
 * Imports the scenarios and the moment steps. No clock, no DOM.
 */

import type { ReaderAction } from './actions.ts';
import type { TraceEvent } from '../sim/trace.ts';
import { act, clientEnters, commitsOp, connectedClients, entersState, find, findMoment, from, isProtocol, leaderAt, lockHolderAt, serverOf, serversIn, wait, type Moment, type MomentFound, type RunView } from './moments.ts';
import { SCENARIOS } from './scenario.ts';

const moment = (id: string, title: string, ...steps: Moment['steps']): Moment => ({ id, title, steps });

const crash = (node: string): ReaderAction => ({ kind: 'crash', node });

/** Crash the leader (or say there is none). */
const crashLeader = act('kill the leader', (run) => {
  const leader = leaderAt(run);
  return leader === undefined ? 'no server leads' : [crash(leader)];
});

/** Crash `n` of the servers that follow the leader. */
const crashFollowers = (n: number) =>
  act(`kill ${n} followers`, (run) => {
    const followers = serversIn(run, 'FOLLOWING');
    return followers.length < n ? `only ${followers.length} servers follow` : followers.slice(0, n).map(crash);
  });

/** Every one of the scenario's first `n` clients is connected (at the event that makes it so). */
const allConnected = (n: number) => find(`${n} clients connected`, (e, run) => isProtocol(e, 'client.state') && e.event['state'] === 'CONNECTED' && connectedClients(run, e.index + 1).length >= n);

/** A partition of `side` (the rest of the nodes form the other side). */
const partition = (side: readonly string[]): ReaderAction => ({ kind: 'partition', groups: [[...side]] });

const heal: ReaderAction = { kind: 'heal' };

/** Chapter 1: three servers, c1 writes /config, c2 watches it. */
const intro: readonly Moment[] = [
  moment('serving', 'a leader serves both clients', allConnected(2)),
  moment('write-in-flight', 'c1 sends a write to its server', from('serving'), find("c1's setData leaves c1", (e) => e.kind === 'send' && e.from === 'c1' && isRequest(e.msg, 'setData'))),
  moment('write-proposed', 'the leader proposes the write', from('write-in-flight'), find('the leader proposes it', (e) => isProtocol(e, 'zab.propose') && String(e.event['txn']).startsWith('setData'))),
  moment('write-committed', 'the write is committed', from('write-in-flight'), find('the leader commits it', (e, run) => commitsOp(e, run, 'setData'))),
  moment('watch-fired', "c2's watch fires", from('write-committed'), find("c2's server fires c2's watch", (e) => isProtocol(e, 'watch.fire') && e.event['peer'] === 'c2')),
];

/** Zab chapter: five servers, c1 writes, c3 reads. */
const zab: readonly Moment[] = [
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
];

/** Failure lab: five servers, three lock clients, a writer c4, a reader c5. */
const failures: readonly Moment[] = [
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
];

/** Sessions chapter: c1 holds /members/c1, c2 watches it. */
const cutC1 = act('cut c1 off', () => [partition(['c1'])]);
const healAll = act('heal the partition', () => [heal]);
const sessions: readonly Moment[] = [
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
];

/** Watches chapter: c1 writes /config, c2 and c3 watch it. */
const watches: readonly Moment[] = [
  moment('watch-fires', "c2's watch fires; until c2 reads again, it has none", find("c2's server fires c2's watch", (e) => isProtocol(e, 'watch.fire') && e.event['peer'] === 'c2' && e.event['event'] === 'NodeDataChanged')),
];

/** Guarantees chapter: c1 writes /x on s1; c2 and c3 read it on s2 (c3 syncs first). */
const stale: readonly Moment[] = [
  moment('all-reading', 'all three clients are connected', allConnected(3), wait(1000)),
  moment('s2-gives-up', 's2, cut off, gives up on its leader', from('all-reading'),
    act("cut s2 and its clients off", (run) => {
      const s = serverOf(run, 'c2');
      return s === undefined ? 'c2 is not connected' : [partition([s, ...run.clients.filter((c) => serverOf(run, c) === s)])];
    }),
    find("c2's server goes LOOKING", (e, run) => entersState(e, 'LOOKING') && e.node === serverOf(run, 'c2', firstPartition(run)))),
];

/** Running ZooKeeper chapter: three voters, two observers. */
const observers: readonly Moment[] = [
  moment('first-commit', "c1's first write is committed", find('a setData is committed', (e, run) => commitsOp(e, run, 'setData'))),
  moment('voters-down', 'two voters down: the observers stop serving', from('first-commit'), crashFollowers(2),
    find('an observer goes LOOKING', (e, run) => entersState(e, 'LOOKING') && serversIn(run, 'OBSERVING', e.index).includes(e.node))),
];

/** Recipes: three clients take turns with the lock. */
const lock: readonly Moment[] = [
  moment('handover', 'the holder lets go; only the next waiter is told', find('a waiter is told its predecessor went', (e) => isProtocol(e, 'watch.fire') && e.event['event'] === 'NodeDeleted')),
];

export const MOMENTS: ReadonlyMap<string, readonly Moment[]> = new Map([
  ['intro', intro],
  ['zab', zab],
  ['failures', failures],
  ['sessions', sessions],
  ['watches', watches],
  ['stale', stale],
  ['observers', observers],
  ['lock', lock],
]);

/** Find moment `id` of scenario `scenarioId` at `seed`. */
export function findScenarioMoment(scenarioId: string, seed: number, id: string): MomentFound {
  const scenario = SCENARIOS.get(scenarioId);
  if (scenario === undefined) return { ok: false, error: `unknown scenario "${scenarioId}"` };
  return findMoment(scenario, seed, MOMENTS.get(scenarioId) ?? [], id);
}

function isRequest(msg: unknown, op: string): boolean {
  const m = msg as { kind?: string; req?: { op?: string } } | null;
  return m?.kind === 'request' && m.req?.op === op;
}

/** A leader's `zab.sync` of `follower` in `mode` (DIFF, TRUNC, SNAP). */
function isSync(e: TraceEvent, mode: string, follower: string | undefined): e is TraceEvent & { kind: 'protocol' } {
  return isProtocol(e, 'zab.sync') && e.event['mode'] === mode && e.event['follower'] === follower;
}

/** The server the last `crash` before the position killed. */
function lastCrashed(run: RunView): string | undefined {
  return lastFault(run, 'crash');
}

/** The node the last `freeze` before the position froze. */
function lastFrozen(run: RunView): string | undefined {
  return lastFault(run, 'freeze');
}

function lastFault(run: RunView, kind: 'crash' | 'freeze'): string | undefined {
  for (let i = run.position - 1; i >= 0; i--) {
    const e = run.trace[i]!;
    if (e.kind === kind) return e.node;
  }
  return undefined;
}

/** The trace index of the first partition (where the moment's cut began). */
function firstPartition(run: RunView): number {
  const i = run.trace.findIndex((e) => e.kind === 'partition');
  return i < 0 ? run.position : i;
}
