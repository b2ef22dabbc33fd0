/**
 * Connection breaks dense enough to land on requests in flight: while clients work, one of
 * them loses its connections to every server every `gapMs` (drawn from a range), so that
 * some breaks fall between a write's arrival at its server and the reply, and the caller
 * gets CONNECTIONLOSS for a write the ensemble applied. `drawFaults`' episodes are spread
 * out (a majority back before the next); these come on top of them, and only break
 * connections, so they never undo a partition or a crash.
 *
 * Output is the book's fault-schedule format (JSON). Imports the kernel's PRNG and fault schedules.
 */
import { readJsonSchedule, toJsonSchedule, type FaultSchedule, type TimedFault } from '../sim/fault-schedule.ts';
import { Prng } from '../sim/prng.ts';
import type { NodeId } from '../sim/types.ts';

export interface BreakMenu {
  /** Clients whose connections break (one per break, drawn each time). */
  readonly clients: readonly NodeId[];
  readonly servers: readonly NodeId[];
  /** Breaks fall within [fromMs, toMs) of virtual time. */
  readonly fromMs: number;
  readonly toMs: number;
  /** The gap between two breaks, drawn from [lo, hi] ms. */
  readonly gapMs: readonly [number, number];
}

/** `schedule` plus the breaks of `seed` under `menu`, in time order (stable). */
export function withConnectionBreaks(schedule: FaultSchedule, seed: number, menu: BreakMenu): FaultSchedule {
  const r = new Prng(seed, 'exercise-connection-breaks');
  const breaks: TimedFault[] = [];
  const [lo, hi] = menu.gapMs;
  for (let t = menu.fromMs + r.range(0, hi); t < menu.toMs; t += r.range(lo, hi)) {
    const c = r.pick(menu.clients);
    for (const s of menu.servers) breaks.push({ at: t, fault: { kind: 'break', a: c, b: s } });
  }
  return toJsonSchedule([...readJsonSchedule(schedule), ...breaks].sort((a, b) => a.at - b.at));
}
