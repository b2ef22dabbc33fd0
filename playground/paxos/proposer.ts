/**
 * The Paxos proposer as a pure state machine (Paxos Made Simple §2.2 phases 1a and 2a, §2.5).
 *
 * A round begins on a `request` `{ type: 'start', value }`: the proposer takes the next
 * number it owns, `(lastRound + 1, its number)`, larger than any it used before (§2.5; the
 * proposer keeps `lastRound` across rounds; proposers do not crash in this engine, so it
 * lives in the state), and sends prepare(n) to every acceptor. Starting a new round abandons
 * the old one. When promises for n have come from a majority it issues proposal (n, v):
 * v is the value of the highest-numbered proposal reported in those promises, or its own
 * value if none reported one (§2.2, the rule that establishes P2c), and sends accept(n, v)
 * to every acceptor. Promises for an older number, duplicates, and promises after phase 2
 * began change nothing.
 *
 * Imports ballots, messages, events, quorum, mutants and the kernel's node contract types.
 * Never reads a clock or randomness; never mutates its input state.
 */

import { compareBallots, formatBallot, sameBallot, type Ballot, type Proposal } from './ballot.ts';
import type { Transition } from './acceptor.ts';
import type { PaxosEvent } from './events.ts';
import { checkValue, messageLabel, type PaxosMessage } from './messages.ts';
import type { MutantName } from './mutants.ts';
import { isMajority } from './quorum.ts';
import type { Effect, Input, NodeId } from '../sim/types.ts';

export interface ProposerState {
  /** The proposer's number, the second half of its ballots. */
  readonly index: number;
  /** Rounds begun so far; the next ballot is (lastRound + 1, index). */
  readonly lastRound: number;
  readonly phase: 'idle' | 'preparing' | 'accepting';
  /** The current round's number, or null before the first round. */
  readonly ballot: Ballot | null;
  /** The value the reader asked this round to propose. */
  readonly ownValue: string | null;
  /** Promises received for `ballot`, one per acceptor, sorted by acceptor. */
  readonly promises: readonly { readonly from: NodeId; readonly accepted: Proposal | null }[];
  /** The proposal issued in phase 2 of this round. */
  readonly proposal: Proposal | null;
}

export interface ProposerEnv {
  readonly self: NodeId;
  readonly acceptors: readonly NodeId[];
  readonly mutants: readonly MutantName[];
}

export type ProposerRequest = { readonly type: 'start'; readonly value: string };

export function initialProposer(index: number): ProposerState {
  return { index, lastRound: 0, phase: 'idle', ballot: null, ownValue: null, promises: [], proposal: null };
}

function trace(event: PaxosEvent): Effect<PaxosMessage> {
  return { kind: 'trace', event };
}

/** Phase 2a's choice of value (§2.2): the highest-numbered reported proposal's value, else our own. */
export function chooseValue(
  promises: ProposerState['promises'],
  ownValue: string,
  mutants: readonly MutantName[],
): { v: string; adopted: boolean } {
  if (mutants.includes('ignore-accepted-value')) return { v: ownValue, adopted: false };
  const lowest = mutants.includes('lowest-accepted-value');
  let best: Proposal | null = null;
  for (const p of promises) {
    if (p.accepted === null) continue;
    const c = compareBallots(p.accepted.n, best?.n ?? null);
    if (best === null || (lowest ? c < 0 : c > 0)) best = p.accepted;
  }
  return best === null ? { v: ownValue, adopted: false } : { v: best.v, adopted: true };
}

export function stepProposer(state: ProposerState, input: Input<PaxosMessage>, env: ProposerEnv): Transition<ProposerState> {
  if (input.kind === 'request') {
    const request = input.value as ProposerRequest;
    if (request.type !== 'start') throw new Error(`${env.self}: unknown request ${JSON.stringify(request)}`);
    checkValue(request.value);
    const n: Ballot = { round: state.lastRound + 1, proposer: state.index };
    const next: ProposerState = { index: state.index, lastRound: n.round, phase: 'preparing', ballot: n, ownValue: request.value, promises: [], proposal: null };
    const effects: Effect<PaxosMessage>[] = [trace({ type: 'start', node: env.self, n, value: request.value })];
    for (const a of env.acceptors) effects.push({ kind: 'send', to: a, msg: { type: 'prepare', n } });
    return { state: next, effects };
  }
  if (input.kind !== 'message') return { state, effects: [] };
  const { from, msg } = input;
  const ignore = (reason: string): Transition<ProposerState> => ({
    state,
    effects: [trace({ type: 'ignored', node: env.self, label: messageLabel(from, env.self, msg), reason })],
  });
  if (msg.type !== 'promise') return ignore('proposers only act on promises');
  if (!sameBallot(msg.n, state.ballot)) return ignore(`it is for ${formatBallot(msg.n)}, not the current round ${formatBallot(state.ballot)}`);
  if (state.phase !== 'preparing') return ignore(`phase 2 of ${formatBallot(state.ballot)} has already begun`);
  if (state.promises.some((p) => p.from === from)) return ignore(`it already has ${from}'s promise`);
  const promises = [...state.promises, { from, accepted: msg.accepted }].sort((a, b) => (a.from < b.from ? -1 : 1));
  if (!isMajority(promises.length, env.acceptors.length)) return { state: { ...state, promises }, effects: [] };
  const { v, adopted } = chooseValue(promises, state.ownValue!, env.mutants);
  const n = state.ballot!;
  const effects: Effect<PaxosMessage>[] = [trace({ type: 'propose', node: env.self, n, v, adopted })];
  for (const a of env.acceptors) effects.push({ kind: 'send', to: a, msg: { type: 'accept', n, v } });
  return { state: { ...state, promises, phase: 'accepting', proposal: { n, v } }, effects };
}
