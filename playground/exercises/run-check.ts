/**
 * The exercise check runner: the reader's code plus the exercise's harness, run on a fresh
 * simulated ensemble under each seeded fault schedule in turn (seed 1, 2, ...), each run
 * judged; it stops at the first failing schedule and reports it (seed, faults, what went
 * wrong, the trace index where it did), or reports a pass.
 *
 * The same runner serves the unit tests (Node) and the page's sandbox worker (which passes a
 * yield that also feeds its watchdog). `composeProgram` is also what the real-ZooKeeper test
 * runs through `npm run client -- --target real`.
 *
 * Imports `playground/programs` (compile, run, sim target) and this folder; no DOM, no Node.
 */
import { compileProgram } from '../programs/compile.ts';
import type { CompileError } from '../programs/compile.ts';
import { runProgram, thrownText } from '../programs/run-program.ts';
import type { ProgramStatus } from '../programs/program.ts';
import { simTarget } from '../programs/sim-target.ts';
import type { RecordedInput } from '../sim/simulation.ts';
import type { TraceEvent } from '../sim/trace.ts';
import type { FaultSchedule } from '../sim/fault-schedule.ts';
import type { ExerciseCheck, ExerciseRun, Judgement, MarkedLine } from './exercise.ts';
import { say } from './said.ts';

/** The reader's code and the harness as one program; the harness sits in its own block. */
export interface ComposedProgram {
  readonly source: string;
  /** Lines of the reader's code: a line above this number is the harness's. */
  readonly readerLines: number;
}

export function composeProgram(readerCode: string, harness: string): ComposedProgram {
  const readerLines = readerCode.split(/\r\n|\r|\n/).length;
  if (harness.trim() === '') return { source: readerCode, readerLines };
  return { source: `${readerCode}\n;{\n${harness}\n}\n`, readerLines };
}

/** A status whose line is in the harness says so ("the check's line 4"), instead of a reader line. */
export function readerStatus(status: ProgramStatus, composed: ComposedProgram): ProgramStatus {
  if (status.kind !== 'threw' || status.line === undefined || status.line <= composed.readerLines) return status;
  const { line: _line, ...rest } = status;
  return { ...rest, message: `${status.message} (in the check's code, its line ${status.line - composed.readerLines - 1})` };
}

/** A mistake the check names first; else a run that did not finish fails, whatever the judge would say; else the judge decides. */
export function judgeRun(check: ExerciseCheck, run: ExerciseRun): Judgement {
  const mistake = check.mistakes?.(run);
  if (mistake !== undefined && !mistake.ok) return mistake;
  const end = run.trace === null ? undefined : Math.max(0, run.trace.length - 1);
  if (run.status.kind === 'stuck') {
    // The judge may see why (a watch that was never set cannot fire): its words first.
    const why = check.judge(run);
    if (!why.ok) return { ...why, ...say('run.stuckBecause', why, run.status.message) };
    return { ok: false, ...say('run.stuck', run.status.message), ...(end !== undefined ? { at: end } : {}) };
  }
  if (run.status.kind === 'threw') {
    const at = check.locate?.(run) ?? end;
    const status = run.status;
    const harness = / \(in the check's code, its line \d+\)$/.exec(status.message);
    const worded =
      harness !== null && status.name === 'Error'
        ? say('run.harnessStopped', status.message.slice(0, harness.index))
        : status.line !== undefined
          ? say('run.threwAt', status.line, thrownText(status))
          : say('run.threw', thrownText(status));
    return { ok: false, ...worded, ...(at !== undefined ? { at } : {}) };
  }
  return check.judge(run);
}

export interface ScheduleRun extends ExerciseRun {
  readonly seed: number;
  readonly faults: FaultSchedule;
  readonly judgement: Judgement;
  readonly trace: readonly TraceEvent[];
  /** The run's record: the outside inputs, setup and program, that rebuild it (`RunReplay`). */
  readonly inputs: readonly RecordedInput[];
  /** Kernel steps the run took. */
  readonly steps: number;
}

export interface RunHooks {
  /** The driver's yield to the host between events (the worker feeds its watchdog here). */
  readonly yieldToHost?: () => Promise<void>;
  /** Each line as it is printed. */
  readonly onOutput?: (line: MarkedLine) => void;
  /** Kernel events per drive before the run is called stuck. */
  readonly maxEvents?: number;
}

/** Run the composed program once, on the schedule of `seed`, and judge it. */
export async function runSchedule(check: ExerciseCheck, composed: ComposedProgram, js: string, seed: number, hooks: RunHooks = {}): Promise<ScheduleRun> {
  const faults = check.faults(seed);
  const target = simTarget({
    seed,
    servers: check.servers,
    faults,
    maxTimeMs: check.maxTimeMs,
    ...(hooks.maxEvents !== undefined ? { maxEvents: hooks.maxEvents } : {}),
    ...(hooks.yieldToHost !== undefined ? { yieldToHost: hooks.yieldToHost } : {}),
  });
  const output: MarkedLine[] = [];
  const result = await runProgram(js, target, {
    limitMs: check.maxTimeMs,
    onOutput: (line) => {
      const marked: MarkedLine = { ...line, index: target.sim.trace.length, time: target.sim.now };
      output.push(marked);
      hooks.onOutput?.(marked);
    },
  });
  const run: ExerciseRun = { status: readerStatus(result.status, composed), output, trace: target.sim.trace };
  return { ...run, trace: target.sim.trace, inputs: target.sim.inputs, steps: target.sim.steps, seed, faults, judgement: judgeRun(check, run) };
}

export type CheckReport =
  | { readonly kind: 'compile-error'; readonly error: CompileError }
  | { readonly kind: 'passed'; readonly schedules: number }
  | { readonly kind: 'failed'; readonly schedules: number; readonly failure: ScheduleRun };

export interface CheckOptions extends RunHooks {
  /** How many schedules (default: the check's own number). */
  readonly schedules?: number;
  /** The first schedule's seed (default 1): schedules run with seeds firstSeed, firstSeed + 1, .... */
  readonly firstSeed?: number;
  /** After each schedule (the worker streams progress). */
  readonly onSchedule?: (done: number, total: number) => void;
}

/** Compile the reader's code (its errors at its own lines), then the composed program. */
export function compileExercise(check: ExerciseCheck, readerCode: string): { ok: true; composed: ComposedProgram; js: string } | { ok: false; error: CompileError } {
  const own = compileProgram(readerCode);
  if (!own.ok) return own;
  const composed = composeProgram(readerCode, check.harness);
  const whole = compileProgram(composed.source);
  if (!whole.ok) {
    const { line, ...rest } = whole.error;
    if (line === undefined || line <= composed.readerLines) return { ok: false, error: whole.error };
    return { ok: false, error: { ...rest, message: `${rest.message} (in the check's code, its line ${line - composed.readerLines - 1}: does your code define what the exercise asks for?)` } };
  }
  return { ok: true, composed, js: whole.js };
}

/** The full check: every schedule until the first failure. */
export async function runCheck(check: ExerciseCheck, readerCode: string, options: CheckOptions = {}): Promise<CheckReport> {
  const compiled = compileExercise(check, readerCode);
  if (!compiled.ok) return { kind: 'compile-error', error: compiled.error };
  const total = options.schedules ?? check.schedules;
  const first = options.firstSeed ?? 1;
  for (let done = 1; done <= total; done++) {
    const run = await runSchedule(check, compiled.composed, compiled.js, first + done - 1, options);
    options.onSchedule?.(done, total);
    if (!run.judgement.ok) return { kind: 'failed', schedules: done, failure: run };
  }
  return { kind: 'passed', schedules: total };
}
