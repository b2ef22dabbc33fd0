/**
 * The stepper challenges are judged by the position the reader reached: positions that must
 * pass each stage, and positions that must not (two rounds of a duel, agreement without a
 * duel, a proposer pre-empting itself; the first syncs, a new leader's followers, a SNAP when
 * a DIFF is asked, a DIFF when a TRUNC is).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { paxosDuel, zabSync } from '../../../src/views/challenges.ts';
import { paxosStepper } from '../../../playground/paxos/paxos-stepper.ts';
import { messageLabel } from '../../../playground/paxos/messages.ts';
import { parseRun } from '../../../playground/paxos/runs.ts';
import type { PaxosStep } from '../../../playground/paxos/steps.ts';
import { Timeline } from '../../../playground/timeline/timeline.ts';
import { SCENARIOS } from '../../../playground/timeline/scenarios/index.ts';
import { parseAction } from '../../../playground/timeline/actions.ts';
import type { TraceEvent } from '../../../playground/sim/trace.ts';
import { findScenarioMoment } from '../../../playground/timeline/scenario-moments.ts';

const run = (name: string): PaxosStep[] => [...parseRun(JSON.parse(readFileSync(`playground/paxos/runs/${name}.json`, 'utf8'))).steps];

function history(steps: readonly PaxosStep[]) {
  const s = paxosStepper();
  for (const step of steps) s.do(step);
  return s;
}

/** Deliver every message in flight to `to`, oldest first, until none is left. */
function deliverAllTo(steps: PaxosStep[], to: string): PaxosStep[] {
  const out = [...steps];
  for (;;) {
    const d = history(out).state.net.inFlight.find((m) => m.to === to);
    if (d === undefined) return out;
    out.push({ do: 'deliver', msg: messageLabel(d.from, d.to, d.msg) });
  }
}

describe('challenge paxos-duel', () => {
  const duel = run('duelling-proposers');

  it('three rounds pre-empted by the other proposer: the duel; nothing chosen yet', () => {
    const [d, agree] = paxosDuel(history(duel).state.history);
    expect(d).not.toBeNull();
    expect(agree).toBeNull();
  });

  it('two rounds only is no duel', () => {
    const third = duel.findIndex((s) => s.do === 'deliver' && s.msg === 'p1->a2 accept 2.1 X');
    expect(third).toBeGreaterThan(0);
    expect(paxosDuel(history(duel.slice(0, third)).state.history)).toEqual([null, null]);
  });

  it('agreement without a duel does not pass', () => {
    const h = history(deliverAllTo(run('clean-round'), 'l1')).state.history;
    expect(h.some((e) => e.type === 'learned')).toBe(true);
    expect(paxosDuel(h)).toEqual([null, null]);
  });

  it('a proposer that pre-empts itself is not a duel', () => {
    const steps: PaxosStep[] = [{ do: 'start', proposer: 'p1', value: 'X' }];
    for (const a of ['a1', 'a2', 'a3']) steps.push({ do: 'deliver', msg: `p1->${a} prepare 1.1` });
    for (const a of ['a1', 'a2']) steps.push({ do: 'deliver', msg: `${a}->p1 promise 1.1 accepted=none` });
    for (let round = 2; round <= 4; round++) {
      steps.push({ do: 'start', proposer: 'p1', value: 'X' });
      for (const a of ['a1', 'a2', 'a3']) steps.push({ do: 'deliver', msg: `p1->${a} prepare ${round}.1` });
    }
    for (const a of ['a1', 'a2', 'a3']) steps.push({ do: 'deliver', msg: `p1->${a} accept 1.1 X` });
    const h = history(steps).state.history;
    expect(h.filter((e) => e.type === 'ignored' && e.label.includes(' accept ')).length).toBe(3);
    expect(paxosDuel(h)).toEqual([null, null]);
  });

  it('the duel, then agreement: both stages, in order', () => {
    // After the third pre-emption p2 holds promises for 2.2 from a2 and a3: it proposes Y.
    let steps = [...duel, { do: 'deliver', msg: 'p2->a2 accept 2.2 Y' } as const, { do: 'deliver', msg: 'p2->a3 accept 2.2 Y' } as const];
    steps = deliverAllTo(steps, 'l1');
    const h = history(steps).state.history;
    const [d, agree] = paxosDuel(h);
    expect(d).not.toBeNull();
    expect(agree).toBeGreaterThan(d!);
    expect(h[agree!]).toMatchObject({ type: 'learned', v: 'Y' });
  });
});

describe('challenge zab-sync', () => {
  const zab = SCENARIOS.get('zab')!;
  const isP = (type: string, node?: string) => (e: TraceEvent) => e.kind === 'protocol' && e.event.type === type && (node === undefined || e.node === node);
  /** The book's lab run (seed 7: s5 leads), with faults at times, to `until` ms. */
  function lab(plan: readonly (readonly [number, string])[], until: number): readonly TraceEvent[] {
    const t = new Timeline(zab, 7);
    for (const [time, line] of plan) {
      t.computeToTime(time);
      t.seekTime(time);
      t.act(parseAction(line));
    }
    t.computeToTime(until);
    return t.trace;
  }

  it('nothing away: the first syncs do not count', () => {
    const trace = lab([], 10_000);
    expect(trace.filter(isP('zab.sync')).length).toBe(4);
    expect(zabSync(trace)).toEqual([null, null, null]);
  });

  it('a follower crashed for 7 s comes back with a DIFF (and only that)', () => {
    const [diff, snap, trunc] = zabSync(lab([[5000, 'crash s1'], [12_000, 'restart s1']], 20_000));
    expect(diff).not.toBeNull();
    expect([snap, trunc]).toEqual([null, null]);
  });

  it('a follower down for 35 s is too far behind: SNAP, which is not the DIFF asked first', () => {
    const [diff, snap, trunc] = zabSync(lab([[5000, 'crash s1'], [40_000, 'restart s1']], 50_000));
    expect(snap).not.toBeNull();
    expect([diff, trunc]).toEqual([null, null]);
  });

  it('the leader killed: the followers of the new leader never left, so their DIFFs do not count', () => {
    const trace = lab([[5000, 'crash s5']], 12_000);
    expect(trace.filter(isP('zab.sync')).length).toBeGreaterThan(4);
    expect(zabSync(trace)).toEqual([null, null, null]);
  });

  it('the leader cut off right after it logged a proposal nobody else has: TRUNC when it comes back', () => {
    const t = new Timeline(zab, 7);
    t.computeToTime(5000);
    t.seekTime(5000);
    t.seekNext(isP('zab.propose', 's5'));
    t.act(parseAction('partition s5 | s1 s2 s3 s4'));
    t.seekNext(isP('zab.established'));
    t.computeToTime(t.time + 300);
    t.seekTime(t.time + 300);
    t.act(parseAction('heal'));
    t.computeToTime(t.time + 8000);
    const [diff, snap, trunc] = zabSync(t.trace);
    expect(trunc).not.toBeNull();
    expect([diff, snap]).toEqual([null, null]);
  });

  /**
   * The challenge's hint: from the moment "write-proposed", cut the leader off; heal 300 ms
   * after the new leader leads, or once it has committed a write of its own epoch.
   */
  function fromMoment(heal: 'at once' | 'after a write'): readonly TraceEvent[] {
    const found = findScenarioMoment('zab', 7, 'write-proposed');
    if (!found.ok) throw new Error(found.error);
    const t = found.timeline;
    t.act(parseAction('partition s5 | s1 s2 s3 s4'));
    t.seekNext(isP('zab.established'));
    if (heal === 'after a write') {
      // The old leader's proposal is of epoch 1: wait for a commit of the new leader's epoch.
      expect(t.seekNext((e) => isP('zab.commit')(e) && e.kind === 'protocol' && BigInt(String(e.event['zxid'])) >> 32n > 1n)).toBe(true);
    } else {
      t.computeToTime(t.time + 300);
      t.seekTime(t.time + 300);
    }
    t.act(parseAction('heal'));
    t.computeToTime(t.time + 8000);
    return t.trace;
  }

  it('the hint works: the old leader, healed before the new leader writes, gets a TRUNC', () => {
    expect(zabSync(fromMoment('at once'))).toEqual([null, null, expect.any(Number)]);
  });

  it('healed after the new leader wrote in its epoch, it gets a SNAP (a TRUNC cannot cross epochs), which is no TRUNC', () => {
    expect(zabSync(fromMoment('after a write'))).toEqual([null, expect.any(Number), null]);
  });

  it('the leader cut off and healed with nothing of its own: DIFF, not TRUNC', () => {
    const [diff, snap, trunc] = zabSync(lab([[5000, 'partition s5 | s1 s2 s3 s4'], [12_000, 'heal']], 20_000));
    expect(diff).not.toBeNull();
    expect([snap, trunc]).toEqual([null, null]);
  });
});
