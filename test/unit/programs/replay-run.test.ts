/**
 * `RunReplay`: a program's run rebuilt from its record (the outside inputs, as a structured
 * clone delivers them) is the same trace, event for event, however the record is split
 * into messages; and a record the program could not have made is refused: an input only
 * the fault schedule or the setup may make, a fault left out, a request to a server, a
 * client out of order, an input moved to another step, a wrong end, another seed's setup.
 */
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { compileProgram } from '../../../playground/programs/compile.ts';
import { runProgram } from '../../../playground/programs/run-program.ts';
import { ReplayRefused, RunReplay, sameData } from '../../../playground/programs/replay-run.ts';
import type { RunEnd } from '../../../playground/programs/replay-run.ts';
import { simTarget } from '../../../playground/programs/sim-target.ts';
import type { EnsembleSize } from '../../../playground/programs/sim-target.ts';
import type { RecordedInput } from '../../../playground/sim/simulation.ts';
import type { TraceEvent } from '../../../playground/sim/trace.ts';
import type { FaultSchedule } from '../../../playground/zab/fault-schedule.ts';

const FIRST_PROGRAM = readFileSync(new URL('../../../content/examples/first-program.ts', import.meta.url), 'utf8');
const FAULTS: FaultSchedule = { version: 1, events: [{ at: 40, crash: 's2' }, { at: 900, restart: 's2' }, { at: 1200, partition: [['s3']] }, { at: 2500, heal: true }] };
/** Two clients, watches, sleeps, a multi, errors, and work across the faults above. */
const BUSY = `const a = await connect();
const b = await connect({ sessionTimeoutMs: 6000 });
await a.create('/q', 'x', OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
let fired = 0;
for (let i = 0; i < 20; i++) {
  await b.getData('/q', () => { fired++; });
  await sleep(97);
  await a.setData('/q', 'v' + i, -1).catch((e) => console.log('setData', i, e.code));
  await a.create('/q/n-', '', OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL).catch((e) => console.log('create', e.code));
}
await a.multi([Op.create('/m', new Uint8Array([1, 2]), OPEN_ACL_UNSAFE, CreateMode.PERSISTENT), Op.check('/q', -1)]);
await b.getData('/nope').catch((e) => console.log(e.code));
console.log('fired', fired);
`;

interface Run {
  readonly inputs: RecordedInput[];
  readonly trace: readonly TraceEvent[];
  readonly steps: number;
  readonly seed: number;
  readonly servers: EnsembleSize;
  readonly faults: FaultSchedule;
}

async function record(source: string, seed: number, servers: EnsembleSize, faults: FaultSchedule): Promise<Run> {
  const c = compileProgram(source);
  if (!c.ok) throw new Error(c.error.message);
  const target = simTarget({ seed, servers, faults });
  await runProgram(c.js, target);
  return { inputs: structuredClone([...target.sim.inputs]), trace: target.sim.trace, steps: target.sim.steps, seed, servers, faults };
}

function replay(run: Run, inputs: readonly RecordedInput[] = run.inputs, end: RunEnd = { traceLength: run.trace.length, steps: run.steps }, chunk = inputs.length || 1): RunReplay {
  const r = new RunReplay({ seed: run.seed, servers: run.servers, faults: run.faults, maxTraceEvents: 1_000_000 });
  for (let i = 0; i < inputs.length; i += chunk) r.feed(inputs.slice(i, i + chunk));
  r.finish(end);
  return r;
}

/** The index of the first input the program made (after the setup's). */
const firstProgramInput = (run: Run): number => run.inputs.findIndex((i) => i.kind === 'addNode' && i.node === 'c1');

describe('RunReplay rebuilds an honest run', () => {
  it.each([
    ['the first program, standalone', FIRST_PROGRAM, 1, 1 as const],
    ['the first program, on a Zab ensemble under faults', FIRST_PROGRAM, 7, 3 as const],
    ['two clients, watches, sleeps and a multi under faults', BUSY, 3, 3 as const],
    ['the same on five servers', BUSY, 11, 5 as const],
  ])('%s: the same trace, whole or fed in pieces', async (_what, source, seed, servers) => {
    const run = await record(source, seed, servers, servers === 1 ? { version: 1, events: [] } : FAULTS);
    expect(run.inputs.length).toBeGreaterThan(5);
    for (const chunk of [run.inputs.length, 1, 7, 100]) {
      const r = replay(run, run.inputs, undefined, chunk);
      expect(isDeepStrictEqual(structuredClone(r.sim.trace), structuredClone(run.trace)), `chunk ${chunk}`).toBe(true);
    }
  });
});

describe('RunReplay refuses a record the program could not have made', () => {
  const refuse = (run: Run, inputs: readonly RecordedInput[], end?: RunEnd): string => {
    try {
      replay(run, inputs, end);
    } catch (err) {
      expect(err).toBeInstanceOf(ReplayRefused);
      return (err as Error).message;
    }
    throw new Error('the record was accepted');
  };

  it('an input only the setup or the fault schedule makes', async () => {
    const run = await record(BUSY, 3, 3, FAULTS);
    const at = firstProgramInput(run) + 3;
    const p = run.inputs[at]!;
    for (const forged of [
      { kind: 'crash', node: 's1' },
      { kind: 'partition', groups: [['s1']] },
      { kind: 'heal' },
      { kind: 'breakConnection', a: 'c1', b: 's1' },
      { kind: 'setLatency', minMs: 1, maxMs: 1 },
      { kind: 'restart', node: 's2' },
    ] as const) {
      const inputs = [...run.inputs.slice(0, at), { ...forged, at: p.at, steps: p.steps, time: p.time } as RecordedInput, ...run.inputs.slice(at)];
      expect(refuse(run, inputs)).toMatch(/cannot do|where the run had|leaves out/);
    }
  });

  it('a fault of the schedule left out', async () => {
    const run = await record(BUSY, 3, 3, FAULTS);
    const crash = run.inputs.findIndex((i) => i.kind === 'crash');
    expect(crash).toBeGreaterThan(firstProgramInput(run));
    expect(refuse(run, [...run.inputs.slice(0, crash), ...run.inputs.slice(crash + 1)])).toMatch(/where the run had crash s2|leaves out crash s2/);
  });

  it('a request to a server, a client out of order, a node that is no client', async () => {
    const run = await record(BUSY, 3, 3, FAULTS);
    const at = firstProgramInput(run);
    const c1 = run.inputs[at]!;
    const request = run.inputs.find((i) => i.kind === 'request' && i.node === 'c1')!;
    expect(refuse(run, [...run.inputs.slice(0, at), { ...c1, node: 'c2' } as RecordedInput, ...run.inputs.slice(at + 1)])).toMatch(/next client is c1/);
    const i = run.inputs.indexOf(request);
    expect(refuse(run, [...run.inputs.slice(0, i), { ...request, node: 's1' } as RecordedInput, ...run.inputs.slice(i + 1)])).toMatch(/not one of the program's clients/);
  });

  it('an input moved to another step, or to a time the run was not at', async () => {
    const run = await record(BUSY, 3, 3, FAULTS);
    const i = firstProgramInput(run) + 5;
    const p = run.inputs[i]!;
    for (const moved of [{ ...p, steps: p.steps + 1 }, { ...p, at: p.at + 1 }, { ...p, time: p.time + 1 }, { ...p, steps: p.steps - 1, at: p.at - 1 }]) {
      expect(refuse(run, [...run.inputs.slice(0, i), moved as RecordedInput, ...run.inputs.slice(i + 1)])).toMatch(/never was|where the run had|nothing left/);
    }
  });

  it('an end that is not the run’s, and a record cut short', async () => {
    const run = await record(BUSY, 3, 3, FAULTS);
    const end = { traceLength: run.trace.length, steps: run.steps };
    for (const wrong of [{ ...end, traceLength: end.traceLength - 1 }, { ...end, traceLength: 0 }, { ...end, steps: end.steps - 1 }, { ...end, steps: end.steps + 1 }, { traceLength: 0, steps: 0 }]) {
      expect(refuse(run, run.inputs, wrong)).toMatch(/ended at step|nothing left/);
    }
    // Cut short by one to three inputs (the last requests and the closes): each rebuilds a
    // run that is elsewhere at the run's end.
    for (const cut of [1, 2, 3]) expect(refuse(run, run.inputs.slice(0, -cut))).toMatch(/leaves out|ended at step|nothing left/);
  });

  it('another seed’s or another schedule’s setup', async () => {
    const run = await record(BUSY, 3, 3, FAULTS);
    expect(() => replay({ ...run, seed: 4 })).toThrow(ReplayRefused);
    expect(() => replay({ ...run, faults: { version: 1, events: [] } })).toThrow(ReplayRefused);
    expect(() => replay({ ...run, servers: 5 })).toThrow(ReplayRefused);
  });

  it('a rebuild larger than its budget', async () => {
    const run = await record(BUSY, 3, 3, FAULTS);
    const r = new RunReplay({ seed: 3, servers: 3, faults: FAULTS, maxTraceEvents: 500 });
    expect(() => r.feed(run.inputs)).toThrow(/more than 500 trace events/);
  });
});

describe('sameData', () => {
  it('compares plain data as a structured clone keeps it', () => {
    expect(sameData({ a: [1, 2n, new Uint8Array([3])], b: undefined }, { a: [1, 2n, new Uint8Array([3])] })).toBe(true);
    expect(sameData({ a: new Uint8Array([3]) }, { a: new Uint8Array([4]) })).toBe(false);
    expect(sameData({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameData([1, 2], { 0: 1, 1: 2 })).toBe(false);
    expect(sameData(1n, 1)).toBe(false);
    expect(sameData({ kind: 'crash', node: 's1' }, { kind: 'crash', node: 's2' })).toBe(false);
  });
});
