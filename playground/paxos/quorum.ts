/**
 * Counting to a majority, the one piece of arithmetic every Paxos rule leans on: any two
 * majorities of the same acceptors share at least one acceptor (Paxos Made Simple §2.2).
 *
 * Imports nothing.
 */

/** The smallest number of acceptors that is a majority of `total`. */
export function majority(total: number): number {
  if (!Number.isInteger(total) || total < 1) throw new Error(`need at least one acceptor, got ${total}`);
  return Math.floor(total / 2) + 1;
}

export function isMajority(count: number, total: number): boolean {
  return count >= majority(total);
}
