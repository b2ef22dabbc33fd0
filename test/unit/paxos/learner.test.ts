/**
 * The learner against Paxos Made Simple §2.3: a learner learns v once a majority of
 * acceptors have accepted the same proposal (n, v).
 */
import { describe, expect, it } from 'vitest';
import { EMPTY_LEARNER, stepLearner, type LearnerState } from '../../../playground/paxos/learner.ts';
import { b, msg } from './helpers.ts';

const env = { self: 'l1', acceptorCount: 3 };
const accepted = (from: string, n: string, v: string) => msg(from, { type: 'accepted', n: b(n), v });

function feed(inputs: ReturnType<typeof accepted>[]): { state: LearnerState; learned: number } {
  let state = EMPTY_LEARNER;
  let learned = 0;
  for (const input of inputs) {
    const t = stepLearner(state, input, env);
    state = t.state;
    learned += t.effects.filter((e) => e.kind === 'trace' && e.event.type === 'learned').length;
  }
  return { state, learned };
}

describe('§2.3: a learner learns v when a majority of acceptors accepted the same proposal', () => {
  it('learns at the second of three acceptors, once', () => {
    const one = feed([accepted('a1', '1.1', 'X')]);
    expect(one.state.learned).toBeNull();
    const all = feed([accepted('a1', '1.1', 'X'), accepted('a2', '1.1', 'X'), accepted('a3', '1.1', 'X')]);
    expect(all.state.learned).toEqual({ n: b('1.1'), v: 'X' });
    expect(all.learned).toBe(1);
  });

  it('does not add up acceptances of different proposal numbers', () => {
    expect(feed([accepted('a1', '1.1', 'X'), accepted('a2', '1.2', 'X')]).state.learned).toBeNull();
  });

  it('counts a duplicated report once', () => {
    expect(feed([accepted('a1', '1.1', 'X'), accepted('a1', '1.1', 'X')]).state.learned).toBeNull();
  });
});
