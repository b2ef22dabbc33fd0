/**
 * Shrinking a failing run to a small one that still fails the same way: drop fault events,
 * drop whole clients, shorten and thin out each client's operations, and end the fault phase
 * sooner — each step kept only if the replay still trips one of the original checkers (or
 * the liveness phase, if that is what failed). Removal is by halves, then quarters, down to
 * single items (delta debugging, Zeller's ddmin, simplified to removals), within a budget of
 * replays. The result is a plain `RunSpec`, ready to be saved as JSON.
 *
 * Imports the explorer's run and spec types only.
 */

import { runSpec, type AddEnsemble, type RunResult } from './run.ts';
import { parseTimedFault } from '../sim/fault-schedule.ts';
import type { RunSpec } from './spec.ts';

export interface ShrinkResult {
  readonly spec: RunSpec;
  readonly result: RunResult;
  /** Replays tried. */
  readonly runs: number;
}

function signature(r: RunResult): Set<string> {
  const s = new Set<string>(r.violations.map((v) => v.checker));
  if (r.liveness !== null) s.add('liveness');
  if (r.error !== null) s.add('exception');
  return s;
}

/** Remove chunks of `items` while `stillFails(rest)`; returns the smallest list found. */
function reduce<T>(items: readonly T[], stillFails: (rest: readonly T[]) => boolean, budget: () => boolean): T[] {
  let current = [...items];
  for (let chunk = Math.max(1, Math.ceil(current.length / 2)); chunk >= 1 && current.length > 0; chunk = chunk === 1 ? 0 : Math.ceil(chunk / 2)) {
    for (let start = 0; start < current.length && budget(); ) {
      const candidate = [...current.slice(0, start), ...current.slice(start + chunk)];
      if (stillFails(candidate)) current = candidate;
      else start += chunk;
    }
    if (!budget()) break;
  }
  return current;
}

/** When the run first went wrong (virtual ms), for safety violations and exceptions. */
function failureTime(r: RunResult): number | null {
  if (r.error !== null || r.violations.length > 0) {
    const at = r.violations[0]?.at;
    return at !== undefined ? (r.trace[at]?.time ?? null) : r.stats.timeMs;
  }
  return null;
}

export function shrink(failing: RunResult, addEnsemble: AddEnsemble, maxRuns = 400): ShrinkResult {
  const target = signature(failing);
  let best = failing;
  let runs = 0;
  const budget = (): boolean => runs < maxRuns;
  const tryRun = (spec: RunSpec): boolean => {
    if (!budget()) return false;
    runs++;
    const r = runSpec(spec, addEnsemble);
    if (!r.failed || ![...signature(r)].some((s) => target.has(s))) return false;
    best = r;
    return true;
  };

  // The recorded run must replay to the same failure, or there is nothing to shrink.
  if (!tryRun(failing.spec)) return { spec: failing.spec, result: failing, runs };

  const withFaults = (spec: RunSpec, faults: RunSpec['faults']): RunSpec => ({ ...spec, faults });
  const timeOf = (line: string): number => parseTimedFault(line).at;
  const withClients = (spec: RunSpec, clients: RunSpec['workload']['clients']): RunSpec => ({ ...spec, workload: { clients } });

  // Nothing after the failure matters: end the fault phase there, and drop later faults.
  const when = failureTime(best);
  if (when !== null && when + 1 < best.spec.faultPhaseMs) {
    const s = best.spec;
    tryRun({ ...s, faultPhaseMs: when + 1, faults: s.faults.filter((line) => timeOf(line) <= when) });
  }

  for (let round = 0; round < 3 && budget(); round++) {
    const before = JSON.stringify(best.spec);
    let spec = best.spec;
    // fault events
    reduce(spec.faults, (faults) => tryRun(withFaults(spec, faults)), budget);
    spec = best.spec;
    // whole clients (keep at least one)
    reduce(spec.workload.clients, (clients) => clients.length > 0 && tryRun(withClients(spec, clients)), budget);
    spec = best.spec;
    // each client's operations: first the shortest prefix that still fails, then thinning
    for (let i = 0; i < best.spec.workload.clients.length && budget(); i++) {
      const client = best.spec.workload.clients[i]!;
      const withOps = (ops: RunSpec['workload']['clients'][number]['ops']): RunSpec =>
        withClients(best.spec, best.spec.workload.clients.map((c, j) => (j === i ? { ...c, ops } : c)));
      let lo = 0;
      let hi = client.ops.length;
      while (lo < hi && budget()) {
        const mid = (lo + hi) >> 1;
        if (tryRun(withOps(client.ops.slice(0, mid)))) hi = mid;
        else lo = mid + 1;
      }
      const base = best.spec;
      reduce(
        base.workload.clients[i]!.ops,
        (ops) => tryRun(withClients(base, base.workload.clients.map((c, j) => (j === i ? { ...c, ops } : c)))),
        budget,
      );
    }
    // a shorter fault phase: just past the last fault
    spec = best.spec;
    const lastFault = Math.max(0, ...spec.faults.map(timeOf));
    const shorter = Math.max(lastFault + 200, Math.floor(spec.faultPhaseMs / 2));
    if (shorter < spec.faultPhaseMs) tryRun({ ...spec, faultPhaseMs: shorter });
    if (JSON.stringify(best.spec) === before) break;
  }
  return { spec: best.spec, result: best, runs };
}

/** Sizes of a spec, for reports: fault events, clients, operations. */
export function specSize(spec: RunSpec): { faults: number; clients: number; ops: number } {
  return {
    faults: spec.faults.length,
    clients: spec.workload.clients.length,
    ops: spec.workload.clients.reduce((n, c) => n + c.ops.length, 0),
  };
}
