/**
 * A server's durable state under Zab (`FileTxnSnapLog` plus the `acceptedEpoch` and
 * `currentEpoch` files, zab.md §1): the transaction log (every proposal, written before
 * the server ACKs it), the latest snapshot, and the two epochs. Everything here survives a
 * crash: it is written with `persist` effects and read back once, at start.
 *
 * As in 3.8, a snapshot does not delete the log (only a purge would, and the book never
 * purges): the log is the whole history this server logged, split into files. A new file
 * starts with the first txn logged after a periodic snapshot (`rollLog`), after a restart
 * and after a TRUNC, as `FileTxnLog.append` opens one whenever it has none. The leader reads
 * the log back to bring a follower up to date when it is too far behind the in-memory
 * committed log (`proposalsFromTxnLog`, `ZKDatabase.getProposalsFromTxnLog`).
 *
 * Layout in the node's durable storage: `zab.acceptedEpoch`, `zab.currentEpoch`,
 * `zab.snapshot` ({ database, zxid }), `zab.logFiles` (each file's first zxid), `zab.logBase`
 * (the SNAP the log restarted after, if any) and
 * `zab.log`: the log as an append-only list with structural sharing — its newest entry and a
 * link to the list before it (`LogCell`), never mutated once persisted (the kernel's durable
 * contract). Appending persists one new cell; truncating persists an older cell (or
 * nothing). Each write is O(1), and the node's durable storage holds seven keys however long
 * the log grows (one key per entry made every append an insertion into an ever larger map:
 * issue 6). A restarted server walks the list back from the newest cell. The snapshot file
 * also notes the last zxid this server had reported delivered when it was written
 * (`delivered`): bookkeeping for the trace only — ZooKeeper keeps no commit point on disk and
 * the protocol never reads it. After a restart the server reports again what it delivered
 * after that point (the same txns).
 *
 * Imports the kernel contract (types), zk types and the on-disk sizes. No clock.
 */
import type { Effect, NodeContext } from '../sim/types.ts';
import type { LoggedTxn } from '../zk/txn.ts';
import type { DatabaseSnapshot, ZKDatabase } from '../zk/zk-database.ts';
import { logFileBytes, snapshotBytes } from './disk-size.ts';

export interface SnapshotFile {
  readonly database: DatabaseSnapshot;
  /** The last zxid the snapshot includes. */
  readonly zxid: bigint;
  /** Its length on disk (`snapshotBytes`), for the log-sync size limit. */
  readonly bytes: number;
  /** Trace bookkeeping: the last zxid reported delivered when it was written. */
  readonly delivered: bigint;
}

const K_ACCEPTED = 'zab.acceptedEpoch';
const K_CURRENT = 'zab.currentEpoch';
const K_SNAPSHOT = 'zab.snapshot';
const K_LOG = 'zab.log';
const K_LOG_FILES = 'zab.logFiles';
const K_LOG_BASE = 'zab.logBase';

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
  /** Every logged entry, in zxid order (the durable log, mirrored in memory). */
  private log: LoggedTxn[] = [];
  /** The durable log's newest cell (`log` as a list), or null when empty. */
  private head: LogCell | null = null;
  /** Index in `log` of each log file's first entry (persisted as their first zxids). */
  private fileStarts: number[] = [];
  /** Whether a log file is open for appends (none after a start, a roll or a TRUNC). */
  private open = false;
  /**
   * The log holds every txn of this server's history after this zxid: 0 for a server that
   * never took a SNAP, else the SNAP's zxid (the log restarts after it).
   */
  logBase = 0n;

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
    const starts = (ctx.durable(K_LOG_FILES) as readonly bigint[] | undefined) ?? [];
    this.fileStarts = [];
    for (const z of starts) {
      const i = this.log.findIndex((e) => e.hdr.zxid === z);
      if (i >= 0) this.fileStarts.push(i);
    }
    if (this.log.length > 0 && this.fileStarts[0] !== 0) this.fileStarts.unshift(0);
    this.open = false;
    this.logBase = (ctx.durable(K_LOG_BASE) as bigint | undefined) ?? 0n;
  }

  /** The last logged zxid (`getLastLoggedZxid`): the log's tail, else the snapshot's. */
  lastLoggedZxid(): bigint {
    const last = this.log[this.log.length - 1];
    const snap = this.snapshot?.zxid ?? 0n;
    return last !== undefined && last.hdr.zxid > snap ? last.hdr.zxid : snap;
  }

  /** Number of logged entries after the snapshot (what a restart replays). */
  get size(): number {
    const snap = this.snapshot?.zxid ?? -1n;
    let n = 0;
    for (let i = this.log.length - 1; i >= 0 && this.log[i]!.hdr.zxid > snap; i--) n++;
    return n;
  }

  /** Entries with zxid > `zxid` (oldest first). */
  entriesAfter(zxid: bigint): LoggedTxn[] {
    let i = this.log.length;
    while (i > 0 && this.log[i - 1]!.hdr.zxid > zxid) i--;
    return this.log.slice(i);
  }

  /** The log files, oldest first, each as its entries. */
  files(): LoggedTxn[][] {
    return this.fileStarts.map((start, k) => this.log.slice(start, this.fileStarts[k + 1] ?? this.log.length));
  }

  /**
   * `ZKDatabase.getProposalsFromTxnLog(startZxid, sizeLimit)`: the logged txns from
   * `startZxid` on, or none when the log cannot serve them — `sizeLimit` negative (log sync
   * off), the log does not hold `startZxid` itself (it starts later: purged, or a fresh
   * learner), or, with a positive limit, the log files after the one holding `startZxid` take
   * more than `sizeLimit` bytes (`FileTxnIterator.getStorageSize` leaves out the file it is
   * reading, so a single file always passes).
   */
  proposalsFromTxnLog(startZxid: bigint, sizeLimit: number, preAllocSize: number): readonly LoggedTxn[] {
    if (sizeLimit < 0) return [];
    const i = this.log.findIndex((e) => e.hdr.zxid >= startZxid);
    if (i < 0) return [];
    if (this.log[i]!.hdr.zxid > startZxid) return [];
    if (sizeLimit > 0) {
      const files = this.files();
      let k = 0;
      while (k + 1 < this.fileStarts.length && this.fileStarts[k + 1]! <= i) k++;
      const storage = files.slice(k + 1).reduce((n, f) => n + logFileBytes(f, preAllocSize), 0);
      if (storage > sizeLimit) return [];
    }
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
    if (!this.open) {
      this.fileStarts.push(this.log.length - 1);
      this.persistFiles(out);
      this.open = true;
    }
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
    this.open = false;
    if (n > 0) {
      out.push({ kind: 'persist', key: K_LOG, value: this.head ?? undefined });
      const before = this.fileStarts.length;
      while (this.fileStarts.length > 0 && this.fileStarts[this.fileStarts.length - 1]! >= this.log.length) this.fileStarts.pop();
      if (this.fileStarts.length !== before) this.persistFiles(out);
    }
    return n;
  }

  /**
   * Write a snapshot as of `zxid`. The log stays. `roll`: a periodic snapshot
   * (`SyncRequestProcessor`), after which the next txn opens a new log file (`rollLog`).
   */
  saveSnapshot(database: DatabaseSnapshot, zxid: bigint, out: Effect[], roll = false): void {
    this.snapshot = { database, zxid, bytes: snapshotBytes(database), delivered: this.delivered };
    out.push({ kind: 'persist', key: K_SNAPSHOT, value: this.snapshot });
    if (roll) this.open = false;
  }

  /** Replace everything by a snapshot (SNAP sync): the old log goes; the log restarts after `zxid`. */
  replaceWithSnapshot(database: DatabaseSnapshot, zxid: bigint, out: Effect[]): void {
    this.truncate(-1n, out);
    this.saveSnapshot(database, zxid, out);
    this.logBase = zxid;
    out.push({ kind: 'persist', key: K_LOG_BASE, value: zxid });
  }

  private persistFiles(out: Effect[]): void {
    out.push({ kind: 'persist', key: K_LOG_FILES, value: this.fileStarts.map((i) => this.log[i]?.hdr.zxid ?? -1n) });
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
