/**
 * Every trace checker by name, and `checkAll`, which runs them and reports the earliest
 * violation. The explorer, tests and the book's views use this list.
 *
 * Imports the checkers (trace-only); nothing else.
 */

import {
  checkFifoOrder,
  checkLinearizableWrites,
  checkSequentialReads,
  checkSyncReads,
  checkWatchOrder,
} from './client-properties.ts';
import type { Checker, Trace } from './verdict.ts';
import {
  checkAgreement,
  checkCommittedDurable,
  checkElection,
  checkEpochs,
  checkGlobalPrimaryOrder,
  checkIntegrity,
  checkLeadership,
  checkLocalPrimaryOrder,
  checkPrimaryIntegrity,
  checkTotalOrder,
} from './zab-properties.ts';

export type { Checker, Trace, Verdict } from './verdict.ts';

export const CHECKERS = {
  integrity: checkIntegrity,
  'total-order': checkTotalOrder,
  agreement: checkAgreement,
  'local-primary-order': checkLocalPrimaryOrder,
  'global-primary-order': checkGlobalPrimaryOrder,
  'primary-integrity': checkPrimaryIntegrity,
  leadership: checkLeadership,
  election: checkElection,
  'committed-durable': checkCommittedDurable,
  epochs: checkEpochs,
  'linearizable-writes': checkLinearizableWrites,
  'fifo-order': checkFifoOrder,
  'sequential-reads': checkSequentialReads,
  'sync-reads': checkSyncReads,
  'watch-order': checkWatchOrder,
} as const satisfies Record<string, Checker>;

export type CheckerName = keyof typeof CHECKERS;

export const CHECKER_NAMES = Object.keys(CHECKERS) as CheckerName[];

export interface Violation {
  readonly checker: CheckerName;
  readonly violation: string;
  readonly at: number;
}

/** Every checker's violation (at most one each), earliest first. */
export function checkAll(trace: Trace): Violation[] {
  const out: Violation[] = [];
  for (const name of CHECKER_NAMES) {
    const v = CHECKERS[name](trace);
    if (!v.ok) out.push({ checker: name, violation: v.violation, at: v.at });
  }
  return out.sort((a, b) => a.at - b.at);
}
