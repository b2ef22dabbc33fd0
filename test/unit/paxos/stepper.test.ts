/**
 * The generic stepper (playground/sim/stepper.ts) on a toy system and on Paxos: undo
 * returns the exact previous state, redo and goTo replay deterministically, checkpoints do
 * not change what replay produces, and impossible steps change nothing.
 */
import { describe, expect, it } from 'vitest';
import { Stepper, type DeterministicSystem } from '../../../playground/sim/stepper.ts';
import { paxosStepper } from '../../../playground/paxos/paxos-stepper.ts';
import { loadRun } from '../../../playground/paxos/runs.ts';

/** A toy system: a list of numbers; a step appends one (and refuses negatives). */
const toy: DeterministicSystem<readonly number[], number> = {
  initial: () => [],
  apply: (s, n) => {
    if (n < 0) throw new Error('negative');
    return [...s, n];
  },
};

describe('stepper', () => {
  it('do, undo, redo move along the log', () => {
    const s = new Stepper(toy);
    s.do(1);
    s.do(2);
    s.do(3);
    expect(s.state).toEqual([1, 2, 3]);
    expect(s.undo()).toBe(true);
    expect(s.state).toEqual([1, 2]);
    expect(s.log).toEqual([1, 2, 3]);
    expect(s.redo()).toBe(true);
    expect(s.state).toEqual([1, 2, 3]);
    expect(s.redo()).toBe(false);
  });

  it('a new step after undo discards the redo tail', () => {
    const s = new Stepper(toy);
    s.do(1);
    s.do(2);
    s.undo();
    s.do(5);
    expect(s.log).toEqual([1, 5]);
    expect(s.canRedo).toBe(false);
  });

  it('a step that cannot apply changes nothing', () => {
    const s = new Stepper(toy);
    s.do(1);
    expect(() => s.do(-1)).toThrow('negative');
    expect(s.log).toEqual([1]);
    expect(s.position).toBe(1);
  });

  it('goTo gives the same state with any checkpoint spacing', () => {
    const steps = Array.from({ length: 40 }, (_, i) => i);
    for (const every of [1, 3, 16, 100]) {
      const s = new Stepper(toy, { checkpointEvery: every });
      s.load(steps);
      for (const p of [0, 17, 40, 5, 33]) expect(s.goTo(p)).toEqual(steps.slice(0, p));
    }
  });

  it('load refuses a log that cannot replay, naming the step, and keeps the old one', () => {
    const s = new Stepper(toy);
    s.do(7);
    expect(() => s.load([1, 2, -3])).toThrow(/step 3/);
    expect(s.log).toEqual([7]);
  });

  it('on Paxos: undo returns exactly the previous state, goTo replays deterministically', () => {
    const run = loadRun('duelling-proposers');
    const a = paxosStepper(run.config);
    const states = [a.state];
    for (const step of run.steps) states.push(a.do(step));
    for (let p = run.steps.length; p > 0; p--) {
      a.undo();
      expect(a.state).toEqual(states[p - 1]);
    }
    const b = paxosStepper(run.config);
    b.load(run.steps, run.steps.length);
    for (const p of [9, 0, 21, run.steps.length, 3]) expect(b.goTo(p)).toEqual(states[p]);
  });
});
