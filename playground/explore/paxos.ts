/**
 * Exhaustive exploration of a bounded single-decree Paxos configuration, breadth first.
 *
 * From the initial state, every enabled step is tried: each proposer may start up to
 * `rounds` rounds, proposer pi's r-th round proposing the distinct value `<letter><r>`
 * (p1: X1, X2; p2: Y1, Y2; ...); any message in flight may be delivered or dropped (so
 * every delivery order and every pattern of loss is covered); optionally up to `duplicates`
 * duplications and up to `crashes` acceptor crashes (each crash may be followed by a
 * recovery) in the whole run. States are deduplicated by a canonical key: node states,
 * the multiset of messages in flight (by label, ids ignored), the budgets used, and the set
 * of acceptances and learnings so far (the part of the history the checker reads), so two
 * states with one key get the same verdict.
 *
 * Why duplicates default to 0: a delivered duplicate changes nothing that a drop would not.
 * A second prepare(n) meets promised >= n and is ignored; a second accept(n, v) either is
 * ignored or re-accepts the same (n, v), re-sending `accepted` (n, v), which the learner
 * counts once; a second promise is ignored by the proposer (one per acceptor); a second
 * `accepted` is counted once. So under the correct rules duplication adds no reachable
 * acceptance that drops + reordering do not already reach; `--duplicates 1` checks that on
 * small spaces (test/unit/paxos/explore.test.ts).
 *
 * Terminal states are the quiescent ones: nothing in flight and every proposer has started
 * all its rounds. Each is checked with the agreement checker (check/paxos-agreement.ts);
 * every state is also checked when its step accepted or learned something, and the first
 * violating state found is, by breadth-first order, a shortest violation.
 *
 * Imports the engine and the checker. Pure: no clock, no I/O (the CLI times and prints).
 */

import { checkAgreement } from '../check/paxos-agreement.ts';
import { compareBallots, formatBallot, sameBallot, type Ballot } from '../paxos/ballot.ts';
import { describeMessage, type PaxosMessage } from '../paxos/messages.ts';
import type { MutantName } from '../paxos/mutants.ts';
import type { PaxosStep } from '../paxos/steps.ts';
import { applyStep, initialState, label, type PaxosState } from '../paxos/system.ts';
import { dropWhere, type Datagram } from '../sim/datagram.ts';
import type { NodeId } from '../sim/types.ts';

export interface ExploreOptions {
  readonly acceptors: number;
  readonly proposers: number;
  readonly rounds: number;
  readonly learners?: number;
  readonly duplicates?: number;
  readonly crashes?: number;
  /** Treat acceptors as interchangeable when deduplicating (default true; up to 5 acceptors). */
  readonly symmetry?: boolean;
  /** Lose dead messages at once (default true; see isDead). Off only to cross-check the reduction. */
  readonly collectDead?: boolean;
  /** Also try dropping each message as a step (implicit otherwise: see the file comment). */
  readonly explicitDrops?: boolean;
  readonly mutants?: readonly MutantName[];
  /**
   * Stop at the first violating state (the shortest, by breadth-first order) instead of
   * exploring everything. Its completion (remaining rounds started, everything in flight
   * lost) is a terminal state that violates safety, and is counted as one failed state.
   */
  readonly stopAtFirstViolation?: boolean;
  /** Give up (result.complete = false) after this many distinct states. */
  readonly maxStates?: number;
}

export interface ExploreResult {
  /** Distinct states reached (after deduplication). */
  readonly states: number;
  /** Steps tried, including those that led to an already-seen state. */
  readonly transitions: number;
  /** Quiescent states checked (K + F). */
  readonly terminal: number;
  readonly passed: number;
  readonly failed: number;
  /** Distinct states (terminal or not) whose history violates the checker. */
  readonly violatingStates: number;
  /** False if the state limit was reached before the space was exhausted. */
  readonly complete: boolean;
  /** True if exploration stopped at the first violation (see stopAtFirstViolation). */
  readonly stoppedEarly: boolean;
  /** Steps from the initial state to the first violating state found, with its violations. */
  readonly shortest: { readonly steps: readonly PaxosStep[]; readonly violations: readonly string[] } | null;
}

const LETTERS = 'XYZWVUTS';

export function valueFor(proposer: number, round: number): string {
  return `${LETTERS[(proposer - 1) % LETTERS.length]}${round}`;
}

interface Node {
  readonly state: PaxosState;
  readonly dups: number;
  readonly crashes: number;
}

function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1).flatMap((p) => Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]));
}

const proposalText = (p: { n: Ballot; v: string } | null): string => (p ? `${formatBallot(p.n)}:${p.v}` : '-');

/** The state's key with acceptor i renamed to acceptor perm[i]. */
function keyUnder(n: Node, perm: readonly number[], withMessages: boolean): string {
  const s = n.state;
  const ids = s.acceptorIds;
  const rn = (id: NodeId): string => {
    const i = ids.indexOf(id);
    return i < 0 ? id : `a${perm[i]! + 1}`;
  };
  // Budgets used are part of a state (they bound its future) but not of a terminal outcome.
  const parts: string[] = withMessages ? [`d${n.dups}c${n.crashes}`] : [];
  for (const p of s.proposers) {
    parts.push(`P${p.lastRound}${p.phase[0]}${p.promises.map((x) => `${rn(x.from)}=${proposalText(x.accepted)}`).sort().join(',')}`);
  }
  const acceptors: string[] = [];
  s.acceptors.forEach((a, i) => {
    const st = a.state;
    acceptors[perm[i]!] = `A${a.up ? 'u' : 'd'}${st ? `${formatBallot(st.promised)}/${proposalText(st.accepted)}` : ''}|${JSON.stringify(a.disk)}`;
  });
  parts.push(...acceptors);
  for (const l of s.learners) parts.push(`L${l.votes.map((x) => `${rn(x.acceptor)}${formatBallot(x.n)}${x.v}`).sort().join(',')}`);
  if (withMessages) parts.push(`M${s.net.inFlight.map((d) => `${rn(d.from)}>${rn(d.to)} ${describeMessage(d.msg)}`).sort().join(';')}`);
  const facts = new Set<string>();
  for (const e of s.history) {
    if (e.type === 'accepted' || e.type === 'learned') facts.add(`${e.type[0]}${rn(e.node)}${formatBallot(e.n)}${e.v}`);
  }
  parts.push(`H${[...facts].sort().join(',')}`);
  return parts.join('#');
}

/** The canonical key: the least key over the acceptor permutations (acceptors are interchangeable). */
function canonicalKey(n: Node, perms: readonly (readonly number[])[], withMessages = true): string {
  let best: string | null = null;
  for (const perm of perms) {
    const k = keyUnder(n, perm, withMessages);
    if (best === null || k < best) best = k;
  }
  return best!;
}

/**
 * A message is dead when its delivery is ignored now and forever, because what it is
 * judged against only grows: an acceptor's promise, a proposer's round and phase, a
 * learner's set of votes. Losing a dead message changes no future, so the explorer drops
 * it at once. Mutants that let an acceptor go back on its promise keep acceptor-bound
 * messages alive.
 */
function isDead(s: PaxosState, d: Datagram<PaxosMessage>): boolean {
  const a = s.acceptorIds.indexOf(d.to);
  if (a >= 0) {
    const slot = s.acceptors[a]!;
    if (!slot.up || s.config.mutants.includes('forget-on-crash')) return false;
    const promised = slot.state!.promised;
    if (d.msg.type === 'prepare') return compareBallots(d.msg.n, promised) <= 0;
    if (d.msg.type === 'accept') return compareBallots(d.msg.n, promised) < 0 && !s.config.mutants.includes('accept-lower-ballot');
    return true;
  }
  const p = s.proposerIds.indexOf(d.to);
  if (p >= 0) {
    const ps = s.proposers[p]!;
    if (d.msg.type !== 'promise') return true;
    return !sameBallot(d.msg.n, ps.ballot) || ps.phase !== 'preparing' || ps.promises.some((x) => x.from === d.from);
  }
  const l = s.learnerIds.indexOf(d.to);
  if (l >= 0 && d.msg.type === 'accepted') {
    const m = d.msg;
    return s.learners[l]!.votes.some((x) => x.acceptor === d.from && sameBallot(x.n, m.n) && x.v === m.v);
  }
  return true;
}

/** The explorer's own view of a state: dead messages gone, history cut to what the checker reads. */
function compact(s: PaxosState, collectDead: boolean): PaxosState {
  const net = collectDead ? dropWhere(s.net, (d) => isDead(s, d)).pool : s.net;
  const history = s.history.filter((e) => e.type === 'start' || e.type === 'accepted' || e.type === 'learned');
  return { ...s, net, history, lastStepFrom: history.length };
}

type Bounds = { rounds: number; duplicates: number; crashes: number; explicitDrops: boolean };

function enabledSteps(n: Node, o: Bounds): PaxosStep[] {
  const s = n.state;
  const steps: PaxosStep[] = [];
  s.proposers.forEach((p, i) => {
    if (p.lastRound < o.rounds) steps.push({ do: 'start', proposer: s.proposerIds[i]!, value: valueFor(i + 1, p.lastRound + 1) });
  });
  const labels = [...new Set(s.net.inFlight.map(label))];
  for (const msg of labels) {
    steps.push({ do: 'deliver', msg });
    if (o.explicitDrops) steps.push({ do: 'drop', msg });
    if (n.dups < o.duplicates) steps.push({ do: 'duplicate', msg });
  }
  s.acceptors.forEach((a, i) => {
    if (a.up && n.crashes < o.crashes) steps.push({ do: 'crash', acceptor: s.acceptorIds[i]! });
    if (!a.up) steps.push({ do: 'recover', acceptor: s.acceptorIds[i]! });
  });
  return steps;
}

function allRoundsStarted(n: Node, rounds: number): boolean {
  return n.state.proposers.every((p) => p.lastRound >= rounds);
}

export function explore(options: ExploreOptions): ExploreResult {
  const o = {
    acceptors: options.acceptors,
    proposers: options.proposers,
    rounds: options.rounds,
    learners: options.learners ?? 1,
    duplicates: options.duplicates ?? 0,
    crashes: options.crashes ?? 0,
    explicitDrops: options.explicitDrops ?? false,
  };
  for (const [k, v] of Object.entries(o)) {
    if (typeof v === 'number' && (!Number.isInteger(v) || v < 0)) throw new Error(`explore: ${k} must be a non-negative integer, got ${v}`);
  }
  const maxStates = options.maxStates ?? 5_000_000;
  const initial: Node = {
    state: initialState({ acceptors: o.acceptors, proposers: o.proposers, learners: o.learners, mutants: options.mutants ?? [] }),
    dups: 0,
    crashes: 0,
  };
  const acceptors = initial.state.acceptorIds;
  const perms = options.symmetry === false || o.acceptors > 5 ? [acceptors.map((_, i) => i)] : permutations(o.acceptors);
  const parent: number[] = [-1];
  const via: (PaxosStep | null)[] = [null];
  const bad: boolean[] = [false];
  const seen = new Map<string, number>([[canonicalKey(initial, perms), 0]]);
  let frontier: { node: Node; id: number }[] = [{ node: initial, id: 0 }];
  const terminals = new Set<string>();
  let transitions = 0;
  let terminal = 0;
  let failed = 0;
  let violating = 0;
  let complete = true;
  let stoppedEarly = false;
  let shortest: ExploreResult['shortest'] = null;

  const pathTo = (id: number): PaxosStep[] => {
    const steps: PaxosStep[] = [];
    for (let i = id; parent[i]! >= 0; i = parent[i]!) steps.push(via[i]!);
    return steps.reverse();
  };

  while (frontier.length > 0 && complete) {
    const next: typeof frontier = [];
    for (const { node, id } of frontier) {
      if (allRoundsStarted(node, o.rounds)) {
        if (o.explicitDrops) {
          if (node.state.net.inFlight.length === 0) {
            terminal += 1;
            if (bad[id]) failed += 1;
          }
        } else {
          // Implicit drops: this state, with everything still in flight lost, is terminal.
          const key = canonicalKey(node, perms, false);
          if (!terminals.has(key)) {
            terminals.add(key);
            terminal += 1;
            if (bad[id]) failed += 1;
          }
        }
      }
      for (const step of enabledSteps(node, o)) {
        transitions += 1;
        const full = applyStep(node.state, step);
        const fresh = full.history.slice(full.lastStepFrom).some((e) => e.type === 'accepted' || e.type === 'learned');
        const state = compact(full, options.collectDead ?? true);
        const child: Node = {
          state,
          dups: node.dups + (step.do === 'duplicate' ? 1 : 0),
          crashes: node.crashes + (step.do === 'crash' ? 1 : 0),
        };
        const key = canonicalKey(child, perms);
        if (seen.has(key)) continue;
        const childId = parent.length;
        seen.set(key, childId);
        parent.push(id);
        via.push(step);
        let isBad = bad[id]!;
        if (!isBad && fresh) {
          const verdict = checkAgreement({ acceptors, events: state.history });
          if (!verdict.ok) {
            isBad = true;
            if (shortest === null) shortest = { steps: pathTo(childId), violations: verdict.violations };
            if (options.stopAtFirstViolation) stoppedEarly = true;
          }
        }
        bad.push(isBad);
        if (isBad) violating += 1;
        next.push({ node: child, id: childId });
        if (stoppedEarly) break;
        if (parent.length >= maxStates) {
          complete = false;
          break;
        }
      }
      if (!complete || stoppedEarly) break;
    }
    if (stoppedEarly) {
      failed += 1;
      terminal += 1;
      break;
    }
    frontier = next;
  }
  return { states: parent.length, transitions, terminal, passed: terminal - failed, failed, violatingStates: violating, complete, stoppedEarly, shortest };
}
