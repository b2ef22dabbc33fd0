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
  /** The whole log view, its key included: a ring round the rows alone crossed the key's first line. */
  log: 'txn-log',
  /** The lab's own controls. */
  controls: '.lab-bar .lab-transport',
} as const;

export type TourTarget = keyof typeof TOUR_TARGETS;

export function isTourTarget(name: string): name is TourTarget {
  return Object.hasOwn(TOUR_TARGETS, name);
}

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * Where the ring goes, in the lab's coordinates: the target's box grown by `pad`, then kept
 * `ring` (the ring's width) inside the lab, which clips what overflows it while touring (a
 * client at a phone's edge would lose its ring otherwise).
 */
export function spotBox(target: Box, lab: Box, pad: number, ring: number): Box {
  const left = Math.max(ring, target.left - lab.left - pad);
  const top = Math.max(ring, target.top - lab.top - pad);
  const right = Math.min(lab.width - ring, target.left - lab.left + target.width + pad);
  const bottom = Math.min(lab.height - ring, target.top - lab.top + target.height + pad);
  return { left, top, width: Math.max(0, right - left), height: Math.max(0, bottom - top) };
}
