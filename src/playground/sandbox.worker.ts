/**
 * The sandbox worker: runs a reader's program (or an exercise check) beside its own
 * simulated ensemble, on virtual time, and streams what happens to the page.
 *
 * Boot: the sandboxed iframe (`sandbox-host.ts`) creates this worker from a blob and sends
 * it one message carrying a MessagePort to the page. The worker keeps the port in a closure,
 * locks its global scope down (`lock-down.ts`: no network, no storage, no nested workers,
 * no `postMessage`), says `ready` with what it removed, and from then on reads requests
 * from the port only (`protocol.ts`).
 *
 * Budgets: inside, the async driver ends a program that never settles (virtual time and
 * kernel events); the page ends one that never yields (an infinite loop, or allocation
 * that stalls the worker), by destroying the iframe when the `alive` beats stop.
 *
 * Browser worker only; imports the playground's sandbox and exercise runner.
 */
import { compileProgram } from '../../playground/sandbox/compile.ts';
import { runProgram } from '../../playground/sandbox/run-program.ts';
import type { ProgramStatus } from '../../playground/sandbox/program.ts';
import { simTarget } from '../../playground/sandbox/sim-target.ts';
import { describeEvent } from '../../playground/sim/trace.ts';
import type { TraceEvent } from '../../playground/sim/trace.ts';
import { validateFaultSchedule } from '../../playground/zab/fault-schedule.ts';
import { compileExercise, judgeRun, readerStatus, runCheck } from '../../playground/exercises/run-check.ts';
import type { MarkedLine } from '../../playground/exercises/exercise.ts';
import { EXERCISE_CHECKS } from './exercise-checks.ts';
import { lockDown } from './lock-down.ts';
import { TRACE_LIMIT } from './protocol.ts';
import type { CheckRequest, HostToWorker, RunRequest, WorkerToHost } from './protocol.ts';

/** Kernel events a page run may take before it is called stuck. */
const MAX_EVENTS = 300_000;
/** Virtual time a page run may take. */
const MAX_VIRTUAL_MS = 10 * 60 * 1000;
const BEAT_MS = 100;

interface WorkerScope {
  onmessage: ((e: MessageEvent) => void) | null;
}
const scope = globalThis as unknown as WorkerScope;
const Channel = MessageChannel;
const clock = performance;

scope.onmessage = (boot: MessageEvent) => {
  const port = boot.ports[0];
  if (port === undefined) return;
  scope.onmessage = null;
  const send = (m: WorkerToHost): void => port.postMessage(m);
  const removed = lockDown();

  let lastBeat = clock.now();
  const beat = (): void => {
    const now = clock.now();
    if (now - lastBeat >= BEAT_MS) {
      lastBeat = now;
      send({ type: 'alive' });
    }
  };
  /** The driver's yield (a MessageChannel round trip), which also keeps the page's watchdog fed. */
  const yieldToHost = (): Promise<void> =>
    new Promise((resolve) => {
      beat();
      const ch = new Channel();
      ch.port1.onmessage = () => {
        ch.port1.close();
        resolve();
      };
      ch.port2.postMessage(null);
    });

  const memoryStatus = (status: ProgramStatus): ProgramStatus => {
    if (status.kind !== 'threw' || status.name !== 'RangeError') return status;
    if (/allocation failed|Invalid (array|string|typed array) length|out of memory/i.test(status.message)) {
      return { ...status, message: `${status.message} — unbounded allocation: the program asked for more memory than the sandbox gives` };
    }
    if (/call stack/i.test(status.message)) return { ...status, message: `${status.message} — unbounded recursion` };
    return status;
  };

  async function run(req: RunRequest): Promise<void> {
    const check = req.exercise !== undefined ? EXERCISE_CHECKS.get(req.exercise) : undefined;
    if (req.exercise !== undefined && check === undefined) {
      send({ type: 'fatal', message: `no exercise named ${req.exercise}` });
      return;
    }
    let faults;
    try {
      // The ensemble's own nodes only: s1..sN, and the clients the program makes (c1, c2, ...).
      const servers = Array.from({ length: check?.servers ?? 3 }, (_, i) => `s${i + 1}`);
      faults = validateFaultSchedule(req.faults, { servers, clients: 'numbered' });
    } catch (err) {
      send({ type: 'run-done', id: req.id, compileError: { message: (err as Error).message }, traceLength: 0, traceDropped: 0, virtualMs: 0 });
      return;
    }
    const compiled = check !== undefined ? compileExercise(check, req.code) : (() => {
      const c = compileProgram(req.code);
      return c.ok ? { ok: true as const, js: c.js, composed: { source: req.code, readerLines: req.code.split('\n').length } } : c;
    })();
    if (!compiled.ok) {
      send({ type: 'run-done', id: req.id, compileError: compiled.error, traceLength: 0, traceDropped: 0, virtualMs: 0 });
      return;
    }
    const target = simTarget({ seed: req.seed, servers: check?.servers ?? 3, faults, maxEvents: MAX_EVENTS, maxTimeMs: check?.maxTimeMs ?? MAX_VIRTUAL_MS, yieldToHost });
    const trace = target.sim.trace;
    let sent = 0;
    const flush = (): void => {
      const upto = Math.min(trace.length, TRACE_LIMIT);
      if (upto > sent) {
        send({ type: 'trace', id: req.id, events: trace.slice(sent, upto) as TraceEvent[] });
        sent = upto;
      }
    };
    const output: MarkedLine[] = [];
    const result = await runProgram(compiled.js, target, {
      limitMs: check?.maxTimeMs ?? MAX_VIRTUAL_MS,
      onOutput: (line) => {
        flush();
        const marked = { ...line, index: trace.length, time: target.sim.now };
        output.push(marked);
        send({ type: 'output', id: req.id, line, index: marked.index, time: marked.time });
      },
    });
    flush();
    const status = memoryStatus(readerStatus(result.status, compiled.composed));
    const judgement = check !== undefined ? judgeRun(check, { status, output, trace }) : undefined;
    send({
      type: 'run-done',
      id: req.id,
      status,
      ...(judgement !== undefined ? { judgement } : {}),
      traceLength: trace.length,
      traceDropped: Math.max(0, trace.length - TRACE_LIMIT),
      virtualMs: target.sim.now,
    });
  }

  async function check(req: CheckRequest): Promise<void> {
    const ex = EXERCISE_CHECKS.get(req.exercise);
    if (ex === undefined) {
      send({ type: 'fatal', message: `no exercise named ${req.exercise}` });
      return;
    }
    const t0 = clock.now();
    const report = await runCheck(ex, req.code, {
      ...(req.schedules !== undefined ? { schedules: req.schedules } : {}),
      yieldToHost,
      maxEvents: MAX_EVENTS,
      onSchedule: (done, total) => send({ type: 'progress', id: req.id, done, total }),
    });
    const ms = Math.round(clock.now() - t0);
    if (report.kind === 'compile-error') {
      send({ type: 'check-done', id: req.id, kind: 'compile-error', error: report.error });
    } else if (report.kind === 'passed') {
      send({ type: 'check-done', id: req.id, kind: 'passed', schedules: report.schedules, ms });
    } else {
      const f = report.failure;
      const at = f.judgement.ok ? undefined : f.judgement.at;
      const event = at !== undefined ? f.trace[at] : undefined;
      send({
        type: 'check-done',
        id: req.id,
        kind: 'failed',
        schedules: report.schedules,
        ms,
        failure: {
          seed: f.seed,
          faults: f.faults,
          problem: f.judgement.ok ? '' : f.judgement.problem,
          at,
          event: event !== undefined ? describeEvent(event) : undefined,
          time: event?.time,
          status: memoryStatus(f.status),
          lastOutput: f.output.slice(-12).map(({ stream, text }) => ({ stream, text })),
          traceLength: f.trace.length,
        },
      });
    }
  }

  port.onmessage = (e: MessageEvent<HostToWorker>) => {
    const req = e.data;
    const job = req.type === 'run' ? run(req) : check(req);
    job.catch((err: unknown) => send({ type: 'fatal', message: err instanceof Error ? `${err.name}: ${err.message}` : String(err) }));
  };
  send({ type: 'ready', removed });
};
