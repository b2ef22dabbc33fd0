/**
 * The Multi-Paxos stepper's view-model and frame (src/views/multi-paxos-model.ts,
 * multi-paxos-view.ts) over the Zab paper's run: at its end the grid's chosen row is C in
 * instance 1 and B in instance 2, A is nowhere chosen, and the verdict says primary order is
 * broken in the paper's terms; at the start nothing is chosen; every position of the preset
 * has words (no step is narrated as something it is not); the frame is a table with headers
 * and escapes what it writes. A run where the order holds gets the "held" verdict, so the
 * verdict is not a constant.
 */
import { describe, expect, it } from 'vitest';
import { parseMultiStep, replayMulti } from '../../../playground/paxos/multi-system.ts';
import { PRIMARY_ORDER_PRESET, PRIMARY_ORDER_RUN } from '../../../playground/paxos/primary-order-run.ts';
import { buildMultiModel, tellMultiPosition, tellMultiStart, verdictOf } from '../../../src/views/multi-paxos-model.ts';
import { renderMultiFrame } from '../../../src/views/multi-paxos-view.ts';

const end = replayMulti(PRIMARY_ORDER_RUN);

describe('the Multi-Paxos view-model on the paper run', () => {
  it('at the end: C chosen in instance 1, B in instance 2, A unchosen, and the verdict names the break', () => {
    const m = buildMultiModel(end);
    expect(m.instances).toEqual([1, 2]);
    expect(m.chosen.map((c) => c?.v ?? null)).toEqual(['C', 'B']);
    expect(m.rows.map((r) => r.cells.map((c) => (c ? `${c.v}@${c.ballot}${c.chosen ? '✓' : ''}` : '-')))).toEqual([
      ['C@1.3✓', 'B@1.3✓'],
      ['C@1.3✓', 'B@1.3✓'],
      ['-', '-'],
    ]);
    expect(m.verdict).toEqual({
      kind: 'broken',
      text: 'B is chosen in instance 2 but A, which p1 proposed before B, is never chosen: primary order is broken.',
    });
    expect(m.leaders.map((l) => `${l.id} ${l.phase} ${l.ballot} ${l.outranked}`)).toEqual(['p1 leading 1.1 1.3', 'p2 leading 1.2 1.3', 'p3 leading 1.3 null']);
    // p1 never heard its proposals chosen: they are still outstanding on its card.
    expect(m.leaders[0]!.outstanding.map((p) => `#${p.slot} ${p.v}`)).toEqual(['#1 A', '#2 B']);
    // What p3 sent a3 is still in flight: the run never needed a3.
    expect(m.messages.map((x) => x.label)).toEqual(['p3->a3 prepare 1.3 from #1', 'p3->a3 accept 1.3 #1 C', 'p3->a3 accept 1.3 #2 B']);
  });

  it('at the start: nothing chosen, two empty instance columns, three leaders not leading', () => {
    const m = buildMultiModel(replayMulti([]));
    expect(m.verdict.kind).toBe('none');
    expect(m.instances).toEqual([1, 2]);
    expect(m.leaders.every((l) => l.phase === 'not leading' && !l.canPropose)).toBe(true);
    expect(tellMultiStart(41)).toMatch(/Press Step to take the 41 steps/);
  });

  it('says something true at every position of the preset', () => {
    const words: string[] = [];
    for (let i = 1; i <= PRIMARY_ORDER_RUN.length; i++) {
      const before = replayMulti(PRIMARY_ORDER_RUN.slice(0, i - 1));
      const after = replayMulti(PRIMARY_ORDER_RUN.slice(0, i));
      words.push(tellMultiPosition({ step: parseMultiStep(PRIMARY_ORDER_RUN[i - 1]!), before, after }, PRIMARY_ORDER_RUN.length, PRIMARY_ORDER_PRESET.notes[i]));
    }
    expect(words.every((w) => w.length > 20)).toBe(true);
    expect(words[0]).toBe('p1 starts leading with ballot 1.1: one prepare covers every instance from 1 on, sent to a1, a2 and a3.');
    expect(words.find((w) => w.startsWith('p3 has promises from a majority'))).toBe(
      'p3 has promises from a majority, a1 and a2. For each instance it re-proposes the value of the highest ballot reported: C in instance 1, B in instance 2. ' +
        PRIMARY_ORDER_PRESET.notes[PRIMARY_ORDER_RUN.indexOf('deliver a2->p3 promise 1.3 from #1 accepted=#1=1.2:C') + 1],
    );
    expect(words.filter((w) => w.startsWith('Instance ')).map((w) => w.slice(0, 25))).toEqual(['Instance 1 is chosen: C. ', 'Instance 2 is chosen: B. ']);
    expect(words.at(-1)).toMatch(/Instance 2 is chosen: B\..*the log runs B without A\.$/);
  });

  it('a run that keeps the order gets the "held" verdict', () => {
    // p1's phase 1 as in the paper run, then A accepted by a majority and chosen.
    const held = replayMulti([
      ...PRIMARY_ORDER_RUN.slice(0, 5),
      'propose p1 A',
      'deliver p1->a1 accept 1.1 #1 A',
      'deliver p1->a2 accept 1.1 #1 A',
      'deliver a1->p1 accepted 1.1 #1 A',
      'deliver a2->p1 accepted 1.1 #1 A',
    ]);
    expect(verdictOf(held)).toEqual({
      kind: 'held',
      text: "Chosen: A in instance 1. Every leader's commands run in the order it proposed them.",
    });
  });
});

describe('the frame', () => {
  it('is a table with row and column headers, a Deliver and Drop per message, and escapes its text', () => {
    const mid = replayMulti(PRIMARY_ORDER_RUN.slice(0, 1));
    const html = renderMultiFrame(buildMultiModel(mid));
    expect(html).toContain('<th scope="col">instance 1</th>');
    expect(html).toContain('<th scope="row">a1 <button');
    expect((html.match(/data-action="deliver"/g) ?? []).length).toBe(3);
    expect((html.match(/data-action="drop"/g) ?? []).length).toBe(3);
    expect(html).toContain('data-arg="p1-&gt;a1 prepare 1.1 from #1"');
    expect(html).not.toMatch(/->a1/);
  });
});
