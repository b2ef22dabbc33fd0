/**
 * FLE votes and their order (`Vote`, `FastLeaderElection.totalOrderPredicate`, zab.md §2.1):
 * a candidate beats another by higher peerEpoch, then higher last logged zxid, then higher
 * server id; a candidate without voting weight (an observer) never wins. Also the vote
 * equality ZooKeeper uses to count agreeing votes (`Vote.equals`).
 *
 * Pure; imports the quorum verifier, the mutant names and event types.
 */
import type { NodeId } from '../sim/types.ts';
import type { ServerState } from './events.ts';
import type { MutantName } from './mutants.ts';
import type { QuorumVerifier } from './quorum.ts';

export interface Vote {
  readonly leader: NodeId | null;
  readonly zxid: bigint;
  readonly electionEpoch: number;
  readonly peerEpoch: number;
  readonly state: ServerState;
}

/** The numeric server id of `s7` (ZooKeeper's `myid`); −1 for none. */
export function sidOf(id: NodeId | null): number {
  if (id === null) return -1;
  const m = /^[a-z]*(\d+)$/.exec(id);
  if (m === null) throw new Error(`server ids are s1, s2, ...; got ${JSON.stringify(id)}`);
  return Number(m[1]);
}

/** A candidate: who, their last logged zxid, their currentEpoch. */
export interface Candidate {
  readonly leader: NodeId | null;
  readonly zxid: bigint;
  readonly peerEpoch: number;
}

/** `totalOrderPredicate(new, cur)`: does `next` beat `cur`? */
export function totalOrderPredicate(qv: QuorumVerifier, next: Candidate, cur: Candidate, mutant?: MutantName): boolean {
  if (next.leader === null || qv.weight(next.leader) === 0) return false;
  if (next.peerEpoch !== cur.peerEpoch) return next.peerEpoch > cur.peerEpoch;
  if (mutant !== 'election-ignores-zxid' && next.zxid !== cur.zxid) return next.zxid > cur.zxid;
  return sidOf(next.leader) > sidOf(cur.leader);
}

/** `Vote.equals`: all four fields while either side is LOOKING; leader and peerEpoch otherwise. */
export function voteEquals(a: Vote, b: Vote): boolean {
  if (a.state === 'LOOKING' || b.state === 'LOOKING') {
    return a.leader === b.leader && a.zxid === b.zxid && a.electionEpoch === b.electionEpoch && a.peerEpoch === b.peerEpoch;
  }
  return a.leader === b.leader && a.peerEpoch === b.peerEpoch;
}

/** `getVoteTracker(votes, vote).hasAllQuorums()`: do the servers voting `vote` form a quorum? */
export function hasQuorumFor(qv: QuorumVerifier, votes: ReadonlyMap<NodeId, Vote>, vote: Vote): boolean {
  const agreeing: NodeId[] = [];
  for (const [sid, v] of votes) if (voteEquals(v, vote)) agreeing.push(sid);
  return qv.containsQuorum(agreeing);
}
