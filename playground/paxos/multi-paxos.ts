/**
 * Multi-Paxos with a distinguished leader (Paxos Made Simple §3), as pure state machines:
 * one consensus instance per log slot, and a leader that runs phase 1 ONCE for every slot
 * from k on, then spends only phase 2 on each new command.
 *
 * - `prepare(n, fromSlot k)` covers the unbounded set of instances k, k+1, ... in one message;
 *   an acceptor promises n for all of them and reports its accepted proposal for every slot
 *   >= k (§3: "phase 1 for infinitely many instances" with "a reasonably short message").
 * - With a majority of promises the leader proposes, for each reported slot, the value of the
 *   highest-numbered proposal reported for it (§2.2 per instance), fills gaps below the
 *   highest reported slot with a no-op (§3: "no-op" commands keep later ones executable),
 *   and then assigns new commands to fresh slots with accept(n, slot, v) only.
 * - Acceptors answer accept(n, slot, v) iff n >= their one promise (P1a), back to the leader,
 *   which is also the distinguished learner (§2.3): a majority of accepted(n, slot, v) means
 *   the slot is chosen. Slots may be chosen out of order; `executable` is the chosen prefix.
 * - A higher-numbered leader makes acceptors ignore the old leader's accepts.
 *
 * Imports ballots, quorum and the kernel's node contract types. Never mutates input states.
 */

import { compareBallots, sameBallot, type Ballot, type Proposal } from './ballot.ts';
import { isMajority } from './quorum.ts';
import type { Effect, NodeId } from '../sim/types.ts';

export const NO_OP = 'no-op';

export interface SlotProposal extends Proposal {
  readonly slot: number;
}

export type MultiMessage =
  | { readonly type: 'prepare'; readonly n: Ballot; readonly fromSlot: number }
  | { readonly type: 'promise'; readonly n: Ballot; readonly fromSlot: number; readonly accepted: readonly SlotProposal[] }
  | { readonly type: 'accept'; readonly n: Ballot; readonly slot: number; readonly v: string }
  | { readonly type: 'accepted'; readonly n: Ballot; readonly slot: number; readonly v: string };

export type MultiEffect = Effect<MultiMessage>;

export interface MultiTransition<S> {
  readonly state: S;
  readonly effects: MultiEffect[];
}

// ---- acceptor -------------------------------------------------------------------------

export interface MultiAcceptorState {
  readonly promised: Ballot | null;
  /** Accepted proposal per slot, sorted by slot. */
  readonly accepted: readonly SlotProposal[];
}

export const EMPTY_MULTI_ACCEPTOR: MultiAcceptorState = { promised: null, accepted: [] };

export function stepMultiAcceptor(state: MultiAcceptorState, from: NodeId, msg: MultiMessage): MultiTransition<MultiAcceptorState> {
  if (msg.type === 'prepare') {
    if (compareBallots(msg.n, state.promised) <= 0) return { state, effects: [] };
    const reported = state.accepted.filter((p) => p.slot >= msg.fromSlot);
    return {
      state: { ...state, promised: msg.n },
      effects: [
        { kind: 'persist', key: 'promised', value: msg.n },
        { kind: 'send', to: from, msg: { type: 'promise', n: msg.n, fromSlot: msg.fromSlot, accepted: reported } },
      ],
    };
  }
  if (msg.type === 'accept') {
    if (compareBallots(msg.n, state.promised) < 0) return { state, effects: [] };
    const entry: SlotProposal = { slot: msg.slot, n: msg.n, v: msg.v };
    const accepted = [...state.accepted.filter((p) => p.slot !== msg.slot), entry].sort((a, b) => a.slot - b.slot);
    return {
      state: { promised: compareBallots(msg.n, state.promised) > 0 ? msg.n : state.promised, accepted },
      effects: [
        { kind: 'persist', key: 'accepted', value: accepted },
        { kind: 'send', to: from, msg: { type: 'accepted', n: msg.n, slot: msg.slot, v: msg.v } },
      ],
    };
  }
  return { state, effects: [] };
}

// ---- leader (distinguished proposer and learner) -----------------------------------------

export interface LeaderState {
  readonly index: number;
  readonly lastRound: number;
  readonly phase: 'follower' | 'preparing' | 'leading';
  readonly ballot: Ballot | null;
  /** Phase 1 covers every slot from here on. */
  readonly fromSlot: number;
  readonly promises: readonly { readonly from: NodeId; readonly accepted: readonly SlotProposal[] }[];
  /** The next slot a new command gets. */
  readonly nextSlot: number;
  /** Proposals issued under `ballot`, by slot. */
  readonly proposals: readonly SlotProposal[];
  /** Accepted reports for the current ballot: "slot:acceptor". */
  readonly votes: readonly string[];
  /** Chosen value per slot (sparse, sorted by slot). */
  readonly chosen: readonly { readonly slot: number; readonly v: string }[];
  /** Commands waiting for phase 1 to finish. */
  readonly queue: readonly string[];
}

export interface LeaderEnv {
  readonly self: NodeId;
  readonly acceptors: readonly NodeId[];
}

export function initialLeader(index: number): LeaderState {
  return { index, lastRound: 0, phase: 'follower', ballot: null, fromSlot: 1, promises: [], nextSlot: 1, proposals: [], votes: [], chosen: [], queue: [] };
}

function accepts(env: LeaderEnv, n: Ballot, list: readonly SlotProposal[]): MultiEffect[] {
  return list.flatMap((p) => env.acceptors.map((to): MultiEffect => ({ kind: 'send', to, msg: { type: 'accept', n, slot: p.slot, v: p.v } })));
}

/** Run phase 1 once for every slot from the first one this leader does not know to be chosen. */
export function becomeLeader(state: LeaderState, env: LeaderEnv): MultiTransition<LeaderState> {
  const n: Ballot = { round: state.lastRound + 1, proposer: state.index };
  const fromSlot = firstUnchosen(state);
  const effects: MultiEffect[] = env.acceptors.map((to) => ({ kind: 'send', to, msg: { type: 'prepare', n, fromSlot } }));
  return {
    state: { ...state, lastRound: n.round, phase: 'preparing', ballot: n, fromSlot, promises: [], proposals: [], votes: [], nextSlot: fromSlot },
    effects,
  };
}

/** A client command: phase 2 only when leading; queued while phase 1 runs. */
export function proposeCommand(state: LeaderState, env: LeaderEnv, command: string): MultiTransition<LeaderState> {
  if (state.phase !== 'leading') return { state: { ...state, queue: [...state.queue, command] }, effects: [] };
  const p: SlotProposal = { slot: state.nextSlot, n: state.ballot!, v: command };
  return { state: { ...state, nextSlot: p.slot + 1, proposals: [...state.proposals, p] }, effects: accepts(env, p.n, [p]) };
}

export function firstUnchosen(state: LeaderState): number {
  let slot = 1;
  while (state.chosen.some((c) => c.slot === slot)) slot += 1;
  return slot;
}

/** The commands that can run: the chosen slots from 1 up to the first gap (§3: execution is in slot order). */
export function executable(state: LeaderState): string[] {
  const out: string[] = [];
  for (let slot = 1; ; slot++) {
    const c = state.chosen.find((x) => x.slot === slot);
    if (!c) return out;
    out.push(c.v);
  }
}

export function stepLeader(state: LeaderState, from: NodeId, msg: MultiMessage, env: LeaderEnv): MultiTransition<LeaderState> {
  if (msg.type === 'promise') {
    if (state.phase !== 'preparing' || !sameBallot(msg.n, state.ballot) || state.promises.some((p) => p.from === from)) return { state, effects: [] };
    const promises = [...state.promises, { from, accepted: msg.accepted }];
    if (!isMajority(promises.length, env.acceptors.length)) return { state: { ...state, promises }, effects: [] };
    const n = state.ballot!;
    // Per slot, the highest-numbered reported proposal (§2.2); gaps below the top become no-ops (§3).
    const best = new Map<number, Proposal>();
    for (const p of promises.flatMap((x) => x.accepted)) {
      if (state.chosen.some((c) => c.slot === p.slot)) continue;
      const cur = best.get(p.slot);
      if (!cur || compareBallots(p.n, cur.n) > 0) best.set(p.slot, p);
    }
    const top = Math.max(state.fromSlot - 1, ...best.keys());
    const reproposed: SlotProposal[] = [];
    for (let slot = state.fromSlot; slot <= top; slot++) {
      if (state.chosen.some((c) => c.slot === slot)) continue;
      reproposed.push({ slot, n, v: best.get(slot)?.v ?? NO_OP });
    }
    let next: LeaderState = { ...state, promises, phase: 'leading', nextSlot: top + 1, proposals: reproposed, queue: [] };
    const effects = accepts(env, n, reproposed);
    for (const command of state.queue) {
      const t = proposeCommand(next, env, command);
      next = t.state;
      effects.push(...t.effects);
    }
    return { state: next, effects };
  }
  if (msg.type === 'accepted') {
    if (!sameBallot(msg.n, state.ballot)) return { state, effects: [] };
    const vote = `${msg.slot}:${from}`;
    if (state.votes.includes(vote)) return { state, effects: [] };
    const votes = [...state.votes, vote];
    const count = votes.filter((x) => x.startsWith(`${msg.slot}:`)).length;
    if (!isMajority(count, env.acceptors.length) || state.chosen.some((c) => c.slot === msg.slot)) return { state: { ...state, votes }, effects: [] };
    const chosen = [...state.chosen, { slot: msg.slot, v: msg.v }].sort((a, b) => a.slot - b.slot);
    return {
      state: { ...state, votes, chosen },
      effects: [{ kind: 'trace', event: { type: 'chosen', node: env.self, slot: msg.slot, v: msg.v } }],
    };
  }
  return { state, effects: [] };
}
