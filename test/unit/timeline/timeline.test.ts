/**
 * The timeline: loads at its first event, steps both ways within the computed trace, forks
 * on an input made at a past position (the old future discarded), undoes a fork (the old
 * future back), and is a pure function of (scenario, seed, inputs, position).
 */
import { describe, expect, it } from 'vitest';
import { describeEvent, type TraceEvent } from '../../../playground/sim/trace.ts';
import { SCENARIOS, Timeline, type ReaderInput } from '../../../playground/timeline/index.ts';

const zab = SCENARIOS.get('zab')!;
const lines = (trace: readonly TraceEvent[], n = trace.length) => trace.slice(0, n).map(describeEvent);

function leaderAt(tl: Timeline): string | undefined {
  let leader: string | undefined;
  for (const e of tl.trace.slice(0, tl.position)) {
    if (e.kind === 'protocol' && e.event.type === 'zab.state') {
      if (e.event['state'] === 'LEADING') leader = e.node;
      else if (leader === e.node) leader = undefined;
    }
    if (e.kind === 'crash' && e.node === leader) leader = undefined;
  }
  return leader;
}

describe('Timeline', () => {
  it('loads paused at its first event, after the scenario is built', () => {
    const tl = new Timeline(zab, 7);
    expect(tl.position).toBe(tl.start);
    expect(tl.position).toBeGreaterThan(0);
    expect(tl.time).toBe(0);
    expect(tl.trace.slice(0, tl.position).some((e) => e.kind === 'start' && e.node === 's1')).toBe(true);
  });

  it('steps forward one kernel step at a time and back without recomputing', () => {
    const tl = new Timeline(zab, 7);
    const seen = [tl.position];
    for (let i = 0; i < 40; i++) {
      expect(tl.stepForward()).toBe(true);
      seen.push(tl.position);
    }
    expect(seen.every((p, i) => i === 0 || p > seen[i - 1]!)).toBe(true);
    const computed = tl.computed;
    const trace = tl.trace;
    for (let i = 39; i >= 0; i--) {
      expect(tl.stepBack()).toBe(true);
      expect(tl.position).toBe(seen[i]);
    }
    expect(tl.stepBack()).toBe(false);
    expect(tl.computed).toBe(computed);
    expect(tl.trace).toBe(trace);
  });

  it('is deterministic: the same seed and inputs give the same trace', () => {
    const a = new Timeline(zab, 11);
    const b = new Timeline(zab, 11);
    a.seekTime(1500);
    b.seekTime(1500);
    expect(a.position).toBe(b.position);
    expect(lines(a.trace, a.position)).toEqual(lines(b.trace, b.position));
    const c = new Timeline(zab, 12);
    c.seekTime(1500);
    expect(lines(c.trace, 300)).not.toEqual(lines(a.trace, 300));
  });

  it('elects a new leader after the leader is crashed', () => {
    const tl = new Timeline(zab, 7);
    tl.seekTime(1200);
    const old = leaderAt(tl)!;
    expect(old).toBeDefined();
    const at = tl.position;
    tl.act({ kind: 'crash', node: old });
    expect(tl.trace[at]).toMatchObject({ kind: 'crash', node: old });
    expect(tl.position).toBeGreaterThan(at);
    tl.seekTime(tl.time + 1500);
    const next = leaderAt(tl);
    expect(next).toBeDefined();
    expect(next).not.toBe(old);
  });

  it('forks on an input at a past position: the prefix stays, the old future goes', () => {
    const tl = new Timeline(zab, 7);
    tl.seekTime(2000);
    const leader = leaderAt(tl)!;
    tl.act({ kind: 'crash', node: leader });
    const forkA = tl.position;
    tl.seekTime(3000);
    const futureA = lines(tl.trace, tl.position);
    // Back to before the crash, and do something else there.
    tl.seekTime(1000);
    const p = tl.position;
    const prefix = lines(tl.trace, p);
    const other = ['s1', 's2', 's3', 's4', 's5'].find((s) => s !== leader)!;
    tl.act({ kind: 'crash', node: other });
    expect(tl.readerInputs).toEqual([{ at: p, action: { kind: 'crash', node: other } }]);
    expect(lines(tl.trace, p)).toEqual(prefix);
    expect(tl.trace[p]).toMatchObject({ kind: 'crash', node: other });
    expect(tl.computed).toBeLessThan(forkA + 50);
    // Undo brings the first crash, and its future, back.
    expect(tl.undo()).toBe(true);
    expect(tl.readerInputs.map((i) => i.action)).toEqual([{ kind: 'crash', node: leader }]);
    tl.seekTime(3000);
    expect(lines(tl.trace, tl.position)).toEqual(futureA);
    expect(tl.redo()).toBe(true);
    expect(tl.readerInputs.map((i) => i.action)).toEqual([{ kind: 'crash', node: other }]);
  });

  it('rebuilds the same run from (seed, inputs, position) alone, as a link does', () => {
    const live = new Timeline(zab, 5);
    live.seekTime(900);
    live.act({ kind: 'partition', groups: [['s1', 'c1']] });
    live.seekTime(1600);
    live.act({ kind: 'heal' });
    live.act({ kind: 'workload', name: 'writes' });
    live.seekTime(2600);
    const inputs: ReaderInput[] = [...live.readerInputs];
    const again = new Timeline(zab, 5, inputs);
    again.seek(live.position);
    expect(again.position).toBe(live.position);
    expect(lines(again.trace, again.position)).toEqual(lines(live.trace, live.position));
  });

  it('skips, and reports, an input that does not apply', () => {
    const tl = new Timeline(zab, 7);
    tl.seekTime(300);
    tl.act({ kind: 'restart', node: 's1' });
    expect(tl.skippedInputs.has(0)).toBe(true);
    tl.act({ kind: 'workload', name: 'no such workload' });
    expect(tl.skippedInputs.has(1)).toBe(true);
  });

  it('jumps to the next matching event', () => {
    const tl = new Timeline(zab, 7);
    expect(tl.seekNext((e) => e.kind === 'protocol' && e.event.type === 'zab.commit')).toBe(true);
    const last = tl.trace.slice(0, tl.position).filter((e) => e.kind === 'protocol' && e.event.type === 'zab.commit');
    expect(last.length).toBe(1);
  });
});
