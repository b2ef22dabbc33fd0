/**
 * The speeds a lab plays at: virtual milliseconds per real second, from 0.01× to 1×. A chapter
 * picks its lab's default (`<EnsembleLab speed>`) from these, so that its story plays in
 * seconds rather than minutes; the reader can change it in the bar. Pure: used at build time
 * by EnsembleLab.astro.
 */
export const LAB_SPEEDS: readonly number[] = [10, 30, 100, 300, 1000];

/** How the speed menu writes `ms` per second: `0.1×`. */
export const speedLabel = (ms: number): string => `${ms / 1000}×`;
