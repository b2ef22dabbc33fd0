/**
 * Bands for the space-time diagram: the stretches of time a reader should see at a glance,
 * read from the trace once (it only grows) and asked for by window and position.
 *
 * - On a lane: a server or client `down` (crash → restart), its host `frozen` (freeze →
 *   thaw), a server `looking` (electing: LOOKING → its next state) or `leading` (LEADING →
 *   its next state, with the epoch), a client with `no connection` (lost or connecting →
 *   CONNECTED).
 * - Across the plot: a `partition` (partition → heal) and an `election`: the time no
 *   server leads in BROADCAST, so the ensemble cannot commit a write.
 *
 * A band's ends are trace indices as well as times, so that at a position before its end it
 * is drawn open (running to now): the diagram stays a function of the position even when the
 * trace has been computed further. Imports trace types only; no DOM.
 */

import type { TraceEvent } from '../../playground/sim/trace.ts';
import type { NodeId } from '../../playground/sim/types.ts';
import { traced } from './traced.ts';

export type BandKind = 'down' | 'frozen' | 'looking' | 'leading' | 'disconnected' | 'partition' | 'election';

export interface Band {
  readonly kind: BandKind;
  /** The lane's node, or null for a band across the plot. */
  readonly lane: NodeId | null;
  readonly from: number;
  readonly fromIndex: number;
  /** When it ended, or null while it lasts. */
  readonly to: number | null;
  readonly toIndex: number | null;
  /** Short words drawn at its start ("leads e2", "partition s1 c1 | s2 s3"). */
  readonly text: string;
}

interface Open {
  kind: BandKind;
  lane: NodeId | null;
  from: number;
  fromIndex: number;
  text: string;
}

export class BandIndex {
  private readonly trace: readonly TraceEvent[];
  private readonly servers: ReadonlySet<NodeId>;
  private readonly clients: ReadonlySet<NodeId>;
  private readonly bands: Band[] = [];
  private readonly open = new Map<string, Open>();
  private indexed = 0;
  /** Per server: up, and whether it leads in BROADCAST (for the election band). */
  private readonly serving = new Map<NodeId, boolean>();

  constructor(trace: readonly TraceEvent[], servers: readonly NodeId[], clients: readonly NodeId[]) {
    this.trace = trace;
    this.servers = new Set(servers);
    this.clients = new Set(clients);
  }

  /** Bands that began before `position` and overlap [t0, t1]; those ending at or after `position` come out open. */
  bandsIn(t0: number, t1: number, position: number): Band[] {
    this.indexTo(this.trace.length);
    const out: Band[] = [];
    for (const b of this.bands) {
      if (b.fromIndex >= position || b.from > t1) continue;
      const closed = b.toIndex !== null && b.toIndex < position;
      if (closed && b.to! < t0) continue;
      out.push(closed ? b : { ...b, to: null, toIndex: null });
    }
    for (const o of this.open.values()) {
      if (o.fromIndex >= position || o.from > t1) continue;
      out.push({ kind: o.kind, lane: o.lane, from: o.from, fromIndex: o.fromIndex, to: null, toIndex: null, text: o.text });
    }
    return out;
  }

  private start(key: string, kind: BandKind, lane: NodeId | null, e: TraceEvent, text: string): void {
    this.end(key, e);
    this.open.set(key, { kind, lane, from: e.time, fromIndex: e.index, text });
  }

  private end(key: string, e: TraceEvent): void {
    const o = this.open.get(key);
    if (o === undefined) return;
    this.open.delete(key);
    this.bands.push({ kind: o.kind, lane: o.lane, from: o.from, fromIndex: o.fromIndex, to: e.time, toIndex: e.index, text: o.text });
  }

  private indexTo(n: number): void {
    for (; this.indexed < n; this.indexed++) this.fold(this.trace[this.indexed]!);
  }

  private fold(e: TraceEvent): void {
    if (this.indexed === 0) this.start('election', 'election', null, e, 'election');
    switch (e.kind) {
      case 'start':
      case 'restart':
        this.end(`down:${e.node}`, e);
        this.end(`frozen:${e.node}`, e);
        if (this.clients.has(e.node)) this.start(`conn:${e.node}`, 'disconnected', e.node, e, 'no connection');
        return this.setServing(e, e.node, false);
      case 'crash':
        for (const k of ['frozen', 'looking', 'leading', 'conn']) this.end(`${k}:${e.node}`, e);
        if (this.servers.has(e.node) || this.clients.has(e.node)) this.start(`down:${e.node}`, 'down', e.node, e, 'down');
        return this.setServing(e, e.node, false);
      case 'freeze':
        return this.start(`frozen:${e.node}`, 'frozen', e.node, e, 'frozen');
      case 'thaw':
        return this.end(`frozen:${e.node}`, e);
      case 'partition':
        return this.start('partition', 'partition', null, e, `partition ${e.groups.map((g) => g.join(' ')).join(' | ')}`);
      case 'heal':
        return this.end('partition', e);
      case 'protocol': {
        const ev = traced(e.event);
        if (ev.type === 'zab.state' && this.servers.has(e.node)) {
          const state = ev.state;
          if (state === 'LOOKING') this.start(`looking:${e.node}`, 'looking', e.node, e, 'looking');
          else this.end(`looking:${e.node}`, e);
          // Leading from the moment it serves (BROADCAST), in the epoch it established.
          if (state === 'LEADING' && ev.phase === 'BROADCAST') this.start(`leading:${e.node}`, 'leading', e.node, e, `leads, epoch ${String(ev.epoch)}`);
          else if (state !== 'LEADING') this.end(`leading:${e.node}`, e);
          this.setServing(e, e.node, state === 'LEADING' && ev.phase === 'BROADCAST');
        } else if (ev.type === 'client.state' && this.clients.has(e.node)) {
          if (ev.state === 'CONNECTED') this.end(`conn:${e.node}`, e);
          else if (!this.open.has(`conn:${e.node}`) && ev.state !== 'CLOSED') this.start(`conn:${e.node}`, 'disconnected', e.node, e, 'no connection');
        } else if (ev.type === 'client.connectionLost' && this.clients.has(e.node)) {
          this.start(`conn:${e.node}`, 'disconnected', e.node, e, 'no connection');
        }
        return;
      }
      default:
        return;
    }
  }

  /** The election band runs while no server leads in BROADCAST. */
  private setServing(e: TraceEvent, node: NodeId, serving: boolean): void {
    if (!this.servers.has(node)) return;
    this.serving.set(node, serving);
    const any = [...this.serving.values()].some(Boolean);
    if (any) this.end('election', e);
    else if (!this.open.has('election')) this.start('election', 'election', null, e, 'election');
  }
}
