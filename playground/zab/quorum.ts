/**
 * Quorums (`QuorumVerifier`, `flexible/QuorumMaj.java`): which sets of servers may decide.
 * Counting votes in leader election, ACKEPOCHs and NEWLEADER ACKs in discovery and
 * synchronization, ACKs of a proposal, and the leader's synced-followers check all ask the
 * one question `containsQuorum(set)`. Observers are members that never count.
 *
 * Majorities are what the book needs; the interface leaves room for ZooKeeper's weighted
 * hierarchical quorums (`QuorumHierarchical`), which answer the same question differently.
 * Imports only the kernel's `NodeId` type.
 */
import type { NodeId } from '../sim/types.ts';

export interface QuorumVerifier {
  /** Voting members (participants), in configuration order. */
  readonly voters: readonly NodeId[];
  /** Non-voting members. */
  readonly observers: readonly NodeId[];
  isVoter(id: NodeId): boolean;
  /** The voting weight of a server: 1 for a voter, 0 for an observer or a stranger. */
  weight(id: NodeId): number;
  /** Does `set` contain a quorum of the voters? Non-voters in `set` are ignored. */
  containsQuorum(set: Iterable<NodeId>): boolean;
}

/** Smallest majority of `n` voters. */
export function majority(n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new Error(`need at least one voter, got ${n}`);
  return Math.floor(n / 2) + 1;
}

/** `QuorumMaj`: more than half of the voters (`size > n / 2`). */
export class QuorumMaj implements QuorumVerifier {
  readonly voters: readonly NodeId[];
  readonly observers: readonly NodeId[];
  private readonly voterSet: ReadonlySet<NodeId>;
  readonly half: number;

  constructor(voters: readonly NodeId[], observers: readonly NodeId[] = []) {
    if (voters.length === 0) throw new Error('QuorumMaj: no voters');
    const all = new Set([...voters, ...observers]);
    if (all.size !== voters.length + observers.length) throw new Error('QuorumMaj: a server is listed twice');
    this.voters = [...voters];
    this.observers = [...observers];
    this.voterSet = new Set(voters);
    this.half = Math.floor(voters.length / 2);
  }

  isVoter(id: NodeId): boolean {
    return this.voterSet.has(id);
  }

  weight(id: NodeId): number {
    return this.voterSet.has(id) ? 1 : 0;
  }

  containsQuorum(set: Iterable<NodeId>): boolean {
    let n = 0;
    if (set instanceof Set) {
      // Already distinct (the leader's ACK sets): count without a scratch set per ACK.
      for (const id of set as Set<NodeId>) if (this.voterSet.has(id)) n++;
      return n > this.half;
    }
    const seen = new Set<NodeId>();
    for (const id of set) {
      if (this.voterSet.has(id) && !seen.has(id)) {
        seen.add(id);
        n++;
      }
    }
    return n > this.half;
  }
}
