/**
 * The explorer's loop (TigerBeetle's VOPR, for Zab): run seeds n … n+k−1, each a whole
 * randomized run with its own options, faults and workload, judged by every checker and the
 * liveness phase; report each failing seed with the one command that replays it; shrink the
 * first failure to a small spec that still fails. Pure: no clock, no I/O (the CLI prints,
 * times and writes files).
 *
 * Imports the explorer's run and shrink.
 */

import { firstProblem, runSeed, type AddEnsemble, type RunResult } from './run.ts';
import { shrink, type ShrinkResult } from './shrink.ts';

export interface ExploreOptions {
  readonly seed: number;
  readonly count: number;
  /** Fix the ensemble size (else each seed picks 3, 5 or 7). */
  readonly servers?: number;
  readonly mutant?: string;
  /** Shrink the first failure (default true). */
  readonly shrink?: boolean;
  readonly maxShrinkRuns?: number;
  /** Stop at the first failure. */
  readonly stopAtFirst?: boolean;
  /** Called after every seed (for progress lines). */
  readonly onSeed?: (seed: number, result: RunResult) => void;
}

export interface SeedFailure {
  readonly seed: number;
  readonly problem: string;
  readonly command: string;
}

export interface ExploreSummary {
  readonly passed: number;
  readonly failed: number;
  readonly failures: readonly SeedFailure[];
  readonly shrunk: ShrinkResult | null;
  readonly shrunkSeed: number | null;
}

/** The exact command that replays one seed. */
export function replayCommand(seed: number, o: { servers?: number; mutant?: string }): string {
  return `npm run --silent explore -- --seed ${seed} --count 1${o.servers !== undefined ? ` --servers ${o.servers}` : ''}${o.mutant !== undefined ? ` --mutant ${o.mutant}` : ''}`;
}

export function explore(o: ExploreOptions, addEnsemble: AddEnsemble): ExploreSummary {
  if (!Number.isSafeInteger(o.seed) || o.seed < 0) throw new Error(`explore: --seed must be a non-negative integer, got ${o.seed}`);
  if (!Number.isSafeInteger(o.count) || o.count < 1) throw new Error(`explore: --count must be a positive integer, got ${o.count}`);
  const overrides = { ...(o.servers !== undefined ? { servers: o.servers } : {}), ...(o.mutant !== undefined ? { mutant: o.mutant } : {}) };
  let passed = 0;
  const failures: SeedFailure[] = [];
  let first: { seed: number; result: RunResult } | null = null;
  for (let seed = o.seed; seed < o.seed + o.count; seed++) {
    const result = runSeed(seed, addEnsemble, overrides);
    o.onSeed?.(seed, result);
    if (!result.failed) {
      passed++;
      continue;
    }
    failures.push({ seed, problem: firstProblem(result), command: replayCommand(seed, o) });
    first ??= { seed, result };
    if (o.stopAtFirst === true) break;
  }
  const shrunk = first !== null && o.shrink !== false ? shrink(first.result, addEnsemble, o.maxShrinkRuns) : null;
  return { passed, failed: failures.length, failures, shrunk, shrunkSeed: first?.seed ?? null };
}
