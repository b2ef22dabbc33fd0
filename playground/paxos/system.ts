/**
 * Single-decree Paxos as one deterministic system: proposers, acceptors and learners (the
 * pure state machines in this folder) wired to a datagram network (`sim/datagram.ts`), with
 * acceptor crashes and recoveries. `applyStep(state, step)` is the whole behaviour: it hands
 * one input to one node, performs the node's effects (send → the pool; persist → that
 * acceptor's disk; trace → the history) and returns a new state. Nothing happens that a step
 * did not ask for, so the reader (or a model checker) chooses every delivery.
 *
 * A crashed acceptor keeps only its disk; messages in flight to it are lost at the crash,
 * and any sent to it while it is down are lost when delivered. Recovery rebuilds it from
 * the disk. The `forget-on-crash` mutant wipes the disk instead.
 *
 * The `history` is the engine's trace: every protocol event in order. The agreement checker
 * and the views read it; nodes never do.
 *
 * Imports this folder's roles and the kernel's datagram pool and types. Pure: never mutates
 * a state it was given; no clock, no randomness.
 */

import { EMPTY_ACCEPTOR, recoverAcceptor, stepAcceptor, type AcceptorState, type Transition } from './acceptor.ts';
import type { PaxosEvent } from './events.ts';
import { EMPTY_LEARNER, stepLearner, type LearnerState } from './learner.ts';
import { checkValue, messageLabel, type PaxosMessage } from './messages.ts';
import { checkMutants, type MutantName } from './mutants.ts';
import { initialProposer, stepProposer, type ProposerState } from './proposer.ts';
import type { PaxosStep } from './steps.ts';
import { dropWhere, duplicate, emptyPool, send, take, type Datagram, type DatagramPool } from '../sim/datagram.ts';
import type { Effect, Input, NodeId } from '../sim/types.ts';

export interface PaxosConfig {
  readonly acceptors: number;
  readonly proposers: number;
  readonly learners: number;
  readonly mutants: readonly MutantName[];
}

export const DEFAULT_CONFIG: PaxosConfig = { acceptors: 3, proposers: 2, learners: 1, mutants: [] };

export interface AcceptorSlot {
  readonly up: boolean;
  /** Volatile view of the acceptor; null while it is down. */
  readonly state: AcceptorState | null;
  /** Stable storage: survives a crash. */
  readonly disk: Readonly<Record<string, unknown>>;
}

export interface PaxosState {
  readonly config: PaxosConfig;
  readonly proposerIds: readonly NodeId[];
  readonly acceptorIds: readonly NodeId[];
  readonly learnerIds: readonly NodeId[];
  readonly proposers: readonly ProposerState[];
  readonly acceptors: readonly AcceptorSlot[];
  readonly learners: readonly LearnerState[];
  readonly net: DatagramPool<PaxosMessage>;
  /** Every protocol event so far, oldest first. */
  readonly history: readonly PaxosEvent[];
  /** Index in `history` of the first event the last step produced. */
  readonly lastStepFrom: number;
}

const ids = (prefix: string, count: number): NodeId[] => Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`);

function checkConfig(config: PaxosConfig): PaxosConfig {
  const within = (name: string, v: number, lo: number, hi: number): void => {
    if (!Number.isInteger(v) || v < lo || v > hi) throw new Error(`${name} must be an integer from ${lo} to ${hi}, got ${v}`);
  };
  within('acceptors', config.acceptors, 1, 9);
  within('proposers', config.proposers, 1, 9);
  within('learners', config.learners, 0, 9);
  return { ...config, mutants: checkMutants(config.mutants) };
}

export function initialState(config: PaxosConfig = DEFAULT_CONFIG): PaxosState {
  const c = checkConfig(config);
  return {
    config: c,
    proposerIds: ids('p', c.proposers),
    acceptorIds: ids('a', c.acceptors),
    learnerIds: ids('l', c.learners),
    proposers: Array.from({ length: c.proposers }, (_, i) => initialProposer(i + 1)),
    acceptors: Array.from({ length: c.acceptors }, () => ({ up: true, state: EMPTY_ACCEPTOR, disk: {} })),
    learners: Array.from({ length: c.learners }, () => EMPTY_LEARNER),
    net: emptyPool(),
    history: [],
    lastStepFrom: 0,
  };
}

export function label(d: Datagram<PaxosMessage>): string {
  return messageLabel(d.from, d.to, d.msg);
}

/** The first message in flight with this label, or undefined. */
export function findByLabel(state: PaxosState, text: string): Datagram<PaxosMessage> | undefined {
  return state.net.inFlight.find((d) => label(d) === text);
}

/** Mutable scratch copy used while one step runs; frozen back into a PaxosState at the end. */
interface Work {
  proposers: ProposerState[];
  acceptors: AcceptorSlot[];
  learners: LearnerState[];
  net: DatagramPool<PaxosMessage>;
  events: PaxosEvent[];
}

function indexOf(list: readonly NodeId[], id: NodeId, what: string): number {
  const i = list.indexOf(id);
  if (i < 0) throw new Error(`no ${what} ${JSON.stringify(id)} (there are ${list.join(', ')})`);
  return i;
}

function perform(w: Work, self: NodeId, effects: readonly Effect<PaxosMessage>[], acceptorIndex: number | null): void {
  for (const e of effects) {
    if (e.kind === 'send') w.net = send(w.net, self, e.to, e.msg);
    else if (e.kind === 'trace') w.events.push(e.event as PaxosEvent);
    else if (e.kind === 'persist' && acceptorIndex !== null) {
      const slot = w.acceptors[acceptorIndex]!;
      w.acceptors[acceptorIndex] = { ...slot, disk: { ...slot.disk, [e.key]: e.value } };
    } else throw new Error(`paxos: unexpected effect ${e.kind} from ${self}`);
  }
}

function deliverTo(s: PaxosState, w: Work, d: Datagram<PaxosMessage>): void {
  const input: Input<PaxosMessage> = { kind: 'message', from: d.from, msg: d.msg };
  const a = s.acceptorIds.indexOf(d.to);
  if (a >= 0) {
    const slot = w.acceptors[a]!;
    if (!slot.up) {
      w.events.push({ type: 'dropped', label: label(d), reason: 'crashed' });
      return;
    }
    w.events.push({ type: 'delivered', label: label(d) });
    const t = stepAcceptor(slot.state!, input, { self: d.to, learners: s.learnerIds, mutants: s.config.mutants });
    w.acceptors[a] = { ...w.acceptors[a]!, state: t.state };
    perform(w, d.to, t.effects, a);
    return;
  }
  w.events.push({ type: 'delivered', label: label(d) });
  const p = s.proposerIds.indexOf(d.to);
  if (p >= 0) {
    const t = stepProposer(w.proposers[p]!, input, { self: d.to, acceptors: s.acceptorIds, mutants: s.config.mutants });
    w.proposers[p] = t.state;
    perform(w, d.to, t.effects, null);
    return;
  }
  const l = indexOf(s.learnerIds, d.to, 'node');
  const t: Transition<LearnerState> = stepLearner(w.learners[l]!, input, { self: d.to, acceptorCount: s.acceptorIds.length });
  w.learners[l] = t.state;
  perform(w, d.to, t.effects, null);
}

function inFlight(s: PaxosState, text: string): Datagram<PaxosMessage> {
  const d = findByLabel(s, text);
  if (!d) throw new Error(`no message ${JSON.stringify(text)} is in flight`);
  return d;
}

/** Applies one reader step. Throws (leaving `state` untouched) if the step is impossible now. */
export function applyStep(state: PaxosState, step: PaxosStep): PaxosState {
  const w: Work = {
    proposers: [...state.proposers],
    acceptors: [...state.acceptors],
    learners: [...state.learners],
    net: state.net,
    events: [],
  };
  switch (step.do) {
    case 'start': {
      const p = indexOf(state.proposerIds, step.proposer, 'proposer');
      checkValue(step.value);
      const input: Input<PaxosMessage> = { kind: 'request', value: { type: 'start', value: step.value } };
      const t = stepProposer(w.proposers[p]!, input, { self: step.proposer, acceptors: state.acceptorIds, mutants: state.config.mutants });
      w.proposers[p] = t.state;
      perform(w, step.proposer, t.effects, null);
      break;
    }
    case 'deliver': {
      const taken = take(w.net, inFlight(state, step.msg).id);
      w.net = taken.pool;
      deliverTo(state, w, taken.datagram);
      break;
    }
    case 'drop': {
      const d = inFlight(state, step.msg);
      w.net = take(w.net, d.id).pool;
      w.events.push({ type: 'dropped', label: step.msg, reason: 'reader' });
      break;
    }
    case 'duplicate': {
      w.net = duplicate(w.net, inFlight(state, step.msg).id);
      w.events.push({ type: 'duplicated', label: step.msg });
      break;
    }
    case 'crash': {
      const a = indexOf(state.acceptorIds, step.acceptor, 'acceptor');
      if (!w.acceptors[a]!.up) throw new Error(`${step.acceptor} is already down`);
      const forget = state.config.mutants.includes('forget-on-crash');
      w.acceptors[a] = { up: false, state: null, disk: forget ? {} : w.acceptors[a]!.disk };
      w.events.push({ type: 'crash', node: step.acceptor });
      const lost = dropWhere(w.net, (d) => d.to === step.acceptor);
      w.net = lost.pool;
      for (const d of lost.dropped) w.events.push({ type: 'dropped', label: label(d), reason: 'crashed' });
      break;
    }
    case 'recover': {
      const a = indexOf(state.acceptorIds, step.acceptor, 'acceptor');
      const slot = w.acceptors[a]!;
      if (slot.up) throw new Error(`${step.acceptor} is not down`);
      const recovered = recoverAcceptor((key) => slot.disk[key]);
      w.acceptors[a] = { up: true, state: recovered, disk: slot.disk };
      w.events.push({ type: 'recover', node: step.acceptor, promised: recovered.promised, accepted: recovered.accepted });
      break;
    }
    default:
      throw new Error(`unknown step ${JSON.stringify(step)}`);
  }
  return {
    ...state,
    proposers: w.proposers,
    acceptors: w.acceptors,
    learners: w.learners,
    net: w.net,
    history: [...state.history, ...w.events],
    lastStepFrom: state.history.length,
  };
}

/** The events the last step produced. */
export function lastEvents(state: PaxosState): readonly PaxosEvent[] {
  return state.history.slice(state.lastStepFrom);
}
