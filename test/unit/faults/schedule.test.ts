/** Faults as data (sim/fault-schedule.ts, JSON) and "same seed → identical trace" on an ensemble with faults. */
import { describe, expect, it } from 'vitest';
import { connect } from '../../../playground/client/zookeeper.ts';
import { Simulation, sleep } from '../../../playground/sim/index.ts';
import { addEnsemble, leaderOf, runUntilReady } from '../../../playground/zab/ensemble.ts';
import { applyFaultSchedule, parseFaultSchedule, validateFaultSchedule } from '../../../playground/sim/fault-schedule.ts';
import { FAST, facts, run, traceText } from '../zab/helpers.ts';

const SCHEDULE = {
  version: 1,
  events: [
    { at: 500, crash: 's5' },
    { at: 1500, partition: [['s1', 's2'], ['s3', 's4', 'c1']] },
    { at: 2200, heal: true },
    { at: 2500, latency: [1, 20] },
    { at: 3000, restart: 's5' },
    { at: 3500, break: ['c1', 's3'] },
  ],
} as const;

describe('fault schedules', () => {
  it('accepts the documented format', () => {
    expect(validateFaultSchedule(SCHEDULE).events.length).toBe(6);
    expect(parseFaultSchedule(JSON.stringify(SCHEDULE)).version).toBe(1);
  });

  it('names every problem with its path', () => {
    const bad = { version: 2, events: [{ at: -1, crash: 's1' }, { at: 5, crash: 's1', heal: true }, { at: 5, partition: [['s1'], ['s1']] }, { at: 1, latency: [5, 1] }, { at: 1, frobnicate: 1 }] };
    let msg = '';
    try {
      validateFaultSchedule(bad);
    } catch (e) {
      msg = String(e);
    }
    expect(msg).toContain('version: expected 1');
    expect(msg).toContain('events[0].at');
    expect(msg).toContain('events[1]: expected exactly one of');
    expect(msg).toContain('events[2].partition: s1 is in two groups');
    expect(msg).toContain('events[3].latency');
    expect(msg).toContain('events[4].frobnicate: unknown field');
    expect(() => parseFaultSchedule('{')).toThrow(/not JSON/);
  });

  it('applies faults as recorded inputs (sim.at wake-ups)', () => {
    const sim = new Simulation({ seed: 2 });
    addEnsemble(sim, { size: 3, config: FAST });
    applyFaultSchedule(sim, { version: 1, events: [{ at: 1000, crash: 's3' }, { at: 1000, restart: 's3' }] });
    sim.runUntil(5000);
    expect(sim.inputs.filter((i) => i.kind === 'at').length).toBe(2);
    expect(sim.trace.filter((e) => e.kind === 'crash' || e.kind === 'restart').map((e) => `${e.kind} ${e.time}`)).toEqual(['crash 1000', 'restart 1000']);
  });
});

async function faultyRun(seed: number): Promise<Simulation> {
  const sim = new Simulation({ seed });
  addEnsemble(sim, { size: 5, config: FAST });
  runUntilReady(sim, 10_000);
  applyFaultSchedule(sim, SCHEDULE);
  await run(sim, async () => {
    const zk = await connect(sim, { id: 'c1', servers: ['s3', 's4', 's1'], sessionTimeoutMs: 4000 });
    for (let i = 0; i < 40; i++) {
      await zk.create(`/k${i}`, 'v').catch(() => undefined);
      await sleep(sim, 100);
    }
  });
  return sim;
}

describe('determinism', () => {
  it('same seed → identical trace, for a 5-server ensemble under a fault schedule and a write load', async () => {
    const a = await faultyRun(7);
    const b = await faultyRun(7);
    expect(a.trace.length).toBeGreaterThan(1000);
    expect(traceText(a)).toBe(traceText(b));
    expect(leaderOf(a)).toBeDefined();
    expect(facts(a, 'zab.established').length).toBeGreaterThanOrEqual(1);
    const c = await faultyRun(8);
    expect(traceText(c)).not.toBe(traceText(a));
  });
});
