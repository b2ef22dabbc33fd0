/**
 * The id of every scenario a chapter's lab may name (`<EnsembleLab scenario="…">`);
 * `scenario.ts` builds one for each id, checked by the type of its table. Imports nothing,
 * so the site's components check a chapter's `scenario="…"` when the book is built, and a
 * typo fails the build with the list of known ids.
 */
export const SCENARIO_IDS = ['intro', 'basic', 'zab', 'watches', 'lock', 'load', 'sessions', 'stale', 'failures', 'observers'] as const;

export type ScenarioId = (typeof SCENARIO_IDS)[number];

export function isScenarioId(id: string): id is ScenarioId {
  return (SCENARIO_IDS as readonly string[]).includes(id);
}
