/**
 * The sandbox's gate: a worker in the same sandboxed iframe as the run worker, created for
 * one job and never running reader code. Everything the run worker sends comes here, never
 * to the page:
 *
 * - each message is read against its schema (`messages.ts`) and the job's state; anything
 *   else ends the job ("malformed"), as does output past a budget (`protocol.ts`);
 * - the run is rebuilt from the run worker's record on a simulation of the gate's own
 *   (`RunReplay`), so the trace the page shows, and every exercise verdict, come from here:
 *   an exercise run is judged on the rebuilt trace, a check schedule by `judgeRecord`; the
 *   program's printed lines and status are only its claims;
 * - the page is sent bounded batches, one at a time: the next only when the page has
 *   acknowledged the last, so a flood waits here, not in the page's task queue (where only
 *   the tail the page keeps is held; older lines are counted); trace events up to
 *   `BUDGET.shownEvents`; a heartbeat at most every `BEAT_MS` (forwarded from the run
 *   worker's, or the gate's own while it rebuilds).
 *
 * Boot: the iframe hands it two ports, the page's and the run worker's (`sandbox-host.ts`).
 * Browser worker only; imports the protocol, the schema, the replay and the exercise checks.
 */
import { EXERCISE_CHECKS } from './exercise-checks.ts';
import { Malformed, readRunMessage } from './messages.ts';
import { stalledMessage } from './endings.ts';
import { BATCH, BUDGET, faultsFor, grouped, STALL_MS } from './protocol.ts';
import type { CheckFailure, GateToHost, HostToGate, RunDone, RunToGate, Stopped } from './protocol.ts';
import { judgeRecord } from '../../playground/exercises/judge-record.ts';
import { judgeRun } from '../../playground/exercises/run-check.ts';
import type { ScheduleRun } from '../../playground/exercises/run-check.ts';
import type { ExerciseCheck, MarkedLine } from '../../playground/exercises/exercise.ts';
import type { OutputLine, ProgramStatus } from '../../playground/programs/program.ts';
import { ReplayRefused, RunReplay } from '../../playground/programs/replay-run.ts';
import type { ReplayOptions } from '../../playground/programs/replay-run.ts';
import { FaultScheduleError } from '../../playground/sim/fault-schedule.ts';
import type { RecordedInput } from '../../playground/sim/simulation.ts';
import { describeEvent } from '../../playground/sim/trace.ts';

const BEAT_MS = 200;

interface WorkerScope {
  onmessage: ((e: MessageEvent) => void) | null;
}
const scope = globalThis as unknown as WorkerScope;

interface RunJob {
  readonly kind: 'run';
  readonly id: number;
  /** The rebuild, made when the record's first inputs are fed. */
  replay: RunReplay | null;
  readonly setup: ReplayOptions;
  /** The record as it came, not fed yet, and the run's claimed end, not judged yet. */
  readonly record: (readonly RecordedInput[])[];
  end: { readonly status: ProgramStatus; readonly traceLength: number; readonly steps: number } | null;
  settling: boolean;
  readonly check: ExerciseCheck | undefined;
  /** Every line (kept for the exercise's judge), the ones the page has not had yet, and how many it never will. */
  readonly output: MarkedLine[];
  pending: OutputLine[];
  skipped: number;
  /** The run's end, sent once everything before it is. */
  done: RunDone | null;
  inputs: number;
  chars: number;
  shown: number;
}

interface CheckJob {
  readonly kind: 'check';
  readonly id: number;
  readonly check: ExerciseCheck;
  readonly total: number;
  readonly start: number;
  seed: number;
}

/** What the page shows of a failing schedule: the gate's verdict, at its event. */
function failure(run: ScheduleRun): CheckFailure {
  const at = run.judgement.ok ? undefined : run.judgement.at;
  const event = at !== undefined ? run.trace[at] : undefined;
  return {
    seed: run.seed,
    faults: run.faults,
    problem: run.judgement.ok ? '' : run.judgement.problem.slice(0, BUDGET.messageChars),
    ...(!run.judgement.ok && run.judgement.say !== undefined ? { say: run.judgement.say } : {}),
    ...(event !== undefined ? { at, event: describeEvent(event), time: event.time } : {}),
    status: run.status,
    lastOutput: run.output.slice(-12).map(({ stream, text }) => ({ stream, text })),
    traceLength: run.trace.length,
  };
}

scope.onmessage = (boot: MessageEvent) => {
  const [page, runner] = boot.ports;
  if (page === undefined || runner === undefined) return;
  scope.onmessage = null;

  let job: RunJob | CheckJob | null = null;
  let runnerReady = false;
  let over = false;
  let lastBeat = 0;
  /** A batch the page has not acknowledged yet. */
  let inFlight = false;

  const toPage = (m: GateToHost): void => page.postMessage(m);
  const beat = (): void => {
    const now = performance.now();
    if (now - lastBeat < BEAT_MS) return;
    lastBeat = now;
    toPage({ type: 'alive' });
  };
  /** End the job: the page is told why and ends the sandbox; nothing more is read. */
  const stop = (why: Stopped['why'], message: string): void => {
    if (over) return;
    over = true;
    runner.onmessage = null;
    // The last lines printed still reach the page (one batch, the newest; older ones counted).
    if (job?.kind === 'run' && job.pending.length > 0) {
      const lines = job.pending.splice(-BATCH.lines);
      toPage({ type: 'output', id: job.id, lines, ...(job.skipped + job.pending.length > 0 ? { skipped: job.skipped + job.pending.length } : {}) });
    }
    toPage({ type: 'stopped', id: job?.id ?? 0, why, message });
  };
  /** A message, or a record, that cannot be accepted ends the job. */
  const refuse = (err: unknown): void => {
    if (err instanceof Malformed) return stop('malformed', err.message);
    if (err instanceof ReplayRefused) return stop('malformed', `its record of the run does not rebuild: ${err.message}`);
    return stop('malformed', `it could not be read (${err instanceof Error ? err.message.slice(0, 300) : 'unknown error'})`);
  };
  const finish = (m: GateToHost): void => {
    over = true;
    runner.onmessage = null;
    toPage(m);
  };

  // ---- runs: what the page is sent, one batch at a time ----

  /**
   * Send the page the next batch if it has acknowledged the last one: printed lines first,
   * then trace events; with nothing left and the run over, its end. So the page reads one
   * batch at a time, however fast the program prints.
   */
  const drain = (j: RunJob): void => {
    if (inFlight) return;
    if (j.pending.length > 0) {
      const lines = j.pending.splice(0, BATCH.lines);
      toPage({ type: 'output', id: j.id, lines, ...(j.skipped > 0 ? { skipped: j.skipped } : {}) });
      j.skipped = 0;
      inFlight = true;
      return;
    }
    const trace = j.replay?.sim.trace ?? [];
    const upto = Math.min(trace.length, BUDGET.shownEvents);
    if (j.shown < upto) {
      const n = Math.min(BATCH.events, upto - j.shown);
      toPage({ type: 'trace', id: j.id, from: j.shown, events: trace.slice(j.shown, j.shown + n) });
      j.shown += n;
      inFlight = true;
      return;
    }
    if (j.done !== null) finish(j.done);
  };

  /**
   * Feed the record to the rebuild (building it first), then check and judge the run's end
   * once it is claimed. The first feed waits for a task of its own (`later`), so that the
   * lines printed with the first inputs reach the page before the rebuild is built.
   */
  const settle = (j: RunJob): void => {
    j.settling = false;
    if (over) return;
    try {
      j.replay ??= new RunReplay(j.setup);
      for (const inputs of j.record.splice(0)) j.replay.feed(inputs);
      if (j.end !== null && j.done === null) {
        j.replay.finish(j.end);
        const trace = j.replay.sim.trace;
        const late = j.output.find((l) => l.index > trace.length);
        if (late !== undefined) throw new ReplayRefused(`a line was printed at trace index ${late.index}, after the run's end (${trace.length})`);
        const judgement = j.check !== undefined ? judgeRun(j.check, { status: j.end.status, output: j.output, trace }) : undefined;
        j.done = {
          type: 'run-done',
          id: j.id,
          status: j.end.status,
          ...(judgement !== undefined ? { judgement } : {}),
          traceLength: trace.length,
          traceDropped: Math.max(0, trace.length - BUDGET.shownEvents),
          virtualMs: j.replay.sim.now,
        };
      }
      drain(j);
    } catch (err) {
      refuse(err);
    }
  };
  const later = (j: RunJob): void => {
    if (j.settling) return;
    j.settling = true;
    setTimeout(() => settle(j), 0);
  };

  const onRun = (j: RunJob, m: RunToGate): void => {
    switch (m.type) {
      case 'inputs':
        j.inputs += m.inputs.length;
        if (j.inputs > BUDGET.inputs) return stop('budget', `Stopped: the program made more than ${grouped(BUDGET.inputs)} calls, connects and sleeps, the most one run may make. The sandbox was ended.`);
        j.record.push(m.inputs);
        // Only the first feed, which builds the rebuild, waits for a task of its own.
        return j.replay === null ? later(j) : settle(j);
      case 'output': {
        const last = j.output.at(-1);
        if (last !== undefined && (m.lines[0]!.index < last.index || m.lines[0]!.time < last.time)) throw new Malformed('message.lines[0]: expected a line printed no earlier than the one before it');
        for (const line of m.lines) {
          j.output.push(line);
          j.chars += line.text.length;
          j.pending.push({ stream: line.stream, text: line.text });
        }
        if (j.output.length > BUDGET.outputLines) return stop('budget', `Stopped: the program printed more than ${grouped(BUDGET.outputLines)} lines, the most one run may print. The sandbox was ended.`);
        if (j.chars > BUDGET.outputChars) return stop('budget', `Stopped: the program printed more than ${grouped(BUDGET.outputChars)} characters, the most one run may print. The sandbox was ended.`);
        // The page keeps a tail: lines older than it would never be shown, so they are only counted.
        if (j.pending.length > BUDGET.keptLines) j.skipped += j.pending.splice(0, j.pending.length - BUDGET.keptLines).length;
        return drain(j);
      }
      case 'run-end':
        if (j.end !== null) throw new Malformed('message.type: "run-end" came twice');
        j.end = { status: m.status, traceLength: m.traceLength, steps: m.steps };
        return j.settling ? undefined : settle(j);
      case 'compile-error':
        j.done = { type: 'run-done', id: j.id, compileError: m.error, traceLength: 0, traceDropped: 0, virtualMs: 0 };
        return drain(j);
      default:
        throw new Malformed(`message.type: "${m.type}" is not part of a run`);
    }
  };

  // ---- checks ----

  const onCheck = (j: CheckJob, m: RunToGate): void => {
    if (m.type === 'compile-error') return finish({ type: 'check-done', id: j.id, kind: 'compile-error', error: m.error });
    if (m.type !== 'schedule') throw new Malformed(`message.type: "${m.type}" is not part of a check`);
    if (m.seed !== j.seed) throw new Malformed(`message.seed: expected schedule ${j.seed}, got ${m.seed}`);
    if (m.output.length > BUDGET.outputLines) return stop('budget', `Stopped: on fault schedule ${m.seed} the program printed more than ${grouped(BUDGET.outputLines)} lines, the most one run may print.`);
    if (m.output.reduce((n, l) => n + l.text.length, 0) > BUDGET.outputChars) return stop('budget', `Stopped: on fault schedule ${m.seed} the program printed more than ${grouped(BUDGET.outputChars)} characters, the most one run may print.`);
    const run = judgeRecord(j.check, m, { maxTraceEvents: BUDGET.traceEvents, onSteps: beat });
    const ms = Math.round(performance.now() - j.start);
    if (!run.judgement.ok) {
      return finish({ type: 'check-done', id: j.id, kind: 'failed', schedules: m.seed, ms, failure: failure(run) });
    }
    if (m.seed === j.total) return finish({ type: 'check-done', id: j.id, kind: 'passed', schedules: j.total, ms });
    j.seed++;
    toPage({ type: 'progress', id: j.id, done: m.seed, total: j.total });
  };

  // ---- the run worker's heartbeat ----

  // Any message from the run worker counts. When the gate itself was busy (a long rebuild,
  // a huge message), the run worker's messages may be waiting in line: it gets the benefit.
  let lastRun = performance.now();
  let lastTick = lastRun;
  setInterval(() => {
    const now = performance.now();
    if (now - lastTick > 1000) lastRun = now;
    lastTick = now;
    if (job !== null && !over && now - lastRun > STALL_MS) {
      stop('stall', stalledMessage(STALL_MS));
    }
  }, 250);

  // ---- the run worker's messages ----

  runner.onmessage = (e: MessageEvent) => {
    if (over) return;
    lastRun = performance.now();
    try {
      const m = readRunMessage(e.data);
      if (m.type === 'alive') return beat();
      if (m.type === 'ready') {
        if (runnerReady) throw new Malformed('message.type: "ready" came twice');
        runnerReady = true;
        return toPage({ type: 'ready' });
      }
      if (m.type === 'fatal') return finish({ type: 'fatal', id: job?.id ?? 0, message: m.message });
      if (job === null) throw new Malformed(`message.type: "${m.type}" before any job`);
      if (job.kind === 'run') onRun(job, m);
      else onCheck(job, m);
      beat();
    } catch (err) {
      refuse(err);
    }
  };

  // ---- the page's request ----

  page.onmessage = (e: MessageEvent<HostToGate>) => {
    const req = e.data;
    if (req.type === 'ack') {
      inFlight = false;
      if (job?.kind === 'run' && !over) drain(job);
      return;
    }
    if (job !== null || over) return;
    lastRun = performance.now(); // the run worker's silence is timed from its job's start
    if (req.type === 'run') {
      const check = req.exercise !== undefined ? EXERCISE_CHECKS.get(req.exercise) : undefined;
      if (req.exercise !== undefined && check === undefined) return finish({ type: 'fatal', id: req.id, message: `no exercise named ${req.exercise}` });
      let faults;
      try {
        faults = faultsFor(req, check);
      } catch (err) {
        const why = err instanceof FaultScheduleError ? err.problems.join('; ') : (err as Error).message;
        return finish({ type: 'run-done', id: req.id, faultsError: why.slice(0, BUDGET.messageChars), traceLength: 0, traceDropped: 0, virtualMs: 0 });
      }
      const setup = { seed: req.seed, servers: check?.servers ?? 3, faults, maxTraceEvents: BUDGET.traceEvents, onSteps: beat };
      job = { kind: 'run', id: req.id, replay: null, setup, record: [], end: null, settling: false, check, output: [], pending: [], skipped: 0, done: null, inputs: 0, chars: 0, shown: 0 };
      runner.postMessage(req);
    } else {
      const check = EXERCISE_CHECKS.get(req.exercise);
      if (check === undefined) return finish({ type: 'fatal', id: req.id, message: `no exercise named ${req.exercise}` });
      job = { kind: 'check', id: req.id, check, total: req.schedules ?? check.schedules, start: performance.now(), seed: 1 };
      runner.postMessage(req);
    }
  };
};
