/**
 * The exhaustive explorer (playground/explore/paxos.ts): the correct rules pass every
 * terminal state; every mutant is caught with a short counterexample that replays in the
 * stepper; and each reduction the explorer makes (implicit drops, dead messages, acceptor
 * symmetry, no duplicates) is cross-checked against the unreduced search on a small space,
 * by the number of distinct terminal outcomes.
 */
import { describe, expect, it } from 'vitest';
import { checkAgreement } from '../../../playground/check/paxos-agreement.ts';
import { explore } from '../../../playground/explore/paxos.ts';
import { applyStep, initialState } from '../../../playground/paxos/system.ts';

const small = { acceptors: 3, proposers: 2, rounds: 1, learners: 0 };

describe('explorer on the correct rules', () => {
  it('3 acceptors, 2 proposers, 1 round: every terminal state passes', () => {
    const r = explore(small);
    expect(r).toMatchObject({ complete: true, failed: 0, violatingStates: 0, shortest: null });
    expect(r.passed).toBe(r.terminal);
    expect(r.terminal).toBeGreaterThan(100);
  });

  it('with a learner, learning stays honest too', () => {
    expect(explore({ ...small, learners: 1 })).toMatchObject({ failed: 0, violatingStates: 0 });
  });

  it('with a crash and recovery of any acceptor, still safe', () => {
    expect(explore({ acceptors: 3, proposers: 2, rounds: 1, crashes: 1, learners: 0 })).toMatchObject({ failed: 0, violatingStates: 0 });
  });
});

describe('explorer reductions are sound (same terminal outcomes as the plain search)', () => {
  it('implicit drops = explicit drop steps; dead-message collection and symmetry change only the state count', () => {
    const explicit = explore({ ...small, symmetry: false, explicitDrops: true });
    const implicit = explore({ ...small, symmetry: false, collectDead: false });
    const collected = explore({ ...small, symmetry: false });
    expect(collected.terminal).toBe(explicit.terminal);
    expect(collected.terminal).toBe(implicit.terminal);
    expect(collected.states).toBeLessThan(implicit.states);
    expect(collected.states).toBeLessThan(explicit.states);
    const symmetric = explore(small);
    expect(symmetric.terminal).toBeLessThan(collected.terminal);
    expect(symmetric.terminal).toBeGreaterThanOrEqual(collected.terminal / 6);
  }, 30_000);

  it('one duplicate reaches no terminal outcome that drops and reordering do not', () => {
    expect(explore({ ...small, duplicates: 1 }).terminal).toBe(explore(small).terminal);
  }, 30_000);
});

describe.each([
  ['accept-lower-ballot', { rounds: 1 }, 14],
  ['ignore-accepted-value', { rounds: 1 }, 14],
  ['lowest-accepted-value', { rounds: 2 }, 20],
  ['forget-on-crash', { rounds: 1, crashes: 1 }, 16],
] as const)('mutant %s', (mutant, bounds, length) => {
  it(`is caught; the shortest violation has ${length} steps and replays`, () => {
    const r = explore({ acceptors: 3, proposers: 2, learners: 0, ...bounds, mutants: [mutant], stopAtFirstViolation: true });
    expect(r.failed).toBeGreaterThan(0);
    expect(r.shortest!.steps).toHaveLength(length);
    expect(r.shortest!.violations[0]).toMatch(/^agreement/);
    const end = r.shortest!.steps.reduce(applyStep, initialState({ acceptors: 3, proposers: 2, learners: 1, mutants: [mutant] }));
    expect(checkAgreement({ acceptors: end.acceptorIds, events: end.history }).ok).toBe(false);
  }, 60_000);
});
