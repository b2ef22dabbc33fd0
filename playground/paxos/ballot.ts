/**
 * Proposal numbers ("ballots") for the Paxos engine: `(round, proposer)` pairs compared
 * lexicographically, so numbers are totally ordered and two proposers never issue the same
 * one (Paxos Made Simple §2.5: "different proposers choose their numbers from disjoint sets
 * of numbers"). Rendered `round.proposer`, e.g. `2.1` is proposer p1's second round.
 *
 * Imports nothing. Pure values and functions only.
 */

export interface Ballot {
  /** The proposer's attempt counter, from 1. */
  readonly round: number;
  /** The proposer's number: p1 is 1, p2 is 2, .... Breaks ties between equal rounds. */
  readonly proposer: number;
}

/** A proposal `(n, v)`: a number and a value (PMS §2.2). */
export interface Proposal {
  readonly n: Ballot;
  readonly v: string;
}

/** Negative if a < b, 0 if equal, positive if a > b. `null` (no ballot yet) is below every ballot. */
export function compareBallots(a: Ballot | null, b: Ballot | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  return a.round !== b.round ? a.round - b.round : a.proposer - b.proposer;
}

export function sameBallot(a: Ballot | null, b: Ballot | null): boolean {
  return compareBallots(a, b) === 0;
}

export function formatBallot(b: Ballot | null): string {
  return b === null ? '⊥' : `${b.round}.${b.proposer}`;
}

/** Parses `round.proposer` (both positive integers); throws on anything else. */
export function parseBallot(text: string): Ballot {
  const m = /^(\d+)\.(\d+)$/.exec(text);
  if (!m) throw new Error(`not a ballot: ${JSON.stringify(text)} (expected round.proposer, e.g. 1.2)`);
  const ballot = { round: Number(m[1]), proposer: Number(m[2]) };
  if (ballot.round < 1 || ballot.proposer < 1) throw new Error(`ballot parts start at 1: ${text}`);
  return ballot;
}

export function formatProposal(p: Proposal | null): string {
  return p === null ? 'none' : `${formatBallot(p.n)}:${p.v}`;
}
