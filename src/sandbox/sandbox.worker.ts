/**
 * The run worker: runs a reader's program (or every schedule of an exercise check) beside
 * its own simulated ensemble, on virtual time, and reports what happened to the gate
 * (`gate.worker.ts`). One worker serves one job: the page makes a fresh one for every Run
 * and every Check, so nothing a program leaves behind meets the next.
 *
 * Boot: the sandboxed iframe (`sandbox-host.ts`) creates this worker from a blob and sends
 * it one message carrying a MessagePort to the gate. The worker keeps the port in a
 * closure, locks its global scope down (`lock-down.ts`: no network, no storage, no nested
 * workers, no `postMessage`), warms up if it was booted ahead (`warmUp`), says `ready`, and
 * reads one request from the port.
 *
 * What it reports is the run's record (the outside inputs its program put into the
 * simulation), the lines printed (each cut to `BUDGET.lineChars`, batched) and how the
 * program ended. Reader code runs here, so the gate treats all of it as claims: it rebuilds
 * the run from the record and judges there. Budgets: the async driver ends a program that
 * never settles (virtual time, kernel events); the page ends one that never yields (an
 * endless loop, a long computation, or allocation that stalls the worker) when the heartbeats stop.
 *
 * Browser worker only; imports the playground's sandbox and exercise runner.
 */
import { compileProgram } from '../../playground/programs/compile.ts';
import { runProgram } from '../../playground/programs/run-program.ts';
import type { ProgramStatus } from '../../playground/programs/program.ts';
import { simTarget } from '../../playground/programs/sim-target.ts';
import { compileExercise, readerStatus, runSchedule } from '../../playground/exercises/run-check.ts';
import type { MarkedLine } from '../../playground/exercises/exercise.ts';
import type { CompileError } from '../../playground/programs/compile.ts';
import { EXERCISE_CHECKS } from './exercise-checks.ts';
import { lockDown } from './lock-down.ts';
import { BATCH, BUDGET, cutLine, faultsFor } from './protocol.ts';
import type { CheckRequest, JobRequest, RunRequest, RunToGate } from './protocol.ts';

/** Kernel events a page run may take before it is called stuck. */
const MAX_EVENTS = 300_000;
/** Virtual time a page run may take. */
const MAX_VIRTUAL_MS = 10 * 60 * 1000;
const BEAT_MS = 100;
/** Printed lines wait at most this long (wall clock) before they are sent. */
const FLUSH_MS = 30;

interface WorkerScope {
  onmessage: ((e: MessageEvent) => void) | null;
}
const scope = globalThis as unknown as WorkerScope;
const Channel = MessageChannel;
const clock = performance;

const bound = (text: string, max: number = BUDGET.messageChars): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** A status within the schema's bounds, with a word on memory and recursion where they ran out. */
function reported(status: ProgramStatus): ProgramStatus {
  if (status.kind !== 'threw') return { ...status, ...('message' in status ? { message: bound(status.message) } : {}) };
  let message = status.message;
  if (status.name === 'RangeError' && /allocation failed|Invalid (array|string|typed array) length|out of memory/i.test(message)) {
    message = `${message} — unbounded allocation: the program asked for more memory than the sandbox gives`;
  } else if (status.name === 'RangeError' && /call stack/i.test(message)) {
    message = `${message} — unbounded recursion`;
  }
  return {
    kind: 'threw',
    name: bound(status.name, 200),
    message: bound(message),
    ...(status.code !== undefined ? { code: bound(status.code, 64) } : {}),
    ...(status.line !== undefined ? { line: status.line } : {}),
  };
}

const compileError = (e: CompileError): CompileError => ({ ...e, message: bound(e.message) });

/** Lines as sent: each cut, and no more than one past the budget (the gate stops the job there). */
class Printed {
  lines = 0;
  chars = 0;
  over = false;
  take(line: MarkedLine): MarkedLine | null {
    if (this.over) return null;
    const text = cutLine(line.text);
    this.lines++;
    this.chars += text.length;
    this.over = this.lines > BUDGET.outputLines || this.chars > BUDGET.outputChars;
    return text === line.text ? line : { ...line, text };
  }
}

scope.onmessage = (boot: MessageEvent) => {
  const port = boot.ports[0];
  if (port === undefined) return;
  scope.onmessage = null;
  const send = (m: RunToGate): void => port.postMessage(m);
  lockDown();

  let lastBeat = clock.now();
  let flush: (() => void) | null = null;
  let lastFlush = clock.now();
  const beat = (): void => {
    const now = clock.now();
    if (flush !== null && now - lastFlush >= FLUSH_MS) {
      lastFlush = now;
      flush();
    }
    if (now - lastBeat >= BEAT_MS) {
      lastBeat = now;
      send({ type: 'alive' });
    }
  };
  /** The driver's yield (a MessageChannel round trip), which also sends what is waiting and a heartbeat. */
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

  async function run(req: RunRequest): Promise<void> {
    const check = req.exercise !== undefined ? EXERCISE_CHECKS.get(req.exercise) : undefined;
    if (req.exercise !== undefined && check === undefined) return send({ type: 'fatal', message: `no exercise named ${bound(req.exercise, 100)}` });
    // The gate has checked the schedule already (`faultsFor`): here it is only read.
    const faults = faultsFor(req, check);
    const compiled = check !== undefined ? compileExercise(check, req.code) : (() => {
      const c = compileProgram(req.code);
      return c.ok ? { ok: true as const, js: c.js, composed: { source: req.code, readerLines: req.code.split('\n').length } } : c;
    })();
    if (!compiled.ok) return send({ type: 'compile-error', error: compileError(compiled.error) });
    const target = simTarget({ seed: req.seed, servers: check?.servers ?? 3, faults, maxEvents: MAX_EVENTS, maxTimeMs: check?.maxTimeMs ?? MAX_VIRTUAL_MS, yieldToHost });
    const inputs = target.sim.inputs;
    let sentInputs = 0;
    let lines: MarkedLine[] = [];
    const printed = new Printed();
    flush = () => {
      for (; sentInputs < inputs.length; sentInputs += BATCH.inputs) send({ type: 'inputs', inputs: inputs.slice(sentInputs, sentInputs + BATCH.inputs) });
      sentInputs = inputs.length;
      if (lines.length > 0) send({ type: 'output', lines });
      lines = [];
    };
    const result = await runProgram(compiled.js, target, {
      limitMs: check?.maxTimeMs ?? MAX_VIRTUAL_MS,
      onOutput: (line) => {
        const taken = printed.take({ ...line, index: target.sim.trace.length, time: target.sim.now });
        if (taken === null) return;
        lines.push(taken);
        if (lines.length >= BATCH.lines || printed.over) flush?.();
      },
    });
    flush();
    flush = null;
    send({ type: 'run-end', status: reported(readerStatus(result.status, compiled.composed)), traceLength: target.sim.trace.length, steps: target.sim.steps });
  }

  async function check(req: CheckRequest): Promise<void> {
    const ex = EXERCISE_CHECKS.get(req.exercise);
    if (ex === undefined) return send({ type: 'fatal', message: `no exercise named ${bound(req.exercise, 100)}` });
    const compiled = compileExercise(ex, req.code);
    if (!compiled.ok) return send({ type: 'compile-error', error: compileError(compiled.error) });
    const total = req.schedules ?? ex.schedules;
    for (let seed = 1; seed <= total; seed++) {
      const printed = new Printed();
      const output: MarkedLine[] = [];
      const run = await runSchedule(ex, compiled.composed, compiled.js, seed, {
        yieldToHost,
        maxEvents: MAX_EVENTS,
        onOutput: (line) => {
          const taken = printed.take(line);
          if (taken !== null) output.push(taken);
        },
      });
      send({ type: 'schedule', seed, inputs: run.inputs, output, status: reported(run.status), traceLength: run.trace.length, steps: run.steps });
    }
  }

  port.onmessage = (e: MessageEvent<JobRequest>) => {
    port.onmessage = null;
    const req = e.data;
    const job = req.type === 'run' ? run(req) : check(req);
    job.catch((err: unknown) => send({ type: 'fatal', message: bound(err instanceof Error ? `${err.name}: ${err.message}` : String(err)) }));
  };
  if (boot.data !== null && typeof boot.data === 'object' && (boot.data as { warm?: unknown }).warm === true) void warmUp().finally(() => send({ type: 'ready' }));
  else send({ type: 'ready' });
};

/**
 * For a worker booted ahead of the reader's Run (while the page is idle), before it says
 * ready: a program of our own, compiled and run on a 3-server ensemble, so that the reader's
 * run does not pay for compiling the compiler, the kernel and Zab. Nothing of it is kept.
 */
async function warmUp(): Promise<void> {
  const c = compileProgram("const zk = await connect();\nawait zk.exists('/');\nawait sleep(10);\nconsole.log('warm');\n");
  if (c.ok) await runProgram(c.js, simTarget({ servers: 3 }), { onOutput: () => {} });
}
