/**
 * Each server's znode tree at any position of a run, rebuilt from the trace alone: a
 * server's tree is what it delivered — every `zab.deliver` carries the logged transaction
 * (applied with `DataTree.processTxn`), every `zab.snapshot` the tree it installed. (If an
 * event lacks its record, the PROPOSAL or SNAP message that brought it to the server is
 * used instead.) A pure function of (trace, server, position), made fast for scrubbing by
 * per-server checkpoints (a tree snapshot every `CHECKPOINT_OPS` operations) and a cursor.
 *
 * Imports the zk data tree and snapshot types; no DOM, no D3.
 */

import type { TraceEvent } from '../../playground/sim/trace.ts';
import type { NodeId } from '../../playground/sim/types.ts';
import { DataTree, type TreeSnapshot } from '../../playground/zk/data-tree.ts';
import type { LoggedTxn, Txn } from '../../playground/zk/txn.ts';
import { hexZxid, treeToSnapshot } from '../../playground/zkcli/snapshot.ts';
import type { ZnodeSnapshot } from '../../playground/zkcli/snapshot.ts';
import { traced } from './traced.ts';

type TreeOp = { readonly index: number; readonly record: LoggedTxn } | { readonly index: number; readonly tree: TreeSnapshot };

const CHECKPOINT_OPS = 64;

/** Paths a transaction touches (for "changed in this step"). */
export function txnPaths(txn: Txn): string[] {
  switch (txn.type) {
    case 'create':
    case 'delete':
    case 'setData':
    case 'setACL':
      return [txn.path];
    case 'closeSession':
      return [...txn.paths2Delete];
    case 'multi':
      return txn.txns.flatMap(txnPaths);
    default:
      return [];
  }
}

interface Cursor {
  ops: number;
  tree: DataTree;
  snapshot: ZnodeSnapshot[] | null;
}

export interface ServerTree {
  readonly server: NodeId;
  /** Operations (deliveries, snapshots) applied. */
  readonly ops: number;
  readonly lastZxid: string;
  readonly znodes: ZnodeSnapshot[];
}

export class ServerTrees {
  readonly trace: readonly TraceEvent[];
  private readonly ops = new Map<NodeId, TreeOp[]>();
  private readonly checkpoints = new Map<NodeId, TreeSnapshot[]>();
  private readonly cursors = new Map<NodeId, Cursor>();
  private readonly records = new Map<string, LoggedTxn>();
  private readonly snaps = new Map<string, TreeSnapshot>();
  /**
   * PROPOSAL, INFORM and SNAP sends not yet entered in `records` / `snaps`: those maps are
   * only the fallback for an event without its record, so they are filled (in trace order)
   * only when one is needed.
   */
  private readonly unread: number[] = [];
  private indexed = 0;

  constructor(trace: readonly TraceEvent[]) {
    this.trace = trace;
  }

  /** The tree `server` had delivered after `position` events. */
  treeAt(server: NodeId, position: number): ServerTree {
    const n = this.opsBefore(server, position);
    const cur = this.cursorFor(server, n);
    if (cur.snapshot === null) cur.snapshot = treeToSnapshot(cur.tree, hexZxid);
    return { server, ops: n, lastZxid: '0x' + cur.tree.lastProcessedZxid.toString(16), znodes: cur.snapshot };
  }

  /** Paths touched by deliveries at `server` with trace index in [from, to). */
  changedBetween(server: NodeId, from: number, to: number): string[] {
    this.indexTo(to);
    const list = this.ops.get(server) ?? [];
    const out = new Set<string>();
    for (let i = list.length - 1; i >= 0; i--) {
      const op = list[i]!;
      if (op.index >= to) continue;
      if (op.index < from) break;
      if ('record' in op) for (const p of txnPaths(op.record.txn)) out.add(p);
    }
    return [...out];
  }

  private opsBefore(server: NodeId, position: number): number {
    this.indexTo(position);
    const list = this.ops.get(server) ?? [];
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.index < position) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private cursorFor(server: NodeId, n: number): Cursor {
    const list = this.ops.get(server) ?? [];
    let cur = this.cursors.get(server);
    if (cur === undefined || cur.ops > n || n - cur.ops > CHECKPOINT_OPS) {
      const cps = this.checkpoints.get(server) ?? [];
      const k = Math.min(Math.floor(n / CHECKPOINT_OPS), cps.length);
      if (cur === undefined || cur.ops > n || k * CHECKPOINT_OPS > cur.ops) {
        cur = { ops: k * CHECKPOINT_OPS, tree: k === 0 ? new DataTree() : DataTree.fromSnapshot(cps[k - 1]!), snapshot: null };
        this.cursors.set(server, cur);
      }
    }
    if (cur.ops === n) return cur;
    cur.snapshot = null;
    while (cur.ops < n) {
      const op = list[cur.ops]!;
      if ('record' in op) {
        if (op.record.hdr.zxid > cur.tree.lastProcessedZxid) cur.tree.processTxn(op.record.hdr, op.record.txn);
      } else {
        cur.tree = DataTree.fromSnapshot(op.tree);
      }
      cur.ops++;
      if (cur.ops % CHECKPOINT_OPS === 0) {
        const cps = this.checkpoints.get(server) ?? [];
        if (cps.length === cur.ops / CHECKPOINT_OPS - 1) cps.push(cur.tree.snapshot());
        this.checkpoints.set(server, cps);
      }
    }
    return cur;
  }

  private indexTo(n: number): void {
    const end = Math.min(n, this.trace.length);
    for (; this.indexed < end; this.indexed++) {
      const e = this.trace[this.indexed]!;
      if (e.kind === 'send') {
        const type = (e.msg as { type?: string }).type;
        if (type === 'PROPOSAL' || type === 'INFORM' || type === 'SNAP') this.unread.push(e.index);
        continue;
      }
      if (e.kind !== 'protocol') continue;
      const ev = traced(e.event);
      if (ev.type === 'zab.deliver') {
        // Without its record, the PROPOSAL or INFORM that brought it has it (see the head).
        let record = ev.record as LoggedTxn | undefined;
        if (record === undefined) {
          this.readSends();
          record = this.records.get(ev.zxid);
        }
        if (record !== undefined) this.push(e.node, { index: e.index, record });
      } else if (ev.type === 'zab.snapshot') {
        let tree = ev.tree as TreeSnapshot | undefined;
        if (tree === undefined) {
          this.readSends();
          tree = this.snaps.get(`${e.node}@${ev.zxid}`);
        }
        if (tree !== undefined) this.push(e.node, { index: e.index, tree });
      }
    }
  }

  /** Enter the sends indexed so far (all before the event being indexed) in `records` and `snaps`. */
  private readSends(): void {
    for (const i of this.unread) {
      const e = this.trace[i]!;
      if (e.kind !== 'send') continue;
      const m = e.msg as { type?: string; zxid?: bigint; entry?: LoggedTxn; snapshot?: { tree: TreeSnapshot } };
      if ((m.type === 'PROPOSAL' || m.type === 'INFORM') && m.entry) this.records.set('0x' + m.entry.hdr.zxid.toString(16), m.entry);
      else if (m.type === 'SNAP' && m.snapshot && typeof m.zxid === 'bigint') this.snaps.set(`${e.to}@0x${m.zxid.toString(16)}`, m.snapshot.tree);
    }
    this.unread.length = 0;
  }

  private push(server: NodeId, op: TreeOp): void {
    let list = this.ops.get(server);
    if (list === undefined) this.ops.set(server, (list = []));
    list.push(op);
  }
}
