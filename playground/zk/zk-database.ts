/**
 * `ZKDatabase`: a server's in-memory state — the data tree, the committed session table
 * (`sessionsWithTimeouts`) and the `committedLog` window of recent transactions that a Zab
 * leader uses to bring a learner up to date with a DIFF. It outlives the roles a quorum
 * server plays (one `ZooKeeperServer` per role sits on top of it), so the tree's watch
 * notifications leave through a sink the current server sets.
 *
 * No persistence here: the standalone server and the Zab peer each keep their own durable
 * log and snapshots and feed this database. Pure; imports the zk tree and txn types.
 */
import type { ACL } from './acl.ts';
import { DataTree } from './data-tree.ts';
import type { ProcessTxnResult, TreeSnapshot } from './data-tree.ts';
import type { LoggedTxn } from './txn.ts';
import type { DeliverFn, WatchedEvent } from './watch-manager.ts';

/** What a snapshot holds: the tree and the session table. */
export interface DatabaseSnapshot {
  readonly tree: TreeSnapshot;
  readonly sessions: readonly (readonly [bigint, number])[];
}

export class ZKDatabase {
  tree: DataTree;
  /** Sessions and their timeouts as committed. */
  readonly sessionsWithTimeouts = new Map<bigint, number>();
  /**
   * Recent applied txns; the window is `window[windowStart..]`. Entries that slid out are cut
   * off in batches (at most `commitLogCount` of them linger), not one `splice` per commit:
   * that memmove of the whole window on every txn was a hot spot under load (issue 6).
   */
  private readonly window: LoggedTxn[] = [];
  private windowStart = 0;
  readonly commitLogCount: number;
  private sink: DeliverFn | null = null;
  private readonly deliver: DeliverFn = (w: number, e: WatchedEvent, acl: readonly ACL[] | null) => this.sink?.(w, e, acl);

  constructor(commitLogCount = 500) {
    this.commitLogCount = commitLogCount;
    this.tree = new DataTree(this.deliver);
  }

  /** Where watch notifications go (the serving `ZooKeeperServer`), or nowhere. */
  setWatchSink(sink: DeliverFn | null): void {
    this.sink = sink;
  }

  get lastProcessedZxid(): bigint {
    return this.tree.lastProcessedZxid;
  }

  /** `setlastProcessedZxid`: what a learner does after a TRUNC, whatever the tree holds. */
  setLastProcessedZxid(zxid: bigint): void {
    this.tree.lastProcessedZxid = zxid;
  }

  /** Forget everything (`ZKDatabase.clear`), optionally starting from a snapshot. */
  reset(snap?: DatabaseSnapshot): void {
    this.tree = snap ? DataTree.fromSnapshot(snap.tree, this.deliver) : new DataTree(this.deliver);
    this.sessionsWithTimeouts.clear();
    for (const [id, to] of snap?.sessions ?? []) this.sessionsWithTimeouts.set(id, to);
    this.window.length = 0;
    this.windowStart = 0;
  }

  /** Recent applied txns, oldest first (at most `commitLogCount`). Read only. */
  get committedLog(): readonly LoggedTxn[] {
    this.compact();
    return this.window;
  }

  private compact(): void {
    if (this.windowStart === 0) return;
    this.window.splice(0, this.windowStart);
    this.windowStart = 0;
  }

  /** Apply a txn to the tree and the session table; remember it in the window. */
  processTxn(entry: LoggedTxn): ProcessTxnResult {
    const rc = this.tree.apply(entry);
    const { hdr, txn } = entry;
    if (txn.type === 'createSession') this.sessionsWithTimeouts.set(hdr.clientId, txn.timeOut);
    else if (txn.type === 'closeSession') this.sessionsWithTimeouts.delete(hdr.clientId);
    this.addCommittedProposal(entry);
    return rc;
  }

  /**
   * `addCommittedProposal`: keep the last `commitLogCount` + 1 txns (3.8 drops the oldest
   * only when the window already holds more than `commitLogCount`, then adds).
   */
  addCommittedProposal(entry: LoggedTxn): void {
    const window = this.window;
    window.push(entry);
    if (window.length - this.windowStart > this.commitLogCount + 1) {
      this.windowStart = window.length - this.commitLogCount - 1;
      if (this.windowStart >= this.commitLogCount) this.compact();
    }
  }

  /** Smallest and largest zxid in the committed-log window (undefined when empty). */
  committedLogRange(): { min: bigint; max: bigint } | undefined {
    const first = this.window[this.windowStart];
    const last = this.window[this.window.length - 1];
    return first && last ? { min: first.hdr.zxid, max: last.hdr.zxid } : undefined;
  }

  snapshot(): DatabaseSnapshot {
    return { tree: this.tree.snapshot(), sessions: [...this.sessionsWithTimeouts] };
  }
}
