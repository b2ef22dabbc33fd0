/**
 * Judging one schedule of an exercise from its record, where the reader's code never ran.
 *
 * The sandbox's run worker runs the reader's code and reports, per schedule, the run's
 * record (its outside inputs), the lines it printed, how it ended and how long its trace
 * was. Those are claims: the code could have rewritten any of them. This rebuilds the run
 * from the record on a fresh simulation of the check's own setup (`RunReplay`: seed, size,
 * fault schedule of that seed), which refuses a record the program could not have made,
 * and judges the rebuilt trace with the claimed output and status (`judgeRun`). A claim can
 * only make a run fail, or pass a judge that also finds its evidence in the trace.
 *
 * Imports the programs' replay (`playground/programs/replay-run.ts`) and this folder; no
 * DOM, no Node.
 */
import { ReplayRefused, RunReplay } from '../programs/replay-run.ts';
import type { ProgramStatus } from '../programs/program.ts';
import type { RecordedInput } from '../sim/simulation.ts';
import type { ExerciseCheck, MarkedLine } from './exercise.ts';
import { judgeRun } from './run-check.ts';
import type { ScheduleRun } from './run-check.ts';

/** What the run worker reports of one schedule. */
export interface ScheduleRecord {
  readonly seed: number;
  readonly inputs: readonly RecordedInput[];
  readonly output: readonly MarkedLine[];
  readonly status: ProgramStatus;
  readonly traceLength: number;
  /** Kernel steps the run took (with `traceLength`, where it ended). */
  readonly steps: number;
}

export interface JudgeOptions {
  /** Most trace events a rebuild may make. */
  readonly maxTraceEvents: number;
  /** Called every few thousand kernel steps (the gate's heartbeat). */
  readonly onSteps?: () => void;
}

/** Rebuild and judge; throws `ReplayRefused` when the record does not rebuild. */
export function judgeRecord(check: ExerciseCheck, record: ScheduleRecord, options: JudgeOptions): ScheduleRun {
  const faults = check.faults(record.seed);
  const replay = new RunReplay({ seed: record.seed, servers: check.servers, faults, maxTraceEvents: options.maxTraceEvents, ...(options.onSteps !== undefined ? { onSteps: options.onSteps } : {}) });
  replay.feed(record.inputs);
  replay.finish(record);
  const trace = replay.sim.trace;
  const late = record.output.find((l) => l.index > trace.length);
  if (late !== undefined) throw new ReplayRefused(`the record has a line printed at trace index ${late.index}, after the run's end (${trace.length})`);
  const run = { status: record.status, output: record.output, trace };
  return { ...run, seed: record.seed, faults, inputs: replay.sim.inputs, steps: replay.sim.steps, judgement: judgeRun(check, run) };
}
