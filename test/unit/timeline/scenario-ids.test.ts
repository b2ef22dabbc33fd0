/**
 * The scenario ids a chapter may name: each builds the scenario of that id, and a near miss
 * is not an id (the site's <EnsembleLab> fails the build on one).
 */
import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../../playground/timeline/index.ts';
import { SCENARIO_IDS, isScenarioId } from '../../../playground/timeline/scenario-ids.ts';

describe('scenario ids', () => {
  it('name exactly the scenarios, each under its own id', () => {
    expect([...SCENARIOS.keys()]).toEqual([...SCENARIO_IDS]);
    for (const [id, s] of SCENARIOS) expect(s.id).toBe(id);
  });

  it('refuse near misses', () => {
    for (const bad of ['Zab', 'zab ', 'session', 'failure', '', 'explorer']) expect(isScenarioId(bad), bad).toBe(false);
    for (const id of SCENARIO_IDS) expect(isScenarioId(id)).toBe(true);
  });
});
