/**
 * Space-time view-model: one lane per server and client, time running left to right over a
 * window [t0, t1] of virtual time (space-time-window.ts chooses it); an arrow per message
 * from its send to its delivery (or to where it is now, if still in flight), drops marked
 * with a cross; commits marked on the leader's lane; and bands (space-time-bands.ts) for
 * what a reader should see at a glance: a server down, frozen, electing or leading, a client
 * without a connection, and, across the plot, a partition and an election. Labels are placed
 * so that none overlaps another (`placeLabels`): the bands' first, then commits, then the
 * arrows' types where an arrow is long enough; a label that finds no room is left out of the
 * drawing (the arrow's or mark's accessible name still says it). A pure function of (trace,
 * position, state, now, window, width): tested in Node; the D3 view only draws it.
 *
 * Imports the trace digest's types, the bands, message info and the zxid formatter; no DOM.
 */

import type { TraceEvent } from '../../playground/sim/trace.ts';
import type { NodeId } from '../../playground/sim/types.ts';
import { messageInfo, type MessageFamily } from './message-info.ts';
import type { BandIndex, BandKind } from './space-time-bands.ts';
import { followWindow, ladderStep, tickText, ticksFor, type TimeWindow } from './space-time-window.ts';
import type { ClusterState } from './trace-digest.ts';
import { shortZxid } from './txn-log-model.ts';
import { traced, type Traced } from './traced.ts';

export interface Lane {
  readonly id: NodeId;
  readonly y: number;
  readonly kind: 'server' | 'client';
  readonly up: boolean;
}

export interface Arrow {
  /** The send's trace index: the key for joins, and what a click selects. */
  readonly id: number;
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly type: string;
  readonly family: MessageFamily;
  readonly from: NodeId;
  readonly to: NodeId;
  readonly status: 'delivered' | 'in flight' | 'dropped';
  readonly zxid: string | null;
  readonly highlighted: boolean;
  readonly label: string;
}

export interface LaneMark {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly kind: 'commit' | 'crash';
  /** The drawn words ("commit 1:4"), or '' for a glyph alone. */
  readonly text: string;
  readonly label: string;
}

export interface BandMark {
  readonly id: string;
  readonly kind: BandKind;
  readonly lane: NodeId | null;
  readonly x1: number;
  readonly x2: number;
  readonly y: number;
  readonly h: number;
  /** It lasts beyond now (drawn without an end). */
  readonly open: boolean;
  readonly label: string;
}

export interface LabelMark {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly text: string;
  readonly anchor: 'start' | 'middle';
  readonly kind: 'band' | 'commit' | 'arrow';
}

/**
 * Arrow, mark, band, label and tick x coordinates are in *time* units scaled to pixels
 * (`t × scale`), not window-relative: the view slides one group by `shift` as time passes,
 * so an arrow that has arrived never needs redrawing while the zoom stays. The plot area
 * starts at `plotX` and is `plotW` wide.
 */
export interface SpaceTimeModel {
  readonly width: number;
  readonly height: number;
  readonly t0: number;
  readonly t1: number;
  readonly plotX: number;
  readonly plotW: number;
  /** Pixels per virtual millisecond. */
  readonly scale: number;
  /** Translate the time-scaled groups by this many pixels. */
  readonly shift: number;
  readonly lanes: Lane[];
  readonly arrows: Arrow[];
  readonly marks: LaneMark[];
  readonly bands: BandMark[];
  readonly labels: LabelMark[];
  /** Tick lines and their times; a text near an edge is anchored inside the plot. */
  readonly ticks: { x: number; text: string; anchor: 'start' | 'middle' | 'end' }[];
  /** Now's x, when now is in the window. */
  readonly nowX: number | null;
  /** The window in words, for the toolbar and assistive technology. */
  readonly windowText: string;
  /** What is shown, in words (messages, bands), as a text alternative. */
  readonly summary: string;
}

export interface SpaceTimeOptions {
  /** The window shown; default: following now, `windowMs` wide. */
  readonly window?: TimeWindow;
  /** Virtual ms shown when no window is given. Default 600. */
  readonly windowMs?: number;
  readonly hidePings?: boolean;
  readonly selectedZxid?: string | null;
  /** At most this many arrows (the latest). Default 300. */
  readonly maxArrows?: number;
  /** The drawing's width in CSS pixels. Default 640. */
  readonly width?: number;
  /** Bands to draw (the lab's index over the same trace). */
  readonly bands?: BandIndex;
}

const LANE_H = 26;
/** Room above the first lane for the labels of bands across the plot. */
const TOP = 38;
const PLOT_X = 40;
/** Labels are 9 px monospace (book.css): one character's advance, and a line. */
const CHAR_W = 5.5;
const LABEL_H = 11;

/** Lane bands are drawn this tall around their lane. */
const LANE_BAND_H: Readonly<Record<string, number>> = { down: 14, frozen: 14, looking: 6, leading: 8, disconnected: 6 };

export interface LabelCandidate {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly text: string;
  readonly anchor: 'start' | 'middle';
  readonly kind: LabelMark['kind'];
  /** Other places to try, as offsets from (x, y) and, optionally, shorter words, in order. */
  readonly alternatives?: readonly (readonly [number, number, string?])[];
}

type Box = { x0: number; x1: number; y0: number; y1: number };

function boxOf(x: number, y: number, text: string, anchor: 'start' | 'middle'): Box {
  const w = text.length * CHAR_W;
  const x0 = anchor === 'start' ? x : x - w / 2;
  return { x0: x0 - 1, x1: x0 + w + 1, y0: y - LABEL_H + 2, y1: y + 2 };
}

const overlaps = (a: Box, b: Box): boolean => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/**
 * Places labels in the given order (most important first): each at its place, or the first
 * alternative, that overlaps no label already placed and no `blocked` box; a label with no
 * free place is left out. No two placed labels overlap.
 */
export function placeLabels(candidates: readonly LabelCandidate[], blocked: readonly Box[] = []): LabelMark[] {
  const placed: Box[] = [...blocked];
  const out: LabelMark[] = [];
  for (const c of candidates) {
    for (const [dx, dy, words] of [[0, 0] as const, ...(c.alternatives ?? [])]) {
      const text = words ?? c.text;
      const b = boxOf(c.x + dx, c.y + dy, text, c.anchor);
      if (placed.some((p) => overlaps(p, b))) continue;
      placed.push(b);
      out.push({ id: c.id, x: c.x + dx, y: c.y + dy, text, anchor: c.anchor, kind: c.kind });
      break;
    }
  }
  return out;
}

/** The first trace index whose event happens after `t` (the trace is in time order). */
function firstAfter(trace: readonly TraceEvent[], end: number, t: number): number {
  let lo = 0;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (trace[mid]!.time <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const round1 = (v: number): number => Math.round(v * 10) / 10;

/** The lanes' bottom: a lane per server, then one per started client (a little apart). */
function plotBottomOf(servers: number, clients: number): number {
  return TOP + Math.max(0, servers + clients - 1) * LANE_H + (clients > 0 ? 8 : 0) + 14;
}

/**
 * The drawing's height in CSS pixels at `state` (it depends only on the lanes: every server
 * and each started client), so a page can reserve it before the view first draws.
 */
export function spaceTimeHeight(state: ClusterState, servers: readonly NodeId[], clients: readonly NodeId[]): number {
  return plotBottomOf(servers.length, clients.filter((c) => state.clients.get(c)?.started).length) + 12;
}

export function buildSpaceTimeModel(
  trace: readonly TraceEvent[],
  position: number,
  state: ClusterState,
  now: number,
  servers: readonly NodeId[],
  clients: readonly NodeId[],
  endOf: (sendIndex: number) => number | undefined,
  options: SpaceTimeOptions = {},
): SpaceTimeModel {
  const win = options.window ?? followWindow(now, options.windowMs ?? 600);
  const { t0, t1 } = win;
  const span = Math.max(1e-6, t1 - t0);
  const width = Math.max(240, Math.round(options.width ?? 640));
  const maxArrows = options.maxArrows ?? 300;
  const selected = options.selectedZxid ?? null;
  const shownClients = clients.filter((c) => state.clients.get(c)?.started);
  const lanes: Lane[] = [
    ...servers.map((id, i) => ({ id, y: TOP + i * LANE_H, kind: 'server' as const, up: state.servers.get(id)?.up ?? false })),
    ...shownClients.map((id, i) => ({ id, y: TOP + (servers.length + i) * LANE_H + 8, kind: 'client' as const, up: state.clients.get(id)?.up ?? false })),
  ];
  const laneY = new Map(lanes.map((l) => [l.id, l.y]));
  const plotW = width - PLOT_X - 8;
  const scale = plotW / span;
  const xOf = (t: number): number => round1(t * scale);
  const leftX = xOf(t0);
  const arrows: Arrow[] = [];
  const marks: LaneMark[] = [];
  const end = Math.min(position, trace.length);
  const seen = new Set<number>();
  const add = (e: Extract<TraceEvent, { kind: 'send' }>): void => {
    if (seen.has(e.index)) return;
    seen.add(e.index);
    const y1 = laneY.get(e.from);
    const y2 = laneY.get(e.to);
    if (y1 === undefined || y2 === undefined) return;
    const info = messageInfo(e.msg);
    if (options.hidePings && info.family === 'ping') return;
    const endIndex = endOf(e.index);
    let status: Arrow['status'] = 'in flight';
    let tEnd = now;
    let frac = 1;
    if (endIndex !== undefined && endIndex < end) {
      const ev = trace[endIndex]!;
      status = ev.kind === 'drop' ? 'dropped' : 'delivered';
      tEnd = ev.time;
      if (status === 'dropped') frac = e.deliverAt > e.sentAt ? Math.min(1, Math.max(0.15, (ev.time - e.sentAt) / (e.deliverAt - e.sentAt))) : 0.5;
    } else {
      frac = e.deliverAt > e.sentAt ? Math.min(1, Math.max(0, (now - e.sentAt) / (e.deliverAt - e.sentAt))) : 1;
    }
    const x1 = xOf(e.sentAt);
    const x2 = status === 'delivered' ? xOf(tEnd) : xOf(e.sentAt + (e.deliverAt - e.sentAt) * frac);
    arrows.push({
      id: e.index,
      x1,
      y1,
      x2,
      y2: round1(y1 + (y2 - y1) * (status === 'delivered' ? 1 : frac)),
      type: info.type,
      family: info.family,
      from: e.from,
      to: e.to,
      status,
      zxid: info.zxid,
      highlighted: selected !== null && info.zxid === selected,
      label: `${info.summary}, ${e.from} to ${e.to}, sent at ${e.sentAt} ms, ${status === 'delivered' ? `delivered at ${tEnd} ms` : status === 'dropped' ? `dropped at ${tEnd} ms` : `due at ${e.deliverAt} ms`}`,
    });
  };
  // The events inside the window (up to the position), newest first; messages that arrived
  // in it but were sent before it come from their deliveries.
  const last = firstAfter(trace, end, t1);
  for (let i = last - 1; i >= 0 && arrows.length < maxArrows; i--) {
    const e = trace[i]!;
    if (e.time < t0) break;
    if (e.kind === 'send') add(e);
    else if ((e.kind === 'deliver' || e.kind === 'drop') && e.sendIndex !== null && e.sendIndex < i) {
      const s = trace[e.sendIndex];
      if (s?.kind === 'send' && s.sentAt < t0) add(s);
    } else if (e.kind === 'protocol' && e.event.type === 'zab.commit') {
      const y = laneY.get(e.node);
      const ev = traced(e.event) as Extract<Traced, { type: 'zab.commit' }>;
      if (y !== undefined) {
        const z = shortZxid(ev.zxid);
        marks.push({ id: `m${e.index}`, x: xOf(e.time), y, kind: 'commit', text: `commit ${z}`, label: `${e.node} commits ${z} at ${e.time} ms` });
      }
    } else if (e.kind === 'crash') {
      const y = laneY.get(e.node);
      if (y !== undefined) marks.push({ id: `m${e.index}`, x: xOf(e.time), y, kind: 'crash', text: '', label: `${e.node} crashes at ${e.time} ms` });
    }
  }
  // Messages sent before the window and still in flight (when the window reaches now).
  if (t1 >= now) {
    for (const f of state.flights.values()) {
      if (arrows.length >= maxArrows) break;
      const e = trace[f.sendIndex];
      if (e?.kind === 'send' && e.sentAt < t0) add(e);
    }
  }
  arrows.sort((a, b) => a.id - b.id);
  marks.reverse();

  // Bands, clipped to the window and to now.
  const bandMarks: BandMark[] = [];
  const plotTop = TOP - 12;
  const plotBottom = plotBottomOf(servers.length, shownClients.length);
  for (const b of options.bands?.bandsIn(t0, t1, end) ?? []) {
    const from = Math.max(b.from, t0 - span * 0.02);
    const to = Math.min(b.to ?? now, t1 + span * 0.02, now);
    if (to < from) continue;
    const id = `${b.kind}:${b.lane ?? ''}:${b.fromIndex}`;
    const lasts = b.to === null;
    const when = `from ${b.from} ms${lasts ? ', still now' : ` to ${b.to} ms`}`;
    if (b.lane === null) {
      bandMarks.push({ id, kind: b.kind, lane: null, x1: xOf(from), x2: xOf(to), y: plotTop, h: plotBottom - plotTop, open: lasts, label: `${b.text} ${when}` });
    } else {
      const y = laneY.get(b.lane);
      if (y === undefined) continue;
      const h = LANE_BAND_H[b.kind] ?? 10;
      bandMarks.push({ id, kind: b.kind, lane: b.lane, x1: xOf(from), x2: xOf(to), y: y - h / 2, h, open: lasts, label: `${b.lane} ${b.text} ${when}` });
    }
  }
  // Across-the-plot bands under lane bands.
  bandMarks.sort((a, b) => Number(a.lane !== null) - Number(b.lane !== null) || a.x1 - b.x1);

  // Labels: bands (pinned to the window's left edge when they began before it), commits, arrows.
  const candidates: LabelCandidate[] = [];
  const bandText = (b: BandMark): string => (b.lane === null ? b.label.replace(/ from .*$/, '') : b.label.slice(b.lane.length + 1).replace(/ from .*$/, ''));
  const plotRight = xOf(t1);
  for (const b of bandMarks) {
    if (b.lane !== null) continue;
    const x = Math.max(b.x1, leftX) + 3;
    const text = bandText(b);
    // Too long for the room left: say only its kind, or end it at the plot's edge.
    const back = Math.min(0, plotRight - 2 - (x + text.length * CHAR_W));
    const short = b.kind;
    candidates.push({ id: `l${b.id}`, x, y: 12, text, anchor: 'start', kind: 'band', alternatives: [[0, 10], [0, 0, short], [0, 10, short], [back, 0], [back, 10]] });
  }
  for (const b of bandMarks) {
    if (b.lane === null || b.kind === 'disconnected') continue;
    const x = Math.max(b.x1, leftX) + 3;
    candidates.push({ id: `l${b.id}`, x, y: b.y - 2, text: bandText(b), anchor: 'start', kind: 'band', alternatives: [[0, b.h + LABEL_H + 2]] });
  }
  for (const m of marks) if (m.kind === 'commit') candidates.push({ id: `l${m.id}`, x: m.x, y: m.y - 6, text: m.text, anchor: 'middle', kind: 'commit', alternatives: [[0, 17]] });
  // One label for a fan of like messages (a leader's COMMITs): none within 48 px of its twin.
  const named = new Map<string, number[]>();
  for (const a of [...arrows].reverse()) {
    if (a.family === 'ping' || a.family === 'election') continue;
    const w = a.type.length * CHAR_W;
    if (Math.abs(a.x2 - a.x1) < w + 8) continue;
    const x = (a.x1 + a.x2) / 2;
    const twins = named.get(a.type) ?? [];
    if (twins.some((t) => Math.abs(t - x) < 48)) continue;
    named.set(a.type, [...twins, x]);
    candidates.push({ id: `l${a.id}`, x, y: (a.y1 + a.y2) / 2 - 3, text: a.type, anchor: 'middle', kind: 'arrow' });
  }
  // Nothing is written over the lane names, or past the window's edges.
  const edges: Box[] = [
    { x0: -1e9, x1: leftX, y0: -1e9, y1: 1e9 },
    { x0: xOf(t1), x1: 1e9, y0: -1e9, y1: 1e9 },
  ];
  const labels = placeLabels(candidates, edges);

  const step = ladderStep(span / Math.max(2, Math.floor(plotW / 90)));
  const ticks = ticksFor(win, Math.max(2, Math.floor(plotW / 90))).map((t) => {
    const x = xOf(t);
    const text = tickText(t, step);
    const half = (text.length * CHAR_W) / 2;
    const anchor: 'start' | 'middle' | 'end' = x - half < leftX ? 'start' : x + half > xOf(t1) ? 'end' : 'middle';
    return { x, text, anchor };
  });
  const height = plotBottom + 12;
  const nowX = now >= t0 && now <= t1 ? xOf(now) : null;
  const windowText = `${tickText(t0, ladderStep(span / 5))} to ${tickText(t1, ladderStep(span / 5))}`;
  const bandWords = bandMarks.map((b) => b.label);
  const summary = `From ${windowText}: ${arrows.length} message${arrows.length === 1 ? '' : 's'}${marks.length ? `, ${marks.filter((m) => m.kind === 'commit').length} commits` : ''}${bandWords.length ? `; ${bandWords.join('; ')}` : ''}.`;
  return {
    width,
    height,
    t0,
    t1,
    plotX: PLOT_X,
    plotW,
    scale,
    shift: round1(PLOT_X - t0 * scale),
    lanes,
    arrows,
    marks,
    bands: bandMarks,
    labels,
    ticks,
    nowX,
    windowText,
    summary,
  };
}
