/**
 * The Zab checkers, one per property of the Zab paper's problem statement (§3) plus the
 * safety facts ZooKeeper adds (one leader per epoch, committed txns are never lost, epochs
 * only grow). Each is `(trace) → Verdict`; the work is done once per trace by the Zab digest
 * (`zab-history.ts`), which explains what each property means in terms of the trace.
 *
 * Imports only the digest; never protocol state.
 */

import { zabDigest, type ZabProperty } from './zab-history.ts';
import type { Checker } from './verdict.ts';

const byProperty =
  (p: ZabProperty): Checker =>
  (trace) =>
    zabDigest(trace).findings.get(p)!.verdict();

/** Integrity: a server delivers only what some leader proposed, as proposed. */
export const checkIntegrity = byProperty('integrity');
/** Total order: deliveries follow one order; whoever delivers b delivered every committed a < b first. */
export const checkTotalOrder = byProperty('total-order');
/** Agreement: a zxid is the same txn everywhere, and no two servers' histories diverge. */
export const checkAgreement = byProperty('agreement');
/** Local primary order: a leader's proposals are delivered in the order it proposed them. */
export const checkLocalPrimaryOrder = byProperty('local-primary-order');
/** Global primary order: no txn of an older epoch is delivered after one of a newer epoch. */
export const checkGlobalPrimaryOrder = byProperty('global-primary-order');
/** Primary integrity: a new leader has delivered every committed txn of older epochs before it proposes. */
export const checkPrimaryIntegrity = byProperty('primary-integrity');
/** Leadership: at most one server establishes each epoch, and only with a quorum. */
export const checkLeadership = byProperty('leadership');
/** FLE vote order: within a round, a server only switches to a better vote (so the most recent history wins). */
export const checkElection = byProperty('election');
/** A committed txn is never truncated, never dropped by a snapshot, never skipped. */
export const checkCommittedDurable = byProperty('committed-durable');
/** acceptedEpoch ≥ currentEpoch; neither ever goes down. */
export const checkEpochs = byProperty('epochs');
