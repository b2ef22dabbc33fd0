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
import { formatBallot, formatProposal, type Ballot } from '../../playground/paxos/ballot.ts';
import { describeEvent } from '../../playground/paxos/events.ts';
import { describeMessage, type PaxosMessage } from '../../playground/paxos/messages.ts';
import { majority } from '../../playground/paxos/quorum.ts';
import type { PaxosStep } from '../../playground/paxos/steps.ts';
import { label, lastEvents, type PaxosState } from '../../playground/paxos/system.ts';

export type Role = 'proposer' | 'acceptor' | 'learner';

/**
 * One piece on the right of a slot row, placed by the model (x is its left edge, relative to
 * the card's centre): a ballot in a pill, a value in its colour chip, a quorum dot (filled:
 * heard), or a plain word.
 */
export interface SlotPart {
  kind: 'ballot' | 'value' | 'dot' | 'word';
  text: string;
  x: number;
  width: number;
  /** Dots: heard from that acceptor. */
  filled?: boolean;
  /** Values: the value's colour (0–5), the same wherever the value is drawn. */
  tint?: number;
}

/** A row of a card: a word on the left ("promised"), its state on the right. */
export interface SlotModel {
  label: string;
  parts: SlotPart[];
}

export interface PaxosNodeModel {
  id: string;
  role: Role;
  x: number;
  y: number;
  /** The card's header word after the id: the role, or "crashed". */
  roleWord: string;
  /** The card's two rows: an acceptor's promise and acceptance, a proposer's round and quorum, a learner's hearing and learning. */
  slots: [SlotModel, SlotModel];
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
  /** Room for the request/reply dot before the words (a narrow pill drops it; its fill still tells). */
  dot: boolean;
  /** A request (prepare, accept: a proposer asks) or a reply (promise, accepted: an acceptor answers). */
  request: boolean;
  /** The route's part already travelled (sender → pill) and the part ahead (pill → receiver), and the arrowhead at the receiver. */
  travelled: string;
  ahead: string;
  head: string;
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

/** A network link a message can travel: proposer ↔ acceptor, acceptor → learner (card edge to card edge). */
export interface PaxosLinkModel {
  id: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface PaxosViewModel {
  width: number;
  height: number;
  /** Width of every node box. */
  nodeWidth: number;
  nodes: PaxosNodeModel[];
  links: PaxosLinkModel[];
  messages: PaxosMessageModel[];
  banner: PaxosBanner;
  /** What the last step did, one sentence per event. */
  narration: string[];
  /** One row per node: node, role, state. */
  rows: [string, string, string][];
}

/** A card: a header (id, role) and two slot rows. */
export const NODE_H = 66;
export const HEADER_H = 20;
export const SLOT_H = 21;
/** The drawing's height; PaxosStepper.astro reserves it before the script runs (keep both). */
export const PAXOS_HEIGHT = 481;
const ROW_Y: Record<Role, number> = { proposer: 41, acceptor: 250, learner: PAXOS_HEIGHT - 12 - NODE_H / 2 };
/** Approximate advance of one character of the pills' 10.5 px monospace text. */
const CHAR_W = 6.4;
/** The same for the cards' 11 px monospace ballots and values. */
const SLOT_CHAR_W = 6.7;
/** A message pill's height. */
export const PILL_H = 16;
/** How far the first pill of a column stands from its acceptor's card (centre to edge). */
const PILL_BASE = 26;

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

/** The pill for a message, `room` wide: the longest form that fits, with the request/reply dot when it fits too. */
export function pill(forms: string[], room: number): { short: string; width: number; dot: boolean } {
  const withDot = fit(forms, room - 12);
  if (withDot.length * CHAR_W + 8 <= room - 12) return { short: withDot, width: room, dot: true };
  return { short: fit(forms, room), width: room, dot: false };
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

/**
 * Each value's colour (0–5): the order in which values first appear in the run (a round's
 * start), so X and Y differ on every card, chip and pill; a pure function of the history.
 */
export function valueTints(state: PaxosState): Map<string, number> {
  const tints = new Map<string, number>();
  for (const e of state.history) if (e.type === 'start' && !tints.has(e.value)) tints.set(e.value, (tints.size + 1) % 6);
  return tints;
}

type PartSpec = Omit<SlotPart, 'x' | 'width'>;

const partWidth = (p: PartSpec): number => (p.kind === 'dot' ? 9 : p.kind === 'word' ? p.text.length * SLOT_CHAR_W : p.text.length * SLOT_CHAR_W + 8);

/**
 * Lays a row's parts out right-aligned, ending at `right` (x relative to the card's centre),
 * 4 units apart (dots 0), never left of `left`: a value too long for the room is cut with "…".
 */
export function placeParts(specs: readonly PartSpec[], right: number, left: number): SlotPart[] {
  const parts = specs.map((p) => ({ ...p }));
  const total = () => parts.reduce((sum, p, i) => sum + partWidth(p) + (i > 0 && !(p.kind === 'dot' && parts[i - 1]!.kind === 'dot') ? 4 : 0), 0);
  for (const p of parts) {
    while (p.kind === 'value' && total() > right - left && p.text.length > 2) p.text = `${[...p.text].slice(0, -2).join('')}…`;
  }
  const placed: SlotPart[] = [];
  let x = right;
  for (let i = parts.length - 1; i >= 0; i--) {
    const p = parts[i]!;
    const width = partWidth(p);
    x -= width;
    placed.unshift({ ...p, x: Math.round(x * 10) / 10, width: Math.round(width * 10) / 10 });
    x -= i > 0 && !(p.kind === 'dot' && parts[i - 1]!.kind === 'dot') ? 4 : 0;
  }
  return placed;
}

/** A triangle pointing from (fromX, fromY) at (toX, toY), its tip there. */
export function arrowHead(fromX: number, fromY: number, toX: number, toY: number, size = 7): string {
  const len = Math.hypot(toX - fromX, toY - fromY) || 1;
  const ux = (toX - fromX) / len;
  const uy = (toY - fromY) / len;
  const r = (n: number) => Math.round(n * 10) / 10;
  const bx = toX - ux * size;
  const by = toY - uy * size;
  const px = -uy * size * 0.55;
  const py = ux * size * 0.55;
  return `M${r(toX)},${r(toY)}L${r(bx + px)},${r(by + py)}L${r(bx - px)},${r(by - py)}Z`;
}

export function buildPaxosModel(state: PaxosState, layout: LayoutOptions = {}): PaxosViewModel {
  const width = Math.round(Math.min(640, Math.max(400, layout.width ?? 600)));
  const columns = Math.max(state.acceptors.length, state.proposers.length, 1);
  const nodeWidth = Math.min(150, Math.floor(width / columns - 12));
  const spread = spreader(width);
  const changed = touched(state);
  const quorum = majority(state.acceptorIds.length);
  const tints = valueTints(state);
  const value = (v: string): PartSpec => ({ kind: 'value', text: v, tint: tints.get(v) ?? 0 });
  const ballot = (b: Ballot): PartSpec => ({ kind: 'ballot', text: formatBallot(b) });
  const word = (text: string): PartSpec => ({ kind: 'word', text });
  // A row's parts run from the card's right edge leftwards, stopping short of its label.
  const slot = (label: string, specs: readonly PartSpec[]): SlotModel => ({
    label,
    parts: placeParts(specs, nodeWidth / 2 - 7, -nodeWidth / 2 + 7 + label.length * 6 + 4),
  });
  const nodes: PaxosNodeModel[] = [];
  state.proposers.forEach((p, i) => {
    const id = state.proposerIds[i]!;
    const summary =
      p.phase === 'idle'
        ? `${id} has not started a round.`
        : `${id} is in round ${formatBallot(p.ballot)} with value ${p.ownValue}; ${
            p.phase === 'preparing' ? `it has ${p.promises.length} of the ${quorum} promises it needs` : `it proposed ${formatProposal(p.proposal)}`
          }.`;
    const promised = new Set(p.promises.map((x) => x.from));
    const slots: [SlotModel, SlotModel] =
      p.phase === 'idle' || p.ballot === null
        ? [slot('round', [word('none yet')]), slot('value', [word('—')])]
        : [
            slot('round', [ballot(p.ballot), value(p.ownValue ?? '?')]),
            p.phase === 'preparing'
              ? slot('promises', [...state.acceptorIds.map((a): PartSpec => ({ kind: 'dot', text: a, filled: promised.has(a) })), word(`${p.promises.length}/${quorum}`)])
              : slot(p.proposal!.v === p.ownValue ? 'proposed' : 'adopted', [ballot(p.proposal!.n), value(p.proposal!.v)]),
          ];
    nodes.push({ id, role: 'proposer', x: spread(state.proposers.length, i), y: ROW_Y.proposer, roleWord: 'proposer', slots, down: false, changed: changed.has(id), summary });
  });
  state.acceptors.forEach((a, i) => {
    const id = state.acceptorIds[i]!;
    const s = a.state;
    const disk = recoverAcceptor((key) => a.disk[key]);
    const held = s ?? disk;
    const slots: [SlotModel, SlotModel] = [
      slot('promised', held.promised ? [ballot(held.promised)] : [word('—')]),
      slot('accepted', held.accepted ? [ballot(held.accepted.n), value(held.accepted.v)] : [word('—')]),
    ];
    nodes.push({
      id,
      role: 'acceptor',
      x: spread(state.acceptors.length, i),
      y: ROW_Y.acceptor,
      roleWord: s ? 'acceptor' : 'crashed: disk',
      slots,
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
    const voted = new Set(l.votes.map((v) => v.acceptor));
    nodes.push({
      id,
      role: 'learner',
      x: spread(state.learners.length, i),
      y: ROW_Y.learner,
      roleWord: 'learner',
      slots: [
        slot('heard', [...state.acceptorIds.map((a): PartSpec => ({ kind: 'dot', text: a, filled: voted.has(a) })), word(`${voted.size}`)]),
        slot('learned', l.learned ? [value(l.learned.v), word('✓')] : [word('—')]),
      ],
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
  // A column is at most half the spacing between acceptors wide, so the columns beside two acceptors never touch.
  const pillWidth = Math.min(130, Math.floor(spacing / 2 - 4));
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
    // Six pills fit a band: the first well clear of the card it leaves or reaches, the last clear of the row beyond.
    const step = Math.min(PILL_H + 5, (band - PILL_BASE - PILL_H / 2 - 4) / 5);
    const x = acceptor.x + (lane === 'in' ? -1 : lane === 'out' ? 1 : 0) * (lane === 'down' ? 0 : spacing / 4);
    const y = lane === 'down' ? acceptor.y + NODE_H / 2 + PILL_BASE + k * step : acceptor.y - NODE_H / 2 - PILL_BASE - k * step;
    const fromY = from.y + (to.y > from.y ? NODE_H / 2 : -NODE_H / 2);
    const toY = to.y + (to.y > from.y ? -NODE_H / 2 : NODE_H / 2);
    const r = (n: number) => Math.round(n * 10) / 10;
    // The route leaves the pill from its edge nearest the receiver; the line ahead stops where the arrowhead begins.
    const exitY = y + (toY > y ? PILL_H / 2 : -PILL_H / 2);
    const len = Math.hypot(to.x - x, toY - exitY) || 1;
    return {
      id: String(d.id),
      label: label(d),
      text: `${d.from} → ${d.to}: ${describeMessage(d.msg)}`,
      ...pill(shortForms(d.msg), pillWidth),
      type: d.msg.type,
      from: d.from,
      to: d.to,
      x,
      y,
      fromX: from.x,
      fromY,
      toX: to.x,
      toY,
      toDown: to.down,
      request: d.msg.type === 'prepare' || d.msg.type === 'accept',
      travelled: `M${r(from.x)},${r(fromY)}L${r(x)},${r(y)}`,
      ahead: `M${r(x)},${r(exitY)}L${r(to.x - ((to.x - x) / len) * 6)},${r(toY - ((toY - exitY) / len) * 6)}`,
      head: arrowHead(x, exitY, to.x, toY),
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
    height: PAXOS_HEIGHT,
    nodes,
    links: nodes
      .filter((n) => n.role === 'acceptor')
      .flatMap((a) =>
        nodes
          .filter((n) => n.role !== 'acceptor')
          .map((n) => ({ id: `${n.id}-${a.id}`, x1: n.x, y1: n.y + (n.y < a.y ? NODE_H / 2 : -NODE_H / 2), x2: a.x, y2: a.y + (n.y < a.y ? -NODE_H / 2 : NODE_H / 2) })),
      ),
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
 * What a stepper says at its start, with `total` steps in its log: a new reader's first
 * question is what to press (start a round in an empty stepper, Forward over a run). The page
 * writes the same words before its script runs (PaxosStepper.astro), so nothing moves.
 */
export function tellPaxosStart(total: number): string {
  return total === 0
    ? 'Nothing has happened yet. To begin, start a round: under “Start a round”, pick a proposer and a value and press Start round; then deliver its messages, one at a time, in any order.'
    : `The start: nothing has happened yet. Forward ▶ takes the first of its ${total} steps.`;
}

/**
 * What the figure says at a position: the step that led here and what it caused, then the
 * banner's news. At the start, what to press: start a round when the log is empty, Forward
 * when it holds `total` steps (a classic run, or steps the reader went back over). A function
 * of the position (its step, the state there and the log's length) alone, so a reader who
 * stepped here and one who opened a link here read the same.
 */
export function tellPaxosStep(position: number, step: PaxosStep | null, model: PaxosViewModel, total = 0): string {
  if (step === null) return tellPaxosStart(total);
  const caused = model.narration.filter((n) => !/^(Delivered|Dropped|Duplicated) /.test(n)).map(plainLabel);
  return [`Step ${position}: ${stepWords(step)}.`, ...caused, ...(model.banner.kind !== 'none' ? [model.banner.text] : [])].join(' ');
}
