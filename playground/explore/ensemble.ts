/**
 * The explorer's view of the Zab ensemble: builds one with the timing a run's spec asks for
 * (tickTime, initLimit, syncLimit, FLE's back-off ceiling, the session timeout bounds) and
 * the mutant it names, and lists the mutants. The only explorer file that knows the
 * ensemble's API.
 *
 * Imports the ensemble and its mutant list.
 */

import { addEnsemble } from '../zab/ensemble.ts';
import { MUTANTS, isMutantName } from '../zab/mutants.ts';
import type { AddEnsemble } from './run.ts';

export const MUTANT_NAMES: readonly string[] = MUTANTS;

export const addEnsembleForExplorer: AddEnsemble = (sim, o) => {
  if (o.mutant !== undefined && !isMutantName(o.mutant)) throw new Error(`unknown mutant ${o.mutant}; known: ${MUTANTS.join(', ')}`);
  const t = o.timing;
  return addEnsemble(sim, {
    size: o.size,
    ...(o.mutant !== undefined && isMutantName(o.mutant) ? { mutant: o.mutant } : {}),
    config: {
      tickTime: t.tickTime,
      initLimit: t.initLimit,
      syncLimit: t.syncLimit,
      maxNotificationIntervalMs: t.maxNotificationIntervalMs,
      server: { minSessionTimeout: 2 * t.tickTime, maxSessionTimeout: t.maxSessionTimeout },
    },
  });
};
