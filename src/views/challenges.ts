/**
 * The book's stepper challenges, judged by the state the reader reached: pure predicates over
 * a figure's history, so the same position always gives the same verdict (and unit tests can
 * hold positions that must and must not pass).
 *
 * - `paxos-duel` (chapter "Paxos"), over the stepper's protocol events: (1) the two proposers
 *   duel for three rounds: three proposals whose accept an acceptor ignored because it had
 *   promised the *other* proposer a higher ballot, both proposers pre-empted at least once;
 *   (2) then they agree: after that third pre-emption, a learner learns a value.
 * - `zab-sync` (chapter "Zab"), over the lab's trace prefix: a leader brings back a server
 *   that had led or followed and then was away (crashed, frozen, or cut off on the minority
 *   side of a partition, since its last sync) with (1) a DIFF, (2) a SNAP, (3) a TRUNC. Syncs
 *   of servers that never left (the first syncs of all, the followers of a new leader) do not
 *   count.
 *
 * Each goal gives, per stage, the history index where it was first reached, or null.
 * Imports the engines' event types and ballot helpers only.
 */
import { compareBallots, formatBallot, parseBallot, type Ballot } from '../../playground/paxos/ballot.ts';
import type { PaxosEvent } from '../../playground/paxos/events.ts';
import type { TraceEvent } from '../../playground/sim/trace.ts';
import type { SyncMode } from '../../playground/zab/events.ts';
import { traced } from './traced.ts';

export interface ChallengeStage {
  /** The goal, in the reader's words. */
  readonly goal: string;
}

export interface ChallengeDef {
  readonly title: string;
  readonly stages: readonly ChallengeStage[];
}

export const CHALLENGES = {
  'paxos-duel': {
    title: 'Challenge: a duel, then agreement',
    stages: [
      { goal: 'Make the two proposers duel for three rounds: each time, one proposer’s prepare makes an acceptor ignore the other’s accept.' },
      { goal: 'Then make them agree: after the duel, get a value chosen (the learner learns it).' },
    ],
  },
  'zab-sync': {
    title: 'Challenge: DIFF, SNAP and TRUNC',
    stages: [
      { goal: 'Bring a server that was away (crashed, or cut off) back with a DIFF.' },
      { goal: 'Now force a SNAP: bring one back too far behind for a DIFF.' },
      { goal: 'Now a TRUNC: bring back a server that logged a proposal nobody else has.' },
    ],
  },
} as const satisfies Record<string, ChallengeDef>;

export type ChallengeId = keyof typeof CHALLENGES;

/** Per stage: the index (in the history given) where it was first reached, or null. */
export type StagesReached = readonly (number | null)[];

const ACCEPT = /^(p\d+)->(a\d+) accept (\d+\.\d+) /;

/** Paxos: pre-empted proposals (by the other proposer), then a value learned after the third. */
export function paxosDuel(history: readonly PaxosEvent[]): StagesReached {
  const promised = new Map<string, Ballot>();
  const preempted = new Map<string, number>(); // ballot → proposer
  let duel: number | null = null;
  let agree: number | null = null;
  history.forEach((e, i) => {
    if (e.type === 'promise' || e.type === 'accepted') {
      if (compareBallots(e.n, promised.get(e.node) ?? null) > 0) promised.set(e.node, e.n);
    } else if (e.type === 'recover') {
      if (e.promised !== null) promised.set(e.node, e.promised);
    } else if (e.type === 'ignored' && duel === null) {
      const m = ACCEPT.exec(e.label);
      const by = promised.get(e.node);
      if (m === null || by === undefined) return;
      const ballot = parseBallot(m[3]!);
      if (compareBallots(by, ballot) <= 0 || by.proposer === ballot.proposer) return;
      preempted.set(formatBallot(ballot), ballot.proposer);
      if (preempted.size >= 3 && new Set(preempted.values()).size >= 2) duel = i;
    } else if (e.type === 'learned' && duel !== null && agree === null) agree = i;
  });
  return [duel, agree];
}

/** Zab: the first sync of each kind (DIFF, SNAP, TRUNC) to a server that was away since its previous sync. */
export function zabSync(trace: readonly TraceEvent[]): StagesReached {
  const modes: SyncMode[] = ['DIFF', 'SNAP', 'TRUNC'];
  const reached: (number | null)[] = [null, null, null];
  /** Servers that led or followed before: only they can come back. */
  const member = new Set<string>();
  const away = new Set<string>();
  for (const e of trace) {
    if (e.kind === 'crash' || e.kind === 'freeze') away.add(e.node);
    else if (e.kind === 'partition') {
      const servers = e.groups.map((g) => g.filter((n) => /^s\d+$/.test(n)));
      const total = servers.reduce((n, g) => n + g.length, 0);
      for (const g of servers) if (g.length * 2 <= total) g.forEach((n) => away.add(n));
    } else if (e.kind === 'protocol') {
      const ev = traced(e.event);
      if (ev.type === 'zab.state' && (ev.state === 'LEADING' || ev.state === 'FOLLOWING')) member.add(e.node);
      else if (ev.type === 'zab.sync') {
        const k = modes.indexOf(ev.mode);
        if (member.has(ev.follower) && away.has(ev.follower) && reached[k] === null) reached[k] = e.index;
        away.delete(ev.follower);
      }
    }
  }
  return reached;
}

export function stagesReached(id: ChallengeId, history: readonly PaxosEvent[] | readonly TraceEvent[]): StagesReached {
  return id === 'paxos-duel' ? paxosDuel(history as readonly PaxosEvent[]) : zabSync(history as readonly TraceEvent[]);
}
