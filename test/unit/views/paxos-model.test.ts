/**
 * The PaxosStepper view-model in Node: nodes in words, messages keyed and placed between
 * sender and receiver, the banner computed from the history (chosen, or agreement broken
 * under a mutant), the narration of the last step, and at the start what to press.
 */
import { describe, expect, it } from 'vitest';
import { arrowHead, buildPaxosModel, NODE_H, PAXOS_HEIGHT, pill, placeParts, tellPaxosStep, valueTints } from '../../../src/views/paxos-model.ts';
import { explore } from '../../../playground/explore/paxos.ts';
import { CLASSIC_RUNS, loadRun, replayRun } from '../../../playground/paxos/runs.ts';
import { paxosStepper } from '../../../playground/paxos/paxos-stepper.ts';
import { MUTANTS, type MutantName } from '../../../playground/paxos/mutants.ts';
import { internalIdentifiers } from '../../harness/plain-words.ts';
import { applyStep, initialState } from '../../../playground/paxos/system.ts';

describe('paxos view-model', () => {
  it('tells every position of every classic run, under every set of rules, in plain words', () => {
    /** An arrow typed as the simulation's labels spell it, or a word the plain-words check refuses. */
    const unplain = (text: string): string[] => [...internalIdentifiers(text), ...(text.match(/->|<-/g) ?? [])];
    expect(unplain('Step 2: delivered p1->a1 prepare 1.1.')).toEqual(['->']);
    let told = 0;
    for (const run of CLASSIC_RUNS) {
      for (const rules of [run.config.mutants, ...(Object.keys(MUTANTS) as MutantName[]).map((m) => [m])]) {
        // The run's steps as far as they apply under these rules (a broken rule can leave a
        // later message unsent).
        const stepper = paxosStepper({ ...run.config, mutants: rules });
        for (let i = 0; i <= run.steps.length; i++) {
          const { position, log } = stepper;
          const words = tellPaxosStep(position, log[position - 1] ?? null, buildPaxosModel(stepper.state), log.length);
          expect(words.trim().length, `${run.name} step ${position}`).toBeGreaterThan(0);
          expect(unplain(words), `${run.name} [${rules.join()}] step ${position}: ${words}`).toEqual([]);
          told++;
          try {
            if (i < run.steps.length) stepper.do(run.steps[i]!);
          } catch {
            break;
          }
        }
      }
    }
    expect(told).toBeGreaterThan(100);
  });

  it('says at the start what to press: Start round in an empty stepper, Forward over a loaded run', () => {
    const m = buildPaxosModel(initialState());
    const empty = tellPaxosStep(0, null, m, 0);
    expect(empty).toMatch(/^Nothing has happened yet\. To begin, start a round/);
    expect(empty).toContain('press Start round');
    const run = loadRun('duelling-proposers');
    expect(tellPaxosStep(0, null, m, run.steps.length)).toBe(`The start: nothing has happened yet. Forward ▶ takes the first of its ${run.steps.length} steps.`);
    // Past the start it tells the step, never the hint.
    const step = { do: 'start', proposer: 'p1', value: 'X' } as const;
    const after = tellPaxosStep(1, step, buildPaxosModel(applyStep(initialState(), step)), 1);
    expect(after).toMatch(/^Step 1: /);
    expect(after).not.toContain('Start round');
  });

  it('shows every node with its state, and nothing chosen at the start', () => {
    const m = buildPaxosModel(initialState());
    expect(m.nodes.map((n) => n.id)).toEqual(['p1', 'p2', 'a1', 'a2', 'a3', 'l1']);
    const a1 = m.nodes.find((n) => n.id === 'a1')!;
    expect([a1.roleWord, ...a1.slots.map((s) => `${s.label} ${s.parts.map((p) => p.text).join(' ')}`)]).toEqual(['acceptor', 'promised —', 'accepted —']);
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
    expect([a2.roleWord, ...a2.slots.map((s) => `${s.label} ${s.parts.map((p) => p.text).join(' ')}`)]).toEqual(['crashed: disk', 'promised 1.1', 'accepted —']);
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

  it('gives each value its own colour, in the order the values were first proposed', () => {
    let s = applyStep(initialState(), { do: 'start', proposer: 'p2', value: 'Y' });
    s = applyStep(s, { do: 'start', proposer: 'p1', value: 'X' });
    s = applyStep(s, { do: 'start', proposer: 'p1', value: 'Y' });
    expect([...valueTints(s)]).toEqual([
      ['Y', 1],
      ['X', 2],
    ]);
    const m = buildPaxosModel(s);
    const chips = m.nodes.flatMap((n) => n.slots.flatMap((sl) => sl.parts)).filter((p) => p.kind === 'value');
    expect(chips.map((c) => [c.text, c.tint])).toEqual([
      ['Y', 1],
      ['Y', 1],
    ]);
  });

  it('shows a proposer\'s quorum as one dot per acceptor, filled for each promise, and an adopted value as adopted', () => {
    const states = replayRun(loadRun('competing-proposers'));
    const models = states.map((s) => buildPaxosModel(s));
    const promising = models.map((m) => m.nodes.find((n) => n.id === 'p1')!.slots[1]).find((sl) => sl.label === 'promises' && sl.parts.some((p) => p.filled))!;
    expect(promising.parts.filter((p) => p.kind === 'dot').map((p) => [p.text, p.filled])).toEqual([
      ['a1', true],
      ['a2', false],
      ['a3', false],
    ]);
    expect(promising.parts.at(-1)).toMatchObject({ kind: 'word', text: '1/2' });
    const adopted = models.flatMap((m) => m.nodes.filter((n) => n.role === 'proposer')).find((n) => n.slots[1].label === 'adopted');
    expect(adopted, 'some proposer adopts an accepted value in the second-proposer run').toBeDefined();
  });

  it('lays a row\'s parts out right to left, apart, inside the card, cutting a long value to fit', () => {
    const parts = placeParts([{ kind: 'ballot', text: '1.2' }, { kind: 'value', text: 'X', tint: 1 }], 60, -20);
    expect(parts.map((p) => [p.kind, p.x, p.width])).toEqual([
      ['ballot', 13.2, 28.1],
      ['value', 45.3, 14.7],
    ]);
    expect(parts[1]!.x + parts[1]!.width).toBeCloseTo(60, 5);
    expect(parts[0]!.x + parts[0]!.width).toBeLessThanOrEqual(parts[1]!.x - 4 + 1e-9);
    const cut = placeParts([{ kind: 'ballot', text: '10.2' }, { kind: 'value', text: 'abcdefghijkl' }], 50, -20);
    expect(cut[1]!.text).toMatch(/…$/);
    expect(cut[0]!.x).toBeGreaterThanOrEqual(-20 - 7);
    // Dots sit side by side; a word after them keeps its gap.
    const dots = placeParts([{ kind: 'dot', text: 'a1' }, { kind: 'dot', text: 'a2' }, { kind: 'word', text: '1/2' }], 60, -60);
    expect(dots[1]!.x - dots[0]!.x).toBe(9);
    expect(dots[2]!.x - (dots[1]!.x + dots[1]!.width)).toBe(4);
  });

  it('points each route\'s arrowhead at its receiver, and every card stays inside the reserved height', () => {
    expect(arrowHead(0, 0, 0, 10, 7)).toBe('M0,10L-3.9,3L3.9,3Z');
    expect(arrowHead(0, 10, 0, 0, 7)).toBe('M0,0L3.9,7L-3.9,7Z');
    const s = applyStep(initialState(), { do: 'start', proposer: 'p1', value: 'X' });
    for (const width of [330, 500, 900]) {
      const m = buildPaxosModel(s, { width });
      expect(m.height).toBe(PAXOS_HEIGHT);
      for (const n of m.nodes) {
        expect(n.y - NODE_H / 2).toBeGreaterThanOrEqual(0);
        expect(n.y + NODE_H / 2).toBeLessThanOrEqual(PAXOS_HEIGHT);
        for (const p of n.slots.flatMap((sl) => sl.parts)) {
          expect(p.x).toBeGreaterThanOrEqual(-m.nodeWidth / 2);
          expect(p.x + p.width).toBeLessThanOrEqual(m.nodeWidth / 2);
        }
      }
      for (const msg of m.messages) expect(msg.head.startsWith(`M${Math.round(msg.toX * 10) / 10},${Math.round(msg.toY * 10) / 10}L`)).toBe(true);
    }
  });

  it('fits a message\'s words to its pill, dropping the request/reply dot before cutting the words', () => {
    const forms = ['accept 1.1 X', 'acc 1.1 X', '2a 1.1 X'];
    expect(pill(forms, 130)).toEqual({ short: 'accept 1.1 X', width: 130, dot: true });
    // 62 units (a 400-unit drawing): "2a 1.1 X" fits only without the dot.
    expect(pill(forms, 62)).toEqual({ short: '2a 1.1 X', width: 62, dot: false });
    expect(pill(forms, 80)).toEqual({ short: 'acc 1.1 X', width: 80, dot: true });
    for (const width of [330, 500, 900]) {
      const s = applyStep(applyStep(initialState(), { do: 'start', proposer: 'p1', value: 'X' }), { do: 'start', proposer: 'p2', value: 'Y' });
      for (const m of buildPaxosModel(s, { width }).messages) expect(m.short.length * 6.4 + 8 + (m.dot ? 12 : 0)).toBeLessThanOrEqual(m.width);
    }
  });
});
