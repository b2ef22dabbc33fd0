/**
 * How a leader brings a learner up to date (`LearnerHandler.syncFollower` and
 * `queueCommittedProposals`, zab.md §4.1): from the learner's last zxid, the leader's last
 * processed zxid and its committed-log window, choose an empty DIFF, a DIFF followed by
 * the missing proposals (each as a PROPOSAL + COMMIT pair), a TRUNC (optionally followed by
 * proposals), or a SNAP. First match wins:
 *
 * | learner's zxid                                  | leader sends                     |
 * | ----------------------------------------------- | -------------------------------- |
 * | equals the leader's last processed zxid         | empty DIFF                       |
 * | above the window, not a new-epoch zxid          | TRUNC(maxCommittedLog)           |
 * | inside the window                               | walk it: DIFF or TRUNC(previous) |
 * |                                                 | then pairs; SNAP across epochs   |
 * | below the window (on-disk log sync is off here) | SNAP                             |
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
    return queueCommittedProposals(committedLog, peerLastZxid, maxCommittedLog, isPeerNewEpochZxid, mutant) ?? snap;
  }
  return snap;
}

/** Walk the window (`queueCommittedProposals`); null when only a SNAP will do. */
function queueCommittedProposals(log: readonly LoggedTxn[], peerLastZxid: bigint, lastCommittedZxid: bigint, isPeerNewEpochZxid: boolean, mutant?: MutantName): SyncPlan | null {
  let op: { mode: 'DIFF' | 'TRUNC'; zxid: bigint } | null = null;
  let queued = peerLastZxid;
  let prevProposalZxid = -1n;
  const proposals: LoggedTxn[] = [];
  for (const p of log) {
    const z = p.hdr.zxid;
    if (z < peerLastZxid) {
      prevProposalZxid = z;
      continue;
    }
    if (op === null) {
      if (z === peerLastZxid) {
        op = { mode: 'DIFF', zxid: lastCommittedZxid };
        continue;
      }
      if (isPeerNewEpochZxid) op = { mode: 'DIFF', zxid: lastCommittedZxid };
      else if (z > peerLastZxid) {
        // The learner has txns this leader does not; a TRUNC cannot cross an epoch.
        if (epochOf(z) !== epochOf(peerLastZxid)) return null;
        if (prevProposalZxid < 0n) return null;
        op = mutant === 'skip-trunc' ? { mode: 'DIFF', zxid: lastCommittedZxid } : { mode: 'TRUNC', zxid: prevProposalZxid };
      }
    }
    if (z <= queued) continue;
    proposals.push(p);
    queued = z;
  }
  if (op === null && isPeerNewEpochZxid) op = { mode: 'DIFF', zxid: lastCommittedZxid };
  if (op === null) return null;
  return { mode: op.mode, zxid: op.zxid, proposals, currentZxid: queued };
}
