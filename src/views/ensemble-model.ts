/**
 * Ensemble view-model: the cluster at one moment in, positioned marks out — servers on a
 * ring with their role, epoch and last zxid; clients around them, each linked to the
 * server it is connected to; links cut by a partition; and every message in flight placed
 * on its link by interpolating its send and delivery times at the current virtual time
 * (`now`), as raftscope does. A pure function of (cluster state, now, selection): tested
 * in Node; the D3 view only draws it.
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
  readonly role: Role;
  /** Text drawn under the name: the role in words, never colour alone. */
  readonly roleText: string;
  /** The drawn lines under the name (role; epoch and last zxid). */
  readonly roleLine: string;
  readonly zxidLine: string;
  /** Drawn under the server when a zxid is selected. */
  readonly markText: string;
  readonly epoch: number;
  readonly lastZxid: string;
  /** Partition side letter (A, B, ...) or null. */
  readonly side: string | null;
  /** The selected zxid: this server logged it / delivered it. */
  readonly zxidMark: 'logged' | 'delivered' | null;
  readonly label: string;
}

export interface ClientMark {
  readonly id: NodeId;
  readonly x: number;
  readonly y: number;
  readonly server: NodeId | null;
  readonly state: string;
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
}

export interface EnsembleModel {
  readonly width: number;
  readonly height: number;
  /** The drawn area (nodes' bounding box plus a margin), so small ensembles fill a phone. */
  readonly viewBox: readonly [number, number, number, number];
  readonly servers: ServerMark[];
  readonly clients: ClientMark[];
  readonly links: LinkMark[];
  readonly messages: MessageMark[];
  readonly partitioned: boolean;
}

export interface EnsembleModelOptions {
  readonly selectedZxid?: string | null;
  /** Hide pings (they are many and say little). Default false. */
  readonly hidePings?: boolean;
}

export const ENSEMBLE_WIDTH = 640;
export const ENSEMBLE_HEIGHT = 460;

function roleText(role: Role, phase: string): string {
  if (role === 'DOWN') return 'DOWN (crashed)';
  if (role === 'LOOKING') return 'LOOKING';
  return phase === 'BROADCAST' || phase === '' ? role : `${role} · ${phase.toLowerCase()}`;
}

/** Fixed positions: servers on an inner ring, clients on an outer ellipse between them. */
export function layoutEnsemble(servers: readonly NodeId[], clients: readonly NodeId[]): Map<NodeId, { x: number; y: number }> {
  const cx = ENSEMBLE_WIDTH / 2;
  const cy = ENSEMBLE_HEIGHT / 2;
  const pos = new Map<NodeId, { x: number; y: number }>();
  const n = servers.length;
  const r = n <= 3 ? 105 : 125;
  servers.forEach((id, i) => {
    const a = -Math.PI / 2 + (2 * Math.PI * i) / n;
    pos.set(id, { x: Math.round(cx + r * Math.cos(a)), y: Math.round(cy + r * Math.sin(a)) });
  });
  const m = clients.length;
  clients.forEach((id, i) => {
    const a = -Math.PI / 2 + (2 * Math.PI * (i + 0.5)) / Math.max(m, 1) + (m <= n ? Math.PI / n : 0);
    const rx = m <= 6 ? 215 : 280;
    const ry = m <= 6 ? 175 : 195;
    pos.set(id, { x: Math.round(cx + rx * Math.cos(a)), y: Math.round(cy + ry * Math.sin(a)) });
  });
  return pos;
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
  const pos = layoutEnsemble(servers, clients);
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
    const roleLine = v.up ? (v.role === 'LEADING' ? '★ LEADING' : v.role) : 'DOWN';
    const zxidLine = v.up ? `e${v.epoch} · z ${shortZxid(v.lastLogged)}` : 'crashed';
    const markText = zxidMark === 'delivered' ? 'has it (delivered)' : zxidMark === 'logged' ? 'logged, not committed' : '';
    // Starts with the drawn text, so speech users can name the server by what they see.
    const drawn = [id, roleLine, zxidLine, s ?? '', markText].filter((t) => t !== '').join(' ');
    const label = `${drawn}: server ${id}, ${text}${v.up ? `, epoch ${v.epoch}, last zxid ${v.lastLogged}` : ''}${v.leader && v.role === 'FOLLOWING' ? `, follows ${v.leader}` : ''}${s ? `, partition side ${s}` : ''}`;
    return { id, x: p.x, y: p.y, up: v.up, role: v.role, roleText: text, roleLine, zxidLine, markText, epoch: v.epoch, lastZxid: v.lastLogged, side: s, zxidMark, label };
  });
  const clientMarks: ClientMark[] = [];
  for (const id of clients) {
    const c = state.clients.get(id);
    if (!c?.started) continue;
    const p = pos.get(id)!;
    const s = side(id);
    const state2 = c.state.toLowerCase().replace('_', ' ');
    clientMarks.push({ id, x: p.x, y: p.y, server: c.server, state: c.state, side: s, label: `client ${id}: ${state2}${c.server ? `, connected to ${c.server}` : ''}${s ? `, partition side ${s}` : ''}` });
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
  const messages: MessageMark[] = [];
  for (const f of state.flights.values()) {
    const a = pos.get(f.from);
    const b = pos.get(f.to);
    if (!a || !b) continue;
    const info = messageInfo(f.msg);
    if (options.hidePings && info.family === 'ping') continue;
    const span = f.deliverAt - f.sentAt;
    let progress = span <= 0 ? 1 : (now - f.sentAt) / span;
    progress = Math.max(0, Math.min(1, progress));
    if (f.held) progress = 0.5;
    // Travel between the two nodes' rims (not their centres), offset to the right of
    // travel so that the two directions of a link do not overlap.
    const dx0 = b.x - a.x;
    const dy0 = b.y - a.y;
    const len = Math.hypot(dx0, dy0) || 1;
    const ux = dx0 / len;
    const uy = dy0 / len;
    const ra = servers.includes(f.from) ? 44 : 22;
    const rb = servers.includes(f.to) ? 44 : 22;
    const sx = a.x + ux * ra;
    const sy = a.y + uy * ra;
    const dx = b.x - ux * rb - sx;
    const dy = b.y - uy * rb - sy;
    const ox = -uy * 7;
    const oy = ux * 7;
    messages.push({
      id: f.sendIndex,
      x: Math.round((sx + dx * progress + ox) * 10) / 10,
      y: Math.round((sy + dy * progress + oy) * 10) / 10,
      type: info.type,
      family: info.family,
      from: f.from,
      to: f.to,
      progress,
      held: f.held,
      zxid: info.zxid,
      highlighted: selected !== null && info.zxid === selected,
      summary: `${info.summary}, ${f.from} to ${f.to}${f.held ? ', held by the partition' : ''}`,
    });
  }
  messages.sort((p, q) => p.id - q.id);
  // Fit the view to where nodes can be (every client slot, started or not: the box never jumps).
  const all = [...pos.values()];
  const margin = 58;
  const x0 = Math.max(0, Math.min(...all.map((p) => p.x)) - margin);
  const y0 = Math.max(0, Math.min(...all.map((p) => p.y)) - margin);
  const x1 = Math.min(ENSEMBLE_WIDTH, Math.max(...all.map((p) => p.x)) + margin);
  const y1 = Math.min(ENSEMBLE_HEIGHT, Math.max(...all.map((p) => p.y)) + margin);
  return { width: ENSEMBLE_WIDTH, height: ENSEMBLE_HEIGHT, viewBox: [x0, y0, x1 - x0, y1 - y0], servers: serverMarks, clients: clientMarks, links, messages, partitioned: state.partition !== null };
}
