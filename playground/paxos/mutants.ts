/**
 * Deliberate bugs, switched on by name, so the agreement checker can prove it catches them
 * (a checker that never objects proves nothing). Each mutant breaks one rule of Paxos Made
 * Simple; the correct engine has none switched on.
 *
 * Imports nothing.
 */

export const MUTANTS = {
  /** Breaks §2.2 P1a: the acceptor accepts `accept(n, v)` even though it promised a number above n. */
  'accept-lower-ballot': 'an acceptor accepts a proposal numbered below its promise (breaks P1a, §2.2)',
  /** Breaks §2.2 P2c / phase 2a: the proposer proposes its own value whatever the promises report. */
  'ignore-accepted-value': 'a proposer ignores the values reported in promises and proposes its own (breaks P2c, §2.2)',
  /** Breaks §2.2 P2c: of the reported proposals, the proposer takes the lowest-numbered one. */
  'lowest-accepted-value': 'a proposer adopts the lowest-numbered reported value instead of the highest (breaks P2c, §2.2)',
  /** Breaks §2.5 stable storage: an acceptor forgets its promise and accepted value when it crashes. */
  'forget-on-crash': 'an acceptor loses its promise and accepted proposal when it crashes (breaks §2.5)',
} as const;

export type MutantName = keyof typeof MUTANTS;

export const MUTANT_NAMES = Object.keys(MUTANTS) as MutantName[];

export function isMutantName(name: string): name is MutantName {
  return Object.hasOwn(MUTANTS, name);
}

export function checkMutants(names: readonly string[]): MutantName[] {
  for (const name of names) {
    if (!isMutantName(name)) throw new Error(`unknown mutant ${JSON.stringify(name)}; known: ${MUTANT_NAMES.join(', ')}`);
  }
  return [...new Set(names as MutantName[])].sort();
}
