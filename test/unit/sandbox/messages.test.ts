/**
 * The sandbox's message schema (`src/sandbox/messages.ts`): every message an honest run
 * worker or gate sends is read back as it was; every forged one is refused with the place
 * that is wrong: unknown or missing types, missing and extra fields, wrong types, huge
 * strings, too many items, trace events whose index is not their position or whose time
 * goes back, lines or inputs out of order, prototype keys (`__proto__`, `constructor`,
 * `prototype`) at any depth, values a structured clone of plain data cannot hold, data
 * nested too deep.
 */
import { describe, expect, it } from 'vitest';
import { Malformed, readGateMessage, readRunMessage } from '../../../src/sandbox/messages.ts';
import { BATCH, BUDGET, MAX_LINE_CHARS } from '../../../src/sandbox/protocol.ts';

const line = { stream: 'log', text: 'hi', index: 3, time: 10 };
const input = { kind: 'request', node: 'c1', value: { cmd: 'submit', handle: 1, reqId: 2, req: { op: 'create', path: '/a', data: new Uint8Array([1]), flags: 0 } }, at: 40, steps: 20, time: 5 };
const wake = (index: number, time = 0) => ({ kind: 'wake', label: 'x', index, time, cause: -1 });

const HONEST_RUN = [
  { type: 'ready' },
  { type: 'alive' },
  { type: 'inputs', inputs: [input, { kind: 'at', delayMs: 5, label: 'sleep 5ms', at: 41, steps: 20, time: 5 }] },
  // A host's clock set off (the fenced counter's schedules skew the servers' clocks).
  { type: 'inputs', inputs: [{ kind: 'skew', node: 's3', byMs: -30000, at: 0, steps: 0, time: 0 }, { kind: 'skew', node: 's1', byMs: 1500, at: 1, steps: 0, time: 0 }] },
  { type: 'output', lines: [line, { ...line, index: 4 }] },
  { type: 'compile-error', error: { message: 'Unexpected token', line: 2, column: 4 } },
  { type: 'run-end', status: { kind: 'finished' }, traceLength: 100, steps: 40 },
  { type: 'run-end', status: { kind: 'threw', name: 'KeeperException', message: 'NONODE', code: 'NONODE', line: 3 }, traceLength: 100, steps: 40 },
  { type: 'schedule', seed: 1, inputs: [input], output: [line], status: { kind: 'stuck', message: 'waiting' }, traceLength: 100, steps: 40 },
  { type: 'fatal', message: 'oops' },
];

const HONEST_GATE = [
  { type: 'ready' },
  { type: 'alive' },
  { type: 'output', id: 1, lines: [{ stream: 'warn', text: 'w' }] },
  { type: 'trace', id: 1, from: 5, events: [wake(5), wake(6, 2)] },
  // A frozen node's events: a run with a freeze fault must reach the page (the fenced-pause figure).
  { type: 'trace', id: 1, from: 7, events: [{ kind: 'freeze', node: 'c1', forMs: 10000, index: 7, time: 400, cause: 7 }, { kind: 'hold', from: 's1', to: 'c1', conn: 3, sendIndex: 6, index: 8, time: 410, cause: 6 }, { kind: 'thaw', node: 'c1', index: 9, time: 10400, cause: 9 }] },
  { type: 'trace', id: 1, from: 10, events: [{ kind: 'skew', node: 's3', byMs: 12000, index: 10, time: 0, cause: 10 }] },
  { type: 'check-done', id: 1, kind: 'failed', schedules: 1, ms: 5, failure: { seed: 1, faults: { version: 1, events: [{ at: 0, skew: 's3', by: 12000 }, { at: 900, crash: 's3' }] }, problem: 'p', at: 3, event: '#3 t=0 skew s3 by 12000ms', time: 0, status: { kind: 'finished' }, lastOutput: [], traceLength: 9 } },
  { type: 'progress', id: 1, done: 3, total: 100 },
  { type: 'run-done', id: 1, status: { kind: 'finished' }, judgement: { ok: false, problem: 'herd', at: 4 }, traceLength: 9, traceDropped: 0, virtualMs: 20 },
  { type: 'run-done', id: 1, status: { kind: 'stuck', message: 'm' }, judgement: { ok: false, problem: 'p', say: { id: 'run.stuckBecause', args: [{ id: 'first-program.aliveMode', args: ['PERSISTENT'] }, 'm'] } }, traceLength: 9, traceDropped: 0, virtualMs: 20 },
  { type: 'check-done', id: 1, kind: 'failed', schedules: 1, ms: 5, failure: { seed: 1, faults: { version: 1, events: [] }, problem: 'p', say: { id: 'first-program.blindSet', args: [-1] }, status: { kind: 'finished' }, lastOutput: [], traceLength: 9 } },
  { type: 'run-done', id: 1, compileError: { message: 'x' }, traceLength: 0, traceDropped: 0, virtualMs: 0 },
  { type: 'run-done', id: 1, faultsError: 'line 1: s9 is not a node of this ensemble', traceLength: 0, traceDropped: 0, virtualMs: 0 },
  { type: 'check-done', id: 1, kind: 'passed', schedules: 100, ms: 5 },
  { type: 'check-done', id: 1, kind: 'failed', schedules: 2, ms: 5, failure: { seed: 2, faults: { version: 1, events: [{ at: 5, crash: 's1' }] }, problem: 'p', at: 3, event: '#3 t=0 wake x', time: 0, status: { kind: 'finished' }, lastOutput: [{ stream: 'log', text: 'x' }], traceLength: 9 } },
  { type: 'stopped', id: 1, why: 'budget', message: 'Stopped: ...' },
  { type: 'fatal', id: 1, message: 'no exercise named x' },
];

function refused(read: (v: unknown) => unknown, value: unknown): string {
  try {
    read(value);
  } catch (err) {
    expect(err).toBeInstanceOf(Malformed);
    return (err as Error).message;
  }
  throw new Error(`accepted: ${JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))?.slice(0, 200)}`);
}

describe('honest messages are read as they were sent (through a structured clone)', () => {
  it.each(HONEST_RUN.map((m) => [m.type, m]))('run worker → gate: %s', (_t, m) => {
    expect(readRunMessage(structuredClone(m))).toEqual(m);
  });
  it.each(HONEST_GATE.map((m) => [m.type, m]))('gate → page: %s', (_t, m) => {
    expect(readGateMessage(structuredClone(m))).toEqual(m);
  });
});

const deep = (n: number): unknown => (n === 0 ? 1 : { a: deep(n - 1) });

describe('forged messages from the run worker are refused', () => {
  const cases: [string, unknown, RegExp][] = [
    ['not an object', 'just a string', /message: expected an object/],
    ['null', null, /message: expected an object/],
    ['an array', [1, 2, 3], /message: expected an object/],
    ['an unknown type', { type: 'hello' }, /message\.type: expected one of/],
    ['a type of the other hop', { type: 'check-done', id: 1, kind: 'passed', schedules: 100, ms: 1 }, /message\.type/],
    ['a trace message', { type: 'trace', id: 1, events: [wake(0)] }, /message\.type/],
    ['a missing field', { type: 'run-end', traceLength: 1 }, /message\.status: expected a value \(it is missing\)/],
    ['an extra field', { type: 'alive', note: 'x' }, /no key "note"/],
    ['a 5 MB status', { type: 'run-end', status: { kind: 'threw', name: 'Error', message: 'x'.repeat(5_000_000) }, traceLength: 0 }, /status\.message: expected a string of at most 4000/],
    ['a status of an unknown kind', { type: 'run-end', status: { kind: 'won' }, traceLength: 0 }, /status\.kind/],
    ['a 5 MB line', { type: 'output', lines: [{ ...line, text: 'x'.repeat(5_000_000) }] }, new RegExp(`text: expected a string of at most ${MAX_LINE_CHARS}`)],
    ['a line on no stream', { type: 'output', lines: [{ ...line, stream: 'stdout' }] }, /stream: expected one of log, info, warn, error/],
    ['lines out of order', { type: 'output', lines: [line, { ...line, index: 2 }] }, /lines\[1\]: expected a line printed no earlier/],
    ['a negative index', { type: 'output', lines: [{ ...line, index: -1 }] }, /index: expected an integer/],
    ['a fractional time', { type: 'output', lines: [{ ...line, time: 0.5 }] }, /time: expected an integer/],
    ['NaN', { type: 'run-end', status: { kind: 'finished' }, traceLength: NaN }, /traceLength: expected an integer/],
    ['too many lines in one message', { type: 'output', lines: Array.from({ length: BATCH.lines + 1 }, () => line) }, new RegExp(`at most ${BATCH.lines} items`)],
    ['inputs out of order', { type: 'inputs', inputs: [input, { ...input, steps: 1 }] }, /inputs\[1\]: expected an input applied no earlier/],
    ['an input of no kind', { type: 'inputs', inputs: [{ ...input, kind: 'explode' }] }, /kind: expected one of/],
    ['__proto__ at the top', JSON.parse('{"type":"alive","__proto__":{"polluted":true}}'), /no "__proto__" key/],
    ['__proto__ deep in a request', { type: 'inputs', inputs: [{ ...input, value: JSON.parse('{"cmd":"submit","req":{"__proto__":{"x":1}}}') }] }, /value\.req: expected no "__proto__" key/],
    ['constructor in a request', { type: 'inputs', inputs: [{ ...input, value: { constructor: { prototype: 1 } } }] }, /no "constructor" key/],
    ['prototype in a line', { type: 'output', lines: [{ ...line, prototype: 1 }] }, /no "prototype" key/],
    ['a Map in a request', { type: 'inputs', inputs: [{ ...input, value: new Map([[1, 2]]) }] }, /a plain object/],
    ['a Date in a request', { type: 'inputs', inputs: [{ ...input, value: new Date(0) }] }, /a plain object/],
    ['a request nested 60 deep', { type: 'inputs', inputs: [{ ...input, value: deep(60) }] }, /at most 48 levels deep/],
    ['a schedule of no seed', { type: 'schedule', seed: 0, inputs: [], output: [], status: { kind: 'finished' }, traceLength: 0 }, /seed: expected an integer in \[1/],
    ['a trace longer than any run', { type: 'run-end', status: { kind: 'finished' }, traceLength: BUDGET.traceEvents + 1 }, /traceLength: expected an integer/],
  ];
  it.each(cases)('%s', (_what, value, expected) => {
    expect(refused(readRunMessage, structuredClone(value))).toMatch(expected);
  });
});

describe('forged messages to the page are refused', () => {
  const cases: [string, unknown, RegExp][] = [
    ['a trace event whose index is not its position', { type: 'trace', id: 1, from: 0, events: [wake(7), wake(3)] }, /events\[0\]\.index: expected 0/],
    ['a trace event whose time goes back', { type: 'trace', id: 1, from: 0, events: [wake(0, 9), wake(1, 3)] }, /events\[1\]\.time/],
    ['a trace event of no kind', { type: 'trace', id: 1, from: 0, events: [{ ...wake(0), kind: 'boom' }] }, /kind: expected a trace event kind/],
    ['a trace event caused by a later one', { type: 'trace', id: 1, from: 0, events: [{ ...wake(0), cause: 5 }] }, /cause/],
    ['more trace events than one message may carry', { type: 'trace', id: 1, from: 0, events: Array.from({ length: BATCH.events + 1 }, (_, i) => wake(i)) }, new RegExp(`at most ${BATCH.events} events`)],
    ['a "run done" without its counts', { type: 'run-done', id: 1, status: { kind: 'finished' } }, /traceLength: expected a value/],
    ['a verdict that passes with a problem', { type: 'run-done', id: 1, judgement: { ok: true, problem: 'x' }, traceLength: 0, traceDropped: 0, virtualMs: 0 }, /no key "problem"/],
    ['a failure with a bad fault schedule', { type: 'check-done', id: 1, kind: 'failed', schedules: 1, ms: 1, failure: { seed: 1, faults: { version: 9 }, problem: 'p', status: { kind: 'finished' }, lastOutput: [], traceLength: 0 } }, /faults: expected a fault schedule/],
    ['progress of no total', { type: 'progress', id: 1, done: -5, total: 1e12 }, /done: expected an integer/],
    ['a check outcome of no kind', { type: 'check-done', id: 1, kind: 'maybe' }, /kind: expected one of/],
    ['a stop for no reason', { type: 'stopped', id: 1, why: 'bored', message: '' }, /why: expected one of malformed, budget, stall/],
    ['an id that is no number', { type: 'output', id: '1', lines: [] }, /id: expected an integer/],
    ['a message id that is no id', { type: 'run-done', id: 1, judgement: { ok: false, problem: 'p', say: { id: '__proto__', args: [] } }, traceLength: 0, traceDropped: 0, virtualMs: 0 }, /say\.id: expected a message id/],
    ['a message argument that is an object of no message', { type: 'run-done', id: 1, judgement: { ok: false, problem: 'p', say: { id: 'run.stuck', args: [{ x: 1 }] } }, traceLength: 0, traceDropped: 0, virtualMs: 0 }, /args\[0\]: expected no key "x"/],
    ['messages nested too deep', { type: 'run-done', id: 1, judgement: { ok: false, problem: 'p', say: [0, 1, 2, 3, 4].reduce<unknown>((inner) => ({ id: 'run.stuck', args: [inner] }), { id: 'run.stuck', args: ['x'] }) }, traceLength: 0, traceDropped: 0, virtualMs: 0 }, /expected a string or a number/],
    ['a failure whose message has 5 MB arguments', { type: 'check-done', id: 1, kind: 'failed', schedules: 1, ms: 1, failure: { seed: 1, faults: { version: 1, events: [] }, problem: 'p', say: { id: 'run.stuck', args: ['x'.repeat(5_000_000)] }, status: { kind: 'finished' }, lastOutput: [], traceLength: 0 } }, /args\[0\]: expected a string of at most/],
    ['__proto__ in a trace event', { type: 'trace', id: 1, from: 0, events: [{ ...wake(0), msg: JSON.parse('{"__proto__":{"x":1}}') }] }, /no "__proto__" key/],
  ];
  it.each(cases)('%s', (_what, value, expected) => {
    expect(refused(readGateMessage, structuredClone(value))).toMatch(expected);
  });
});
