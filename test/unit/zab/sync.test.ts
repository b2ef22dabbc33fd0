/** Synchronization, zab.md §4 (LearnerHandler.syncFollower, Learner.syncWithLeader). */
import { describe, expect, it } from 'vitest';
import { decode } from '../../../playground/client/zookeeper.ts';
import { connect } from '../../../playground/client/zookeeper.ts';
import { sleep } from '../../../playground/sim/index.ts';
import { leaderOf, peerOf, runUntilReady, whenReady } from '../../../playground/zab/ensemble.ts';
import { syncFollower } from '../../../playground/zab/sync.ts';
import type { ZabConfig } from '../../../playground/zab/config.ts';
import type { Effect } from '../../../playground/sim/types.ts';
import { TxnLogStore } from '../../../playground/zab/txn-log.ts';
import { OPEN_ACL_UNSAFE } from '../../../playground/zk/acl.ts';
import type { LoggedTxn } from '../../../playground/zk/txn.ts';
import { ZKDatabase } from '../../../playground/zk/zk-database.ts';
import { makeZxid } from '../../../playground/zk/txn.ts';
import { delivered, deliveredOnce, ensemble, facts, run } from './helpers.ts';

const txn = (e: number, c: number): LoggedTxn => ({ hdr: { clientId: 0n, cxid: c, zxid: makeZxid(e, c), time: 0 }, txn: { type: 'delete', path: `/n${c}` } });
const window = [txn(1, 3), txn(1, 4), txn(1, 5), txn(2, 1), txn(2, 2)];
const last = makeZxid(2, 2);

/**
 * s3 leads; cut off with its client c1, it logs /lost, which no quorum acknowledges, and
 * crashes; s1 and s2 elect a leader among themselves; then s3 comes back with that tail.
 */
async function returningLeaderWithTail(): Promise<{ sim: ReturnType<typeof ensemble>; leaderWhileAway: string | undefined }> {
  const sim = ensemble();
  runUntilReady(sim, 10_000);
  let leaderWhileAway: string | undefined;
  await run(sim, async () => {
    const zk = await connect(sim, { id: 'c1', servers: ['s3'], sessionTimeoutMs: 30_000 });
    await zk.create('/a', '1');
    sim.partition([['s3', 'c1'], ['s1', 's2']]);
    void zk.create('/lost', 'x').catch(() => undefined);
    await sleep(sim, 50);
    sim.crash('s3');
    sim.heal();
    await whenReady(sim);
    leaderWhileAway = leaderOf(sim);
    sim.restart('s3');
    await whenReady(sim);
  });
  return { sim, leaderWhileAway };
}

describe('zab.md §4.1 choosing DIFF / TRUNC / SNAP (syncFollower)', () => {
  it('in sync: an empty DIFF', () => {
    expect(syncFollower({ peerLastZxid: last, lastProcessedZxid: last, committedLog: window })).toMatchObject({ mode: 'DIFF', zxid: last, proposals: [] });
  });
  it('inside the window at a known zxid: DIFF, then the later proposals', () => {
    const plan = syncFollower({ peerLastZxid: makeZxid(1, 4), lastProcessedZxid: last, committedLog: window });
    expect(plan.mode).toBe('DIFF');
    expect(plan.proposals.map((p) => p.hdr.zxid)).toEqual([makeZxid(1, 5), makeZxid(2, 1), makeZxid(2, 2)]);
  });
  it('learner ahead of the window (not a new-epoch zxid): TRUNC to the window\'s end', () => {
    expect(syncFollower({ peerLastZxid: makeZxid(2, 7), lastProcessedZxid: last, committedLog: window })).toMatchObject({ mode: 'TRUNC', zxid: last, proposals: [] });
  });
  it('inside the window with extra txns of the same epoch: TRUNC to the previous proposal, then the rest', () => {
    const w = [txn(1, 3), txn(1, 4), txn(1, 6)];
    const plan = syncFollower({ peerLastZxid: makeZxid(1, 5), lastProcessedZxid: makeZxid(1, 6), committedLog: w });
    expect(plan).toMatchObject({ mode: 'TRUNC', zxid: makeZxid(1, 4) });
    expect(plan.proposals.map((p) => p.hdr.zxid)).toEqual([makeZxid(1, 6)]);
  });
  it('extra txns of an older epoch: a TRUNC cannot cross epochs, so SNAP', () => {
    expect(syncFollower({ peerLastZxid: makeZxid(1, 9), lastProcessedZxid: last, committedLog: window }).mode).toBe('SNAP');
  });
  it('below the window: SNAP as of the leader\'s last processed zxid', () => {
    expect(syncFollower({ peerLastZxid: makeZxid(1, 1), lastProcessedZxid: last, committedLog: window })).toMatchObject({ mode: 'SNAP', zxid: last });
  });
  it('a new-epoch zxid (counter 0) is DIFFed, never TRUNCed', () => {
    const plan = syncFollower({ peerLastZxid: makeZxid(2, 0), lastProcessedZxid: last, committedLog: window });
    expect(plan.mode).toBe('DIFF');
    expect(plan.proposals.map((p) => p.hdr.zxid)).toEqual([makeZxid(2, 1), makeZxid(2, 2)]);
  });
  it('empty window: the leader\'s zxid bounds it', () => {
    expect(syncFollower({ peerLastZxid: 0n, lastProcessedZxid: 0n, committedLog: [] }).mode).toBe('DIFF');
    expect(syncFollower({ peerLastZxid: 0n, lastProcessedZxid: makeZxid(1, 3), committedLog: [] }).mode).toBe('SNAP');
  });
  it('below the window, log sync on: the log on disk up to the window, then the window (DIFF)', () => {
    const disk = [txn(1, 1), txn(1, 2), txn(1, 3), txn(1, 4)];
    const plan = syncFollower({ peerLastZxid: makeZxid(1, 1), lastProcessedZxid: last, committedLog: window, proposalsFromTxnLog: () => disk });
    expect(plan).toMatchObject({ mode: 'DIFF', zxid: last, source: 'txnlog' });
    expect(plan.proposals.map((p) => p.hdr.zxid)).toEqual([makeZxid(1, 2), makeZxid(1, 3), makeZxid(1, 4), makeZxid(1, 5), makeZxid(2, 1), makeZxid(2, 2)]);
  });
  it('below the window: SNAP when the log cannot serve it, or ends before the window starts', () => {
    expect(syncFollower({ peerLastZxid: makeZxid(1, 1), lastProcessedZxid: last, committedLog: window, proposalsFromTxnLog: () => [] }).mode).toBe('SNAP');
    const short = [txn(1, 1)]; // "Detected gap between end of txnlog and start of committedLog"
    expect(syncFollower({ peerLastZxid: makeZxid(1, 1), lastProcessedZxid: last, committedLog: window, proposalsFromTxnLog: () => short }).mode).toBe('SNAP');
    expect(syncFollower({ peerLastZxid: makeZxid(1, 1), lastProcessedZxid: last, committedLog: window }).mode).toBe('SNAP'); // log sync off
  });
  it('below the window, a learner with txns the leader lacks: TRUNC found in the log', () => {
    const disk = [txn(1, 1), txn(1, 3), txn(1, 4)];
    const plan = syncFollower({ peerLastZxid: makeZxid(1, 2), lastProcessedZxid: last, committedLog: window, proposalsFromTxnLog: () => disk });
    expect(plan).toMatchObject({ mode: 'TRUNC', zxid: makeZxid(1, 1) });
  });
  it('the skip-trunc mutant answers DIFF where TRUNC is due', () => {
    expect(syncFollower({ peerLastZxid: makeZxid(2, 7), lastProcessedZxid: last, committedLog: window, mutant: 'skip-trunc' }).mode).toBe('DIFF');
  });
});

describe('TRUNC as 3.8 does it (Learner.syncWithLeader → ZKDatabase.truncateLog)', () => {
  const create = (e: number, c: number, path: string): LoggedTxn => ({
    hdr: { clientId: 0n, cxid: c, zxid: makeZxid(e, c), time: 0 },
    txn: { type: 'create', opcode: 'create', path, data: null, acl: OPEN_ACL_UNSAFE, ephemeralOwner: 0n, parentCVersion: -1 },
  });
  it('truncates the log only: a snapshot above the point stays, and the zxid is set to the point (ZOOKEEPER-1549)', () => {
    // A learner that installed a failed epoch's snapshot at (1,3) — holding (1,3), never
    // committed — then logged (1,4), is truncated to (1,2) by the next leader.
    const db = new ZKDatabase();
    for (const t of [create(1, 1, '/a'), create(1, 2, '/b'), create(1, 3, '/dirty')]) db.processTxn(t);
    const store = new TxnLogStore();
    const out: Effect[] = [];
    store.replaceWithSnapshot(db.snapshot(), makeZxid(1, 3), out);
    store.append(create(1, 4, '/after'), out);
    db.processTxn(create(1, 4, '/after'));

    store.truncateLog(makeZxid(1, 2), db, out);
    expect(store.entriesAfter(0n)).toEqual([]); // the log above (1,2) is gone
    expect(store.snapshot?.zxid).toBe(makeZxid(1, 3)); // FileTxnSnapLog.truncateLog leaves snapshots alone
    expect(db.lastProcessedZxid).toBe(makeZxid(1, 2)); // setlastProcessedZxid(qp.getZxid())
    expect(db.tree.getNode('/dirty')).toBeDefined(); // loadDataBase read the newest snapshot back
    expect(db.tree.getNode('/after')).toBeUndefined();
  });
  it('after a TRUNC into the log, the tree is the log replayed up to the point', () => {
    const db = new ZKDatabase();
    const store = new TxnLogStore();
    const out: Effect[] = [];
    for (const t of [create(1, 1, '/a'), create(1, 2, '/b'), create(1, 3, '/c')]) {
      store.append(t, out);
      db.processTxn(t);
    }
    store.truncateLog(makeZxid(1, 2), db, out);
    expect(store.lastLoggedZxid()).toBe(makeZxid(1, 2));
    expect(db.lastProcessedZxid).toBe(makeZxid(1, 2));
    expect([db.tree.getNode('/b') !== undefined, db.tree.getNode('/c') !== undefined]).toEqual([true, false]);
  });
});

/** Crash follower s1, write `n` znodes through the leader, restart s1; return the sync mode it got. */
async function lagBehind(n: number, config: Partial<ZabConfig> = {}): Promise<{ mode: string; fromDisk: boolean; data: (string | null)[]; s1: string[]; s2: string[] }> {
  const sim = ensemble({ config });
  runUntilReady(sim, 10_000);
  return run(sim, async () => {
    const zk = await connect(sim, { id: 'c1', servers: ['s3'], sessionTimeoutMs: 30_000 });
    await zk.create('/base', 'b');
    sim.crash('s1');
    for (let i = 0; i < n; i++) await zk.create(`/n${i}`, `v${i}`);
    sim.restart('s1');
    await whenReady(sim);
    const z1 = await connect(sim, { id: 'c2', servers: ['s1'], sessionTimeoutMs: 30_000 });
    const data = [decode((await z1.getData('/base')).data), n > 0 ? decode((await z1.getData(`/n${n - 1}`)).data) : null];
    await sleep(sim, 500);
    const sync = facts(sim, 'zab.sync').filter((f) => f.event.type === 'zab.sync' && f.event.follower === 's1').at(-1)!;
    const ev = sync.event.type === 'zab.sync' ? sync.event : undefined;
    return { mode: ev?.mode ?? '', fromDisk: ev?.fromDisk === true, data, s1: deliveredOnce(sim, 's1'), s2: deliveredOnce(sim, 's2') };
  });
}

describe('zab.md §4 a returning follower is brought up to date', () => {
  it('a follower that missed a few txns gets a DIFF with the missing proposals, from the in-memory window', async () => {
    const r = await lagBehind(3);
    expect([r.mode, r.fromDisk]).toEqual(['DIFF', false]);
    expect(r.data).toEqual(['b', 'v2']);
    expect(r.s1).toEqual(r.s2.slice(0, r.s1.length));
  });

  it('past the window (commitLogCount 8), within one log file: a DIFF read from the log on disk ("Use txnlog and committedLog")', async () => {
    // No snapshot rolls the log while s1 is away (snapCount 1000): the leader's log after
    // s1's last txn is one file, which FileTxnIterator.getStorageSize does not count.
    const r = await lagBehind(12, { snapCount: 1000 });
    expect([r.mode, r.fromDisk]).toEqual(['DIFF', true]);
    expect(r.data).toEqual(['b', 'v11']);
    expect(r.s1.some((z) => z.startsWith('snap:'))).toBe(false);
    expect(r.s1).toEqual(r.s2.slice(0, r.s1.length));
  });

  it('past the window, with later log files larger than a third of the snapshot: a SNAP', async () => {
    // snapCount 16 rolls the log every 8-16 txns: the files after s1's position hold more
    // than snapshotSizeFactor (0.33) × the newest snapshot's bytes.
    const r = await lagBehind(40);
    expect(r.mode).toBe('SNAP');
    expect(r.data).toEqual(['b', 'v39']);
    expect(r.s1.some((z) => z.startsWith('snap:'))).toBe(true);
  });

  it('with log sync off (snapshotSizeFactor < 0), past the window is a SNAP', async () => {
    const r = await lagBehind(12, { snapCount: 1000, snapshotSizeFactor: -1 });
    expect(r.mode).toBe('SNAP');
  });

  it('a returning leader with an uncommitted tail is TRUNCated; the tail is never delivered', async () => {
    const { sim, leaderWhileAway } = await returningLeaderWithTail();
    expect(leaderWhileAway).toBe('s2');
    const sync = facts(sim, 'zab.sync').find((f) => f.event.type === 'zab.sync' && f.event.follower === 's3' && f.event.mode !== 'DIFF');
    expect(sync?.event).toMatchObject({ mode: 'TRUNC' });
    const tail = facts(sim, 'zab.log', 's3').at(-1)!.event;
    expect(facts(sim, 'zab.truncate', 's3').length).toBe(1);
    for (const s of ['s1', 's2', 's3']) expect(delivered(sim, s)).not.toContain(tail.type === 'zab.log' ? tail.zxid : '');
    expect(peerOf(sim, 's3')!.db.tree.getNode('/lost')).toBeUndefined();
  });

  it('3.8 after ZOOKEEPER-3911, DIFF: the txns are logged before the NEWLEADER ACK and applied only after UPTODATE', async () => {
    const sim = ensemble();
    runUntilReady(sim, 10_000);
    await run(sim, async () => {
      const zk = await connect(sim, { id: 'c1', servers: ['s3'], sessionTimeoutMs: 30_000 });
      sim.crash('s1');
      for (let i = 0; i < 3; i++) await zk.create(`/d${i}`, 'x');
      sim.restart('s1');
      await whenReady(sim);
      await sleep(sim, 200);
    });
    const sync = facts(sim, 'zab.sync').filter((f) => f.event.type === 'zab.sync' && f.event.follower === 's1').at(-1)!;
    expect(sync.event).toMatchObject({ mode: 'DIFF' });
    const after = sim.trace.filter((e) => e.index > sync.index);
    // The first ACK of a new-epoch zxid (counter 0) answers NEWLEADER; the second, UPTODATE.
    const ackNewLeader = after.find((e) => e.kind === 'send' && e.from === 's1' && (e.msg as { type?: string }).type === 'ACK' && ((e.msg as { zxid: bigint }).zxid & 0xffffffffn) === 0n)!;
    const upToDate = after.find((e) => e.kind === 'deliver' && e.to === 's1' && (e.msg as { type?: string }).type === 'UPTODATE')!;
    const missed = ['/d0', '/d1', '/d2'];
    const zxids: string[] = [];
    for (const e of after) {
      if (e.kind !== 'send' || e.to !== 's1') continue;
      const m = e.msg as { type?: string; zxid?: bigint; entry?: LoggedTxn };
      if (m.type === 'PROPOSAL' && m.entry?.txn.type === 'create' && missed.includes(m.entry.txn.path)) zxids.push('0x' + m.zxid!.toString(16));
    }
    expect(zxids).toHaveLength(3);
    for (const z of zxids) {
      const logged = after.find((e) => e.kind === 'protocol' && e.node === 's1' && e.event.type === 'zab.log' && e.event.zxid === z)!;
      const applied = after.find((e) => e.kind === 'protocol' && e.node === 's1' && e.event.type === 'txn.apply' && e.event['zxid'] === z)!;
      expect(logged.index).toBeLessThan(ackNewLeader.index);
      expect(applied.index).toBeGreaterThan(upToDate.index);
    }
  });

  it('3.8, TRUNC: the learner writes a snapshot at NEWLEADER ("For SNAP and TRUNC the snapshot is needed to save that history")', async () => {
    const { sim } = await returningLeaderWithTail();
    const sync = facts(sim, 'zab.sync').find((f) => f.event.type === 'zab.sync' && f.event.follower === 's3' && f.event.mode === 'TRUNC')!;
    const truncateTo = sync.event.type === 'zab.sync' ? BigInt(sync.event.truncateTo!) : -1n;
    const s3 = peerOf(sim, 's3')!;
    expect(s3.store.snapshot?.zxid).toBe(truncateTo);
    expect(s3.db.tree.getNode('/a')).toBeDefined();
    expect(s3.db.tree.getNode('/lost')).toBeUndefined();
  });

  it('NEWLEADER is ACKed only after currentEpoch is persisted; UPTODATE before serving', () => {
    const sim = ensemble();
    runUntilReady(sim, 10_000);
    const s1 = facts(sim, undefined, 's1').map((f) => f.event.type + ('phase' in f.event ? ':' + String(f.event.phase) : ''));
    expect(s1.indexOf('zab.epoch')).toBeLessThan(s1.indexOf('zab.state:BROADCAST'));
    expect(peerOf(sim, 's1')!.store.currentEpoch).toBe(1);
    expect(sim.durableOf('s1').get('zab.currentEpoch')).toBe(1);
    expect(sim.durableOf('s1').get('zab.acceptedEpoch')).toBe(1);
  });
});
