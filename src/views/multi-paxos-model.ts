/**
 * The Multi-Paxos stepper's view-model (PaxosMulti.astro, paxos-multi.ts): a hand-driven
 * Multi-Paxos state (`playground/paxos/multi-system.ts`) in, what the figure shows out: a card
 * per leader (leading or not, its ballot, its outstanding proposals), a grid of acceptors ×
 * instances (each cell the proposal that acceptor accepted there, a row's promise, a crashed
 * acceptor's disk), each instance's chosen value, the messages in flight as the state machines
 * sent them, the order check's verdict, and the narration of a step.
 *
 * Pure (tested in Node): no DOM. Chosen values and the verdict come from the run's history
 * (`chosenLog`, `orderBreaks`), never from one node. Imports playground/paxos only.
 */
import { compareBallots, formatBallot, type Ballot } from '../../playground/paxos/ballot.ts';
import type { SlotProposal } from '../../playground/paxos/multi-paxos.ts';
import { majority } from '../../playground/paxos/quorum.ts';
import { chosenLog, describeMultiMessage, orderBreaks, type MultiPaxosState, type MultiStep } from '../../playground/paxos/multi-system.ts';

export interface LeaderCard {
  readonly id: string;
  /** "leading", "preparing" (phase 1 under way) or "not leading". */
  readonly phase: string;
  /** A higher ballot some acceptor has promised: the leader still thinks it leads, but its accepts will be refused there. */
  readonly outranked: string | null;
  readonly ballot: string | null;
  /** Its proposals this ballot that it has not seen chosen: "#1 A". */
  readonly outstanding: readonly {
    readonly slot: number;
    readonly v: string;
    readonly tint: number;
  }[];
  readonly promises: number;
  readonly canLead: boolean;
  readonly canPropose: boolean;
}

export interface GridCell {
  readonly v: string;
  readonly ballot: string;
  readonly tint: number;
  /** This acceptor's accepted value is the one chosen in the instance. */
  readonly chosen: boolean;
}

export interface AcceptorRow {
  readonly id: string;
  readonly up: boolean;
  readonly promised: string;
  /** One per instance column; null: nothing accepted there. */
  readonly cells: readonly (GridCell | null)[];
}

export interface MessageChip {
  readonly label: string;
  readonly from: string;
  readonly to: string;
  /** "prepare 1.1 from #1", without the route. */
  readonly text: string;
  readonly kind: 'prepare' | 'promise' | 'accept' | 'accepted';
  readonly toDown: boolean;
}

export interface Verdict {
  readonly kind: 'none' | 'held' | 'broken';
  readonly text: string;
}

export interface MultiViewModel {
  readonly leaders: readonly LeaderCard[];
  readonly instances: readonly number[];
  readonly rows: readonly AcceptorRow[];
  /** The chosen value per instance column, null if none yet. */
  readonly chosen: readonly ({
    readonly v: string;
    readonly tint: number;
  } | null)[];
  readonly messages: readonly MessageChip[];
  readonly verdict: Verdict;
  /** The next value a leader's Propose button proposes. */
  readonly nextValue: string;
}

/** The grid shows at least this many instances, so its width is known before the run fills them. */
export const MIN_INSTANCES = 2;

const VALUES = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** A value's colour (0–5): the order it was first proposed in, the same wherever it is drawn. */
function tints(state: MultiPaxosState): (v: string) => number {
  const order: string[] = [];
  for (const e of state.history) if (e.type === 'propose' && !order.includes(e.value)) order.push(e.value);
  return (v) => {
    const i = order.indexOf(v);
    return i < 0 ? 5 : i % 5;
  };
}

function acceptedOf(state: MultiPaxosState, i: number): readonly SlotProposal[] {
  const a = state.acceptors[i]!;
  return a.state?.accepted ?? (a.disk['accepted'] as SlotProposal[] | undefined) ?? [];
}

export function buildMultiModel(state: MultiPaxosState): MultiViewModel {
  const tint = tints(state);
  const chosen = new Map(chosenLog(state).map((c) => [c.slot, c.v]));
  let top = MIN_INSTANCES;
  state.acceptors.forEach((_, i) => acceptedOf(state, i).forEach((p) => (top = Math.max(top, p.slot))));
  for (const l of state.leaders) for (const p of l.proposals) top = Math.max(top, p.slot);
  for (const d of state.net.inFlight) if (d.msg.type === 'accept' || d.msg.type === 'accepted') top = Math.max(top, d.msg.slot);
  const instances = Array.from({ length: top }, (_, i) => i + 1);

  // The highest ballot any acceptor has promised: a leader below it still thinks it leads, but no acceptor will take its accepts.
  const top1 = state.acceptors.reduce<Ballot | null>((m, a) => {
    const p = a.state ? a.state.promised : ((a.disk['promised'] as Ballot | undefined) ?? null);
    return compareBallots(p, m) > 0 ? p : m;
  }, null);
  const leaders = state.leaders.map((l, i): LeaderCard => ({
    id: state.leaderIds[i]!,
    phase: l.phase === 'leading' ? 'leading' : l.phase === 'preparing' ? 'preparing' : 'not leading',
    outranked: l.phase !== 'follower' && compareBallots(l.ballot, top1) < 0 ? formatBallot(top1) : null,
    ballot: l.ballot ? formatBallot(l.ballot) : null,
    outstanding: l.proposals.filter((p) => !l.chosen.some((c) => c.slot === p.slot)).map((p) => ({ slot: p.slot, v: p.v, tint: tint(p.v) })),
    promises: l.promises.length,
    canLead: true,
    canPropose: l.phase !== 'follower',
  }));

  const rows = state.acceptors.map((a, i): AcceptorRow => {
    const accepted = acceptedOf(state, i);
    const promised = a.state ? a.state.promised : ((a.disk['promised'] as Ballot | undefined) ?? null);
    return {
      id: state.acceptorIds[i]!,
      up: a.up,
      promised: promised ? formatBallot(promised) : '—',
      cells: instances.map((slot) => {
        const p = accepted.find((x) => x.slot === slot);
        return p
          ? {
              v: p.v,
              ballot: formatBallot(p.n),
              tint: tint(p.v),
              chosen: chosen.get(slot) === p.v,
            }
          : null;
      }),
    };
  });

  const messages = state.net.inFlight.map((d): MessageChip => {
    const text = describeMultiMessage(d.msg);
    const to = state.acceptorIds.indexOf(d.to);
    return {
      label: `${d.from}->${d.to} ${text}`,
      from: d.from,
      to: d.to,
      text,
      kind: d.msg.type,
      toDown: to >= 0 && !state.acceptors[to]!.up,
    };
  });

  const used = new Set(state.history.flatMap((e) => (e.type === 'propose' ? [e.value] : [])));
  const nextValue = [...VALUES].find((v) => !used.has(v)) ?? 'Z';

  return {
    leaders,
    instances,
    rows,
    chosen: instances.map((slot) => (chosen.has(slot) ? { v: chosen.get(slot)!, tint: tint(chosen.get(slot)!) } : null)),
    messages,
    verdict: verdictOf(state),
    nextValue,
  };
}

/** The order check's verdict in one sentence (Zab paper §III-A: a primary's changes run in the order it proposed them). */
export function verdictOf(state: MultiPaxosState): Verdict {
  const log = chosenLog(state);
  if (log.length === 0) return { kind: 'none', text: 'Nothing is chosen yet.' };
  const b = orderBreaks(state)[0];
  if (b) {
    const why = b.earlierLost
      ? `but ${b.earlier}, which ${b.leader} proposed before ${b.later}, is never chosen`
      : b.earlierAt !== null
        ? `ahead of ${b.earlier} (instance ${b.earlierAt}), which ${b.leader} proposed before ${b.later}`
        : `but ${b.earlier}, which ${b.leader} proposed before ${b.later}, is not chosen ahead of it`;
    return {
      kind: 'broken',
      text: `${b.later} is chosen in instance ${b.at} ${why}: primary order is broken.`,
    };
  }
  const list = log.map((c) => `${c.v} in instance ${c.slot}`).join(', ');
  return {
    kind: 'held',
    text: `Chosen: ${list}. Every leader's commands run in the order it proposed them.`,
  };
}

const listValues = (ps: readonly SlotProposal[]): string => (ps.length === 0 ? 'nothing accepted' : ps.map((p) => `${p.v} in instance ${p.slot} (ballot ${formatBallot(p.n)})`).join(', '));

const names = (ids: readonly string[]): string => (ids.length <= 1 ? ids.join('') : `${ids.slice(0, -1).join(', ')} and ${ids[ids.length - 1]}`);

/**
 * What a step did, in plain words, read from the states before and after it (and the events it
 * added). The same position always gets the same words, however the reader got there.
 */
export function tellMultiStep(step: MultiStep, before: MultiPaxosState, after: MultiPaxosState): string {
  const events = after.history.slice(before.history.length);
  switch (step.do) {
    case 'lead': {
      const l = after.leaders[after.leaderIds.indexOf(step.leader)]!;
      return `${step.leader} starts leading with ballot ${formatBallot(l.ballot)}: one prepare covers every instance from ${l.fromSlot} on, sent to ${names(after.acceptorIds)}.`;
    }
    case 'propose': {
      const l = after.leaders[after.leaderIds.indexOf(step.leader)]!;
      if (l.phase !== 'leading') return `${step.leader} holds ${step.value} until its phase 1 has a majority of promises.`;
      const p = l.proposals.find((x) => x.v === step.value)!;
      return `${step.leader} proposes ${step.value} for instance ${p.slot} under ballot ${formatBallot(p.n)}: only phase 2, an accept to each acceptor.`;
    }
    case 'drop':
      return `The message ${step.msg} is lost.`;
    case 'crash':
      return `${step.acceptor} crashes. Its promise and what it accepted stay on its disk; messages to it are lost.`;
    case 'recover':
      return `${step.acceptor} recovers from its disk.`;
    case 'deliver': {
      if (events.some((e) => e.type === 'dropped')) return `${step.msg.split(' ')[0]!.split('->')[1]} is down: the message is lost.`;
      const [route = '', kind = ''] = step.msg.split(' ');
      const [from = '', to = ''] = route.split('->');
      const a = after.acceptorIds.indexOf(to);
      if (a >= 0) {
        const was = before.acceptors[a]!.state!;
        const now = after.acceptors[a]!.state!;
        if (kind === 'prepare') {
          if (now.promised === was.promised) return `${to} ignores the prepare: it has promised ballot ${formatBallot(was.promised)}, which is higher.`;
          return `${to} promises ballot ${formatBallot(now.promised)} for every instance and reports ${listValues(now.accepted)}.`;
        }
        const changed = now.accepted.find((p) => !was.accepted.some((q) => q.slot === p.slot && q.v === p.v && formatBallot(q.n) === formatBallot(p.n)));
        if (!changed) return `${to} refuses the accept: it has promised ballot ${formatBallot(was.promised)}, which is higher.`;
        return `${to} accepts ${changed.v} in instance ${changed.slot} under ballot ${formatBallot(changed.n)}.`;
      }
      const l = after.leaderIds.indexOf(to);
      const was = before.leaders[l]!;
      const now = after.leaders[l]!;
      const chosen = events.find((e) => e.type === 'chosen');
      if (chosen && chosen.type === 'chosen') return `Instance ${chosen.slot} is chosen: ${chosen.v}. ${to} has heard a majority of acceptors accept it under ballot ${formatBallot(now.ballot)}.`;
      if (kind === 'promise') {
        if (was.phase === 'preparing' && now.phase === 'leading') {
          const redo = now.proposals.map((p) => `${p.v} in instance ${p.slot}`);
          return redo.length === 0
            ? `${to} has promises from a majority, ${names(now.promises.map((p) => p.from))}, and none reported a value: every instance from ${now.fromSlot} is free for its commands.`
            : `${to} has promises from a majority, ${names(now.promises.map((p) => p.from))}. For each instance it re-proposes the value of the highest ballot reported: ${redo.join(', ')}.`;
        }
        if (now.promises.length > was.promises.length) return `${to} has ${now.promises.length} promise of the ${majority(after.acceptorIds.length)} it needs (${from}'s).`;
        return `${to} ignores ${from}'s promise: it is not for its current ballot.`;
      }
      if (now.votes.length > was.votes.length) return `${to} counts ${from}'s accept of ${step.msg.split(' ').at(-1)}; not yet a majority.`;
      return `${to} ignores ${from}'s report: it is not for its current ballot.`;
    }
  }
}

/** What the figure says at its start, before any step (written at build time and by the script alike). */
export function tellMultiStart(steps: number): string {
  return steps > 0
    ? `The start: three would-be leaders, three acceptors, nothing proposed. Press Step to take the ${steps} steps one at a time.`
    : 'The start: three would-be leaders, three acceptors, nothing proposed. Make a leader lead.';
}

/** The words for a position: the step that led there and, on a preset, the story's note for it. */
export function tellMultiPosition(
  at: {
    step: MultiStep;
    before: MultiPaxosState;
    after: MultiPaxosState;
  } | null,
  steps: number,
  note: string | undefined,
): string {
  if (at === null) return tellMultiStart(steps);
  const words = tellMultiStep(at.step, at.before, at.after);
  return note ? `${words} ${note}` : words;
}
