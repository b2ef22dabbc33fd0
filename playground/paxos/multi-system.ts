/**
 * Multi-Paxos by hand: the leaders and acceptors of `multi-paxos.ts` wired to a datagram
 * network (`sim/datagram.ts`), with numbered instances (log slots), as `system.ts` wires the
 * single-decree roles. `applyMultiStep(state, step)` hands one input to one node and performs
 * its effects; nothing happens that a step did not ask for, so a reader (or a test) chooses
 * every delivery. Every message is sent by a real state machine: a step only makes a leader
 * lead (phase 1 for every instance from its first unchosen one), gives a leader a command, or
 * delivers, drops, crashes and recovers.
 *
 * Steps, one a line: `lead p2`, `propose p1 A`, `deliver p1->a1 accept 1.1 #2 B`,
 * `drop …`, `crash a1`, `recover a1`. Messages are named by label (`multiLabel`), so a list
 * of steps means the same thing however the messages got there.
 *
 * `dependentOrderBroken` reads a state against primary order (Zab paper, §III): a leader's
 * commands each depend on the ones it proposed before, so one may run only after them. Multi-
 * Paxos does not promise it across leaders; this engine shows a run where it is lost.
 *
 * Imports this folder's Multi-Paxos roles, ballots and values, and the kernel's datagram pool
 * and types. Pure: never mutates a state it was given; no clock, no randomness.
 */

import { formatBallot, type Ballot } from './ballot.ts';
import { checkValue } from './messages.ts';
import { splitStepLine } from './steps.ts';
import {
  EMPTY_MULTI_ACCEPTOR,
  becomeLeader,
  initialLeader,
  proposeCommand,
  stepLeader,
  stepMultiAcceptor,
  type LeaderState,
  type MultiAcceptorState,
  type MultiEffect,
  type MultiMessage,
  type SlotProposal,
} from './multi-paxos.ts';
import { dropWhere, emptyPool, send, take, type Datagram, type DatagramPool } from '../sim/datagram.ts';
import type { DeterministicSystem } from '../sim/stepper.ts';
import type { NodeId } from '../sim/types.ts';

export type MultiStep =
  | { readonly do: 'lead'; readonly leader: NodeId }
  | { readonly do: 'propose'; readonly leader: NodeId; readonly value: string }
  | { readonly do: 'deliver' | 'drop'; readonly msg: string }
  | { readonly do: 'crash' | 'recover'; readonly acceptor: NodeId };

export type MultiEvent =
  | { readonly type: 'lead'; readonly node: NodeId; readonly n: Ballot; readonly fromSlot: number }
  | { readonly type: 'propose'; readonly node: NodeId; readonly value: string }
  | { readonly type: 'chosen'; readonly node: NodeId; readonly slot: number; readonly v: string }
  | { readonly type: 'delivered'; readonly label: string }
  | { readonly type: 'dropped'; readonly label: string; readonly reason: 'reader' | 'crashed' }
  | { readonly type: 'crash'; readonly node: NodeId }
  | { readonly type: 'recover'; readonly node: NodeId };

export interface MultiAcceptorSlot {
  readonly up: boolean;
  /** Volatile state; null while down. */
  readonly state: MultiAcceptorState | null;
  /** Stable storage: `promised` and `accepted`, as the acceptor persisted them. */
  readonly disk: Readonly<Record<string, unknown>>;
}

export interface MultiPaxosState {
  readonly leaderIds: readonly NodeId[];
  readonly acceptorIds: readonly NodeId[];
  readonly leaders: readonly LeaderState[];
  readonly acceptors: readonly MultiAcceptorSlot[];
  readonly net: DatagramPool<MultiMessage>;
  readonly history: readonly MultiEvent[];
}

export interface MultiConfig {
  readonly leaders: number;
  readonly acceptors: number;
}

const ids = (prefix: string, count: number): NodeId[] => Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`);

export function initialMultiState(config: MultiConfig = { leaders: 3, acceptors: 3 }): MultiPaxosState {
  for (const [name, v] of Object.entries(config)) {
    if (!Number.isInteger(v) || v < 1 || v > 9) throw new Error(`${name} must be an integer from 1 to 9, got ${v}`);
  }
  return {
    leaderIds: ids('p', config.leaders),
    acceptorIds: ids('a', config.acceptors),
    leaders: Array.from({ length: config.leaders }, (_, i) => initialLeader(i + 1)),
    acceptors: Array.from({ length: config.acceptors }, () => ({ up: true, state: EMPTY_MULTI_ACCEPTOR, disk: {} })),
    net: emptyPool(),
    history: [],
  };
}

const slotList = (ps: readonly SlotProposal[]): string => (ps.length === 0 ? 'none' : ps.map((p) => `#${p.slot}=${formatBallot(p.n)}:${p.v}`).join(','));

/** A message as the reader names it: `p1->a1 accept 1.1 #2 B`. */
export function describeMultiMessage(msg: MultiMessage): string {
  switch (msg.type) {
    case 'prepare':
      return `prepare ${formatBallot(msg.n)} from #${msg.fromSlot}`;
    case 'promise':
      return `promise ${formatBallot(msg.n)} from #${msg.fromSlot} accepted=${slotList(msg.accepted)}`;
    case 'accept':
      return `accept ${formatBallot(msg.n)} #${msg.slot} ${msg.v}`;
    case 'accepted':
      return `accepted ${formatBallot(msg.n)} #${msg.slot} ${msg.v}`;
  }
}

export function multiLabel(d: Datagram<MultiMessage>): string {
  return `${d.from}->${d.to} ${describeMultiMessage(d.msg)}`;
}

/** The labels of the messages in flight, oldest first. */
export function inFlightLabels(state: MultiPaxosState): string[] {
  return state.net.inFlight.map(multiLabel);
}

function indexOf(list: readonly NodeId[], id: NodeId, what: string): number {
  const i = list.indexOf(id);
  if (i < 0) throw new Error(`no ${what} ${JSON.stringify(id)} (there are ${list.join(', ')})`);
  return i;
}

interface Work {
  leaders: LeaderState[];
  acceptors: MultiAcceptorSlot[];
  net: DatagramPool<MultiMessage>;
  events: MultiEvent[];
}

function perform(w: Work, self: NodeId, effects: readonly MultiEffect[], acceptor: number | null): void {
  for (const e of effects) {
    if (e.kind === 'send') w.net = send(w.net, self, e.to, e.msg);
    else if (e.kind === 'trace') w.events.push(e.event as MultiEvent);
    else if (e.kind === 'persist' && acceptor !== null) {
      const a = w.acceptors[acceptor]!;
      w.acceptors[acceptor] = { ...a, disk: { ...a.disk, [e.key]: e.value } };
    } else throw new Error(`multi-paxos: unexpected effect ${e.kind} from ${self}`);
  }
}

function inFlight(state: MultiPaxosState, text: string): Datagram<MultiMessage> {
  const d = state.net.inFlight.find((x) => multiLabel(x) === text);
  if (!d) throw new Error(`no message ${JSON.stringify(text)} is in flight`);
  return d;
}

/** Applies one step. Throws (leaving `state` untouched) if the step is impossible now. */
export function applyMultiStep(state: MultiPaxosState, step: MultiStep): MultiPaxosState {
  const w: Work = { leaders: [...state.leaders], acceptors: [...state.acceptors], net: state.net, events: [] };
  const env = (self: NodeId) => ({ self, acceptors: state.acceptorIds });
  switch (step.do) {
    case 'lead': {
      const i = indexOf(state.leaderIds, step.leader, 'leader');
      const t = becomeLeader(w.leaders[i]!, env(step.leader));
      w.leaders[i] = t.state;
      w.events.push({ type: 'lead', node: step.leader, n: t.state.ballot!, fromSlot: t.state.fromSlot });
      perform(w, step.leader, t.effects, null);
      break;
    }
    case 'propose': {
      const i = indexOf(state.leaderIds, step.leader, 'leader');
      checkValue(step.value);
      if (w.leaders[i]!.phase === 'follower') throw new Error(`${step.leader} is not leading: lead ${step.leader} first`);
      const t = proposeCommand(w.leaders[i]!, env(step.leader), step.value);
      w.leaders[i] = t.state;
      w.events.push({ type: 'propose', node: step.leader, value: step.value });
      perform(w, step.leader, t.effects, null);
      break;
    }
    case 'deliver': {
      const taken = take(w.net, inFlight(state, step.msg).id);
      w.net = taken.pool;
      const d = taken.datagram;
      const a = state.acceptorIds.indexOf(d.to);
      if (a >= 0 && !w.acceptors[a]!.up) {
        w.events.push({ type: 'dropped', label: step.msg, reason: 'crashed' });
        break;
      }
      w.events.push({ type: 'delivered', label: step.msg });
      if (a >= 0) {
        const t = stepMultiAcceptor(w.acceptors[a]!.state!, d.from, d.msg);
        w.acceptors[a] = { ...w.acceptors[a]!, state: t.state };
        perform(w, d.to, t.effects, a);
      } else {
        const l = indexOf(state.leaderIds, d.to, 'node');
        const t = stepLeader(w.leaders[l]!, d.from, d.msg, env(d.to));
        w.leaders[l] = t.state;
        perform(w, d.to, t.effects, null);
      }
      break;
    }
    case 'drop': {
      w.net = take(w.net, inFlight(state, step.msg).id).pool;
      w.events.push({ type: 'dropped', label: step.msg, reason: 'reader' });
      break;
    }
    case 'crash': {
      const a = indexOf(state.acceptorIds, step.acceptor, 'acceptor');
      if (!w.acceptors[a]!.up) throw new Error(`${step.acceptor} is already down`);
      w.acceptors[a] = { up: false, state: null, disk: w.acceptors[a]!.disk };
      w.events.push({ type: 'crash', node: step.acceptor });
      const lost = dropWhere(w.net, (d) => d.to === step.acceptor);
      w.net = lost.pool;
      for (const d of lost.dropped) w.events.push({ type: 'dropped', label: multiLabel(d), reason: 'crashed' });
      break;
    }
    case 'recover': {
      const a = indexOf(state.acceptorIds, step.acceptor, 'acceptor');
      const slot = w.acceptors[a]!;
      if (slot.up) throw new Error(`${step.acceptor} is not down`);
      const recovered: MultiAcceptorState = {
        promised: (slot.disk['promised'] as Ballot | undefined) ?? null,
        accepted: (slot.disk['accepted'] as SlotProposal[] | undefined) ?? [],
      };
      w.acceptors[a] = { up: true, state: recovered, disk: slot.disk };
      w.events.push({ type: 'recover', node: step.acceptor });
      break;
    }
    default:
      throw new Error(`unknown step ${JSON.stringify(step)}`);
  }
  return { ...state, leaders: w.leaders, acceptors: w.acceptors, net: w.net, history: [...state.history, ...w.events] };
}

/** Reads a step's line: `lead p2`, `propose p1 A`, `deliver <label>`, `drop <label>`, `crash a1`, `recover a1`. */
export function parseMultiStep(line: string): MultiStep {
  const { verb, rest, bad } = splitStepLine(line);
  switch (verb) {
    case 'lead':
      return /^\S+$/.test(rest) ? { do: 'lead', leader: rest } : bad('lead needs one leader ("lead p2")');
    case 'propose': {
      const m = /^(\S+) (\S+)$/.exec(rest);
      return m ? { do: 'propose', leader: m[1]!, value: m[2]! } : bad('propose needs "<leader> <value>"');
    }
    case 'deliver':
    case 'drop':
      return /^\S+->\S+ \S/.test(rest) ? { do: verb, msg: rest } : bad(`${verb} needs a message ("p1->a1 accept 1.1 #1 A")`);
    case 'crash':
    case 'recover':
      return /^\S+$/.test(rest) ? { do: verb, acceptor: rest } : bad(`${verb} needs one acceptor`);
    default:
      return bad('a step starts with lead, propose, deliver, drop, crash or recover');
  }
}

/** A step as its line: the inverse of `parseMultiStep`. */
export function describeMultiStep(step: MultiStep): string {
  switch (step.do) {
    case 'lead':
      return `lead ${step.leader}`;
    case 'propose':
      return `propose ${step.leader} ${step.value}`;
    case 'deliver':
    case 'drop':
      return `${step.do} ${step.msg}`;
    case 'crash':
    case 'recover':
      return `${step.do} ${step.acceptor}`;
  }
}

/** Multi-Paxos by hand as a `DeterministicSystem` for the generic stepper (sim/stepper.ts). */
export function multiPaxosSystem(config?: MultiConfig): DeterministicSystem<MultiPaxosState, MultiStep> {
  return { initial: () => initialMultiState(config), apply: applyMultiStep };
}

/** Runs step lines from the initial state; an error names the line that failed. */
export function replayMulti(lines: readonly string[], config?: MultiConfig): MultiPaxosState {
  let state = initialMultiState(config);
  lines.forEach((line, i) => {
    try {
      state = applyMultiStep(state, parseMultiStep(line));
    } catch (e) {
      throw new Error(`line ${i + 1}: ${(e as Error).message}`, { cause: e });
    }
  });
  return state;
}

/** The log as a learner of every leader's decisions sees it: each instance's chosen value. */
export function chosenLog(state: MultiPaxosState): { readonly slot: number; readonly v: string }[] {
  const bySlot = new Map<number, string>();
  for (const e of state.history) if (e.type === 'chosen' && !bySlot.has(e.slot)) bySlot.set(e.slot, e.v);
  return [...bySlot.entries()].sort((a, b) => a[0] - b[0]).map(([slot, v]) => ({ slot, v }));
}

/** The chosen prefix, in instance order: what a replica may execute. */
export function executedLog(state: MultiPaxosState): string[] {
  const log = chosenLog(state);
  const out: string[] = [];
  for (let slot = 1; log[slot - 1]?.slot === slot; slot++) out.push(log[slot - 1]!.v);
  return out;
}

/** One break of primary order: `later` ran at instance `at` though `earlier`, proposed before it by the same leader, did not run ahead of it. */
export interface OrderBreak {
  readonly leader: NodeId;
  readonly later: string;
  readonly at: number;
  readonly earlier: string;
  /** Where `earlier` ran, or null if it did not. */
  readonly earlierAt: number | null;
  /** True when every instance the leader proposed `earlier` in was chosen with another value: it can never run there. */
  readonly earlierLost: boolean;
}

/**
 * Primary order, read off the run: for each leader, its commands in the order it proposed
 * them; a command executed while one its leader proposed before it is not executed ahead of
 * it breaks the order (Zab paper, §III-A, local primary order across primaries).
 */
export function orderBreaks(state: MultiPaxosState): OrderBreak[] {
  const executed = executedLog(state);
  const chosen = new Map(chosenLog(state).map((c) => [c.slot, c.v]));
  const breaks: OrderBreak[] = [];
  const byLeader = new Map<NodeId, string[]>();
  for (const e of state.history) if (e.type === 'propose') byLeader.set(e.node, [...(byLeader.get(e.node) ?? []), e.value]);
  for (const [leader, commands] of byLeader) {
    const i = state.leaderIds.indexOf(leader);
    commands.forEach((later, j) => {
      const at = executed.indexOf(later);
      if (at < 0) return;
      for (const earlier of commands.slice(0, j)) {
        const before = executed.indexOf(earlier);
        if (before >= 0 && before < at) continue;
        const slots = proposedSlots(state, i, earlier);
        const earlierLost = slots.length > 0 && slots.every((slot) => chosen.has(slot) && chosen.get(slot) !== earlier);
        breaks.push({ leader, later, at: at + 1, earlier, earlierAt: before < 0 ? null : before + 1, earlierLost });
      }
    });
  }
  return breaks;
}

/** The instances a leader gave a command to (its own proposals carry the slot; the history does not). */
function proposedSlots(state: MultiPaxosState, leader: number, v: string): number[] {
  const mine = state.net.inFlight.filter((d) => d.from === state.leaderIds[leader] && d.msg.type === 'accept' && d.msg.v === v).map((d) => (d.msg as { slot: number }).slot);
  const own = state.leaders[leader]?.proposals.filter((p) => p.v === v).map((p) => p.slot) ?? [];
  const accepted = state.acceptors.flatMap((a) => ((a.disk['accepted'] as SlotProposal[] | undefined) ?? []).filter((p) => p.v === v && p.n.proposer === leader + 1).map((p) => p.slot));
  return [...new Set([...own, ...mine, ...accepted])].sort((a, b) => a - b);
}

/** The breaks of `orderBreaks`, one sentence each; none if the order held. */
export function dependentOrderBroken(state: MultiPaxosState): string[] {
  return orderBreaks(state).map((b) => `${b.later} (from ${b.leader}) runs at instance ${b.at} without ${b.earlier}, which ${b.leader} proposed before it, ahead of it`);
}
