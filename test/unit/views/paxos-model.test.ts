/**
 * The PaxosStepper view-model in Node: nodes in words, messages keyed and placed between
 * sender and receiver, the banner computed from the history (chosen, or agreement broken
 * under a mutant), and the narration of the last step.
 */
import { describe, expect, it } from 'vitest';
import { buildPaxosModel } from '../../../src/views/paxos-model.ts';
import { explore } from '../../../playground/explore/paxos.ts';
import { loadRun, replayRun } from '../../../playground/paxos/runs.ts';
import { applyStep, initialState } from '../../../playground/paxos/system.ts';

describe('paxos view-model', () => {
  it('shows every node with its state, and nothing chosen at the start', () => {
    const m = buildPaxosModel(initialState());
    expect(m.nodes.map((n) => n.id)).toEqual(['p1', 'p2', 'a1', 'a2', 'a3', 'l1']);
    expect(m.nodes.find((n) => n.id === 'a1')!.lines).toEqual(['a1 · acceptor', 'promised ⊥', 'accepted none']);
    expect(m.banner.kind).toBe('none');
    expect(m.messages).toEqual([]);
    expect(m.rows).toHaveLength(6);
  });

  it('places each message between its sender and receiver, keyed by datagram id', () => {
    const s = applyStep(initialState(), { do: 'start', proposer: 'p1', value: 'X' });
    const m = buildPaxosModel(s);
    expect(m.messages.map((x) => [x.id, x.label])).toEqual([
      ['1', 'p1->a1 prepare 1.1'],
      ['2', 'p1->a2 prepare 1.1'],
      ['3', 'p1->a3 prepare 1.1'],
    ]);
    for (const x of m.messages) {
      expect(x.y).toBeGreaterThan(Math.min(x.fromY, x.toY));
      expect(x.y).toBeLessThan(Math.max(x.fromY, x.toY));
    }
    expect(m.nodes.find((n) => n.id === 'p1')!.changed).toBe(true);
    expect(m.narration[0]).toMatch(/^p1 starts round 1.1 with value X/);
  });

  it('announces the chosen value with the majority that chose it', () => {
    const end = replayRun(loadRun('clean-round')).at(-1)!;
    expect(buildPaxosModel(end).banner).toEqual({ kind: 'chosen', text: 'X is chosen: a1, a2 accepted proposal 1.1:X, a majority.' });
  });

  it('shows a crashed acceptor with what its disk still holds', () => {
    const states = replayRun(loadRun('acceptor-crash'));
    const down = states.find((s) => !s.acceptors[1]!.up)!;
    const a2 = buildPaxosModel(down).nodes.find((n) => n.id === 'a2')!;
    expect(a2.down).toBe(true);
    expect(a2.lines).toEqual(['a2 · crashed', 'disk: pr. 1.1', 'disk: acc. none']);
  });

  it('says agreement is broken when a mutant lets two values be chosen', () => {
    const r = explore({ acceptors: 3, proposers: 2, rounds: 1, learners: 0, mutants: ['ignore-accepted-value'], stopAtFirstViolation: true });
    const end = r.shortest!.steps.reduce(applyStep, initialState({ acceptors: 3, proposers: 2, learners: 1, mutants: ['ignore-accepted-value'] }));
    expect(buildPaxosModel(end).banner).toMatchObject({ kind: 'broken', text: 'Agreement broken: X1 and Y1 have both been chosen.' });
  });

  it('fits narrow screens by narrowing the boxes, within a 400 to 640 unit drawing', () => {
    expect(buildPaxosModel(initialState(), { width: 330 })).toMatchObject({ width: 400, nodeWidth: 121 });
    expect(buildPaxosModel(initialState(), { width: 900 })).toMatchObject({ width: 640, nodeWidth: 150 });
  });
});
