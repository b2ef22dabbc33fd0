/**
 * What an <EnsembleLab>'s bar shows at a position: the clock, where the scrubber stands, and
 * which controls are enabled. Pure. The lab's script (ensemble-lab.ts) sets its bar from it
 * at every frame, and EnsembleLab.astro renders the bar from it at the run's start, at build
 * time: the page opens with the very bar the script keeps, so a reader can reach and press
 * its controls before the lab's code arrives (load-near.ts holds the press), and nothing
 * they reach by keyboard is disabled or enabled under them when it does.
 */
import type { Timeline } from '../../playground/timeline/timeline.ts';
import type { ClusterState } from '../views/trace-digest.ts';

/** How far a lab computes past the position it opens at, so the scrubber has somewhere to go. */
export const OPEN_AHEAD_MS = 2500;

/** Every bar control whose enabled state follows the position. */
export const STATEFUL_ACTIONS = ['back', 'undo', 'redo', 'crash', 'restart', 'heal', 'crash-leader', 'isolate-leader', 'freeze-leader', 'freeze'] as const;
export type StatefulAction = (typeof STATEFUL_ACTIONS)[number];

export interface BarState {
  /** The clock's two parts, "t = … ms" and "event …" (a phone stacks them). */
  readonly time: string;
  readonly event: string;
  readonly scrubMax: number;
  readonly scrubValue: number;
  readonly scrubText: string;
  /** The controls disabled at this position. */
  readonly disabled: ReadonlySet<StatefulAction>;
}

/** Compute a little further when a paused reader nears the end of what is computed. */
export function keepRoomAhead(tl: Timeline): void {
  if (tl.computed - tl.position < 200) tl.computeToTime(tl.time + 1500);
}

/**
 * The bar of `tl` at its position, drawn at virtual time `now`, with `menus` the values of
 * its Server and Freeze menus (the buttons beside them act on the node chosen).
 */
export function barState(tl: Timeline, state: ClusterState, now: number, menus: { readonly server: string; readonly freezeNode: string }): BarState {
  const bounds = tl.boundaries;
  let lo = 0;
  let hi = bounds.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (bounds[mid]! <= tl.position) lo = mid;
    else hi = mid - 1;
  }
  const disabled = new Set<StatefulAction>();
  const off = (action: StatefulAction, when: boolean): void => {
    if (when) disabled.add(action);
  };
  off('back', tl.position <= tl.start);
  off('undo', !tl.canUndo);
  off('redo', !tl.canRedo);
  const server = state.servers.get(menus.server);
  off('crash', !server?.up);
  off('restart', server === undefined || server.up);
  off('heal', state.partition === null);
  const hasLeader = [...state.servers.values()].some((s) => s.up && s.role === 'LEADING');
  off('crash-leader', !hasLeader);
  off('isolate-leader', !hasLeader);
  off('freeze-leader', !hasLeader);
  const node = state.servers.get(menus.freezeNode) ?? state.clients.get(menus.freezeNode);
  off('freeze', node === undefined || !node.up || node.frozen);
  return {
    time: `t = ${Math.floor(now)} ms`,
    event: `event ${tl.position}`,
    scrubMax: bounds.length - 1,
    scrubValue: lo,
    scrubText: `event ${tl.position}, ${tl.time} ms`,
    disabled,
  };
}
