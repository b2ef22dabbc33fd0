/**
 * A server's durable state under Zab (`FileTxnSnapLog` plus the `acceptedEpoch` and
 * `currentEpoch` files, zab.md §1): the transaction log (every proposal, written before
 * the server ACKs it), the latest snapshot, and the two epochs. Everything here survives a
 * crash: it is written with `persist` effects and read back once, at start.
 *
 * Layout in the node's durable storage: `zab.acceptedEpoch`, `zab.currentEpoch`,
 * `zab.snapshot` ({ database, zxid }), and `zab.log`: the log after the snapshot as an
 * append-only list with structural sharing — its newest entry and a link to the list before
 * it (`LogCell`), never mutated once persisted (the kernel's durable contract). Appending
 * persists one new cell; truncating persists an older cell (or nothing); a snapshot persists
 * a fresh list of the entries it does not cover. Each write is O(1) but the snapshot's, and
 * the node's durable storage holds five keys however long the log grows (one key per entry
 * made every append an insertion into an ever larger map: issue 6). A restarted server
 * walks the list back from the newest cell. The snapshot file also notes the last zxid this
 * server had reported delivered when it was written (`delivered`): bookkeeping for the
 * trace only — ZooKeeper keeps no commit point on disk and the protocol never reads it. After
 * a restart the server reports again what it delivered after that point (the same txns).
 *
 * Imports the kernel contract (types) and zk types. No clock.
 */
import type { Effect, NodeContext } from '../sim/types.ts';
import type { LoggedTxn } from '../zk/txn.ts';
import type { DatabaseSnapshot, ZKDatabase } from '../zk/zk-database.ts';

export interface SnapshotFile {
  readonly database: DatabaseSnapshot;
  /** The last zxid the snapshot includes. */
  readonly zxid: bigint;
  /** Trace bookkeeping: the last zxid reported delivered when it was written. */
  readonly delivered: bigint;
}

const K_ACCEPTED = 'zab.acceptedEpoch';
const K_CURRENT = 'zab.currentEpoch';
const K_SNAPSHOT = 'zab.snapshot';
const K_LOG = 'zab.log';

/** One cell of the durable log: an entry and the (immutable) log before it. */
export interface LogCell {
  readonly entry: LoggedTxn;
  readonly prev: LogCell | null;
}

export class TxnLogStore {
  acceptedEpoch = 0;
  currentEpoch = 0;
  /** Trace bookkeeping: the last zxid reported delivered. */
  delivered = 0n;
  snapshot: SnapshotFile | null = null;
  /** Entries after the snapshot, in zxid order (the durable log, mirrored in memory). */
  private log: LoggedTxn[] = [];
  /** The durable log's newest cell (`log` as a list), or null when empty. */
  private head: LogCell | null = null;

  /** Read everything back (at start). */
  load(ctx: NodeContext): void {
    this.acceptedEpoch = (ctx.durable(K_ACCEPTED) as number | undefined) ?? 0;
    this.currentEpoch = (ctx.durable(K_CURRENT) as number | undefined) ?? 0;
    this.snapshot = (ctx.durable(K_SNAPSHOT) as SnapshotFile | undefined) ?? null;
    this.delivered = this.snapshot?.delivered ?? 0n;
    this.head = (ctx.durable(K_LOG) as LogCell | undefined) ?? null;
    this.log = [];
    for (let cell = this.head; cell !== null; cell = cell.prev) this.log.push(cell.entry);
    this.log.reverse();
  }

  /** The last logged zxid (`getLastLoggedZxid`): the log's tail, else the snapshot's. */
  lastLoggedZxid(): bigint {
    const last = this.log[this.log.length - 1];
    if (last !== undefined) return last.hdr.zxid;
    return this.snapshot?.zxid ?? 0n;
  }

  /** Number of entries after the snapshot. */
  get size(): number {
    return this.log.length;
  }

  /** Entries with zxid > `zxid` (oldest first). */
  entriesAfter(zxid: bigint): LoggedTxn[] {
    let i = this.log.length;
    while (i > 0 && this.log[i - 1]!.hdr.zxid > zxid) i--;
    return this.log.slice(i);
  }

  /** Rebuild the database from the snapshot and the whole log (`loadDataBase`), committed or not. */
  restoreInto(db: ZKDatabase): void {
    db.reset(this.snapshot?.database);
    for (const e of this.log) if (e.hdr.zxid > db.lastProcessedZxid) db.processTxn(e);
  }

  append(entry: LoggedTxn, out: Effect[]): void {
    this.head = { entry, prev: this.head };
    out.push({ kind: 'persist', key: K_LOG, value: this.head });
    this.log.push(entry);
  }

  /**
   * A learner's TRUNC, as 3.8 does it (`Learner.syncWithLeader` → `ZKDatabase.truncateLog`):
   * drop the log above `zxid` (`FileTxnSnapLog.truncateLog` truncates the log only — a
   * snapshot above `zxid` stays), reload the database from the newest snapshot and the log
   * (`loadDataBase`), then set its last processed zxid to `zxid` whatever the tree holds.
   * A learner whose snapshot holds state above `zxid` keeps it (ZOOKEEPER-1549).
   */
  truncateLog(zxid: bigint, db: ZKDatabase, out: Effect[]): void {
    this.truncate(zxid, out);
    this.restoreInto(db);
    db.setLastProcessedZxid(zxid);
  }

  /** Drop every entry above `zxid` (`FileTxnLog.truncate`). Returns how many went. */
  truncate(zxid: bigint, out: Effect[]): number {
    let n = 0;
    while (this.log.length > 0 && this.log[this.log.length - 1]!.hdr.zxid > zxid) {
      this.log.pop();
      this.head = this.head!.prev;
      n++;
    }
    if (n > 0) out.push({ kind: 'persist', key: K_LOG, value: this.head ?? undefined });
    return n;
  }

  /** Write a snapshot as of `zxid`; log entries it covers are dropped. */
  saveSnapshot(database: DatabaseSnapshot, zxid: bigint, out: Effect[]): void {
    this.snapshot = { database, zxid, delivered: this.delivered };
    out.push({ kind: 'persist', key: K_SNAPSHOT, value: this.snapshot });
    let drop = 0;
    while (drop < this.log.length && this.log[drop]!.hdr.zxid <= zxid) drop++;
    // A snapshot newer than the whole log (SNAP sync) starts a fresh log after it.
    const rest = this.log.slice(drop);
    if (rest.length > 0 && rest[0]!.hdr.zxid <= zxid) throw new Error('saveSnapshot: log out of order');
    if (drop === 0) return;
    this.log = rest;
    this.head = null;
    for (const entry of rest) this.head = { entry, prev: this.head };
    out.push({ kind: 'persist', key: K_LOG, value: this.head ?? undefined });
  }

  /** Replace everything by a snapshot (SNAP sync): the old log goes. */
  replaceWithSnapshot(database: DatabaseSnapshot, zxid: bigint, out: Effect[]): void {
    this.truncate(-1n, out);
    this.saveSnapshot(database, zxid, out);
  }

  setAcceptedEpoch(e: number, out: Effect[]): void {
    this.acceptedEpoch = e;
    out.push({ kind: 'persist', key: K_ACCEPTED, value: e });
  }

  setCurrentEpoch(e: number, out: Effect[]): void {
    this.currentEpoch = e;
    out.push({ kind: 'persist', key: K_CURRENT, value: e });
  }
}
