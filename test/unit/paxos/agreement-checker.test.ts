/**
 * The agreement checker (playground/check/paxos-agreement.ts) must object to broken
 * histories, and only to those: a checker that never fails proves nothing.
 */
import { describe, expect, it } from 'vitest';
import { checkAgreement } from '../../../playground/check/paxos-agreement.ts';
import type { PaxosEvent } from '../../../playground/paxos/events.ts';
import { b } from './helpers.ts';

const acceptors = ['a1', 'a2', 'a3'];
const start = (node: string, n: string, value: string): PaxosEvent => ({ type: 'start', node, n: b(n), value });
const acc = (node: string, n: string, v: string): PaxosEvent => ({ type: 'accepted', node, n: b(n), v });
const learned = (node: string, n: string, v: string): PaxosEvent => ({ type: 'learned', node, n: b(n), v });
const check = (events: PaxosEvent[]) => checkAgreement({ acceptors, events });

describe('agreement checker: histories that must pass', () => {
  it('one value chosen at two numbers is still one value', () => {
    const v = check([start('p1', '1.1', 'X'), acc('a1', '1.1', 'X'), acc('a2', '1.1', 'X'), start('p2', '1.2', 'Y'), acc('a2', '1.2', 'X'), acc('a3', '1.2', 'X')]);
    expect(v.ok).toBe(true);
    expect(v.values).toEqual(['X']);
    expect(v.chosen.map((c) => c.by)).toEqual([['a1', 'a2'], ['a2', 'a3']]);
  });

  it('a minority acceptance chooses nothing', () => {
    const v = check([start('p1', '1.1', 'X'), start('p2', '1.2', 'Y'), acc('a1', '1.1', 'X'), acc('a3', '1.2', 'Y')]);
    expect(v).toMatchObject({ ok: true, values: [] });
  });

  it('the same acceptor accepting twice counts once', () => {
    expect(check([start('p1', '1.1', 'X'), acc('a1', '1.1', 'X'), acc('a1', '1.1', 'X')]).values).toEqual([]);
  });
});

describe('agreement checker: broken histories that must fail', () => {
  it('two different values chosen', () => {
    const v = check([start('p1', '1.1', 'X'), start('p2', '1.2', 'Y'), acc('a1', '1.1', 'X'), acc('a2', '1.1', 'X'), acc('a2', '1.2', 'Y'), acc('a3', '1.2', 'Y')]);
    expect(v.ok).toBe(false);
    expect(v.violations[0]).toMatch(/^agreement: both X .* and Y .* were chosen/);
  });

  it('two values chosen even when the first was overwritten later (chosen is forever)', () => {
    const v = check([
      start('p1', '1.1', 'X'),
      start('p2', '2.2', 'Y'),
      acc('a1', '1.1', 'X'),
      acc('a2', '1.1', 'X'),
      acc('a1', '2.2', 'Y'),
      acc('a2', '2.2', 'Y'),
      acc('a3', '2.2', 'Y'),
    ]);
    expect(v.ok).toBe(false);
  });

  it('a value nobody proposed', () => {
    expect(check([start('p1', '1.1', 'X'), acc('a1', '1.1', 'Q')]).violations[0]).toMatch(/^validity/);
  });

  it('a learner that learns a value no majority accepted', () => {
    const v = check([start('p1', '1.1', 'X'), acc('a1', '1.1', 'X'), learned('l1', '1.1', 'X')]);
    expect(v.violations[0]).toMatch(/^learning/);
  });

  it('an acceptance by a node that is not an acceptor', () => {
    expect(check([start('p1', '1.1', 'X'), acc('p9', '1.1', 'X')]).ok).toBe(false);
  });
});
