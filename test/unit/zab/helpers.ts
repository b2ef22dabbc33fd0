/**
 * Small helpers for the Zab interaction tests: build an ensemble, drive it with async
 * client code, and read the `zab.*` facts of the trace.
 */
import { Simulation, runAsync } from '../../../playground/sim/index.ts';
import type { TraceEvent } from '../../../playground/sim/index.ts';
import { addEnsemble } from '../../../playground/zab/ensemble.ts';
import type { EnsembleOptions } from '../../../playground/zab/ensemble.ts';
import type { ZabEvent } from '../../../playground/zab/events.ts';

export const FAST = { tickTime: 200, initLimit: 10, syncLimit: 5 } as const;

export function ensemble(options: Partial<EnsembleOptions> & { seed?: number } = {}): Simulation {
  const sim = new Simulation({ seed: options.seed ?? 1 });
  addEnsemble(sim, { size: options.size ?? 3, ...(options.observers ? { observers: options.observers } : {}), config: { ...FAST, ...(options.config ?? {}) }, ...(options.mutant ? { mutant: options.mutant } : {}) });
  return sim;
}

export async function run<T>(sim: Simulation, main: () => Promise<T>, maxTimeMs = 600_000): Promise<T> {
  const r = await runAsync(sim, main, { maxTimeMs });
  if (!r.ok) throw 'error' in r ? r.error : new Error(r.stuck);
  return r.value;
}

export type Fact = { node: string; time: number; index: number; event: ZabEvent };

/** Every `zab.*` event (optionally of one type, one node). */
export function facts(sim: Simulation, type?: ZabEvent['type'], node?: string): Fact[] {
  const out: Fact[] = [];
  for (const e of sim.trace as readonly TraceEvent[]) {
    if (e.kind !== 'protocol') continue;
    const ev = e.event as unknown as ZabEvent;
    if (!ev.type.startsWith('zab.')) continue;
    if (type !== undefined && ev.type !== type) continue;
    if (node !== undefined && e.node !== node) continue;
    out.push({ node: e.node, time: e.time, index: e.index, event: ev });
  }
  return out;
}

/** The zxids a server delivered, in order (a `zab.snapshot` shows as `snap:<zxid>`). */
export function delivered(sim: Simulation, node: string): string[] {
  const out: string[] = [];
  for (const f of facts(sim, undefined, node)) {
    if (f.event.type === 'zab.deliver') out.push(f.event.zxid);
    if (f.event.type === 'zab.snapshot') out.push(`snap:${f.event.zxid}`);
  }
  return out;
}

/** Delivered zxid → txn label, for one server. */
export function deliveredTxns(sim: Simulation, node: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const f of facts(sim, 'zab.deliver', node)) if (f.event.type === 'zab.deliver') m.set(f.event.zxid, f.event.txn);
  return m;
}

/** One line per trace event, bigints printed, for "same seed → same trace". */
export function traceText(sim: Simulation): string {
  return JSON.stringify(sim.trace, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v instanceof Uint8Array ? [...v] : v));
}

/**
 * `delivered` without repeats: after a restart a server reports again what it delivered since
 * its last snapshot (the same txns; the trace's delivery record is not kept on disk).
 */
export function deliveredOnce(sim: Simulation, node: string): string[] {
  return [...new Set(delivered(sim, node))];
}
