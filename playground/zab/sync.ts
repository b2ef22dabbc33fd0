/**
 * How a leader brings a learner up to date (`LearnerHandler.syncFollower` and
 * `queueCommittedProposals`, zab.md §4.1): from the learner's last zxid, the leader's last
 * processed zxid, its committed-log window and, past the window, its log on disk, choose an
 * empty DIFF, a DIFF followed by the missing proposals (each as a PROPOSAL + COMMIT pair), a
 * TRUNC (optionally followed by proposals), or a SNAP. First match wins:
 *
 * | learner's zxid                                  | leader sends                          |
 * | ----------------------------------------------- | ------------------------------------- |
 * | equals the leader's last processed zxid         | empty DIFF                            |
 * | above the window, not a new-epoch zxid          | TRUNC(maxCommittedLog)                |
 * | inside the window                               | walk it: DIFF or TRUNC(previous),     |
 * |                                                 | then pairs; SNAP across epochs        |
 * | below the window, log sync on                   | walk the log on disk up to the window,|
 * |                                                 | then the window; SNAP if the log      |
 * |                                                 | cannot serve it or leaves a gap       |
 * | anything else                                   | SNAP                                  |
 *
 * Pure; imports zk txn helpers and the mutant names.
 */
import type { LoggedTxn } from '../zk/txn.ts';
import { counterOf, epochOf } from '../zk/txn.ts';
import type { SyncMode } from './events.ts';
import type { MutantName } from './mutants.ts';

export interface SyncInput {
  /** The learner's last logged zxid (from ACKEPOCH). */
  readonly peerLastZxid: bigint;
  /** The leader's `getDataTreeLastProcessedZxid()`. */
  readonly lastProcessedZxid: bigint;
  /** The leader's committed-log window, oldest first. */
  readonly committedLog: readonly LoggedTxn[];
  /**
   * `getProposalsFromTxnLog(zxid, calculateTxnLogSizeLimit())`: the leader's logged txns from
   * `zxid` on, or none when its log cannot serve them; absent when log sync is off
   * (`snapshotSizeFactor` < 0).
   */
  readonly proposalsFromTxnLog?: (zxid: bigint) => readonly LoggedTxn[];
  /** Test flag `forceSnapSync`. */
  readonly forceSnap?: boolean;
  readonly mutant?: MutantName;
}

export interface SyncPlan {
  readonly mode: SyncMode;
  /** DIFF: the zxid the packet carries; TRUNC: truncate to it; SNAP: the snapshot's zxid. */
  readonly zxid: bigint;
  /** Proposals to send after the DIFF or TRUNC, each followed by its COMMIT. */
  readonly proposals: readonly LoggedTxn[];
  /** The last zxid queued for the learner (`startForwarding` sends what comes after). */
  readonly currentZxid: bigint;
  /** Where the proposals came from: the in-memory committed log, or the log on disk too. */
  readonly source?: 'committedLog' | 'txnlog';
}

export function syncFollower(input: SyncInput): SyncPlan {
  const { peerLastZxid, lastProcessedZxid, committedLog, mutant } = input;
  const isPeerNewEpochZxid = counterOf(peerLastZxid) === 0;
  let minCommittedLog = lastProcessedZxid;
  let maxCommittedLog = lastProcessedZxid;
  if (committedLog.length > 0) {
    minCommittedLog = committedLog[0]!.hdr.zxid;
    maxCommittedLog = committedLog[committedLog.length - 1]!.hdr.zxid;
  }
  const snap: SyncPlan = { mode: 'SNAP', zxid: lastProcessedZxid, proposals: [], currentZxid: lastProcessedZxid };
  if (input.forceSnap === true) return snap;
  if (lastProcessedZxid === peerLastZxid) return { mode: 'DIFF', zxid: peerLastZxid, proposals: [], currentZxid: peerLastZxid };
  if (peerLastZxid > maxCommittedLog && !isPeerNewEpochZxid) {
    // The learner has txns this leader never committed: it must drop them.
    if (mutant === 'skip-trunc') return { mode: 'DIFF', zxid: maxCommittedLog, proposals: [], currentZxid: maxCommittedLog };
    return { mode: 'TRUNC', zxid: maxCommittedLog, proposals: [], currentZxid: maxCommittedLog };
  }
  if (maxCommittedLog >= peerLastZxid && minCommittedLog <= peerLastZxid) {
    const walk = new ProposalQueue(peerLastZxid, maxCommittedLog, mutant);
    if (!walk.queue(committedLog, null)) return snap;
    return walk.plan('committedLog') ?? snap;
  }
  if (peerLastZxid < minCommittedLog && input.proposalsFromTxnLog !== undefined) {
    const fromLog = input.proposalsFromTxnLog(peerLastZxid);
    if (fromLog.length === 0) return snap;
    const walk = new ProposalQueue(peerLastZxid, maxCommittedLog, mutant);
    // The log up to the window's start, then the window ("Use txnlog and committedLog").
    if (!walk.queue(fromLog, minCommittedLog)) return snap;
    if (walk.queued < minCommittedLog) return snap; // "Detected gap between end of txnlog and start of committedLog"
    if (!walk.queue(committedLog, null)) return snap;
    return walk.plan('txnlog') ?? snap;
  }
  return snap;
}

/**
 * `queueCommittedProposals`, which the handler may call twice (the log on disk, then the
 * window): the first proposal at or past the learner's zxid decides DIFF or TRUNC (once);
 * then every proposal the learner lacks is queued.
 */
class ProposalQueue {
  private op: { mode: 'DIFF' | 'TRUNC'; zxid: bigint } | null = null;
  private readonly proposals: LoggedTxn[] = [];
  private readonly isPeerNewEpochZxid: boolean;
  private prevProposalZxid = -1n;
  queued: bigint;
  private readonly peerLastZxid: bigint;
  private readonly lastCommittedZxid: bigint;
  private readonly mutant: MutantName | undefined;

  constructor(peerLastZxid: bigint, lastCommittedZxid: bigint, mutant: MutantName | undefined) {
    this.peerLastZxid = peerLastZxid;
    this.lastCommittedZxid = lastCommittedZxid;
    this.mutant = mutant;
    this.queued = peerLastZxid;
    this.isPeerNewEpochZxid = counterOf(peerLastZxid) === 0;
  }

  /** Walk `log` (up to `maxZxid`, inclusive); false when only a SNAP will do (a TRUNC across epochs). */
  queue(log: readonly LoggedTxn[], maxZxid: bigint | null): boolean {
    const peer = this.peerLastZxid;
    for (const p of log) {
      const z = p.hdr.zxid;
      if (maxZxid !== null && z > maxZxid) break;
      if (z < peer) {
        this.prevProposalZxid = z;
        continue;
      }
      if (this.op === null) {
        if (z === peer) {
          this.op = { mode: 'DIFF', zxid: this.lastCommittedZxid };
          continue;
        }
        if (this.isPeerNewEpochZxid) this.op = { mode: 'DIFF', zxid: this.lastCommittedZxid };
        else if (z > peer) {
          // The learner has txns this leader does not; a TRUNC cannot cross an epoch.
          if (epochOf(z) !== epochOf(peer)) return false;
          if (this.prevProposalZxid < 0n) return false;
          this.op = this.mutant === 'skip-trunc' ? { mode: 'DIFF', zxid: this.lastCommittedZxid } : { mode: 'TRUNC', zxid: this.prevProposalZxid };
        }
      }
      if (z <= this.queued) continue;
      this.proposals.push(p);
      this.queued = z;
    }
    return true;
  }

  /** The plan, or null when no DIFF or TRUNC was chosen. */
  plan(source: 'committedLog' | 'txnlog'): SyncPlan | null {
    if (this.op === null && this.isPeerNewEpochZxid) this.op = { mode: 'DIFF', zxid: this.lastCommittedZxid };
    if (this.op === null) return null;
    return { mode: this.op.mode, zxid: this.op.zxid, proposals: this.proposals, currentZxid: this.queued, source };
  }
}
