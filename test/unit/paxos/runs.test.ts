/**
 * The classic runs (playground/paxos/runs/*.json) replay step by step and reach the outcome
 * each promises, as judged by the agreement checker from the history alone. The duelling run
 * is Paxos Made Simple §2.4's livelock: safe, but nothing chosen.
 */
import { describe, expect, it } from 'vitest';
import { checkAgreement } from '../../../playground/check/paxos-agreement.ts';
import { CLASSIC_RUNS, loadRun, parseRun, replayRun } from '../../../playground/paxos/runs.ts';

describe.each(CLASSIC_RUNS)('classic run $name', (run) => {
  it(`ends with ${run.expect?.chosen ?? 'no value'} chosen, safely`, () => {
    const end = replayRun(run).at(-1)!;
    const verdict = checkAgreement({ acceptors: end.acceptorIds, events: end.history });
    expect(verdict.violations).toEqual([]);
    expect(verdict.values).toEqual(run.expect?.chosen ? [run.expect.chosen] : []);
    expect(end.learners[0]!.learned?.v ?? null).toBe(run.expect?.chosen ?? null);
  });
});

describe('runs', () => {
  it('load by name and refuse unknown names', () => {
    expect(loadRun('clean-round').title).toBe('A clean round');
    expect(() => loadRun('nope')).toThrow(/clean-round/);
  });

  it('competing proposers: p2 proposes X, not its own Y (§2.2 phase 2a)', () => {
    const end = replayRun(loadRun('competing-proposers')).at(-1)!;
    expect(end.history.filter((e) => e.type === 'propose').map((e) => e.type === 'propose' && [e.node, e.v, e.adopted])).toEqual([
      ['p1', 'X', false],
      ['p2', 'X', true],
    ]);
  });

  it('acceptor crash: a2 comes back with its promise (§2.5)', () => {
    const end = replayRun(loadRun('acceptor-crash')).at(-1)!;
    expect(end.acceptors[1]).toMatchObject({ up: true, state: { promised: { round: 1, proposer: 1 }, accepted: null } });
  });

  it('a step that names a message not in flight is refused with its number', () => {
    const run = parseRun({ name: 'bad', steps: [{ do: 'start', proposer: 'p1', value: 'X' }, { do: 'deliver', msg: 'p1->a1 prepare 9.9' }] });
    expect(() => replayRun(run)).toThrow(/step 2: no message "p1->a1 prepare 9.9" is in flight/);
  });

  it('bad step shapes are refused', () => {
    expect(() => parseRun({ name: 'bad', steps: [{ do: 'explode' }] })).toThrow(/"do" must be/);
  });
});
