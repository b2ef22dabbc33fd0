/**
 * PaxosStepper view-model: a single-decree Paxos state in, everything the figure shows out:
 * positioned nodes with their state in words, every message in flight (keyed by its id,
 * placed on the line from sender to receiver), the banner (chosen value, or broken
 * agreement), a table of the state, and the narration of the last step.
 *
 * Pure (tested in Node): no DOM, no D3. "Chosen" is computed by the agreement checker from
 * the history, never read from any node, because no single node knows it.
 * May import playground types and pure functions; must not import the view or the element.
 */
import { checkAgreement } from '../../playground/check/paxos-agreement.ts';
import { recoverAcceptor } from '../../playground/paxos/acceptor.ts';
import { formatBallot, formatProposal } from '../../playground/paxos/ballot.ts';
import { describeEvent } from '../../playground/paxos/events.ts';
import { describeMessage, type PaxosMessage } from '../../playground/paxos/messages.ts';
import { majority } from '../../playground/paxos/quorum.ts';
import type { PaxosStep } from '../../playground/paxos/steps.ts';
import { label, lastEvents, type PaxosState } from '../../playground/paxos/system.ts';

export type Role = 'proposer' | 'acceptor' | 'learner';

export interface PaxosNodeModel {
  id: string;
  role: Role;
  x: number;
  y: number;
  /** Three short lines drawn in the box. */
  lines: [string, string, string];
  down: boolean;
  /** Touched by the last step (received, sent, crashed, recovered). */
  changed: boolean;
  /** The node's state in one sentence, for the table and screen readers. */
  summary: string;
}

export interface PaxosMessageModel {
  /** The datagram's id as text: the key for joins. */
  id: string;
  /** Full label, as steps name it: `p1->a1 prepare 1.1`. */
  label: string;
  /** For people: `p1 → a1: prepare 1.1`. */
  text: string;
  /** Short text for the drawing: `prepare 1.1`, `promise 1.1 ·1.1:X`. */
  short: string;
  type: 'prepare' | 'promise' | 'accept' | 'accepted';
  from: string;
  to: string;
  x: number;
  y: number;
  /** Width of the pill drawn for it. */
  width: number;
  fromX: number;
  fromY: number;
  toX: number;
  toY: number;
  /** The receiver is down: delivering it loses it. */
  toDown: boolean;
}

export interface PaxosBanner {
  kind: 'none' | 'chosen' | 'broken';
  text: string;
}

export interface PaxosViewModel {
  width: number;
  height: number;
  /** Width of every node box. */
  nodeWidth: number;
  nodes: PaxosNodeModel[];
  messages: PaxosMessageModel[];
  banner: PaxosBanner;
  /** What the last step did, one sentence per event. */
  narration: string[];
  /** One row per node: node, role, state. */
  rows: [string, string, string][];
}

export const NODE_H = 58;
const ROW_Y: Record<Role, number> = { proposer: 36, acceptor: 250, learner: 440 };
/** Approximate advance of one character of the pills' 10.5 px monospace text. */
const CHAR_W = 6.4;

/** Ways to say a message in a pill, longest first; the last are PMS's phase names (1a, 1b, 2a, 2b). */
function shortForms(msg: PaxosMessage): string[] {
  const n = formatBallot(msg.n);
  switch (msg.type) {
    case 'prepare':
      return [`prepare ${n}`, `prep ${n}`, `1a ${n}`];
    case 'promise':
      return msg.accepted
        ? [`promise ${n} ·${formatProposal(msg.accepted)}`, `prom ${n} ·${formatProposal(msg.accepted)}`, `prom ${n} ·${msg.accepted.v}`, `1b ${n}·${msg.accepted.v}`]
        : [`promise ${n}`, `prom ${n}`, `1b ${n}`];
    case 'accept':
      return [`accept ${n} ${msg.v}`, `acc ${n} ${msg.v}`, `2a ${n} ${msg.v}`];
    case 'accepted':
      return [`accepted ${n} ${msg.v}`, `2b ${n} ${msg.v}`];
  }
}

function fit(forms: string[], width: number): string {
  const chars = Math.floor((width - 8) / CHAR_W);
  return forms.find((f) => f.length <= chars) ?? forms.at(-1)!;
}

export interface LayoutOptions {
  /** The drawing's width in CSS pixels; the picture is laid out for 400 to 640 and scaled beyond. */
  width?: number;
}

/** Centre of the i-th of `count` nodes in a row: the row is cut into equal slots. */
function spreader(width: number): (count: number, i: number) => number {
  return (count, i) => (width * (2 * i + 1)) / (2 * count);
}

function touched(state: PaxosState): Set<string> {
  const ids = new Set<string>();
  for (const e of lastEvents(state)) {
    if ('node' in e) ids.add(e.node);
    if ('label' in e) {
      const m = /^(\S+)->(\S+) /.exec(e.label);
      if (m) ids.add(m[2]!);
    }
  }
  return ids;
}

export function buildPaxosModel(state: PaxosState, layout: LayoutOptions = {}): PaxosViewModel {
  const width = Math.round(Math.min(640, Math.max(400, layout.width ?? 600)));
  const columns = Math.max(state.acceptors.length, state.proposers.length, 1);
  const nodeWidth = Math.min(150, Math.floor(width / columns - 12));
  const spread = spreader(width);
  const changed = touched(state);
  const quorum = majority(state.acceptorIds.length);
  const nodes: PaxosNodeModel[] = [];
  state.proposers.forEach((p, i) => {
    const id = state.proposerIds[i]!;
    const phase =
      p.phase === 'idle'
        ? 'idle'
        : p.phase === 'preparing'
          ? `promises ${p.promises.length}/${quorum}`
          : `proposed ${p.proposal!.v}`;
    const summary =
      p.phase === 'idle'
        ? `${id} has not started a round.`
        : `${id} is in round ${formatBallot(p.ballot)} with value ${p.ownValue}; ${
            p.phase === 'preparing' ? `it has ${p.promises.length} of the ${quorum} promises it needs` : `it proposed ${formatProposal(p.proposal)}`
          }.`;
    nodes.push({
      id,
      role: 'proposer',
      x: spread(state.proposers.length, i),
      y: ROW_Y.proposer,
      lines: [`${id} · proposer`, p.ballot ? `round ${formatBallot(p.ballot)} · ${p.ownValue}` : 'no round yet', phase],
      down: false,
      changed: changed.has(id),
      summary,
    });
  });
  state.acceptors.forEach((a, i) => {
    const id = state.acceptorIds[i]!;
    const s = a.state;
    const disk = recoverAcceptor((key) => a.disk[key]);
    const lines: [string, string, string] = s
      ? [`${id} · acceptor`, `promised ${formatBallot(s.promised)}`, `accepted ${formatProposal(s.accepted)}`]
      : [`${id} · crashed`, `disk: pr. ${formatBallot(disk.promised)}`, `disk: acc. ${formatProposal(disk.accepted)}`];
    nodes.push({
      id,
      role: 'acceptor',
      x: spread(state.acceptors.length, i),
      y: ROW_Y.acceptor,
      lines,
      down: !a.up,
      changed: changed.has(id),
      summary: s
        ? `${id} has promised ${formatBallot(s.promised)} and accepted ${formatProposal(s.accepted)}.`
        : `${id} is down; its stable storage still holds promised ${formatBallot(disk.promised)} and accepted ${formatProposal(disk.accepted)}.`,
    });
  });
  state.learners.forEach((l, i) => {
    const id = state.learnerIds[i]!;
    const heard = l.votes.length === 0 ? 'no acceptances yet' : `heard ${l.votes.map((v) => `${v.acceptor} ${formatBallot(v.n)}:${v.v}`).join(', ')}`;
    nodes.push({
      id,
      role: 'learner',
      x: spread(state.learners.length, i),
      y: ROW_Y.learner,
      lines: [`${id} · learner`, l.learned ? `learned ${l.learned.v}` : 'learned —', `heard ${l.votes.length}`],
      down: false,
      changed: changed.has(id),
      summary: `${id} ${l.learned ? `has learned ${l.learned.v}` : 'has learned nothing yet'}; ${heard}.`,
    });
  });

  // Messages wait in columns beside the acceptor they concern: messages to an acceptor on
  // its left above it, its replies to proposers on its right above it, its reports to
  // learners below it. Each pill's route runs sender → pill → receiver.
  const at = new Map(nodes.map((n) => [n.id, n]));
  const spacing = state.acceptors.length > 1 ? spread(state.acceptors.length, 1) - spread(state.acceptors.length, 0) : width / 2;
  const pillWidth = Math.min(130, Math.floor(spacing / 2 - 8));
  const column = new Map<string, number>();
  const messages: PaxosMessageModel[] = state.net.inFlight.map((d) => {
    const from = at.get(d.from)!;
    const to = at.get(d.to)!;
    const acceptor = from.role === 'acceptor' ? from : to;
    const lane = to.role === 'acceptor' ? 'in' : to.role === 'proposer' ? 'out' : 'down';
    const key = `${acceptor.id}:${lane}`;
    const k = column.get(key) ?? 0;
    column.set(key, k + 1);
    const band = lane === 'down' ? ROW_Y.learner - ROW_Y.acceptor - NODE_H : ROW_Y.acceptor - ROW_Y.proposer - NODE_H;
    const step = Math.min(23, (band - 16) / 6);
    const x = acceptor.x + (lane === 'in' ? -1 : lane === 'out' ? 1 : 0) * (lane === 'down' ? 0 : spacing / 4);
    const y = lane === 'down' ? acceptor.y + NODE_H / 2 + 16 + k * step : acceptor.y - NODE_H / 2 - 16 - k * step;
    const fromY = from.y + (to.y > from.y ? NODE_H / 2 : -NODE_H / 2);
    const toY = to.y + (to.y > from.y ? -NODE_H / 2 : NODE_H / 2);
    return {
      id: String(d.id),
      label: label(d),
      text: `${d.from} → ${d.to}: ${describeMessage(d.msg)}`,
      short: fit(shortForms(d.msg), pillWidth),
      type: d.msg.type,
      from: d.from,
      to: d.to,
      x,
      y,
      width: pillWidth,
      fromX: from.x,
      fromY,
      toX: to.x,
      toY,
      toDown: to.down,
    };
  });

  const verdict = checkAgreement({ acceptors: state.acceptorIds, events: state.history });
  let banner: PaxosBanner = { kind: 'none', text: 'No value is chosen yet.' };
  if (verdict.values.length > 1) {
    banner = { kind: 'broken', text: `Agreement broken: ${verdict.values.join(' and ')} have both been chosen.` };
  } else if (verdict.values.length === 1) {
    const first = verdict.chosen[0]!;
    banner = { kind: 'chosen', text: `${first.v} is chosen: ${first.by.join(', ')} accepted proposal ${formatBallot(first.n)}:${first.v}, a majority.` };
  }
  if (verdict.values.length <= 1 && verdict.violations.length > 0) banner = { kind: 'broken', text: verdict.violations[0]! };

  return {
    width,
    nodeWidth,
    height: ROW_Y.learner + NODE_H / 2 + 12,
    nodes,
    messages,
    banner,
    narration: lastEvents(state).map(describeEvent),
    rows: nodes.map((n) => [n.id, n.down ? `${n.role} (down)` : n.role, n.summary]),
  };
}

/** A message's label as people read it: `p1->a1 prepare 1.1` → `p1 → a1: prepare 1.1`. */
export function plainLabel(text: string): string {
  return text.replace(/(\S+)->(\S+) /g, '$1 → $2: ');
}

/** A reader's step in words: "a2 receives p1 → a2: accept 1.1 X". */
function stepWords(step: PaxosStep): string {
  switch (step.do) {
    case 'start':
      return `${step.proposer} starts a round to get ${step.value} chosen`;
    case 'deliver':
      return `delivered ${plainLabel(step.msg)}`;
    case 'drop':
      return `dropped ${plainLabel(step.msg)}`;
    case 'duplicate':
      return `duplicated ${plainLabel(step.msg)}`;
    case 'crash':
      return `${step.acceptor} crashes`;
    case 'recover':
      return `${step.acceptor} recovers`;
  }
}

/**
 * What the figure says at a position: the step that led here and what it caused, then the
 * banner's news. A function of the position (its step and the state there) alone, so a
 * reader who stepped here and one who opened a link here read the same.
 */
export function tellPaxosStep(position: number, step: PaxosStep | null, model: PaxosViewModel): string {
  if (step === null) return 'The start: nothing has happened yet.';
  const caused = model.narration.filter((n) => !/^(Delivered|Dropped|Duplicated) /.test(n)).map(plainLabel);
  return [`Step ${position}: ${stepWords(step)}.`, ...caused, ...(model.banner.kind !== 'none' ? [model.banner.text] : [])].join(' ');
}
