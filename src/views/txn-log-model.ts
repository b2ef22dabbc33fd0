/**
 * TxnLog view-model: each server's transaction log, its tail as the trace shows it —
 * entries proposed (logged, not yet committed there), committed (delivered) or truncated
 * (removed by a TRUNC sync) — with the transaction's label, its epoch's tint and the
 * selected zxid marked.
 * A pure function of the cluster state; the view only draws it.
 *
 * Imports the trace digest; no DOM.
 */

import type { NodeId } from '../../playground/sim/types.ts';
import type { ClusterState, LogStatus } from './trace-digest.ts';

export interface TxnLogEntry {
  readonly zxid: string;
  /** `epoch:counter`, as a reader reads a zxid. */
  readonly short: string;
  readonly status: LogStatus;
  /** Its epoch's tint (epoch mod 6, as the ensemble's servers), so a log shows where one leader's turn ends and the next begins. */
  readonly tint: number;
  readonly txn: string;
  readonly selected: boolean;
}

export interface TxnLogRow {
  readonly server: NodeId;
  readonly up: boolean;
  readonly role: string;
  readonly lastLogged: string;
  readonly lastDelivered: string;
  readonly entries: TxnLogEntry[];
  readonly summary: string;
}

/** The epoch tint of a zxid (its high half mod 6), the ensemble diagram's colour for that epoch. */
export function zxidTint(hex: string): number {
  try {
    return Number((BigInt(hex) >> 32n) % 6n);
  } catch {
    return 0;
  }
}

export function shortZxid(hex: string): string {
  try {
    const z = BigInt(hex);
    return `${Number(z >> 32n)}:${Number(z & 0xffffffffn)}`;
  } catch {
    return hex;
  }
}

export function buildTxnLogModel(state: ClusterState, servers: readonly NodeId[], labels: ReadonlyMap<string, string>, selectedZxid: string | null = null): TxnLogRow[] {
  return servers.map((id) => {
    const v = state.servers.get(id)!;
    const entries = v.log.map((l) => ({ zxid: l.zxid, short: shortZxid(l.zxid), status: l.status, tint: zxidTint(l.zxid), txn: labels.get(l.zxid) ?? '', selected: l.zxid === selectedZxid }));
    const proposed = entries.filter((e) => e.status === 'proposed').length;
    const truncated = entries.filter((e) => e.status === 'truncated').length;
    const summary = `${id}: ${v.logged} logged, last ${shortZxid(v.lastLogged)}, delivered up to ${shortZxid(v.lastDelivered)}${proposed ? `, ${proposed} not yet committed` : ''}${truncated ? `, ${truncated} truncated` : ''}`;
    return { server: id, up: v.up, role: v.role, lastLogged: v.lastLogged, lastDelivered: v.lastDelivered, entries, summary };
  });
}
