/**
 * The typed messages between the page (`sandbox-host.ts`) and the sandbox worker
 * (`sandbox.worker.ts`), both sides. They travel over a MessagePort the page hands the
 * worker through the sandboxed iframe, so the iframe only boots the worker and relays
 * nothing. Types only; imports playground types.
 */
import type { CompileError } from '../../playground/sandbox/compile.ts';
import type { OutputLine, ProgramStatus } from '../../playground/sandbox/program.ts';
import type { TraceEvent } from '../../playground/sim/trace.ts';
import type { FaultSchedule } from '../../playground/zab/fault-schedule.ts';
import type { Judgement } from '../../playground/exercises/exercise.ts';

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

/** A probe the tests use: what reader code can reach from inside the sandbox. */
export type HostToWorker = RunRequest | CheckRequest;

export interface RunDone {
  readonly type: 'run-done';
  readonly id: number;
  readonly compileError?: CompileError;
  readonly status?: ProgramStatus;
  /** The exercise's verdict on this run (exercise runs only). */
  readonly judgement?: Judgement;
  readonly traceLength: number;
  /** Trace events not sent (the page keeps at most `TRACE_LIMIT`). */
  readonly traceDropped: number;
  readonly virtualMs: number;
}

/** The first failing schedule of a check. */
export interface CheckFailure {
  readonly seed: number;
  readonly faults: FaultSchedule;
  readonly problem: string;
  /** Trace index where it went wrong. */
  readonly at: number | undefined;
  readonly event: string | undefined;
  readonly time: number | undefined;
  readonly status: ProgramStatus;
  readonly lastOutput: readonly OutputLine[];
  readonly traceLength: number;
}

export type CheckDone =
  | { readonly type: 'check-done'; readonly id: number; readonly kind: 'compile-error'; readonly error: CompileError }
  | { readonly type: 'check-done'; readonly id: number; readonly kind: 'passed'; readonly schedules: number; readonly ms: number }
  | { readonly type: 'check-done'; readonly id: number; readonly kind: 'failed'; readonly schedules: number; readonly failure: CheckFailure; readonly ms: number };

export type WorkerToHost =
  | { readonly type: 'ready'; readonly removed: readonly string[] }
  | { readonly type: 'alive' }
  | { readonly type: 'output'; readonly id: number; readonly line: OutputLine; readonly index: number; readonly time: number }
  | { readonly type: 'trace'; readonly id: number; readonly events: readonly TraceEvent[] }
  | { readonly type: 'progress'; readonly id: number; readonly done: number; readonly total: number }
  | RunDone
  | CheckDone
  | { readonly type: 'fatal'; readonly message: string };

/** Most trace events a run streams to the page. */
export const TRACE_LIMIT = 50_000;
