/**
 * A short, stable text for a transaction in the trace (`zab.propose`, `zab.deliver`): its
 * type, path and the request it answers (session:cxid), so that two different transactions
 * never print alike. Pure; imports zk txn helpers.
 */
import type { LoggedTxn } from '../zk/txn.ts';
import { hex } from '../zk/txn.ts';

/**
 * Labels of recent entries, by identity: a proposal is one object on every server (it travels
 * in PROPOSAL), and each one labels it for `zab.deliver` (the leader also for `zab.propose`).
 * Bounded: cleared when full. The label is a pure function of the entry, so caching it is
 * unobservable.
 */
const labels = new Map<LoggedTxn, string>();
const LABELS_MAX = 4096;

export function txnLabel(entry: LoggedTxn): string {
  let label = labels.get(entry);
  if (label === undefined) {
    const { hdr, txn } = entry;
    const what = 'path' in txn ? `${txn.type} ${txn.path}` : txn.type === 'multi' ? `multi(${txn.txns.length})` : txn.type === 'error' ? `error ${txn.err}` : txn.type;
    label = `${what} ${hex(hdr.clientId)}:${hdr.cxid}`;
    if (labels.size >= LABELS_MAX) labels.clear();
    labels.set(entry, label);
  }
  return label;
}
