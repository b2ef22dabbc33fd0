/**
 * A short, stable text for a transaction in the trace (`zab.propose`, `zab.deliver`): its
 * type, path and the request it answers (session:cxid), so that two different transactions
 * never print alike. Pure; imports zk txn helpers.
 */
import type { LoggedTxn } from '../zk/txn.ts';
import { hex } from '../zk/txn.ts';

export function txnLabel(entry: LoggedTxn): string {
  const { hdr, txn } = entry;
  const what = 'path' in txn ? `${txn.type} ${txn.path}` : txn.type === 'multi' ? `multi(${txn.txns.length})` : txn.type === 'error' ? `error ${txn.err}` : txn.type;
  return `${what} ${hex(hdr.clientId)}:${hdr.cxid}`;
}
