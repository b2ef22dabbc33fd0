/**
 * The durable log as 3.8 keeps it (FileTxnLog, FileTxnSnapLog, ZKDatabase): snapshots do not
 * delete it, files roll at periodic snapshots, restarts and TRUNCs, and the leader reads it
 * back for a follower only within `getProposalsFromTxnLog`'s limits. Sizes are 3.8's formats
 * (disk-size.ts), checked against a real log file's length.
 */
import { describe, expect, it } from 'vitest';
import type { Effect, NodeContext } from '../../../playground/sim/types.ts';
import { logFileBytes, logRecordBytes } from '../../../playground/zab/disk-size.ts';
import { TxnLogStore } from '../../../playground/zab/txn-log.ts';
import { OPEN_ACL_UNSAFE } from '../../../playground/zk/acl.ts';
import { makeZxid, type LoggedTxn } from '../../../playground/zk/txn.ts';
import { ZKDatabase } from '../../../playground/zk/zk-database.ts';

const create = (c: number, data = 100): LoggedTxn => ({
  hdr: { clientId: 1n, cxid: c, zxid: makeZxid(1, c), time: 0 },
  txn: { type: 'create', opcode: 'create', path: `/n${c}`, data: new Uint8Array(data), acl: OPEN_ACL_UNSAFE, ephemeralOwner: 0n, parentCVersion: -1 },
});

/** A store over a durable map, as the kernel gives a node (restart = a new store on the same map). */
function disk(): { store: () => TxnLogStore; out: Effect[] } {
  const durable = new Map<string, unknown>();
  const out: Effect[] = [];
  const store = (): TxnLogStore => {
    for (const e of out.splice(0)) if (e.kind === 'persist') durable.set(e.key, e.value);
    const s = new TxnLogStore();
    s.load({ durable: (k: string) => durable.get(k) } as unknown as NodeContext);
    return s;
  };
  return { store, out };
}

describe('the transaction log on disk', () => {
  it('a log file is its header and records, padded ahead in preAllocSize steps (FilePadding)', () => {
    // Debian's 3.8 with preAllocSize 1 MiB wrote a 1 048 592-byte file for a few hundred small txns.
    expect(logFileBytes([create(1)], 1024 * 1024)).toBe(1024 * 1024 + 16);
    expect(logFileBytes([create(1)], 0)).toBe(16 + logRecordBytes(create(1)));
    const many = Array.from({ length: 200 }, (_, i) => create(i + 1, 100));
    expect(logFileBytes(many, 4096) % 4096).toBe(16);
    expect(logFileBytes(many, 4096)).toBeGreaterThan(16 + many.reduce((n, e) => n + logRecordBytes(e), 0));
  });

  it('a snapshot keeps the log; a periodic one rolls it; a restart opens a new file', () => {
    const { store, out } = disk();
    let s = store();
    const db = new ZKDatabase();
    for (let c = 1; c <= 3; c++) s.append(create(c), out);
    s.saveSnapshot(db.snapshot(), makeZxid(1, 3), out, true);
    for (let c = 4; c <= 5; c++) s.append(create(c), out);
    expect(s.entriesAfter(0n)).toHaveLength(5);
    expect(s.files().map((f) => f.length)).toEqual([3, 2]);
    expect(s.size).toBe(2); // what a restart replays
    s = store();
    s.append(create(6), out);
    expect(s.files().map((f) => f.length)).toEqual([3, 2, 1]);
    s.saveSnapshot(db.snapshot(), makeZxid(1, 6), out); // not a roll (the leader's startup snapshot)
    s.append(create(7), out);
    expect(s.files().map((f) => f.length)).toEqual([3, 2, 2]);
  });

  it('serves proposals from a zxid it holds; not from one it does not, nor past the size limit', () => {
    const { store, out } = disk();
    const s = store();
    for (let c = 1; c <= 4; c++) s.append(create(c), out);
    s.saveSnapshot(new ZKDatabase().snapshot(), makeZxid(1, 4), out, true);
    for (let c = 5; c <= 8; c++) s.append(create(c), out);
    const P = 4096;
    expect(s.proposalsFromTxnLog(makeZxid(1, 2), 0, P).map((e) => e.hdr.zxid)).toEqual([2, 3, 4, 5, 6, 7, 8].map((c) => makeZxid(1, c)));
    expect(s.proposalsFromTxnLog(0n, 0, P)).toEqual([]); // the log starts after 0: "Unable to find proposals"
    expect(s.proposalsFromTxnLog(makeZxid(1, 2), -1, P)).toEqual([]); // log sync off
    // From the first file, the second file counts against the limit (padded: 8208 bytes).
    const second = logFileBytes(s.files()[1]!, P);
    expect(second).toBe(8208);
    expect(s.proposalsFromTxnLog(makeZxid(1, 2), second - 1, P)).toEqual([]);
    expect(s.proposalsFromTxnLog(makeZxid(1, 2), second, P)).toHaveLength(7);
    // From the last file nothing is counted (getStorageSize leaves out the file being read).
    expect(s.proposalsFromTxnLog(makeZxid(1, 6), 1, P)).toHaveLength(3);
  });

  it('a TRUNC drops entries and the files above; a SNAP replaces the log and records where it restarts', () => {
    const { store, out } = disk();
    let s = store();
    for (let c = 1; c <= 3; c++) s.append(create(c), out);
    s.saveSnapshot(new ZKDatabase().snapshot(), makeZxid(1, 3), out, true);
    s.append(create(4), out);
    s.truncate(makeZxid(1, 2), out);
    expect(s.files().map((f) => f.length)).toEqual([2]);
    s.append(create(3), out);
    expect(s.files().map((f) => f.length)).toEqual([2, 1]);
    s.replaceWithSnapshot(new ZKDatabase().snapshot(), makeZxid(1, 9), out);
    expect(s.files()).toEqual([]);
    expect(s.logBase).toBe(makeZxid(1, 9));
    s = store();
    expect(s.logBase).toBe(makeZxid(1, 9));
    expect(s.lastLoggedZxid()).toBe(makeZxid(1, 9));
  });
});

describe('the committed log in memory (ZKDatabase.addCommittedProposal)', () => {
  it('holds commitLogCount + 1 txns, as 3.8 trims before it adds', () => {
    const db = new ZKDatabase(8);
    for (let c = 1; c <= 20; c++) db.processTxn(create(c));
    expect(db.committedLog.map((e) => e.hdr.zxid)).toEqual(Array.from({ length: 9 }, (_, i) => makeZxid(1, 12 + i)));
  });
});
