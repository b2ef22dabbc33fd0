/**
 * Multi-Paxos by hand (playground/paxos/multi-system.ts) and the Zab paper's argument that it
 * does not keep primary order (§III), replayed from reader actions
 * (playground/paxos/primary-order-run.ts): instance 1 ends with the second leader's C, instance
 * 2 with the first leader's B, and A, which B followed, is never chosen. A run where every
 * message arrives keeps the order, and the order check says nothing about it. Impossible steps
 * and bad lines are refused with the line and the reason; a crashed acceptor comes back from
 * its disk; a step never changes the state it was given.
 */
import { describe, expect, it } from 'vitest';
import {
  applyMultiStep,
  chosenLog,
  dependentOrderBroken,
  orderBreaks,
  executedLog,
  inFlightLabels,
  initialMultiState,
  parseMultiStep,
  replayMulti,
  type MultiPaxosState,
} from '../../../playground/paxos/multi-system.ts';
import { PRIMARY_ORDER_RUN } from '../../../playground/paxos/primary-order-run.ts';

/** Delivers the oldest message in flight until none is left. */
function deliverAll(state: MultiPaxosState): MultiPaxosState {
  let s = state;
  for (let label = inFlightLabels(s)[0]; label !== undefined; label = inFlightLabels(s)[0]) s = applyMultiStep(s, { do: 'deliver', msg: label });
  return s;
}

const step = (s: MultiPaxosState, line: string): MultiPaxosState => applyMultiStep(s, parseMultiStep(line));

describe('the primary-order run (Zab paper §III) on Multi-Paxos', () => {
  const end = replayMulti(PRIMARY_ORDER_RUN);

  it('chooses C for instance 1 and B for instance 2; A is never chosen', () => {
    expect(chosenLog(end)).toEqual([{ slot: 1, v: 'C' }, { slot: 2, v: 'B' }]);
    expect(executedLog(end)).toEqual(['C', 'B']);
    expect(end.history.some((e) => e.type === 'chosen' && e.v === 'A')).toBe(false);
  });

  it('p3 re-proposes the highest-ballot value each acceptor reported, per instance (§2.2 per instance)', () => {
    const proposals = end.leaders[2]!.proposals.map((p) => `#${p.slot}=${p.v}`);
    expect(proposals).toEqual(['#1=C', '#2=B']);
  });

  it('the order check names the break: B runs without A ahead of it', () => {
    expect(dependentOrderBroken(end)).toEqual(['B (from p1) runs at instance 2 without A, which p1 proposed before it, ahead of it']);
  });

  it('with every message delivered the leaders keep their order, and the check is silent', () => {
    let s = deliverAll(step(initialMultiState(), 'lead p1'));
    s = deliverAll(step(step(s, 'propose p1 A'), 'propose p1 B'));
    s = deliverAll(step(s, 'lead p2'));
    s = deliverAll(step(s, 'propose p2 C'));
    expect(executedLog(s)).toEqual(['A', 'B', 'C']);
    expect(dependentOrderBroken(s)).toEqual([]);
  });
});

describe('applyMultiStep', () => {
  it('refuses impossible steps and says why', () => {
    const s = initialMultiState();
    expect(() => step(s, 'propose p1 A')).toThrow(/p1 is not leading: lead p1 first/);
    expect(() => step(s, 'lead p9')).toThrow(/no leader "p9"/);
    expect(() => step(s, 'deliver p1->a1 prepare 1.1 from #1')).toThrow(/is in flight/);
    expect(() => step(step(s, 'crash a1'), 'crash a1')).toThrow(/already down/);
    expect(() => step(s, 'recover a1')).toThrow(/a1 is not down/);
    const leading = deliverAll(step(s, 'lead p1'));
    expect(() => step(leading, 'propose p1 not a value')).toThrow(/propose needs/);
    expect(() => step(leading, 'propose p1 A!')).toThrow(/a value is 1 to 12/);
  });

  it('reads only the step lines it knows, and a replay names the failing line', () => {
    expect(() => parseMultiStep('start p1 with A')).toThrow(/starts with lead, propose/);
    expect(() => parseMultiStep('deliver a1')).toThrow(/needs a message/);
    expect(() => replayMulti(['lead p1', 'deliver p1->a9 prepare 1.1 from #1'])).toThrow(/^line 2: no message/);
  });

  it('an acceptor that crashes keeps its promise and accepted values on disk; messages to it are lost', () => {
    let s = deliverAll(step(initialMultiState(), 'lead p1'));
    s = step(s, 'propose p1 A');
    s = step(s, 'deliver p1->a1 accept 1.1 #1 A');
    s = step(s, 'crash a1');
    expect(inFlightLabels(s).some((l) => l.includes('->a1 '))).toBe(false);
    s = step(s, 'recover a1');
    s = step(s, 'lead p2');
    s = step(s, 'deliver p2->a1 prepare 1.2 from #1');
    expect(inFlightLabels(s)).toContain('a1->p2 promise 1.2 from #1 accepted=#1=1.1:A');
  });

  it('never changes the state it was given', () => {
    const s = deliverAll(step(initialMultiState(), 'lead p1'));
    const before = JSON.stringify(s);
    step(s, 'propose p1 A');
    step(s, 'crash a2');
    expect(JSON.stringify(s)).toBe(before);
  });
});

describe('the order check on runs that differ from the paper run (mutants)', () => {
  const upTo = (line: string): string[] => PRIMARY_ORDER_RUN.slice(0, PRIMARY_ORDER_RUN.indexOf(line));

  it('accepts the run where p3 syncs from a1 and a3 instead: A in instance 1, B in 2, and C is lost, which p2 never built on', () => {
    const s = replayMulti([
      ...upTo('lead p3'),
      'lead p3',
      'deliver p3->a1 prepare 1.3 from #1',
      'deliver p3->a3 prepare 1.3 from #1',
      'deliver a1->p3 promise 1.3 from #1 accepted=#1=1.1:A,#2=1.1:B',
      'deliver a3->p3 promise 1.3 from #1 accepted=none',
      'deliver p3->a1 accept 1.3 #1 A',
      'deliver p3->a3 accept 1.3 #1 A',
      'deliver p3->a1 accept 1.3 #2 B',
      'deliver p3->a3 accept 1.3 #2 B',
      'deliver a1->p3 accepted 1.3 #1 A',
      'deliver a3->p3 accepted 1.3 #1 A',
      'deliver a1->p3 accepted 1.3 #2 B',
      'deliver a3->p3 accepted 1.3 #2 B',
    ]);
    expect(executedLog(s)).toEqual(['A', 'B']);
    expect(orderBreaks(s)).toEqual([]);
  });

  it('accepts the run where p2 syncs from a quorum including a1 first: it re-proposes A and B, and C goes to instance 3', () => {
    let s = replayMulti([...upTo('lead p2'), 'lead p2', 'deliver p2->a1 prepare 1.2 from #1', 'deliver p2->a2 prepare 1.2 from #1']);
    s = deliverAll(step(step(s, 'deliver a1->p2 promise 1.2 from #1 accepted=#1=1.1:A,#2=1.1:B'), 'deliver a2->p2 promise 1.2 from #1 accepted=none'));
    s = deliverAll(step(s, 'propose p2 C'));
    expect(executedLog(s)).toEqual(['A', 'B', 'C']);
    expect(orderBreaks(s)).toEqual([]);
  });

  it('rejects a run where a new leader fills the gap before B with a no-op (Paxos Made Simple §3): B runs, A never can', () => {
    let s = deliverAll(step(initialMultiState(), 'lead p1'));
    s = step(step(s, 'propose p1 A'), 'propose p1 B');
    for (const to of ['a2', 'a3']) s = step(s, `deliver p1->${to} accept 1.1 #2 B`);
    s = replayMultiFrom(s, ['lead p2', 'deliver p2->a2 prepare 1.2 from #1', 'deliver p2->a3 prepare 1.2 from #1']);
    s = deliverAll(s);
    expect(chosenLog(s)).toEqual([{ slot: 1, v: 'no-op' }, { slot: 2, v: 'B' }]);
    expect(orderBreaks(s)).toEqual([{ leader: 'p1', later: 'B', at: 2, earlier: 'A', earlierAt: null, earlierLost: true }]);
  });

  it('rejects the paper run, and says A can never run there: its only instance chose C', () => {
    expect(orderBreaks(replayMulti(PRIMARY_ORDER_RUN))).toEqual([{ leader: 'p1', later: 'B', at: 2, earlier: 'A', earlierAt: null, earlierLost: true }]);
  });
});

function replayMultiFrom(state: MultiPaxosState, lines: readonly string[]): MultiPaxosState {
  return lines.reduce(step, state);
}
