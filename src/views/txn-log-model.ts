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
import { zxidValue, type ClusterState, type LogStatus } from './trace-digest.ts';

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

/**
 * The logs as one grid, after RaftScope's: a column per zxid any row shows (in zxid order),
 * so the same transaction lines up on every server and a lagging one shows its gaps; a
 * header of epochs over their columns, so a failover shows where one leader's turn ends.
 */
export interface TxnLogGrid {
  readonly columns: readonly { readonly zxid: string; readonly short: string; readonly tint: number }[];
  /** Runs of columns of one epoch: the first column and how many. */
  readonly epochs: readonly { readonly epoch: number; readonly tint: number; readonly from: number; readonly span: number }[];
  /** Per row, each entry's column (in the row's entry order). */
  readonly at: readonly (readonly number[])[];
  /**
   * Per row, the columns it lacks after its first entry: not logged there (yet), drawn as an
   * empty slot. Columns before a row's first entry are left blank: older than its tail, or
   * never there, the tail cannot tell.
   */
  readonly missing: readonly (readonly number[])[];
}

const zxidOrder = (a: string, b: string): number => {
  const x = zxidValue(a);
  const y = zxidValue(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

/** The grid's measures in rem (book.css `.txn-*`): the server column, its gap, a cell, the gap between cells, the epoch header's height. */
export const TXN_GRID_REM = { label: 3.2, labelGap: 0.3, cell: 3.7, gap: 0.2, header: 1.2 } as const;

/** How many zxid columns fit a log `widthPx` wide beside the server names (at least one). */
export function columnsThatFit(widthPx: number, remPx: number): number {
  const g = TXN_GRID_REM;
  return Math.max(1, Math.floor((widthPx / remPx - g.label - g.labelGap + g.gap) / (g.cell + g.gap) + 1e-9));
}

/**
 * The grid of `rows`, its newest `maxColumns` columns at most (what fits the reader's width:
 * the tail is what a reader follows). An entry in a column left out has column -1.
 */
export function txnLogGrid(rows: readonly TxnLogRow[], maxColumns = Infinity): TxnLogGrid {
  const all = [...new Set(rows.flatMap((r) => r.entries.map((e) => e.zxid)))].sort(zxidOrder);
  const skipped = Math.max(0, all.length - maxColumns);
  const zxids = all.slice(skipped);
  const full = new Map(all.map((z, i) => [z, i]));
  const columns = zxids.map((zxid) => ({ zxid, short: shortZxid(zxid), tint: zxidTint(zxid) }));
  const epochs: { epoch: number; tint: number; from: number; span: number }[] = [];
  zxids.forEach((z, i) => {
    const epoch = Number(zxidValue(z) >> 32n);
    const last = epochs.at(-1);
    if (last && last.epoch === epoch) last.span++;
    else epochs.push({ epoch, tint: zxidTint(z), from: i, span: 1 });
  });
  const at = rows.map((r) => r.entries.map((e) => full.get(e.zxid)! - skipped).map((c) => (c < 0 ? -1 : c)));
  const missing = rows.map((r) => {
    if (r.entries.length === 0) return [];
    const have = new Set(r.entries.map((e) => full.get(e.zxid)!));
    const first = Math.min(...have);
    return zxids.map((_, i) => i).filter((i) => i + skipped > first && !have.has(i + skipped));
  });
  return { columns, epochs, at, missing };
}
