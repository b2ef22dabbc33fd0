/**
 * The named moments of each scenario (scenarios/<id>-moments.ts): the places the chapters'
 * sentences, predictions and the chapter 1 tour move a lab to. `MomentId` is the union of
 * their ids, so the components' `moment` props are typed by the real names, and the book's
 * build check (`src/book/lab-references.ts`) refuses an MDX `moment="…"` that is not a
 * moment of its lab's scenario; test/unit/timeline/moments.test.ts runs every one at every
 * seed the book uses. Kept apart from the scenarios so that a page loads them only when a
 * reader first asks for a moment.
 *
 * Imports the scenarios and their moments. No clock, no DOM.
 */

import { findMoment, type Moment, type MomentFound } from './moments.ts';
import { SCENARIOS, type ScenarioId } from './scenarios/index.ts';
import { failuresMoments } from './scenarios/failures-moments.ts';
import { introMoments } from './scenarios/intro-moments.ts';
import { lockMoments } from './scenarios/lock-moments.ts';
import { observersMoments } from './scenarios/observers-moments.ts';
import { primaryOrderMoments } from './scenarios/primary-order-moments.ts';
import { sessionsMoments } from './scenarios/sessions-moments.ts';
import { staleMoments } from './scenarios/stale-moments.ts';
import { watchesMoments } from './scenarios/watches-moments.ts';
import { zabMoments } from './scenarios/zab-moments.ts';

const BY_SCENARIO = {
  intro: introMoments,
  zab: zabMoments,
  failures: failuresMoments,
  sessions: sessionsMoments,
  watches: watchesMoments,
  stale: staleMoments,
  observers: observersMoments,
  lock: lockMoments,
  'primary-order': primaryOrderMoments,
} as const satisfies Partial<Record<ScenarioId, readonly Moment[]>>;

type ByScenario = typeof BY_SCENARIO;

/** A scenario that has moments. */
export type ScenarioWithMoments = keyof ByScenario;

/** The id of a moment of scenario `S` (by default: of any scenario). */
export type MomentId<S extends ScenarioWithMoments = ScenarioWithMoments> = S extends ScenarioWithMoments ? ByScenario[S][number]['id'] : never;

export const MOMENTS: ReadonlyMap<string, readonly Moment[]> = new Map(Object.entries(BY_SCENARIO));

/** Find moment `id` of scenario `scenarioId` at `seed`. */
export function findScenarioMoment(scenarioId: string, seed: number, id: string): MomentFound {
  const scenario = SCENARIOS.get(scenarioId);
  if (scenario === undefined) return { ok: false, error: `unknown scenario "${scenarioId}"` };
  return findMoment(scenario, seed, MOMENTS.get(scenarioId) ?? [], id);
}
