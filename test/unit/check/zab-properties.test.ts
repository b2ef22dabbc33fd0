/**
 * The Zab checkers on hand-built histories (Zab paper §3, `Zab.tla` invariants): a correct
 * run passes every one, and for each property a history that breaks exactly that rule is
 * refused, with a sentence that names what happened.
 */
import { describe, expect, it } from 'vitest';
import { checkAll } from '../../../playground/check/index.ts';
import {
  checkAgreement,
  checkCommittedDurable,
  checkElection,
  checkEpochs,
  checkGlobalPrimaryOrder,
  checkIntegrity,
  checkLeadership,
  checkLocalPrimaryOrder,
  checkPrimaryIntegrity,
  checkTotalOrder,
} from '../../../playground/check/zab-properties.ts';
import type { Verdict } from '../../../playground/check/verdict.ts';
import { zabDigest } from '../../../playground/check/zab-history.ts';
import { TraceBuilder, hex, zx } from './trace-builder.ts';

const S = ['s1', 's2', 's3'];

/** s3 leads epoch 1 and commits create /a, setData /a, create /b everywhere. */
function healthy(): TraceBuilder {
  const t = new TraceBuilder();
  for (const s of S) t.zab(s, { type: 'zab.state', state: 'LOOKING', phase: 'ELECTION', epoch: 0 });
  for (const s of S) t.zab(s, { type: 'zab.epoch', accepted: 1, current: 1 });
  t.establish('s3', 1, S);
  t.write('s3', S, 1, 1, 'create', '/a');
  t.write('s3', S, 1, 2, 'setData', '/a');
  t.write('s3', S, 1, 3, 'create', '/b');
  return t;
}

function failure(v: Verdict): { violation: string; at: number } {
  if (v.ok) throw new Error('expected a violation');
  return { violation: v.violation, at: v.at };
}

describe('Zab checkers on a correct history', () => {
  it('accept a healthy epoch, a leader change with TRUNC of an uncommitted txn, and a SNAP', () => {
    const t = healthy();
    // s3 proposes (1,4) and logs it alone, then crashes; s2 leads epoch 2; s3 comes back and is truncated.
    t.zab('s3', { type: 'zab.propose', zxid: hex(1, 4), txn: 'setData /b' });
    t.zab('s3', { type: 'zab.log', zxid: hex(1, 4) });
    t.push({ kind: 'crash', node: 's3' });
    for (const s of ['s1', 's2']) t.zab(s, { type: 'zab.epoch', accepted: 2, current: 2 });
    t.establish('s2', 2, ['s1', 's2']);
    t.write('s2', ['s1', 's2'], 2, 1, 'delete', '/b');
    t.push({ kind: 'restart', node: 's3' });
    // a restarted server may replay what it holds (and its uncommitted log tail)
    t.deliver('s3', 1, 3, 'create', '/b');
    t.deliver('s3', 1, 4, 'setData', '/b');
    t.zab('s2', { type: 'zab.sync', follower: 's3', mode: 'TRUNC', leaderZxid: hex(2, 1), followerZxid: hex(1, 4), truncateTo: hex(1, 3) });
    t.zab('s3', { type: 'zab.truncate', zxid: hex(1, 3) });
    t.zab('s3', { type: 'zab.epoch', accepted: 2, current: 2 });
    t.deliver('s3', 2, 1, 'delete', '/b');
    t.write('s2', S, 2, 2, 'create', '/c');
    // a fresh s4 (observer-less, late) syncs by SNAP
    t.zab('s1', { type: 'zab.snapshot', zxid: hex(2, 2) });
    t.write('s2', S, 2, 3, 'setData', '/c');
    expect(checkAll(t.trace)).toEqual([]);
  });
});

describe('integrity: a server delivers only proposed transactions', () => {
  it('refuses a delivery nobody proposed', () => {
    const t = healthy();
    const at = t.deliver('s2', 1, 4, 'create', '/ghost');
    expect(failure(checkIntegrity(t.trace))).toEqual({ at, violation: 's2 delivered 0x100000004 (create /ghost), which no leader proposed' });
  });
  it('refuses a delivery of another txn than the one proposed', () => {
    const t = healthy();
    t.zab('s3', { type: 'zab.propose', zxid: hex(1, 4), txn: 'create /c' });
    t.deliver('s1', 1, 4, 'delete', '/a');
    expect(failure(checkIntegrity(t.trace)).violation).toBe('s1 delivered 0x100000004 as (delete /a) but s3 proposed it as (create /c)');
  });
});

describe('agreement: one zxid is one transaction, histories never diverge', () => {
  it('refuses two servers delivering different txns under one zxid', () => {
    const t = healthy();
    t.deliver('s1', 1, 4, 'create /x'.split(' ')[0]!, '/x');
    t.deliver('s2', 1, 4, 'setData', '/b');
    expect(failure(checkAgreement(t.trace)).violation).toBe('s2 delivered 0x100000004 (setData /b) but s1 delivered 0x100000004 (create /x)');
  });
  it('refuses divergent histories', () => {
    const t = healthy();
    t.write('s3', ['s3', 's1'], 1, 4, 'setData', '/b'); // s2 misses it
    t.establish('s2', 2, ['s2', 's1']);
    t.write('s2', ['s2'], 2, 1, 'delete', '/b');
    expect(failure(checkAgreement(t.trace)).violation).toMatch(/s1 delivered 0x100000004 \(setData \/b\) and s2 delivered 0x200000001 \(delete \/b\), but neither delivered the other's/);
  });
});

describe('total order: deliveries follow one order', () => {
  it('refuses an out-of-order delivery', () => {
    const t = healthy();
    t.zab('s1', { type: 'zab.state', state: 'LOOKING', phase: 'ELECTION', epoch: 1 });
    t.zab('s3', { type: 'zab.propose', zxid: hex(1, 4), txn: 'create /c' });
    t.zab('s3', { type: 'zab.propose', zxid: hex(1, 5), txn: 'create /d' });
    t.deliver('s1', 1, 5, 'create', '/d');
    const at = t.deliver('s1', 1, 4, 'create', '/c');
    expect(failure(checkTotalOrder(t.trace))).toEqual({ at, violation: 's1 delivered 0x100000004 (create /c) after 0x100000005 (create /d): deliveries must follow zxid order' });
  });
  it('refuses a delivery that skips a committed txn', () => {
    const t = healthy();
    t.write('s3', ['s3', 's1'], 1, 4, 'create', '/c');
    t.write('s3', ['s3', 's1'], 1, 5, 'create', '/d');
    t.deliver('s2', 1, 5, 'create', '/d');
    expect(failure(checkTotalOrder(t.trace)).violation).toBe('s2 delivered 0x100000005 (create /d) without 0x100000004 (create /c), which s3 delivered before it');
  });
});

describe('local primary order: a leader’s proposals are delivered in proposal order', () => {
  it('refuses delivering a later proposal of the epoch without the earlier one', () => {
    const t = healthy();
    t.zab('s3', { type: 'zab.propose', zxid: hex(1, 4), txn: 'create /c' });
    t.zab('s3', { type: 'zab.propose', zxid: hex(1, 5), txn: 'create /d' });
    t.deliver('s1', 1, 5, 'create', '/d');
    expect(failure(checkLocalPrimaryOrder(t.trace)).violation).toBe('s3 proposed 0x100000004 (create /c) before 0x100000005 (create /d) in epoch 1, but s1 delivered 0x100000005 without it');
  });
});

describe('global primary order: older epochs first', () => {
  it('refuses a txn of epoch 1 delivered after one of epoch 2', () => {
    const t = healthy();
    t.zab('s3', { type: 'zab.propose', zxid: hex(1, 4), txn: 'create /c' });
    t.establish('s2', 2, ['s1', 's2']);
    t.write('s2', ['s2', 's1'], 2, 1, 'create', '/d');
    const at = t.deliver('s1', 1, 4, 'create', '/c');
    expect(failure(checkGlobalPrimaryOrder(t.trace))).toEqual({ at, violation: 's1 delivered 0x100000004 (create /c) of epoch 1 after 0x200000001 (create /d) of epoch 2' });
  });
});

describe('primary integrity: a new leader holds every committed older txn before proposing', () => {
  it('refuses a leader of epoch 2 proposing without a committed txn of epoch 1', () => {
    const t = healthy();
    t.write('s3', ['s3', 's1'], 1, 4, 'setData', '/b'); // committed by s3 and s1; s2 lags
    t.establish('s2', 2, ['s2', 's1']);
    const at = t.zab('s2', { type: 'zab.propose', zxid: hex(2, 1), txn: 'delete /b' });
    expect(failure(checkPrimaryIntegrity(t.trace))).toEqual({ at, violation: 's2 began proposing in epoch 2 (0x200000001 (delete /b)) without 0x100000004 (setData /b) of epoch 1, which s3 delivered' });
  });
});

describe('leadership: one established leader per epoch, with a quorum', () => {
  it('refuses two leaders of one epoch', () => {
    const t = healthy();
    t.establish('s1', 2, ['s1', 's2']);
    t.establish('s3', 2, ['s3', 's2']);
    expect(failure(checkLeadership(t.trace)).violation).toMatch(/^both s1 \(#\d+\) and s3 \(#\d+\) established epoch 2/);
  });
  it('refuses a leader established without a quorum', () => {
    const t = healthy();
    t.establish('s1', 2, ['s1']);
    expect(failure(checkLeadership(t.trace)).violation).toBe('s1 established epoch 2 with {s1}, which is not a quorum of the 3 voters');
  });
});

describe('committed transactions are never lost', () => {
  it('refuses truncating a committed txn', () => {
    const t = healthy();
    const at = t.zab('s1', { type: 'zab.truncate', zxid: hex(1, 1) });
    expect(failure(checkCommittedDurable(t.trace))).toEqual({ at, violation: 's1 truncated its log to 0x100000001, dropping 0x100000002 (setData /a), which s3 had committed (#25)' });
  });
  it('refuses going on after a snapshot that dropped a committed txn', () => {
    const t = healthy();
    t.zab('s2', { type: 'zab.snapshot', zxid: hex(1, 2) }); // as a reload: fine if 0x100000003 comes back
    t.write('s3', S, 1, 4, 'create', '/c');
    expect(failure(checkCommittedDurable(t.trace)).violation).toMatch(/^s2 delivered 0x100000004 \(create \/c\) without 0x100000003 \(create \/b\), which s3 had committed/);
  });
  it('accepts a reload: a snapshot followed by the replay of the log', () => {
    const t = healthy();
    t.push({ kind: 'restart', node: 's2' });
    t.zab('s2', { type: 'zab.snapshot', zxid: hex(1, 1) });
    t.deliver('s2', 1, 2, 'setData', '/a');
    t.deliver('s2', 1, 3, 'create', '/b');
    t.write('s3', S, 1, 4, 'create', '/c');
    expect(checkAll(t.trace)).toEqual([]);
  });
  it('refuses a new epoch delivered without a committed txn', () => {
    const t = healthy();
    t.write('s3', ['s3', 's1'], 1, 4, 'setData', '/b');
    t.establish('s2', 2, ['s2', 's1']);
    t.write('s2', ['s2'], 2, 1, 'delete', '/b');
    expect(failure(checkCommittedDurable(t.trace)).violation).toMatch(/^s2 delivered 0x200000001 \(delete \/b\) without 0x100000004 \(setData \/b\), which s3 had committed/);
  });
});

describe('committed: an established epoch commits its leader\'s whole initial history (explorer seed 9208917)', () => {
  /**
   * s3 proposes setData /a as (1,4); s1 and s3 log it; s3 dies before COMMIT. s1 wins epoch 2
   * holding it (its tree after `fastForwardDataBase`) and SNAP-syncs s2: the txn never
   * travels as a COMMIT or a delivery, only inside snapshots.
   */
  function snapshotOnly(initialEnd: string): TraceBuilder {
    const t = healthy();
    t.propose('s3', 1, 4, 'setData', '/a');
    t.zab('s3', { type: 'zab.log', zxid: hex(1, 4) });
    t.zab('s1', { type: 'zab.log', zxid: hex(1, 4) });
    t.push({ kind: 'crash', node: 's3' });
    for (const s of ['s1', 's2']) t.zab(s, { type: 'zab.epoch', accepted: 2, current: 2 });
    t.zab('s1', { type: 'zab.sync', follower: 's2', mode: 'SNAP', leaderZxid: initialEnd, followerZxid: hex(1, 3) });
    t.zab('s1', { type: 'zab.established', epoch: 2, quorum: ['s1', 's2'], zxid: initialEnd });
    t.zab('s1', { type: 'zab.snapshot', zxid: initialEnd });
    t.zab('s1', { type: 'zab.state', state: 'LEADING', phase: 'BROADCAST', epoch: 2 });
    t.zab('s2', { type: 'zab.snapshot', zxid: initialEnd });
    t.zab('s2', { type: 'zab.state', state: 'FOLLOWING', phase: 'BROADCAST', epoch: 2 });
    t.write('s1', ['s1', 's2'], 2, 1, 'create', '/c');
    return t;
  }

  it('counts a txn that only ever travelled inside snapshots as committed, at its epoch\'s establishment', () => {
    const t = snapshotOnly(hex(1, 4));
    expect(checkAll(t.trace)).toEqual([]);
    const d = zabDigest(t.trace);
    expect(d.commits.has(zx(1, 4))).toBe(false);
    expect(d.firstDelivery.has(zx(1, 4))).toBe(false);
    expect(d.committedSet.has(zx(1, 4))).toBe(true);
    const established = t.trace.findIndex((e) => e.kind === 'protocol' && e.event.type === 'zab.established' && e.event.epoch === 2);
    expect(d.committedAt.get(zx(1, 4))).toBe(established);
  });

  it('does not count it when the initial history ends below it', () => {
    const t = snapshotOnly(hex(1, 3));
    expect(zabDigest(t.trace).committedSet.has(zx(1, 4))).toBe(false);
    expect(checkAll(t.trace)).toEqual([]);
  });

  it('reads a snapshot as the history that ends at its zxid, through each epoch\'s initial history', () => {
    // (1,4) is committed by s3 with s1; then s2 leads epoch 2 and a fresh s4 installs its snapshot at (2,1)
    const run = (initialEnd: string): TraceBuilder => {
      const t = healthy();
      t.write('s3', ['s3', 's1'], 1, 4, 'setData', '/b');
      t.propose('s3', 1, 5, 'create', '/x'); // logged by s3 alone: never committed
      t.zab('s3', { type: 'zab.log', zxid: hex(1, 5) });
      t.push({ kind: 'crash', node: 's3' });
      for (const s of ['s1', 's2']) t.zab(s, { type: 'zab.epoch', accepted: 2, current: 2 });
      t.establish('s2', 2, ['s1', 's2'], initialEnd);
      t.zab('s2', { type: 'zab.snapshot', zxid: initialEnd }); // the leader's initial history, as it reports it
      t.write('s2', ['s1', 's2'], 2, 1, 'delete', '/b');
      t.zab('s4', { type: 'zab.snapshot', zxid: hex(2, 1) });
      t.zab('s3', { type: 'zab.snapshot', zxid: hex(1, 5) }); // s3 reloads its own state
      return t;
    };
    const good = run(hex(1, 4));
    expect(checkAll(good.trace)).toEqual([]);
    const s4 = zabDigest(good.trace).final.get('s4')!;
    expect([s4.holds(zx(1, 3)), s4.holds(zx(1, 4)), s4.holds(zx(1, 5)), s4.holds(zx(2, 1))]).toEqual([true, true, false, true]);
    // a snapshot holds what its server held, committed or not: s3's has its uncommitted (1,5)
    expect(zabDigest(good.trace).final.get('s3')!.holds(zx(1, 5))).toBe(true);
    // an epoch established on a history that lacks a committed txn: s4's snapshot lacks it too, and it is refused
    const bad = run(hex(1, 3));
    expect(zabDigest(bad.trace).final.get('s4')!.holds(zx(1, 4))).toBe(false);
    expect(failure(checkPrimaryIntegrity(bad.trace)).violation).toMatch(/^s2 began proposing in epoch 2 .* without 0x100000004 \(setData \/b\)/);
  });
});

describe('epochs only grow', () => {
  it('refuses acceptedEpoch going down', () => {
    const t = healthy();
    t.zab('s1', { type: 'zab.epoch', accepted: 0, current: 0 });
    expect(failure(checkEpochs(t.trace)).violation).toBe("s1's acceptedEpoch went down from 1 to 0");
  });
  it('refuses currentEpoch above acceptedEpoch', () => {
    const t = healthy();
    t.zab('s1', { type: 'zab.epoch', accepted: 1, current: 2 });
    expect(failure(checkEpochs(t.trace)).violation).toBe('s1 has acceptedEpoch 1 below currentEpoch 2');
  });
});

describe('election: FLE only moves to a better vote within a round (zab.md §2.1)', () => {
  const vote = (t: TraceBuilder, node: string, round: number, leader: string, epoch: number, counter: number, peerEpoch: number): number =>
    t.zab(node, { type: 'zab.vote', round, leader, zxid: hex(epoch, counter), peerEpoch });
  it('accepts moving to a higher zxid, and to a higher sid on a tie', () => {
    const t = healthy();
    vote(t, 's1', 2, 's1', 1, 3, 1);
    vote(t, 's1', 2, 's2', 1, 3, 1);
    vote(t, 's1', 2, 's3', 1, 4, 1);
    vote(t, 's1', 3, 's1', 1, 3, 1); // a new round starts over
    expect(checkElection(t.trace)).toEqual({ ok: true });
  });
  it('refuses switching to a server with a less recent history', () => {
    const t = healthy();
    vote(t, 's1', 2, 's1', 1, 3, 1);
    const at = vote(t, 's1', 2, 's3', 1, 2, 1);
    expect(failure(checkElection(t.trace))).toEqual({ at, violation: 's1 switched its vote in round 2 from s1 (epoch 1, 0x100000003) to s3 (epoch 1, 0x100000002), which is not a better vote' });
  });
});
