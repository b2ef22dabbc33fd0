/**
 * What an exercise's check is: the part of the application the exercise provides (the
 * harness, a reader-program fragment run after the reader's code), the simulated ensemble
 * it runs on, the seeded fault schedules it runs under, and the judge that reads a run —
 * its trace (on the simulation), its output and how it ended — and says pass, or what went
 * wrong and at which trace event.
 *
 * An exercise is a folder `content/exercises/<name>/`: `prompt.md`, `start.ts` (fails the
 * check), `solution.ts` (passes it) and `check.ts`, whose default export is an
 * `ExerciseCheck`. Types and one helper; imports only types, of the kernel and of
 * `playground/programs`.
 */
import type { TraceEvent } from '../sim/trace.ts';
import type { OutputLine, ProgramStatus } from '../programs/program.ts';
import type { EnsembleSize } from '../programs/sim-target.ts';
import type { FaultSchedule } from '../sim/fault-schedule.ts';
import type { Said } from './said.ts';

/** A printed line with where the run was when it was printed (simulation only). */
export interface MarkedLine extends OutputLine {
  /** Trace length when the line was printed (the next event's index); -1 on a real ensemble. */
  readonly index: number;
  /** Virtual time when it was printed; -1 on a real ensemble. */
  readonly time: number;
}

/** One run of the reader's code with the harness, as the judge sees it. */
export interface ExerciseRun {
  readonly status: ProgramStatus;
  readonly output: readonly MarkedLine[];
  /** The simulation's trace; null when the run was on a real ZooKeeper (judge the output only). */
  readonly trace: readonly TraceEvent[] | null;
}

/**
 * A run's verdict. A failing one's `problem` is English; `say` is the same message by its id
 * (said.ts), which a page in another language words from its own catalogue.
 */
export type Judgement = { readonly ok: true } | { readonly ok: false; readonly problem: string; readonly say?: Said; readonly at?: number };

export interface ExerciseCheck {
  /** What the check proves, in one sentence (shown beside the Check button). */
  readonly summary: string;
  /**
   * Reader-program text run after the reader's code, in its own block (its names never
   * clash with the reader's): the rest of the application, which calls the functions the
   * prompt asks for. Empty when the reader writes the whole program.
   */
  readonly harness: string;
  /** The ensemble the check runs on. */
  readonly servers: EnsembleSize;
  /** Fault schedules a full check runs (seeds 1..n). */
  readonly schedules: number;
  /** The fault schedule of seed `seed` (the same seed also seeds the simulation). */
  faults(seed: number): FaultSchedule;
  /** Virtual time a run may take before it is called stuck. */
  readonly maxTimeMs: number;
  /** Judge one run that finished, or one that never did (to say why); `judgeRun` fails a run that threw. */
  judge(run: ExerciseRun): Judgement;
  /**
   * Mistakes that explain a failed run better than the way it ended (a wrong create mode,
   * a write with version -1), read from the trace: `judgeRun` asks first, whatever the
   * run's status, so a run that threw or got stuck because of one is reported as that one.
   */
  mistakes?(run: ExerciseRun): Judgement;
  /** For a run that threw (the harness found a problem): the trace index to show. Default: the run's last event. */
  locate?(run: ExerciseRun): number | undefined;
}

/** What most checks run on: three servers, a hundred schedules, two virtual minutes a run. */
export const CHECK_DEFAULTS = { servers: 3, schedules: 100, maxTimeMs: 120_000 } as const;

/** A `check.ts`'s default export: an ExerciseCheck, with CHECK_DEFAULTS for what it leaves out. */
export function defineCheck(check: Omit<ExerciseCheck, keyof typeof CHECK_DEFAULTS> & Partial<Pick<ExerciseCheck, keyof typeof CHECK_DEFAULTS>>): ExerciseCheck {
  return { ...CHECK_DEFAULTS, ...check };
}
