/**
 * The ensemble diagram's key lists only what a lab's run can show: derived from the scenario
 * (its start and its moments) and the faults of the lab's bar, never from a list per page.
 * Chapter 1's lab (no faults, no observers) must not list OBSERVING, DOWN, FROZEN or a
 * partition; the observers' lab must list OBSERVING; a lab whose bar freezes the leader must
 * list FROZEN; and a trace with a reader's fault must bring its entry back.
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../playground/sim/trace.ts';
import { findScenarioMoment, MOMENTS } from '../../../playground/timeline/scenario-moments.ts';
import { SCENARIOS } from '../../../playground/timeline/scenarios/index.ts';
import { Timeline } from '../../../playground/timeline/timeline.ts';
import { ENSEMBLE_LEGEND, LEGEND_KEYS, legendCss, legendKeysOfLab, legendKeysOfTrace } from '../../../src/views/ensemble-legend.ts';

/** As EnsembleLab.astro derives them: the run's start and each of its scenario's moments. */
const keysOf = (scenario: string, seed: number, controls: string[]): string[] => {
  const runs = [new Timeline(SCENARIOS.get(scenario as never)!, seed), ...(MOMENTS.get(scenario) ?? []).map((m) => {
    const found = findScenarioMoment(scenario, seed, m.id);
    if (!found.ok) throw new Error(found.error);
    return found.timeline;
  })];
  return [...legendKeysOfLab(runs, controls)].sort();
};

describe('ensemble legend', () => {
  it("chapter 1's lab lists none of the runs-only entries", () => {
    expect(keysOf('intro', 1, [])).toEqual([]);
  });
  it('the observers lab lists OBSERVING (and DOWN, from its crash buttons), not FROZEN or a partition', () => {
    expect(keysOf('observers', 1, ['next-commit', 'crash', 'kill-leader', 'workloads'])).toEqual(['down', 'observing']);
  });
  it("a lab's bar brings what its faults draw", () => {
    expect(keysOf('intro', 1, ['freeze-leader', 'partition'])).toEqual(['frozen', 'partition']);
  });
  it("a scenario's moments bring what they show (the Zab lab's moments partition and crash)", () => {
    const keys = keysOf('zab', 7, []);
    expect(keys).toContain('partition');
    expect(keys).toContain('down');
  });
  it('a trace brings each entry by its own event, and nothing else', () => {
    const ev = (e: object, index: number): TraceEvent => ({ index, time: index, ...e }) as unknown as TraceEvent;
    const trace = [ev({ kind: 'crash', node: 's1' }, 0), ev({ kind: 'freeze', node: 's2', forMs: 5 }, 1), ev({ kind: 'heal' }, 2), ev({ kind: 'partition', groups: [['s1'], ['s2']] }, 3)];
    expect([...legendKeysOfTrace(trace, 0, 1)]).toEqual(['down']);
    expect([...legendKeysOfTrace(trace, 1, 3)]).toEqual(['frozen']);
    expect([...legendKeysOfTrace(trace)].sort()).toEqual(['down', 'frozen', 'partition']);
    expect([...legendKeysOfTrace([ev({ kind: 'protocol', node: 's3', event: { type: 'zab.state', state: 'OBSERVING' } }, 0)])]).toEqual(['observing']);
    expect([...legendKeysOfTrace([ev({ kind: 'protocol', node: 's3', event: { type: 'zab.state', state: 'FOLLOWING' } }, 0)])]).toEqual([]);
  });
  it('the CSS hides exactly the keys the run cannot show, in that lab only', () => {
    const css = legendCss('intro-lab', new Set(['down']));
    for (const k of LEGEND_KEYS) expect(css.includes(`[data-legend="${k}"]`)).toBe(k !== 'down');
    expect(css).toContain('ensemble-diagram[data-lab="intro-lab"]');
    expect(css).toContain(':not([data-seen])');
    expect(legendCss('x', new Set(LEGEND_KEYS))).toBe('');
  });
  it('every runs-only key has an entry', () => {
    for (const k of LEGEND_KEYS) expect(ENSEMBLE_LEGEND.some((e) => e.key === k)).toBe(true);
  });
});
