/**
 * What a reader can do to a running ensemble, as plain data: the inputs of a timeline.
 * An action is a fault of the kernel's fault language (`crash s1`, `partition s1 | s2 s3`,
 * ...), or `start <workload>`, which starts one of the scenario's named workloads. Each is
 * keyed by the trace index at which it applies (`ReaderInput.at`), so a timeline is rebuilt
 * from (scenario, seed, inputs) alone, and a link can carry them as lines.
 *
 * `applyAction` performs one on a simulation, tolerantly (the kernel's `applyFault`):
 * crashing a server that is down or restarting one that is up does nothing, so any subset of
 * inputs, or a hand-edited link, still replays. A partition's unnamed nodes form one more
 * named side. Imports the kernel only.
 */

import { CommandError, endColumn, quoteWord, tokenize } from '../sim/command-line.ts';
import { applyFault, parseFaultWords, printFault, type Fault } from '../sim/faults.ts';
import type { Simulation } from '../sim/simulation.ts';
import type { NodeId } from '../sim/types.ts';

export type ReaderAction =
  | Fault
  /** Start one of the scenario's named workloads. */
  | { readonly kind: 'workload'; readonly name: string };

export interface ReaderInput {
  /** Trace index: applied when the trace has exactly this many events (at a step boundary). */
  readonly at: number;
  readonly action: ReaderAction;
}

/** The action's line: `crash s1`, `partition s1 | s2 s3`, `start "synced reads"`. */
export function printAction(a: ReaderAction): string {
  return a.kind === 'workload' ? `start ${quoteWord(a.name)}` : printFault(a);
}

/** Read an action's line (a fault, or `start <workload>`); throws `CommandError`. */
export function parseAction(line: string): ReaderAction {
  const words = tokenize(line);
  const verb = words[0];
  if (verb !== undefined && verb.text === 'start' && !verb.quoted) {
    if (words.length !== 2) throw new CommandError('start names one workload: start lock, start "synced reads"', words[2]?.column ?? endColumn(line));
    return { kind: 'workload', name: words[1]!.text };
  }
  return parseFaultWords(words, endColumn(line));
}

/**
 * Perform `action` now. `workloads` maps the scenario's workload names to their start
 * functions; `everyone` lists every node, so a partition's leftover nodes form a group.
 * Returns false when the action did not apply (nothing changed).
 */
export function applyAction(sim: Simulation, action: ReaderAction, workloads: ReadonlyMap<string, () => void>, everyone: readonly NodeId[]): boolean {
  if (action.kind !== 'workload') return applyFault(sim, action, { everyone });
  const start = workloads.get(action.name);
  if (start === undefined) return false;
  start();
  return true;
}
