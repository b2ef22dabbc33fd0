/**
 * The Paxos acceptor as a pure state machine (Paxos Made Simple §2.2, stable storage §2.5).
 *
 * State: `promised`, the highest prepare number it has answered, and `accepted`, the
 * proposal it accepted last (the highest-numbered one, under the correct rules). Both are
 * stable: every change is a `persist` effect placed BEFORE the reply, so a crash can never
 * leave a reply in the world that the disk does not back. After a crash the acceptor is
 * rebuilt from its disk alone (`recoverAcceptor`).
 *
 * Rules, exactly as PMS states them:
 * - prepare(n) (§2.2 phase 1b): if n is greater than any prepare it has answered, promise n
 *   and report its accepted proposal; otherwise ignore. A duplicate prepare(n) with
 *   n == promised is therefore ignored, too (the proposer already has that promise).
 * - accept(n, v) (§2.2 P1a): accept unless it has answered a prepare numbered greater than
 *   n, i.e. accept iff n >= promised; then tell every learner (§2.3).
 * No Nack is sent: PMS calls it an optimisation that does not affect correctness.
 *
 * Imports ballots, messages, events, mutants and the kernel's node contract types. Never
 * reads a clock or randomness; never mutates its input state.
 */

import { compareBallots, formatBallot, type Ballot, type Proposal } from './ballot.ts';
import type { PaxosEvent } from './events.ts';
import { messageLabel, type PaxosMessage } from './messages.ts';
import type { MutantName } from './mutants.ts';
import type { Effect, Input, NodeId } from '../sim/types.ts';

export interface AcceptorState {
  readonly promised: Ballot | null;
  readonly accepted: Proposal | null;
}

export interface AcceptorEnv {
  readonly self: NodeId;
  readonly learners: readonly NodeId[];
  readonly mutants: readonly MutantName[];
}

export interface Transition<S> {
  readonly state: S;
  readonly effects: Effect<PaxosMessage>[];
}

export const EMPTY_ACCEPTOR: AcceptorState = { promised: null, accepted: null };

/** Durable keys, as written by `persist` effects. */
export const PROMISED_KEY = 'promised';
export const ACCEPTED_KEY = 'accepted';

/** Rebuild an acceptor after a restart from what it persisted (nothing persisted = fresh). */
export function recoverAcceptor(durable: (key: string) => unknown): AcceptorState {
  return {
    promised: (durable(PROMISED_KEY) as Ballot | undefined) ?? null,
    accepted: (durable(ACCEPTED_KEY) as Proposal | undefined) ?? null,
  };
}

function trace(event: PaxosEvent): Effect<PaxosMessage> {
  return { kind: 'trace', event };
}

export function stepAcceptor(state: AcceptorState, input: Input<PaxosMessage>, env: AcceptorEnv): Transition<AcceptorState> {
  if (input.kind !== 'message') return { state, effects: [] };
  const { from, msg } = input;
  const label = messageLabel(from, env.self, msg);
  switch (msg.type) {
    case 'prepare': {
      if (compareBallots(msg.n, state.promised) <= 0) {
        const reason = `it already promised ${formatBallot(state.promised)}, which is not below ${formatBallot(msg.n)}`;
        return { state, effects: [trace({ type: 'ignored', node: env.self, label, reason })] };
      }
      const next: AcceptorState = { promised: msg.n, accepted: state.accepted };
      return {
        state: next,
        effects: [
          { kind: 'persist', key: PROMISED_KEY, value: msg.n },
          trace({ type: 'promise', node: env.self, n: msg.n, accepted: state.accepted }),
          { kind: 'send', to: from, msg: { type: 'promise', n: msg.n, accepted: state.accepted } },
        ],
      };
    }
    case 'accept': {
      const allowed = compareBallots(msg.n, state.promised) >= 0 || env.mutants.includes('accept-lower-ballot');
      if (!allowed) {
        const reason = `it promised ${formatBallot(state.promised)}, above ${formatBallot(msg.n)} (P1a)`;
        return { state, effects: [trace({ type: 'ignored', node: env.self, label, reason })] };
      }
      const promised = compareBallots(msg.n, state.promised) > 0 ? msg.n : state.promised;
      const accepted: Proposal = { n: msg.n, v: msg.v };
      const effects: Effect<PaxosMessage>[] = [];
      if (promised !== state.promised) effects.push({ kind: 'persist', key: PROMISED_KEY, value: promised });
      effects.push({ kind: 'persist', key: ACCEPTED_KEY, value: accepted });
      effects.push(trace({ type: 'accepted', node: env.self, n: msg.n, v: msg.v }));
      for (const learner of env.learners) effects.push({ kind: 'send', to: learner, msg: { type: 'accepted', n: msg.n, v: msg.v } });
      return { state: { promised, accepted }, effects };
    }
    default: {
      const reason = 'acceptors only answer prepare and accept';
      return { state, effects: [trace({ type: 'ignored', node: env.self, label, reason })] };
    }
  }
}
