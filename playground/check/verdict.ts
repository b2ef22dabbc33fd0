/**
 * What every checker answers, and the helpers they share to say it.
 *
 * A checker is a pure function of a run's trace: `(trace) → Verdict`. It either accepts the
 * run or names the first violation it found, as one sentence a reader can understand, with
 * the trace index (`at`) of the event where the property broke, so a view can jump there.
 * Like porcupine's models, a checker is itself tested on histories that must fail.
 *
 * Imports only the kernel's trace types; must never import protocol code or state.
 */

import type { TraceEvent } from '../sim/trace.ts';

export type Verdict = { readonly ok: true } | { readonly ok: false; readonly violation: string; readonly at: number };

export type Trace = readonly TraceEvent[];

export type Checker = (trace: Trace) => Verdict;

export const OK: Verdict = { ok: true };

/** Collects violations and keeps the earliest (smallest trace index; first found on ties). */
export class Findings {
  private best: { at: number; violation: string } | null = null;

  add(at: number, violation: string): void {
    if (this.best === null || at < this.best.at) this.best = { at, violation };
  }

  get found(): boolean {
    return this.best !== null;
  }

  verdict(): Verdict {
    return this.best === null ? OK : { ok: false, violation: this.best.violation, at: this.best.at };
  }
}

/**
 * Caches one derived value per trace array (traces are append-only, so a cached digest is
 * keyed by the array and its length). Lets several checkers share one pass over a trace.
 */
export function memoByTrace<T>(derive: (trace: Trace) => T): (trace: Trace) => T {
  const cache = new WeakMap<Trace, { length: number; value: T }>();
  return (trace) => {
    const hit = cache.get(trace);
    if (hit !== undefined && hit.length === trace.length) return hit.value;
    const value = derive(trace);
    cache.set(trace, { length: trace.length, value });
    return value;
  };
}
