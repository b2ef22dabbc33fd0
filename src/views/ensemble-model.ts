/**
 * Ensemble view-model: the cluster at one moment in, positioned marks out — servers on a
 * ring with their role, epoch (a tint and a pill) and last zxid, or their vote while
 * electing; clients around them, each linked to the server it is connected to; links cut by
 * a partition; and every message in flight placed on its link by interpolating its send and
 * delivery times at the current virtual time (`now`), as raftscope does, with a chevron
 * that says which way it goes (under reduced motion, halfway along its link). Two layouts: `wide` (clients on an ellipse around the
 * servers) and, when the drawing is too narrow for the wide one to keep its text legible
 * (a phone), `compact` (clients in rows above and below the servers' ring). Marks crowded
 * by others (the fan of PROPOSALs leaving a leader, a pipeline on one link) shrink to their
 * first letter and step aside across their link, never along it. A pure function of
 * (cluster state, now, selection, width): tested in Node; the D3 view only draws it.
 *
 * Imports the trace digest and message info; no DOM.
 */

import type { NodeId } from '../../playground/sim/types.ts';
import type { ClusterState, Role } from './trace-digest.ts';
import { messageInfo, type MessageFamily } from './message-info.ts';
import { shortZxid } from './txn-log-model.ts';

export interface ServerMark {
  readonly id: NodeId;
  readonly x: number;
  readonly y: number;
  readonly up: boolean;
  /** Its host is frozen: drawn iced, with FROZEN in place of its role. */
  readonly frozen: boolean;
  readonly role: Role;
  /** Text drawn under the name: the role in words, never colour alone. */
  readonly roleText: string;
  /** The drawn lines under the name: the role; then its vote while LOOKING, else its last zxid (the epoch has a pill of its own). */
  readonly roleLine: string;
  readonly zxidLine: string;
  /** Drawn under the server when a zxid is selected. */
  readonly markText: string;
  readonly epoch: number;
  /**
   * Which of the six epoch tints fills it (epoch mod 6), or null before any epoch and when
   * down: epochs read at a glance, as RaftScope's terms do (the pill says the number).
   */
  readonly tint: number | null;
  /** The epoch pill's words ("epoch 2"), or '' when down. */
  readonly epochText: string;
  readonly lastZxid: string;
  /** Partition side letter (A, B, ...) or null. */
  readonly side: string | null;
  /** The selected zxid: this server logged it / delivered it. */
  readonly zxidMark: 'logged' | 'delivered' | null;
  /** Horizontal shift of `markText`, so that it stays inside the drawing. */
  readonly markDx: number;
  readonly label: string;
}

export interface ClientMark {
  readonly id: NodeId;
  readonly x: number;
  readonly y: number;
  readonly server: NodeId | null;
  readonly state: string;
  readonly frozen: boolean;
  /** The drawn name (with ❄ while its host is frozen). */
  readonly text: string;
  readonly side: string | null;
  readonly label: string;
}

export interface LinkMark {
  readonly id: string;
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly kind: 'peer' | 'client';
  /** The two ends are on different sides of a partition. */
  readonly cut: boolean;
}

export interface MessageMark {
  readonly id: number;
  readonly x: number;
  readonly y: number;
  readonly type: string;
  readonly family: MessageFamily;
  readonly from: NodeId;
  readonly to: NodeId;
  /** 0 at the sender, 1 at the receiver. */
  readonly progress: number;
  readonly held: boolean;
  readonly zxid: string | null;
  readonly highlighted: boolean;
  readonly summary: string;
  /** Unit vector of travel (sender to receiver): the mark's chevron points this way. */
  readonly ux: number;
  readonly uy: number;
  /** The chevron just past the mark's leading edge (relative to its centre) and its heading in degrees. */
  readonly chevron: { readonly x: number; readonly y: number; readonly angle: number };
  /** The drawn label: the type, or its first letter when other marks crowd it. */
  readonly text: string;
  readonly short: boolean;
  /** The label box (centred on x, y). */
  readonly w: number;
  readonly h: number;
}

export type EnsembleLayout = 'wide' | 'compact';

export interface EnsembleModel {
  readonly layout: EnsembleLayout;
  /** The drawing's size in user units (the viewBox's). */
  readonly width: number;
  readonly height: number;
  /** The drawn area: every node slot's drawing (started or not, so the box never jumps). */
  readonly viewBox: readonly [number, number, number, number];
  readonly servers: ServerMark[];
  readonly clients: ClientMark[];
  readonly links: LinkMark[];
  /** In drawing order. */
  readonly messages: MessageMark[];
  readonly partitioned: boolean;
}

export interface EnsembleModelOptions {
  readonly selectedZxid?: string | null;
  /** Hide pings (they are many and say little). Default false. */
  readonly hidePings?: boolean;
  /**
   * The drawing's width in CSS pixels. Narrower than the wide layout needs to draw its text
   * at 90% of size or more, the compact layout is used. Default: wide.
   */
  readonly width?: number;
  /**
   * Reduced motion: every mark sits halfway along its link (its chevron still says which way
   * it goes), so nothing moves while the clock runs; marks appear and go as messages are sent
   * and delivered. Default false: a mark flies from its send time to its delivery time.
   */
  readonly still?: boolean;
}

/** Where a mark of w × h heading (ux, uy) draws its chevron: its centre 5 units past the box's edge that way. */
function chevronAt(ux: number, uy: number, w: number, h: number): MessageMark['chevron'] {
  const tx = Math.abs(ux) > 1e-6 ? w / 2 / Math.abs(ux) : Infinity;
  const ty = Math.abs(uy) > 1e-6 ? h / 2 / Math.abs(uy) : Infinity;
  const t = Math.min(tx, ty) + 5;
  return { x: round1(ux * t), y: round1(uy * t), angle: Math.round((Math.atan2(uy, ux) * 180) / Math.PI) };
}

export const ENSEMBLE_WIDTH = 640;
export const ENSEMBLE_HEIGHT = 460;
/** A server's circle, and the ring around it (leader, focus); marks travel outside the ring. */
export const SERVER_R = 40;
export const SERVER_RING_R = 46;
/** Half a client's box. */
export const CLIENT_HALF_W = 20;
export const CLIENT_HALF_H = 13;
/** Marks' labels: 10 px monospace (book.css), one character's advance with some slack. */
const MARK_H = 16;
const MARK_CHAR_W = 6.2;
/** Text legible at 10 px stays >= 9 px when the drawing is scaled no further down than this. */
const MIN_SCALE = 0.9;
/** A server's drawn extent around its centre (ring, side badge; below: the zxid mark line). */
const SERVER_EXTENT = { x: 52, top: 52, bottom: 64 };
/** A client's: its box and the side letter above it. */
const CLIENT_EXTENT = { x: 24, top: 30, bottom: 17 };

function roleText(role: Role, phase: string): string {
  if (role === 'DOWN') return 'DOWN (crashed)';
  if (role === 'LOOKING') return 'LOOKING';
  return phase === 'BROADCAST' || phase === '' ? role : `${role} · ${phase.toLowerCase()}`;
}

type Point = { readonly x: number; readonly y: number };

/**
 * Fixed positions, one slot per client whether it has started or not (nothing jumps when a
 * client starts). Wide: servers on an inner ring, clients on an outer ellipse, each beside
 * its home server — the first it connected to (`homes`), else the one its connect string
 * starts with in the book's scenarios (client i → server i mod n) — so that its connection
 * is a short line, not one across the ring; a client moves at most once, when its first
 * connection lands elsewhere. Compact: the servers' ring only as wide as their circles
 * need, clients in rows above (the first half, in reading order) and below it.
 */
export function layoutEnsemble(
  servers: readonly NodeId[],
  clients: readonly NodeId[],
  layout: EnsembleLayout = 'wide',
  homes: ReadonlyMap<NodeId, NodeId | null> = new Map(),
): Map<NodeId, Point> {
  return layout === 'compact' ? compactLayout(servers, clients) : wideLayout(servers, clients, homes);
}

function wideLayout(servers: readonly NodeId[], clients: readonly NodeId[], homes: ReadonlyMap<NodeId, NodeId | null>): Map<NodeId, Point> {
  const cx = ENSEMBLE_WIDTH / 2;
  const cy = ENSEMBLE_HEIGHT / 2;
  const pos = new Map<NodeId, Point>();
  const n = servers.length;
  const r = n <= 3 ? 105 : 125;
  servers.forEach((id, i) => {
    const a = -Math.PI / 2 + (2 * Math.PI * i) / n;
    pos.set(id, { x: Math.round(cx + r * Math.cos(a)), y: Math.round(cy + r * Math.sin(a)) });
  });
  const m = clients.length;
  const rings = [...pos.values()];
  // Each server's clients, in client order, spread over the middle of its sector.
  const groups = new Map<number, NodeId[]>();
  clients.forEach((id, i) => {
    const home = homes.get(id);
    const j = home ? servers.indexOf(home) : -1;
    const at = j >= 0 ? j : i % Math.max(n, 1);
    groups.set(at, [...(groups.get(at) ?? []), id]);
  });
  const sector = (2 * Math.PI) / Math.max(n, 1);
  const slots: { id: NodeId; a: number }[] = [];
  for (const [j, group] of groups) group.forEach((id, k) => slots.push({ id, a: -Math.PI / 2 + sector * j + ((k + 0.5) / group.length - 0.5) * sector * 0.9 }));
  // A crowded server (many clients landed on it) pushes its clients into its neighbours'
  // sectors: neighbours on the ellipse keep at least a box's width (and a margin) apart.
  spreadOnCircle(slots, (2 * CLIENT_HALF_W + 6) / (m <= 6 ? 175 : 195));
  const angleOf = new Map(slots.map((p) => [p.id, p.a]));
  clients.forEach((id) => {
    const a = angleOf.get(id)!;
    const rx = m <= 6 ? 215 : 280;
    const ry = m <= 6 ? 175 : 195;
    // Outwards along its ray until its box clears every server's ring.
    let k = 1;
    const at = (): Point => ({ x: Math.round(cx + k * rx * Math.cos(a)), y: Math.round(cy + k * ry * Math.sin(a)) });
    while (k < 1.5 && rings.some((r) => boxMeetsCircle(at(), CLIENT_HALF_W + 4, CLIENT_HALF_H + 4, r, SERVER_RING_R))) k += 0.02;
    pos.set(id, at());
  });
  return pos;
}

/**
 * Moves angles (in place) as little as it can so that neighbours are at least `gap` apart:
 * cut the circle at its widest empty arc, then merge runs of too-close angles into clusters
 * centred on their members' wishes, spaced by `gap` (the classic 1-D label placement).
 */
function spreadOnCircle(slots: { a: number }[], gap: number): void {
  if (slots.length < 2 || slots.length * gap >= 2 * Math.PI) return;
  slots.sort((p, q) => p.a - q.a);
  let cut = 0;
  let widest = -1;
  slots.forEach((p, k) => {
    const next = slots[(k + 1) % slots.length]!.a + (k === slots.length - 1 ? 2 * Math.PI : 0);
    if (next - p.a > widest) [widest, cut] = [next - p.a, (k + 1) % slots.length];
  });
  const line = [...slots.slice(cut), ...slots.slice(0, cut).map((p) => ((p.a += 2 * Math.PI), p))];
  type Cluster = { members: { a: number }[]; wish: number };
  const clusters: Cluster[] = [];
  const start = (c: Cluster) => c.wish / c.members.length - ((c.members.length - 1) * gap) / 2;
  for (const p of line) {
    clusters.push({ members: [p], wish: p.a });
    while (clusters.length > 1) {
      const b = clusters[clusters.length - 1]!;
      const a = clusters[clusters.length - 2]!;
      if (start(a) + a.members.length * gap <= start(b) + 1e-9) break;
      clusters.splice(-2, 2, { members: [...a.members, ...b.members], wish: a.wish + b.wish });
    }
  }
  for (const c of clusters) c.members.forEach((p, k) => (p.a = start(c) + k * gap));
}

/** A box (centre, half sizes) and a circle overlap. */
function boxMeetsCircle(b: Point, hw: number, hh: number, c: Point, r: number): boolean {
  const nx = Math.max(b.x - hw, Math.min(c.x, b.x + hw));
  const ny = Math.max(b.y - hh, Math.min(c.y, b.y + hh));
  return Math.hypot(c.x - nx, c.y - ny) < r;
}

/** Compact layout: client rows (a box, and room for the side letter above the next row). */
const ROW_PITCH = 42;
const CLIENT_PITCH = 48;
/** Between the servers' rings and the nearest client row. */
const BAND_GAP = 22;

function compactLayout(servers: readonly NodeId[], clients: readonly NodeId[]): Map<NodeId, Point> {
  const pos = new Map<NodeId, Point>();
  const n = servers.length;
  // Neighbouring rings 10 apart at least; a little more so that marks have a link to travel.
  const r = n <= 1 ? 0 : Math.max(n <= 3 ? 100 : 118, (SERVER_RING_R + 5) / Math.sin(Math.PI / n));
  servers.forEach((id, i) => {
    const a = -Math.PI / 2 + (2 * Math.PI * i) / n;
    pos.set(id, { x: Math.round(r * Math.cos(a)), y: Math.round(r * Math.sin(a)) });
  });
  const ring = [...pos.values()];
  const top = Math.min(0, ...ring.map((p) => p.y)) - SERVER_RING_R;
  const bottom = Math.max(0, ...ring.map((p) => p.y)) + SERVER_RING_R;
  const rowWidth = Math.max(300, 2 * (Math.max(0, ...ring.map((p) => Math.abs(p.x))) + SERVER_RING_R));
  const perRow = Math.max(1, Math.floor((rowWidth + CLIENT_PITCH - 2 * CLIENT_HALF_W) / CLIENT_PITCH));
  const band = (ids: readonly NodeId[], nearest: number, dir: 1 | -1): void => {
    const rows = Math.ceil(ids.length / perRow);
    let k = 0;
    for (let j = 0; j < rows; j++) {
      const q = Math.floor(ids.length / rows) + (j < ids.length % rows ? 1 : 0);
      const spacing = Math.min(rowWidth / q, 64);
      const y = dir === -1 ? nearest - (rows - 1 - j) * ROW_PITCH : nearest + j * ROW_PITCH;
      for (let c = 0; c < q; c++, k++) pos.set(ids[k]!, { x: Math.round((c - (q - 1) / 2) * spacing), y });
    }
  };
  const half = Math.ceil(clients.length / 2);
  band(clients.slice(0, half), top - BAND_GAP - CLIENT_EXTENT.bottom, -1);
  band(clients.slice(half), bottom + BAND_GAP + CLIENT_EXTENT.top, 1);
  return pos;
}

/** The box every node slot's drawing fits in. */
function viewBoxOf(pos: ReadonlyMap<NodeId, Point>, servers: readonly NodeId[]): [number, number, number, number] {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const [id, p] of pos) {
    const e = servers.includes(id) ? SERVER_EXTENT : CLIENT_EXTENT;
    x0 = Math.min(x0, p.x - e.x);
    x1 = Math.max(x1, p.x + e.x);
    y0 = Math.min(y0, p.y - e.top);
    y1 = Math.max(y1, p.y + e.bottom);
  }
  if (x0 > x1) return [0, 0, ENSEMBLE_WIDTH, ENSEMBLE_HEIGHT];
  return [x0, y0, x1 - x0, y1 - y0];
}

/**
 * The wide layout when `widthPx` draws it at 90% of its size or more (text stays legible),
 * otherwise the compact one. No width known: wide.
 */
export function chooseLayout(servers: readonly NodeId[], clients: readonly NodeId[], widthPx?: number): EnsembleLayout {
  if (widthPx === undefined || !(widthPx > 0)) return 'wide';
  return widthPx >= wideMinWidth(servers, clients) ? 'wide' : 'compact';
}

/**
 * The narrowest drawing, in CSS pixels, that gets the wide layout: wide enough for the
 * widest drawing that layout makes of these nodes, wherever the clients are connected (a
 * client sits by the server it is connected to, so two clients on opposite servers push the
 * drawing out), so that its words never shrink below legible as clients move.
 */
export function wideMinWidth(servers: readonly NodeId[], clients: readonly NodeId[]): number {
  const key = `${servers.join(',')}|${clients.join(',')}`;
  let width = wideMinWidths.get(key);
  if (width === undefined) {
    width = Math.max(...homeArrangements(servers, clients).map((homes) => viewBoxOf(wideLayout(servers, clients, homes), servers)[2])) * MIN_SCALE;
    wideMinWidths.set(key, width);
  }
  return width;
}
const wideMinWidths = new Map<string, number>();

/** Where the clients may be connected, at the extremes: nowhere yet, all on one server, or split between two. */
function homeArrangements(servers: readonly NodeId[], clients: readonly NodeId[]): Map<NodeId, NodeId | null>[] {
  const out: Map<NodeId, NodeId | null>[] = [new Map()];
  for (const [i, a] of servers.entries()) {
    out.push(new Map(clients.map((c) => [c, a])));
    for (const b of servers.slice(i + 1)) out.push(new Map(clients.map((c, k) => [c, k % 2 === 0 ? a : b])));
  }
  return out;
}

/** How far a node's outline is from its centre, in direction (ux, uy), plus a hair. */
function rim(isServer: boolean, ux: number, uy: number): number {
  if (isServer) return SERVER_RING_R + 2;
  const ax = Math.abs(ux);
  const ay = Math.abs(uy);
  return Math.min(ax > 1e-9 ? CLIENT_HALF_W / ax : Infinity, ay > 1e-9 ? CLIENT_HALF_H / ay : Infinity) + 2;
}

/** Marks keep to the right of travel by this much, so the two directions of a link part. */
const MARK_SIDE = MARK_H / 2 + 1;
const round1 = (v: number): number => Math.round(v * 10) / 10;

/**
 * A message mark's centre at `progress` (0 at the sender, 1 at the receiver), as raftscope
 * places it: on the link between the two nodes' outlines, pulled in at both ends by half
 * the label's extent along the link so that a fresh mark does not cover its sender (but
 * never by more than 30% of the free length each, so that every mark travels), and shifted
 * to the right of travel.
 */
export function markPosition(a: Point, aIsServer: boolean, b: Point, bIsServer: boolean, progress: number, w: number, h: number): Point {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len;
  const uy = dy / len;
  const ra = rim(aIsServer, ux, uy);
  const free = Math.max(0, len - ra - rim(bIsServer, ux, uy));
  const clear = Math.min((w / 2) * Math.abs(ux) + (h / 2) * Math.abs(uy), 0.3 * free);
  const along = ra + clear + (free - 2 * clear) * progress;
  return { x: round1(a.x + ux * along - uy * MARK_SIDE), y: round1(a.y + uy * along + ux * MARK_SIDE) };
}

export interface MarkBox {
  readonly x: number;
  readonly y: number;
  /** The full label's box. */
  readonly w: number;
  readonly h: number;
  /** The first-letter box's width (same height). */
  readonly shortW: number;
  /** Unit vector to the right of travel: the way a crowded mark steps aside. */
  readonly nx: number;
  readonly ny: number;
}

export interface MarkPlacement {
  /** Draw the first letter only. */
  readonly short: boolean;
  /** Steps of `MARK_H + 2` aside from the link's lane (0: on it). */
  readonly lane: number;
}

/** Where a crowded mark may go, in order of preference. */
const CANDIDATES: readonly MarkPlacement[] = [
  { short: false, lane: 0 },
  { short: true, lane: 0 },
  { short: true, lane: 1 },
  { short: true, lane: -1 },
  { short: true, lane: 2 },
  { short: true, lane: -2 },
];

/**
 * Declutters the marks in flight. In the given order (most important first), a mark keeps
 * its full label where its times put it when that box meets no label already placed and no
 * server's circle; otherwise it shrinks to its first letter, and if that still meets
 * something it steps aside, across its link (never along it: how far it has travelled is
 * what its send and delivery times say). When no place is free it takes the one it
 * overlaps least: a message in flight is never hidden.
 */
export function placeMarks(marks: readonly MarkBox[], circles: readonly (Point & { readonly r: number })[]): MarkPlacement[] {
  const placed: { x: number; y: number; w: number; h: number }[] = [];
  /** Overlap with what is placed (area), and with servers' circles (a box's area each). */
  const crowding = (b: { x: number; y: number; w: number; h: number }): number => {
    let sum = 0;
    for (const p of placed) sum += Math.max(0, (p.w + b.w) / 2 - Math.abs(p.x - b.x)) * Math.max(0, (p.h + b.h) / 2 - Math.abs(p.y - b.y));
    for (const c of circles) if (boxMeetsCircle(b, b.w / 2, b.h / 2, c, c.r)) sum += b.w * b.h;
    return sum;
  };
  return marks.map((m) => {
    const at = (c: MarkPlacement) => ({ x: m.x + c.lane * (m.h + 2) * m.nx, y: m.y + c.lane * (m.h + 2) * m.ny, w: c.short ? m.shortW : m.w, h: m.h });
    let best = CANDIDATES[0]!;
    let least = Infinity;
    for (const c of CANDIDATES) {
      // A full label that meets anything is never kept: its first letter takes less room.
      const score = crowding(at(c)) * (c.short ? 1 : 1e6);
      if (score < least) [best, least] = [c, score];
      if (score === 0) break;
    }
    placed.push(at(best));
    return best;
  });
}

function sideOf(partition: readonly (readonly NodeId[])[] | null): (id: NodeId) => string | null {
  if (partition === null) return () => null;
  const map = new Map<NodeId, string>();
  partition.forEach((g, i) => g.forEach((id) => map.set(id, String.fromCharCode(65 + i))));
  // Nodes named in no group share one more side.
  const rest = String.fromCharCode(65 + partition.length);
  return (id) => map.get(id) ?? rest;
}

export function buildEnsembleModel(
  state: ClusterState,
  now: number,
  servers: readonly NodeId[],
  clients: readonly NodeId[],
  options: EnsembleModelOptions = {},
): EnsembleModel {
  const layout = chooseLayout(servers, clients, options.width);
  const pos = layoutEnsemble(servers, clients, layout, new Map(clients.map((c) => [c, state.clients.get(c)?.home ?? null])));
  const viewBox = viewBoxOf(pos, servers);
  const side = sideOf(state.partition);
  const selected = options.selectedZxid ?? null;
  const serverMarks: ServerMark[] = servers.map((id) => {
    const v = state.servers.get(id)!;
    const p = pos.get(id)!;
    let zxidMark: ServerMark['zxidMark'] = null;
    if (selected !== null) {
      const entry = v.log.find((l) => l.zxid === selected);
      if (entry?.status === 'committed' || BigInt(v.lastDelivered) >= BigInt(selected)) zxidMark = 'delivered';
      else if (entry?.status === 'proposed') zxidMark = 'logged';
    }
    const s = side(id);
    const text = roleText(v.role, v.phase);
    const roleLine = !v.up ? 'DOWN' : v.frozen ? '❄ FROZEN' : v.role === 'LEADING' ? '★ LEADING' : v.role;
    // Electing, its vote is the story (fast leader election); serving, its last zxid.
    const zxidLine = !v.up ? 'crashed' : v.role === 'LOOKING' && v.vote ? `votes ${v.vote}` : `zxid ${shortZxid(v.lastLogged)}`;
    const markText = zxidMark === 'delivered' ? 'has it (delivered)' : zxidMark === 'logged' ? 'logged, not committed' : '';
    // Keep the mark line inside the drawing (10 px bold monospace).
    const half = (markText.length * MARK_CHAR_W) / 2 + 2;
    const lo = viewBox[0] + half - p.x;
    const hi = viewBox[0] + viewBox[2] - half - p.x;
    const markDx = lo > hi ? 0 : Math.round(Math.max(lo, Math.min(hi, 0)));
    // Starts with the drawn text, so speech users can name the server by what they see.
    const epochText = v.up ? `epoch ${v.epoch}` : '';
    // In the drawing's order (ensemble-view.ts): name, role, zxid, side badge, epoch pill, mark.
    const drawn = [id, roleLine, zxidLine, s ?? '', epochText, markText].filter((t) => t !== '').join(' ');
    const frozen = v.up && v.frozen ? ', its host frozen: it neither sends nor receives until it thaws' : '';
    const label = `${drawn}: server ${id}, ${text}${frozen}${v.up ? `, epoch ${v.epoch}, last zxid ${shortZxid(v.lastLogged)}` : ''}${v.role === 'LOOKING' && v.vote ? `, votes for ${v.vote}` : ''}${v.leader && v.role === 'FOLLOWING' ? `, follows ${v.leader}` : ''}${s ? `, partition side ${s}` : ''}`;
    const tint = v.up && v.epoch > 0 ? v.epoch % 6 : null;
    return { id, x: p.x, y: p.y, up: v.up, frozen: v.up && v.frozen, role: v.role, roleText: text, roleLine, zxidLine, markText, epoch: v.epoch, tint, epochText, lastZxid: v.lastLogged, side: s, zxidMark, markDx, label };
  });
  const clientMarks: ClientMark[] = [];
  for (const id of clients) {
    const c = state.clients.get(id);
    if (!c?.started) continue;
    const p = pos.get(id)!;
    const s = side(id);
    const state2 = c.state.toLowerCase().replace('_', ' ');
    const frozen = c.up && c.frozen;
    clientMarks.push({
      id,
      x: p.x,
      y: p.y,
      server: c.server,
      state: c.state,
      frozen,
      text: frozen ? `${id}❄` : id,
      side: s,
      label: `client ${id}: ${state2}${frozen ? ', its host frozen' : ''}${c.server ? `, connected to ${c.server}` : ''}${s ? `, partition side ${s}` : ''}`,
    });
  }
  const links: LinkMark[] = [];
  for (let i = 0; i < servers.length; i++) {
    for (let j = i + 1; j < servers.length; j++) {
      const a = pos.get(servers[i]!)!;
      const b = pos.get(servers[j]!)!;
      links.push({ id: `${servers[i]}-${servers[j]}`, x1: a.x, y1: a.y, x2: b.x, y2: b.y, kind: 'peer', cut: state.partition !== null && side(servers[i]!) !== side(servers[j]!) });
    }
  }
  for (const c of clientMarks) {
    if (c.server === null) continue;
    const b = pos.get(c.server)!;
    links.push({ id: `${c.id}-${c.server}`, x1: c.x, y1: c.y, x2: b.x, y2: b.y, kind: 'client', cut: state.partition !== null && side(c.id) !== side(c.server) });
  }
  const placed: Omit<MessageMark, 'text' | 'short' | 'ux' | 'uy' | 'chevron'>[] = [];
  for (const f of state.flights.values()) {
    const a = pos.get(f.from);
    const b = pos.get(f.to);
    if (!a || !b) continue;
    const info = messageInfo(f.msg);
    if (options.hidePings && info.family === 'ping') continue;
    const span = f.deliverAt - f.sentAt;
    let progress = options.still ? 0.5 : span <= 0 ? 1 : (now - f.sentAt) / span;
    progress = Math.max(0, Math.min(1, progress));
    // Held by a partition: mid-link; waiting for a frozen receiver: at its door (its receive buffer).
    const atFrozen = f.held && (state.servers.get(f.to)?.frozen === true || state.clients.get(f.to)?.frozen === true);
    if (f.held) progress = atFrozen ? 1 : 0.5;
    const w = Math.round((info.type.length + (f.held ? 2 : 0)) * MARK_CHAR_W + 10);
    const p = markPosition(a, servers.includes(f.from), b, servers.includes(f.to), progress, w, MARK_H);
    placed.push({
      id: f.sendIndex,
      x: p.x,
      y: p.y,
      type: info.type,
      family: info.family,
      from: f.from,
      to: f.to,
      progress,
      held: f.held,
      zxid: info.zxid,
      highlighted: selected !== null && info.zxid === selected,
      summary: `${info.summary}, ${f.from} to ${f.to}${!f.held ? `, sent at ${f.sentAt} ms, due at ${f.deliverAt} ms` : atFrozen ? `, waiting for ${f.to}'s frozen host` : ', held by the partition'}`,
      w,
      h: MARK_H,
    });
  }
  // Highlighted marks first, then the oldest: they keep their labels in a crowd.
  placed.sort((p, q) => Number(q.highlighted) - Number(p.highlighted) || p.id - q.id);
  const circles = serverMarks.map((s) => ({ x: s.x, y: s.y, r: SERVER_R }));
  const normals = placed.map((m) => {
    const a = pos.get(m.from)!;
    const b = pos.get(m.to)!;
    const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
    return { nx: -(b.y - a.y) / len, ny: (b.x - a.x) / len };
  });
  const where = placeMarks(
    placed.map((m, i) => ({ x: m.x, y: m.y, w: m.w, h: m.h, shortW: MARK_H, ...normals[i]! })),
    circles,
  );
  const messages: MessageMark[] = placed.map((m, i) => {
    const { short, lane } = where[i]!;
    const { nx, ny } = normals[i]!;
    // The normal is the direction of travel turned a quarter: (ux, uy) = (ny, -nx).
    const dir = { ux: Math.round(ny * 100) / 100, uy: Math.round(-nx * 100) / 100, chevron: chevronAt(ny, -nx, short ? MARK_H : m.w, MARK_H) };
    const at = { x: round1(m.x + lane * (MARK_H + 2) * nx), y: round1(m.y + lane * (MARK_H + 2) * ny) };
    return short ? { ...m, ...at, ...dir, text: m.type.slice(0, 1), short, w: MARK_H } : { ...m, ...at, ...dir, text: m.type, short };
  });
  // Drawing order: first letters under full labels (when a crowd leaves no free place, the
  // labels stay readable), each kind oldest first.
  messages.sort((p, q) => Number(q.short) - Number(p.short) || p.id - q.id);
  return { layout, width: viewBox[2], height: viewBox[3], viewBox, servers: serverMarks, clients: clientMarks, links, messages, partitioned: state.partition !== null };
}
