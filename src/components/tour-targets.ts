/**
 * What a <Tour> step can point at in its lab, by name, as CSS selectors inside the
 * <ensemble-lab>. Pure; used at build time (Tour.astro checks the names) and by tour.ts.
 */

export const TOUR_TARGETS = {
  /** The server that leads. */
  leader: 'ensemble-diagram g.server[data-role="LEADING"]',
  /** A server that follows. */
  follower: 'ensemble-diagram g.server[data-role="FOLLOWING"]',
  /** Client c1 (its box in the ensemble diagram). */
  client: 'ensemble-diagram g.client[aria-label^="client c1:"]',
  /** A client's message in flight (the first drawn). */
  message: 'ensemble-diagram g.msg[data-family="client"], ensemble-diagram g.msg',
  /** The whole ensemble diagram. */
  ensemble: 'ensemble-diagram .ensemble-canvas',
  tree: 'znode-tree-live .zt-canvas',
  lanes: 'space-time .space-time-canvas',
  log: 'txn-log [data-role="rows"]',
  /** The lab's own controls. */
  controls: '.lab-bar .lab-transport',
} as const;

export type TourTarget = keyof typeof TOUR_TARGETS;

export function isTourTarget(name: string): name is TourTarget {
  return Object.hasOwn(TOUR_TARGETS, name);
}
