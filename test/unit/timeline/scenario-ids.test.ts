/**
 * The scenario ids a chapter may name: each builds the scenario of that id, and a near miss
 * is not an id (the book's build check, src/book/lab-references.ts, fails on one).
 */
import { describe, expect, it } from 'vitest';
import { SCENARIOS, SCENARIO_IDS, isScenarioId } from '../../../playground/timeline/index.ts';

describe('scenario ids', () => {
  it('name exactly the scenarios, each under its own id', () => {
    expect([...SCENARIOS.keys()]).toEqual([...SCENARIO_IDS]);
    for (const [id, s] of SCENARIOS) expect(s.id).toBe(id);
  });

  it('refuse near misses', () => {
    for (const bad of ['Zab', 'zab ', 'session', 'failure', '', 'explorer', 'toString', 'constructor', '__proto__']) expect(isScenarioId(bad), bad).toBe(false);
    for (const id of SCENARIO_IDS) expect(isScenarioId(id)).toBe(true);
  });
});
