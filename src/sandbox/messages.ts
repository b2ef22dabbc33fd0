/**
 * The schema of every message in the sandbox (`protocol.ts`), as readers (`schema.ts`):
 * `readRunMessage` is how the gate reads what the run worker sends (reader code runs there,
 * so every field is checked: sizes, counts, indexes, strings, no prototype keys), and
 * `readGateMessage` how the page reads the gate. Each throws `Malformed` on anything else;
 * the caller ends the sandbox. Order and totals across messages (trace events in sequence,
 * budgets) are the caller's to keep.
 *
 * Pure; imports the schema readers, the protocol's budgets and the fault-schedule validator.
 */
import type { CompileError } from '../../playground/programs/compile.ts';
import type { OutputLine, ProgramStatus } from '../../playground/programs/program.ts';
import type { RecordedInput } from '../../playground/sim/simulation.ts';
import type { TraceEvent } from '../../playground/sim/trace.ts';
import type { Judgement, MarkedLine } from '../../playground/exercises/exercise.ts';
import type { Said, SaidArg } from '../../playground/exercises/said.ts';
import { validateFaultSchedule } from '../../playground/zab/fault-schedule.ts';
import type { FaultSchedule } from '../../playground/zab/fault-schedule.ts';
import { BATCH, BUDGET, MAX_LINE_CHARS } from './protocol.ts';
import type { CheckFailure, GateToHost, RunToGate } from './protocol.ts';
import { array, bool, data, fail, int, literal, Malformed, oneOf, plain, read, record, str, tagged } from './schema.ts';
import type { DataBudget, Reader } from './schema.ts';

const MAX_INT = Number.MAX_SAFE_INTEGER;
const NODE = str(64);
const index = int(0, BUDGET.traceEvents);
const time = int(0, MAX_INT);
const message = str(BUDGET.messageChars);

const compileError: Reader<CompileError> = record({ message }, { line: int(1, 10_000_000), column: int(0, 10_000_000) });

const status: Reader<ProgramStatus> = tagged<ProgramStatus>('kind', {
  finished: record({ kind: literal('finished') }),
  threw: record({ kind: literal('threw'), name: str(200), message }, { code: str(64), line: int(1, 10_000_000) }),
  stuck: record({ kind: literal('stuck'), message }),
});

const stream = oneOf('log', 'info', 'warn', 'error');

const markedLine: Reader<MarkedLine> = record({ stream, text: str(MAX_LINE_CHARS), index, time });
const outputLine: Reader<OutputLine> = record({ stream, text: str(MAX_LINE_CHARS) });

/** Marked lines in print order: indexes and times never go back. */
function markedLines(max: number): Reader<MarkedLine[]> {
  const lines = array(markedLine, max);
  return (v, path) => {
    const out = lines(v, path);
    for (let i = 1; i < out.length; i++) {
      if (out[i]!.index < out[i - 1]!.index || out[i]!.time < out[i - 1]!.time) fail(`${path}[${i}]`, 'a line printed no earlier than the one before it');
    }
    return out;
  };
}

/** One outside input of the run's record, with where it was applied. */
function recordedInput(budget: DataBudget): Reader<RecordedInput> {
  const where = { at: index, steps: int(0, MAX_INT), time };
  const ms = int(0, MAX_INT);
  // One reader per kind of the kernel's outside inputs: a kind added there must be added here.
  const kinds: { readonly [K in RecordedInput['kind']]: Reader<RecordedInput> } = {
    addNode: record({ kind: literal('addNode'), node: NODE, ...where }),
    request: record({ kind: literal('request'), node: NODE, value: data(budget), ...where }),
    crash: record({ kind: literal('crash'), node: NODE, ...where }),
    freeze: record({ kind: literal('freeze'), node: NODE, forMs: ms, ...where }),
    skew: record({ kind: literal('skew'), node: NODE, byMs: int(-MAX_INT, MAX_INT), ...where }),
    restart: record({ kind: literal('restart'), node: NODE, ...where }),
    partition: record({ kind: literal('partition'), groups: array(array(NODE, 64), 64), ...where }),
    heal: record({ kind: literal('heal'), ...where }),
    breakConnection: record({ kind: literal('breakConnection'), a: NODE, b: NODE, ...where }),
    setLatency: record({ kind: literal('setLatency'), minMs: ms, maxMs: ms, ...where }),
    setLinkLatency: record({ kind: literal('setLinkLatency'), a: NODE, b: NODE, minMs: ms, maxMs: ms, ...where }),
    at: record({ kind: literal('at'), delayMs: ms, label: str(200), ...where }),
  };
  return tagged<RecordedInput>('kind', kinds);
}

/** Inputs in the order they were applied: positions never go back. */
function recordedInputs(budget: DataBudget, max: number): Reader<RecordedInput[]> {
  const inputs = array(recordedInput(budget), max);
  return (v, path) => {
    const out = inputs(v, path);
    for (let i = 1; i < out.length; i++) {
      const a = out[i - 1]!;
      const b = out[i]!;
      if (b.steps < a.steps || b.at < a.at || b.time < a.time) fail(`${path}[${i}]`, 'an input applied no earlier than the one before it');
    }
    return out;
  };
}

/** A fresh budget for the opaque values of one message. */
function dataBudget(): DataBudget {
  return { nodes: 4_000_000, chars: 64_000_000, depth: 48 };
}

/** What the run worker may send, read by the gate. */
export function readRunMessage(value: unknown): RunToGate {
  const budget = dataBudget();
  return read(
    tagged<RunToGate>('type', {
      ready: record({ type: literal('ready') }),
      alive: record({ type: literal('alive') }),
      inputs: record({ type: literal('inputs'), inputs: recordedInputs(budget, BATCH.inputs) }),
      output: record({ type: literal('output'), lines: markedLines(BATCH.lines) }),
      'compile-error': record({ type: literal('compile-error'), error: compileError }),
      'run-end': record({ type: literal('run-end'), status, traceLength: index, steps: int(0, MAX_INT) }),
      schedule: record({
        type: literal('schedule'),
        seed: int(1, 1_000_000),
        inputs: recordedInputs(budget, BUDGET.inputs),
        output: markedLines(BUDGET.outputLines + 1),
        status,
        traceLength: index,
        steps: int(0, MAX_INT),
      }),
      fatal: record({ type: literal('fatal'), message }),
    }),
    value,
  );
}

// Every kind the kernel traces, checked by the type: a kind added there must be added here
// (freeze and thaw were missing once, and every run with a frozen node was refused).
const TRACE_KIND_TABLE: { readonly [K in TraceEvent['kind']]: true } = {
  start: true, restart: true, crash: true, freeze: true, thaw: true, request: true, output: true, protocol: true, timer: true, wake: true,
  send: true, deliver: true, drop: true, hold: true, release: true, connect: true, connected: true, connectFailed: true, close: true,
  disconnected: true, break: true, partition: true, heal: true, latency: true, skew: true,
};
const TRACE_KINDS: ReadonlySet<string> = new Set(Object.keys(TRACE_KIND_TABLE));

/** Events numbered from `from`: each event's index is its position, time never goes back. */
function traceEvents(budget: DataBudget, from: number, v: unknown, path: string): TraceEvent[] {
  const value = data(budget);
  if (!Array.isArray(v) || Object.getPrototypeOf(v) !== Array.prototype || v.length > BATCH.events) fail(path, `an array of at most ${BATCH.events} events`);
  let before = 0;
  v.forEach((e: unknown, i) => {
    const at = `${path}[${i}]`;
    const ev = plain(e, at);
    if (typeof ev['kind'] !== 'string' || !TRACE_KINDS.has(ev['kind'])) fail(`${at}.kind`, 'a trace event kind');
    if (ev['index'] !== from + i) fail(`${at}.index`, `${from + i}, its position in the trace`);
    before = int(before, MAX_INT)(ev['time'], `${at}.time`);
    int(-1, from + i)(ev['cause'], `${at}.cause`);
    value(ev, at);
  });
  return v as TraceEvent[];
}

/** A check's message by id (playground/exercises/said.ts): an id, and arguments that are strings, numbers or messages, a few levels deep. */
function said(depth: number): Reader<Said> {
  const id: Reader<string> = (v, path) => {
    const s = str(120)(v, path);
    return /^[a-z][a-z0-9-]*\.[a-zA-Z][a-zA-Z0-9]*$/.test(s) ? s : fail(path, 'a message id (group.key)');
  };
  const arg: Reader<SaidArg> = (v, path) =>
    typeof v === 'number' ? int(-MAX_INT, MAX_INT)(v, path) : typeof v === 'string' ? message(v, path) : depth > 0 ? said(depth - 1)(v, path) : fail(path, 'a string or a number');
  return record({ id, args: array(arg, 8) });
}
const say = said(3);

const judgement: Reader<Judgement> = (v, path) =>
  bool(plain(v, path)['ok'], `${path}.ok`) ? record({ ok: literal(true) })(v, path) : record({ ok: literal(false), problem: message }, { at: index, say })(v, path);

const faultSchedule: Reader<FaultSchedule> = (v, path) => {
  data(dataBudget())(v, path);
  try {
    return validateFaultSchedule(v);
  } catch (err) {
    return fail(path, `a fault schedule (${(err as Error).message.split('\n')[0]!.slice(0, 200)})`);
  }
};

const checkFailure: Reader<CheckFailure> = record(
  { seed: int(1, 1_000_000), faults: faultSchedule, problem: message, status, lastOutput: array(outputLine, 12), traceLength: index },
  { at: index, event: str(400), time, say },
);

/** What the gate may send, read by the page. */
export function readGateMessage(value: unknown): GateToHost {
  const budget = dataBudget();
  const id = int(1, MAX_INT);
  return read(
    tagged<GateToHost>('type', {
      ready: record({ type: literal('ready') }),
      alive: record({ type: literal('alive') }),
      output: record({ type: literal('output'), id, lines: array(outputLine, BATCH.lines) }, { skipped: int(1, BUDGET.outputLines) }),
      trace: (v, path) => {
        const m = record({ type: literal('trace'), id, from: index, events: (x: unknown) => x })(v, path);
        return { ...m, events: traceEvents(budget, m.from, m.events, `${path}.events`) };
      },
      progress: record({ type: literal('progress'), id, done: int(0, 1_000_000), total: int(1, 1_000_000) }),
      'run-done': record(
        { type: literal('run-done'), id, traceLength: index, traceDropped: index, virtualMs: time },
        { compileError, faultsError: message, status, judgement },
      ),
      'check-done': tagged<GateToHost>('kind', {
        'compile-error': record({ type: literal('check-done'), id, kind: literal('compile-error'), error: compileError }),
        passed: record({ type: literal('check-done'), id, kind: literal('passed'), schedules: int(1, 1_000_000), ms: time }),
        failed: record({ type: literal('check-done'), id, kind: literal('failed'), schedules: int(1, 1_000_000), failure: checkFailure, ms: time }),
      }),
      stopped: record({ type: literal('stopped'), id: int(0, MAX_INT), why: oneOf('malformed', 'budget', 'stall'), message }),
      fatal: record({ type: literal('fatal'), id: int(0, MAX_INT), message }),
    }),
    value,
  );
}

export { Malformed };
