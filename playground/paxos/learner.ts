/**
 * The Paxos learner as a pure state machine (Paxos Made Simple §2.3): every acceptor tells
 * every learner each proposal it accepts; a learner that hears the same proposal (n, v)
 * from a majority of acceptors knows v is chosen. Duplicate reports count once.
 *
 * It keeps the first value it learned. Under a mutant a second, different value can reach a
 * majority; the learner reports that too (a `learned` event), so the checker can see it.
 *
 * Imports ballots, messages, events, quorum and the kernel's node contract types. Never
 * mutates its input state.
 */

import { compareBallots, sameBallot, type Ballot, type Proposal } from './ballot.ts';
import type { Transition } from './acceptor.ts';
import type { PaxosEvent } from './events.ts';
import { messageLabel, type PaxosMessage } from './messages.ts';
import { isMajority } from './quorum.ts';
import type { Effect, Input, NodeId } from '../sim/types.ts';

export interface LearnerState {
  /** Every distinct (acceptor, n, v) report heard, sorted by n then acceptor. */
  readonly votes: readonly { readonly acceptor: NodeId; readonly n: Ballot; readonly v: string }[];
  readonly learned: Proposal | null;
}

export interface LearnerEnv {
  readonly self: NodeId;
  readonly acceptorCount: number;
}

export const EMPTY_LEARNER: LearnerState = { votes: [], learned: null };

export function stepLearner(state: LearnerState, input: Input<PaxosMessage>, env: LearnerEnv): Transition<LearnerState> {
  if (input.kind !== 'message') return { state, effects: [] };
  const { from, msg } = input;
  const ignore = (reason: string): Transition<LearnerState> => ({
    state,
    effects: [{ kind: 'trace', event: { type: 'ignored', node: env.self, label: messageLabel(from, env.self, msg), reason } satisfies PaxosEvent }],
  });
  if (msg.type !== 'accepted') return ignore('learners only act on accepted');
  if (state.votes.some((x) => x.acceptor === from && sameBallot(x.n, msg.n) && x.v === msg.v)) {
    return ignore(`it already counted ${from}'s acceptance`);
  }
  const votes = [...state.votes, { acceptor: from, n: msg.n, v: msg.v }].sort(
    (a, b) => compareBallots(a.n, b.n) || (a.acceptor < b.acceptor ? -1 : a.acceptor > b.acceptor ? 1 : 0),
  );
  const count = votes.filter((x) => sameBallot(x.n, msg.n) && x.v === msg.v).length;
  const reached = isMajority(count, env.acceptorCount) && !isMajority(count - 1, env.acceptorCount);
  const effects: Effect<PaxosMessage>[] = [];
  let learned = state.learned;
  if (reached) {
    if (learned === null) learned = { n: msg.n, v: msg.v };
    effects.push({ kind: 'trace', event: { type: 'learned', node: env.self, n: msg.n, v: msg.v } satisfies PaxosEvent });
  }
  return { state: { votes, learned }, effects };
}
