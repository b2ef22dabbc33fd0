/**
 * The book's scenarios by id: the one table a chapter's `<EnsembleLab scenario="…">` names
 * from. `ScenarioId` is the union of its keys, so the components' props are typed by the
 * real ids, and the book's build check (`src/book/lab-references.ts`) refuses an MDX
 * `scenario="…"` that is not one. Adding a scenario is one file in this folder and one row
 * here (its moments, if any, one file and one row in `../scenario-moments.ts`).
 *
 * Imports the scenario files. No clock, no randomness outside the kernel.
 */

import type { Scenario } from '../scenario.ts';
import { basic } from './basic.ts';
import { failures } from './failures.ts';
import { intro } from './intro.ts';
import { load } from './load.ts';
import { lock } from './lock.ts';
import { observers } from './observers.ts';
import { primaryOrder } from './primary-order.ts';
import { sessions } from './sessions.ts';
import { stale } from './stale.ts';
import { watches } from './watches.ts';
import { zab } from './zab.ts';

/** Each scenario under its id (its `id` field says the same; a test holds them equal). */
const BY_ID = { intro, basic, zab, watches, lock, load, sessions, stale, failures, observers, 'primary-order': primaryOrder } as const satisfies Readonly<Record<string, Scenario>>;

/** The id of a scenario of the book. */
export type ScenarioId = keyof typeof BY_ID;

/** Every scenario id, in the table's order. */
export const SCENARIO_IDS = Object.keys(BY_ID) as readonly ScenarioId[];

export const SCENARIOS: ReadonlyMap<string, Scenario> = new Map(SCENARIO_IDS.map((id) => [id, BY_ID[id]]));

export function isScenarioId(id: string): id is ScenarioId {
  return Object.hasOwn(BY_ID, id);
}
