/**
 * Space-time view-model: one lane per server and client, time running left to right over
 * a window that ends at the current virtual time; an arrow per message from its send to
 * its delivery (or to where it is now, if still in flight), drops marked with a cross;
 * crashes, restarts and role changes marked on their lanes. A pure function of
 * (trace, position, state, now, window): tested in Node; the D3 view only draws it.
 *
 * Imports the trace digest and message info; no DOM.
 */

import type { TraceEvent } from '../../playground/sim/trace.ts';
import type { NodeId } from '../../playground/sim/types.ts';
import { messageInfo, type MessageFamily } from './message-info.ts';
import type { ClusterState } from './trace-digest.ts';

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
  readonly kind: 'crash' | 'restart' | 'freeze' | 'thaw' | 'role' | 'commit' | 'partition' | 'heal';
  readonly text: string;
}

/**
 * Arrow, mark and tick x coordinates are in *time* units scaled to pixels (`t × scale`),
 * not window-relative: the view slides one group by `shift` as time passes, so an arrow
 * that has arrived never needs redrawing. The plot area starts at `plotX`.
 */
export interface SpaceTimeModel {
  readonly width: number;
  readonly height: number;
  readonly t0: number;
  readonly t1: number;
  readonly plotX: number;
  /** Pixels per virtual millisecond. */
  readonly scale: number;
  /** Translate the time-scaled groups by this many pixels. */
  readonly shift: number;
  readonly lanes: Lane[];
  readonly arrows: Arrow[];
  readonly marks: LaneMark[];
  readonly ticks: { x: number; text: string }[];
}

export interface SpaceTimeOptions {
  /** Virtual ms shown. Default 600. */
  readonly windowMs?: number;
  readonly hidePings?: boolean;
  readonly selectedZxid?: string | null;
  /** At most this many arrows (the latest). Default 300. */
  readonly maxArrows?: number;
  readonly width?: number;
}

const LANE_H = 26;
const TOP = 22;
const PLOT_X = 44;

function niceStep(span: number): number {
  const raw = span / 5;
  const p = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((k) => k * p).find((s) => s >= raw) ?? raw;
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
  const windowMs = options.windowMs ?? 600;
  const width = options.width ?? 640;
  const maxArrows = options.maxArrows ?? 300;
  const selected = options.selectedZxid ?? null;
  const shownClients = clients.filter((c) => state.clients.get(c)?.started);
  const lanes: Lane[] = [
    ...servers.map((id, i) => ({ id, y: TOP + i * LANE_H, kind: 'server' as const, up: state.servers.get(id)?.up ?? false })),
    ...shownClients.map((id, i) => ({ id, y: TOP + (servers.length + i) * LANE_H + 8, kind: 'client' as const, up: state.clients.get(id)?.up ?? false })),
  ];
  const laneY = new Map(lanes.map((l) => [l.id, l.y]));
  const t1 = Math.max(now, windowMs);
  const t0 = t1 - windowMs;
  const plotW = width - PLOT_X - 8;
  const scale = plotW / windowMs;
  const xOf = (t: number): number => Math.round(t * scale * 10) / 10;
  const arrows: Arrow[] = [];
  const marks: LaneMark[] = [];
  const end = Math.min(position, trace.length);
  const add = (e: Extract<TraceEvent, { kind: 'send' }>): void => {
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
      y2: Math.round((y1 + (y2 - y1) * (status === 'delivered' ? 1 : frac)) * 10) / 10,
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
  // Scan back over the window (and a bit more for messages sent just before it).
  const seen = new Set<number>();
  for (let i = end - 1; i >= 0 && arrows.length < maxArrows; i--) {
    const e = trace[i]!;
    if (e.time < t0) break;
    if (e.kind === 'send') {
      seen.add(e.index);
      add(e);
    } else if (e.kind === 'crash' || e.kind === 'restart' || e.kind === 'freeze' || e.kind === 'thaw') {
      const y = laneY.get(e.node);
      if (y !== undefined) marks.push({ id: `m${e.index}`, x: xOf(e.time), y, kind: e.kind, text: e.kind });
    } else if (e.kind === 'partition' || e.kind === 'heal') {
      marks.push({ id: `m${e.index}`, x: xOf(e.time), y: TOP - 12, kind: e.kind, text: e.kind === 'partition' ? 'partition' : 'heal' });
    } else if (e.kind === 'protocol') {
      const y = laneY.get(e.node);
      if (y === undefined) continue;
      if (e.event.type === 'zab.state' && e.event['phase'] !== 'SYNCHRONIZATION' && e.event['phase'] !== 'DISCOVERY') {
        marks.push({ id: `m${e.index}`, x: xOf(e.time), y, kind: 'role', text: String(e.event['state']).toLowerCase() });
      } else if (e.event.type === 'zab.commit') {
        marks.push({ id: `m${e.index}`, x: xOf(e.time), y, kind: 'commit', text: `commit ${String(e.event['zxid'])}` });
      }
    }
  }
  // Messages sent before the window and still in flight.
  for (const f of state.flights.values()) {
    if (seen.has(f.sendIndex) || arrows.length >= maxArrows) continue;
    const e = trace[f.sendIndex];
    if (e?.kind === 'send') add(e);
  }
  arrows.sort((a, b) => a.id - b.id);
  marks.reverse();
  const ticks: { x: number; text: string }[] = [];
  const step = niceStep(windowMs);
  for (let t = Math.ceil(t0 / step) * step; t <= t1; t += step) ticks.push({ x: xOf(t), text: `${t} ms` });
  const height = TOP + lanes.length * LANE_H + 14;
  return { width, height, t0, t1, plotX: PLOT_X, scale, shift: Math.round((PLOT_X - t0 * scale) * 10) / 10, lanes, arrows, marks, ticks };
}
