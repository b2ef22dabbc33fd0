/**
 * What a reader can do to a running ensemble, as plain data: the inputs of a timeline.
 * Each is keyed by the trace index at which it applies (`ReaderInput.at`), so a timeline is
 * rebuilt from (scenario, seed, inputs) alone, and a link can carry them.
 *
 * `applyAction` performs one on a simulation, tolerantly (as the explorer's `applyFault`):
 * crashing a server that is down or restarting one that is up does nothing, so any subset of
 * inputs, or a hand-edited link, still replays. Imports the kernel only.
 */

import type { Simulation } from '../sim/simulation.ts';
import type { NodeId } from '../sim/types.ts';

export type ReaderAction =
  | { readonly kind: 'crash'; readonly node: NodeId }
  | { readonly kind: 'restart'; readonly node: NodeId }
  /** Groups that can talk among themselves only. Nodes left out form one more group. */
  | { readonly kind: 'partition'; readonly groups: readonly (readonly NodeId[])[] }
  | { readonly kind: 'heal' }
  /** Per-message latency range for messages sent from now on (delay). */
  | { readonly kind: 'latency'; readonly minMs: number; readonly maxMs: number }
  /** Break the connection between two nodes (TCP's way of losing messages). */
  | { readonly kind: 'break'; readonly a: NodeId; readonly b: NodeId }
  /** Start one of the scenario's named workloads. */
  | { readonly kind: 'workload'; readonly name: string };

export interface ReaderInput {
  /** Trace index: applied when the trace has exactly this many events (at a step boundary). */
  readonly at: number;
  readonly action: ReaderAction;
}

/** One line of text for an action ("crash s1", "partition s1 | s2 s3"). */
export function describeAction(a: ReaderAction): string {
  switch (a.kind) {
    case 'crash':
    case 'restart':
      return `${a.kind} ${a.node}`;
    case 'partition':
      return `partition ${a.groups.map((g) => g.join(' ')).join(' | ')}`;
    case 'heal':
      return 'heal the partition';
    case 'latency':
      return `delay ${a.minMs}–${a.maxMs} ms`;
    case 'break':
      return `break ${a.a}–${a.b}`;
    case 'workload':
      return `start ${a.name}`;
  }
}

/**
 * Perform `action` now. `workloads` maps the scenario's workload names to their start
 * functions; `everyone` lists every node, so a partition's leftover nodes form a group.
 * Returns false when the action did not apply (nothing changed).
 */
export function applyAction(sim: Simulation, action: ReaderAction, workloads: ReadonlyMap<string, () => void>, everyone: readonly NodeId[]): boolean {
  const known = new Set(sim.nodeIds());
  switch (action.kind) {
    case 'crash':
      if (!known.has(action.node) || !sim.isUp(action.node)) return false;
      sim.crash(action.node);
      return true;
    case 'restart':
      if (!known.has(action.node) || sim.isUp(action.node)) return false;
      sim.restart(action.node);
      return true;
    case 'partition': {
      const named = new Set(action.groups.flat());
      const rest = everyone.filter((n) => !named.has(n));
      const groups = [...action.groups.map((g) => [...g]), ...(rest.length > 0 ? [rest] : [])].filter((g) => g.length > 0);
      if (groups.length < 2) return false;
      try {
        sim.partition(groups);
      } catch {
        return false;
      }
      return true;
    }
    case 'heal':
      sim.heal();
      return true;
    case 'latency':
      if (!Number.isSafeInteger(action.minMs) || !Number.isSafeInteger(action.maxMs) || action.minMs < 0 || action.maxMs < action.minMs) return false;
      sim.setLatency(action.minMs, action.maxMs);
      return true;
    case 'break':
      if (!known.has(action.a) || !known.has(action.b) || action.a === action.b) return false;
      sim.breakConnection(action.a, action.b);
      return true;
    case 'workload': {
      const start = workloads.get(action.name);
      if (start === undefined) return false;
      start();
      return true;
    }
  }
}
