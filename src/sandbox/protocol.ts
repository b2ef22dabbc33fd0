/**
 * The messages of the Playground's sandbox, and its budgets. Three parties, two hops:
 *
 *   page (`sandbox-host.ts`) ⇄ gate (`gate.worker.ts`) ⇄ run worker (`sandbox.worker.ts`)
 *
 * The run worker runs the reader's program and reports what it did: the outside inputs its
 * program put into the simulation (the run's record), the lines it printed and how it
 * ended. Nothing it says is trusted: the gate reads every message against `messages.ts`,
 * rebuilds the run from its record on a simulation of its own, judges exercises on that,
 * and sends the page only what it built itself, bounded and batched.
 *
 * Types, constants and `faultsFor` (the one reading of a run's fault schedule, the gate's and
 * the run worker's); imports playground types and the fault-schedule validator.
 */
import type { CompileError } from '../../playground/programs/compile.ts';
import type { OutputLine, ProgramStatus } from '../../playground/programs/program.ts';
import type { RecordedInput } from '../../playground/sim/simulation.ts';
import type { TraceEvent } from '../../playground/sim/trace.ts';
import { validateFaultSchedule } from '../../playground/zab/fault-schedule.ts';
import type { FaultSchedule } from '../../playground/zab/fault-schedule.ts';
import type { ExerciseCheck, Judgement, MarkedLine } from '../../playground/exercises/exercise.ts';
import type { Said } from '../../playground/exercises/said.ts';
import type { ScheduleRecord } from '../../playground/exercises/judge-record.ts';

/** What one run (or one schedule of a check) may produce before the sandbox ends it. */
export const BUDGET = {
  /** Lines printed. */
  outputLines: 100_000,
  /** Characters printed, all lines together. */
  outputChars: 8_000_000,
  /** Characters of one line; the run worker cuts longer ones (`cutLine`). */
  lineChars: 10_000,
  /** Trace events the run made (the gate rebuilds them all). */
  traceEvents: 2_000_000,
  /** Outside inputs the program put into the simulation (connects, calls, sleeps). */
  inputs: 500_000,
  /** Trace events the page is sent and keeps; the rest are counted. */
  shownEvents: 50_000,
  /** Lines the page's console keeps (the tail). */
  keptLines: 10_000,
  /** Characters of a status or error message. */
  messageChars: 4_000,
} as const;

/** Most items in one message (small enough that the page reads one in a few milliseconds). */
export const BATCH = { lines: 1_000, inputs: 20_000, events: 1_000 } as const;

/** `1234567` → `1,234,567` (without Intl, which is slow to start in a fresh realm). */
export function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A line cut to `BUDGET.lineChars`, with what was cut: `… (990,000 more characters)`. */
export function cutLine(text: string): string {
  if (text.length <= BUDGET.lineChars) return text;
  return `${text.slice(0, BUDGET.lineChars)} … (${grouped(text.length - BUDGET.lineChars)} more characters)`;
}

/** Longest line a message may carry (a cut line with its suffix). */
export const MAX_LINE_CHARS = BUDGET.lineChars + 40;

// ---- page → gate (the gate forwards the same request to the run worker) ----

/** One run: the reader's code (plus the exercise's harness when `exercise` is set). */
export interface RunRequest {
  readonly type: 'run';
  readonly id: number;
  readonly code: string;
  readonly seed: number;
  readonly faults: FaultSchedule;
  readonly exercise?: string;
}

/** A full exercise check: every fault schedule until the first failure. */
export interface CheckRequest {
  readonly type: 'check';
  readonly id: number;
  readonly code: string;
  readonly exercise: string;
  /** Override the check's number of schedules (tests, benchmarks). */
  readonly schedules?: number;
}

/** The page has read the last batch (`output` or `trace`): the gate may send the next. */
export interface Ack {
  readonly type: 'ack';
}

/** A job: what the page asks, and the gate forwards to the run worker. */
export type JobRequest = RunRequest | CheckRequest;

export type HostToGate = JobRequest | Ack;

/**
 * A run's fault schedule, checked against the ensemble it runs on: its servers `s1`..`sN`
 * and the clients the program makes (`c1`, `c2`, ...). Throws, naming the problem.
 */
export function faultsFor(req: RunRequest, check: ExerciseCheck | undefined): FaultSchedule {
  const servers = Array.from({ length: check?.servers ?? 3 }, (_, i) => `s${i + 1}`);
  return validateFaultSchedule(req.faults, { servers, clients: 'numbered' });
}

// ---- run worker → gate: claims, read by `messages.ts` ----

export type RunToGate =
  | { readonly type: 'ready' }
  | { readonly type: 'alive' }
  /** The run's record so far: the outside inputs, in order, since the last message. */
  | { readonly type: 'inputs'; readonly inputs: readonly RecordedInput[] }
  | { readonly type: 'output'; readonly lines: readonly MarkedLine[] }
  | { readonly type: 'compile-error'; readonly error: CompileError }
  | { readonly type: 'run-end'; readonly status: ProgramStatus; readonly traceLength: number; readonly steps: number }
  /** One schedule of a check, whole: its record, as `judgeRecord` reads it. */
  | ({ readonly type: 'schedule' } & ScheduleRecord)
  | { readonly type: 'fatal'; readonly message: string };

// ---- gate → page ----

export interface RunDone {
  readonly type: 'run-done';
  readonly id: number;
  readonly compileError?: CompileError;
  /** The run's fault schedule does not fit its ensemble (an unknown node): every reason. */
  readonly faultsError?: string;
  readonly status?: ProgramStatus;
  /** The exercise's verdict on this run (exercise runs only), judged by the gate. */
  readonly judgement?: Judgement;
  readonly traceLength: number;
  /** Trace events not sent (the page keeps at most `BUDGET.shownEvents`). */
  readonly traceDropped: number;
  readonly virtualMs: number;
}

/** The first failing schedule of a check. */
export interface CheckFailure {
  readonly seed: number;
  readonly faults: FaultSchedule;
  readonly problem: string;
  /** The problem by its message id (playground/exercises/said.ts), for a page in another language. */
  readonly say?: Said;
  /** Trace index where it went wrong. */
  readonly at?: number;
  readonly event?: string;
  readonly time?: number;
  readonly status: ProgramStatus;
  readonly lastOutput: readonly OutputLine[];
  readonly traceLength: number;
}

export type CheckDone =
  | { readonly type: 'check-done'; readonly id: number; readonly kind: 'compile-error'; readonly error: CompileError }
  | { readonly type: 'check-done'; readonly id: number; readonly kind: 'passed'; readonly schedules: number; readonly ms: number }
  | { readonly type: 'check-done'; readonly id: number; readonly kind: 'failed'; readonly schedules: number; readonly failure: CheckFailure; readonly ms: number };

/** Why the gate ended a job: a message it could not accept, a budget reached, or a run worker that stopped beating. */
export interface Stopped {
  readonly type: 'stopped';
  readonly id: number;
  readonly why: 'malformed' | 'budget' | 'stall';
  readonly message: string;
}

/** No message from the run worker for this long: its program is stuck in synchronous code. */
export const STALL_MS = 3000;

export type GateToHost =
  | { readonly type: 'ready' }
  | { readonly type: 'alive' }
  /** Lines printed, after `skipped` more that the page, keeping only a tail, would not show. */
  | { readonly type: 'output'; readonly id: number; readonly lines: readonly OutputLine[]; readonly skipped?: number }
  /** Trace events `from` .. `from + events.length - 1` of the gate's own rebuild of the run. */
  | { readonly type: 'trace'; readonly id: number; readonly from: number; readonly events: readonly TraceEvent[] }
  | { readonly type: 'progress'; readonly id: number; readonly done: number; readonly total: number }
  | RunDone
  | CheckDone
  | Stopped
  | { readonly type: 'fatal'; readonly id: number; readonly message: string };
