/**
 * The client-visible checkers (ZooKeeper paper §2.3, `zookeeper.md` §4.3 and §5) on
 * hand-built histories: each passes a correct history and refuses one that breaks its rule.
 */
import { describe, expect, it } from 'vitest';
import {
  checkFifoOrder,
  checkLinearizableWrites,
  checkSequentialReads,
  checkSyncReads,
  checkWatchOrder,
} from '../../../playground/check/client-properties.ts';
import { checkAll } from '../../../playground/check/index.ts';
import type { Verdict } from '../../../playground/check/verdict.ts';
import { TraceBuilder, hex, stat, zx } from './trace-builder.ts';

const S = ['s1', 's2', 's3'];
const create = (path: string) => ({ op: 'create', opcode: 'create2', path, data: null, acl: [], flags: 0, ttl: -1 });
const setData = (path: string) => ({ op: 'setData', path, data: null, version: -1 });
const getData = (path: string, watch = false) => ({ op: 'getData', path, watch });
const sync = (path: string) => ({ op: 'sync', path });

function failure(v: Verdict): string {
  if (v.ok) throw new Error('expected a violation');
  return v.violation;
}

/** c1 on the leader s3 writes /a twice; c2 on follower s1. */
function base(): TraceBuilder {
  const t = new TraceBuilder();
  t.establish('s3', 1, S);
  t.connect('c1');
  t.connected('c1', 's3');
  t.connect('c2');
  t.connected('c2', 's1');
  t.submit('c1', 1, create('/a'));
  t.write('s3', S, 1, 1, 'create', '/a');
  t.reply('c1', 's3', 1, zx(1, 1), 0, { path: '/a', stat: stat(zx(1, 1)) });
  t.submit('c1', 2, setData('/a'));
  t.write('s3', S, 1, 2, 'setData', '/a');
  t.reply('c1', 's3', 2, zx(1, 2), 0, { stat: stat(zx(1, 2), zx(1, 1)) });
  return t;
}

describe('a correct client history', () => {
  it('passes every checker: writes, stale-but-allowed reads, sync then read, watch before data', () => {
    const t = base();
    // c2 reads /a from s1 before and after; a follower may be behind, but never goes back
    t.submit('c2', 1, getData('/a', true));
    t.reply('c2', 's1', 1, zx(1, 2), 0, { data: null, stat: stat(zx(1, 2), zx(1, 1)) });
    t.submit('c1', 3, setData('/a'));
    t.write('s3', S, 1, 3, 'setData', '/a');
    t.watchEvent('c2', 'NodeDataChanged', '/a');
    t.reply('c1', 's3', 3, zx(1, 3), 0, { stat: stat(zx(1, 3), zx(1, 1)) });
    t.submit('c2', 2, sync('/'));
    t.reply('c2', 's1', 2, zx(1, 3), 0, { path: '/' });
    t.submit('c2', 3, getData('/a'));
    t.reply('c2', 's1', 3, zx(1, 3), 0, { data: null, stat: stat(zx(1, 3), zx(1, 1)) });
    t.submit('c2', 4, getData('/nope'));
    t.reply('c2', 's1', 4, zx(1, 3), -101);
    t.submit('c2', 5, setData('/a'));
    t.localReply('c2', 5, -4); // CONNECTIONLOSS: outcome unknown, no claim
    expect(checkAll(t.trace)).toEqual([]);
  });
});

describe('linearizable writes', () => {
  it('refuses a write acknowledged with a zxid committed before it was issued', () => {
    const t = base();
    t.submit('c2', 1, setData('/a'));
    t.reply('c2', 's1', 1, zx(1, 1), 0, { stat: stat(zx(1, 1)) });
    expect(failure(checkLinearizableWrites(t.trace))).toMatch(/^c2's setData \/a got 0x100000001 \(create \/a\), committed at #\d+, before the request was issued/);
  });
  it('refuses a write ordered before one that had completed before it began', () => {
    const t = base();
    t.submit('c2', 1, create('/b'));
    t.zab('s3', { type: 'zab.propose', zxid: '0x100000003', txn: 'create /b' });
    t.submit('c1', 3, create('/c'));
    t.write('s3', S, 1, 4, 'create', '/c');
    t.reply('c1', 's3', 3, zx(1, 4), 0, { path: '/c', stat: stat(zx(1, 4)) });
    t.submit('c1', 4, create('/d')); // issued after c1's create /c completed...
    t.zab('s3', { type: 'zab.commit', zxid: '0x100000003' });
    for (const s of S) t.deliver(s, 1, 3, 'create', '/b');
    t.reply('c1', 's3', 4, zx(1, 3), 0, { path: '/b', stat: stat(zx(1, 3)) }); // ...but got a lower zxid
    expect(failure(checkLinearizableWrites(t.trace))).toMatch(/c1's create \/d (got 0x100000003, but 0x100000003 \(create \/b\) is another transaction|\(issued #\d+\) got 0x100000003, not above c1's create \/c's 0x100000004)/);
  });
  it('refuses losing an acknowledged write', () => {
    const t = base();
    t.submit('c1', 3, create('/b'));
    t.write('s3', ['s3', 's2'], 1, 3, 'create', '/b');
    t.reply('c1', 's3', 3, zx(1, 3), 0, { path: '/b', stat: stat(zx(1, 3)) });
    t.establish('s1', 2, ['s1', 's2']);
    t.write('s1', ['s1'], 2, 1, 'create', '/c');
    expect(failure(checkLinearizableWrites(t.trace))).toMatch(/^c1's create \/b was acknowledged with 0x100000003 \(create \/b\) \(#\d+\), but s1 went on to 0x200000001 \(create \/c\) without it: an acknowledged write was lost$/);
  });
  it('refuses a write acknowledged but never committed', () => {
    const t = base();
    t.submit('c1', 3, create('/b'));
    t.zab('s3', { type: 'zab.propose', zxid: '0x100000003', txn: 'create /b' });
    t.reply('c1', 's3', 3, zx(1, 3), 0, { path: '/b', stat: stat(zx(1, 3)) });
    expect(failure(checkLinearizableWrites(t.trace))).toBe("c1's create /b was acknowledged with 0x100000003, which was never committed");
  });
});

describe('FIFO client order', () => {
  it('refuses replies out of issue order', () => {
    const t = base();
    t.submit('c1', 3, getData('/a'));
    t.submit('c1', 4, getData('/a'));
    t.reply('c1', 's3', 4, zx(1, 2), 0, { data: null, stat: stat(zx(1, 2), zx(1, 1)) });
    t.reply('c1', 's3', 3, zx(1, 2), 0, { data: null, stat: stat(zx(1, 2), zx(1, 1)) });
    expect(failure(checkFifoOrder(t.trace))).toMatch(/^c1 got the reply to getData \/a \(request 3, #\d+\) after the reply to its later getData \/a \(request 4, #\d+\)$/);
  });
  it('refuses a reply while an earlier request is still unanswered', () => {
    const t = base();
    t.submit('c1', 3, getData('/a'));
    t.submit('c1', 4, getData('/a'));
    t.reply('c1', 's3', 4, zx(1, 2), 0, { data: null, stat: stat(zx(1, 2), zx(1, 1)) });
    expect(failure(checkFifoOrder(t.trace))).toBe('c1 got the reply to getData /a (request 4) while its earlier getData /a (request 3) was still unanswered');
  });
  it("refuses a session's writes getting decreasing zxids", () => {
    const t = new TraceBuilder();
    t.connect('c1');
    t.submit('c1', 1, create('/a'));
    t.submit('c1', 2, create('/b'));
    t.apply('s1', zx(0, 2), 'create', '/b');
    t.apply('s1', zx(0, 1), 'create', '/a');
    t.reply('c1', 's1', 1, zx(0, 2), 0, { path: '/a', stat: stat(zx(0, 2)) });
    t.reply('c1', 's1', 2, zx(0, 1), 0, { path: '/b', stat: stat(zx(0, 1)) });
    expect(failure(checkFifoOrder(t.trace))).toBe("c1's create /b got 0x1, not above 0x2 of its earlier create /a");
  });
});

describe('FIFO client order, on the server side: a session\'s writes take effect in the order sent', () => {
  /** A write of session 5 (client c1) with the given request cxid, committed as (1, counter). */
  function write(t: TraceBuilder, counter: number, cxid: number, path: string): void {
    const zxid = hex(1, counter);
    const record = { hdr: { clientId: 5n, cxid, zxid: zx(1, counter), time: 0 }, txn: { type: 'setData', path } };
    t.zab('s3', { type: 'zab.propose', zxid, txn: `setData ${path}`, record } as never);
    t.zab('s3', { type: 'zab.commit', zxid });
    for (const s of S) t.deliver(s, 1, counter, 'setData', path);
  }
  function run(cxids: number[]): TraceBuilder {
    const t = base();
    t.push({ kind: 'protocol', node: 'c1', event: { type: 'client.state', state: 'CONNECTED', session: '0x5' } });
    cxids.forEach((cxid, i) => write(t, 10 + i, cxid, '/a'));
    return t;
  }
  it('accepts writes that took effect in cxid order, answered or not', () => {
    expect(checkFifoOrder(run([7, 8, 9]).trace)).toEqual({ ok: true });
  });
  it('refuses a write that took effect after a later one of the same session (a late write from an old connection)', () => {
    expect(failure(checkFifoOrder(run([8, 7]).trace))).toBe("c1's request 7 took effect as 0x10000000b (setData /a) after its later request 8 (0x10000000a (setData /a)): one client's writes must take effect in the order it sent them");
  });
});

describe('sequential consistency of reads', () => {
  it('refuses a read older than what the session already saw', () => {
    const t = base();
    // c1 wrote 0x100000002 at s3; it fails over to s1, which still serves 0x100000001
    t.connected('c1', 's1');
    t.submit('c1', 3, getData('/a'));
    t.reply('c1', 's1', 3, zx(1, 1), 0, { data: null, stat: stat(zx(1, 1)) });
    expect(failure(checkSequentialReads(t.trace))).toBe("c1's getData /a was served from state 0x100000001, older than 0x100000002 which c1 had already seen: reads went back in time");
  });
  it('refuses stale data behind an up-to-date reply header', () => {
    const t = base();
    t.submit('c2', 1, getData('/a'));
    t.reply('c2', 's1', 1, zx(1, 2), 0, { data: null, stat: stat(zx(1, 1)) });
    expect(failure(checkSequentialReads(t.trace))).toBe("c2's getData /a claims state 0x100000002 but returned /a as written by 0x100000001, which 0x100000002 (setData /a) had changed");
  });
  it('counts ping replies as seen', () => {
    const t = base();
    t.ping('c2', 's1', zx(1, 2));
    t.submit('c2', 1, getData('/a'));
    t.reply('c2', 's1', 1, zx(1, 1), 0, { data: null, stat: stat(zx(1, 1)) });
    expect(failure(checkSequentialReads(t.trace))).toMatch(/older than 0x100000002 which c2 had already seen/);
  });
});

describe('a change that only ever travelled inside snapshots (explorer seed 9208917)', () => {
  /**
   * c1's setData /a is logged by s3 (leader) and s1, then s3 dies before COMMIT: c1 hears
   * CONNECTIONLOSS. s1 leads epoch 2 holding it and SNAP-syncs s2. c2 then reads /a from s2.
   */
  function run(initialEnd: string): TraceBuilder {
    const t = base();
    t.submit('c1', 3, setData('/a'));
    t.propose('s3', 1, 3, 'setData', '/a');
    t.zab('s3', { type: 'zab.log', zxid: hex(1, 3) });
    t.zab('s1', { type: 'zab.log', zxid: hex(1, 3) });
    t.push({ kind: 'crash', node: 's3' });
    t.localReply('c1', 3, -4);
    t.establish('s1', 2, ['s1', 's2'], initialEnd);
    for (const s of ['s1', 's2']) t.zab(s, { type: 'zab.snapshot', zxid: initialEnd });
    t.connected('c2', 's2');
    t.submit('c2', 1, getData('/a'));
    t.reply('c2', 's2', 1, zx(1, 3), 0, { data: null, stat: stat(zx(1, 3), zx(1, 1)) });
    return t;
  }
  it('accepts a read of it: the digest knows the change from its proposal', () => {
    expect(checkAll(run(hex(1, 3)).trace)).toEqual([]);
  });
  it('refuses the same read when the established history ends below it', () => {
    expect(failure(checkSequentialReads(run(hex(1, 2)).trace))).toBe("c2's getData /a returned data written by 0x100000003, which no committed transaction wrote to /a");
  });
});

describe('read-your-writes after sync', () => {
  it('refuses a read after sync that misses a write committed before the sync was issued', () => {
    const t = base();
    t.submit('c2', 1, getData('/a'));
    t.reply('c2', 's1', 1, zx(1, 1), 0, { data: null, stat: stat(zx(1, 1)) });
    t.submit('c2', 2, sync('/')); // 0x100000002 committed long before
    t.reply('c2', 's1', 2, zx(1, 1), 0, { path: '/' }); // answered by s1 alone, still at 0x100000001
    t.submit('c2', 3, getData('/a'));
    t.reply('c2', 's1', 3, zx(1, 1), 0, { data: null, stat: stat(zx(1, 1)) });
    expect(checkSequentialReads(t.trace).ok).toBe(true);
    expect(failure(checkSyncReads(t.trace))).toMatch(/^c2's getData \/a was served from state 0x100000001, older than 0x100000002 was the state to see, committed before c2's sync was issued \(#\d+\)$/);
  });
});

describe('watch event before the data that fired it', () => {
  it('refuses a reply reflecting the change before the watch event', () => {
    const t = base();
    t.submit('c2', 1, getData('/a', true));
    t.reply('c2', 's1', 1, zx(1, 2), 0, { data: null, stat: stat(zx(1, 2), zx(1, 1)) });
    t.submit('c1', 3, setData('/a'));
    t.write('s3', S, 1, 3, 'setData', '/a');
    t.reply('c1', 's3', 3, zx(1, 3), 0, { stat: stat(zx(1, 3), zx(1, 1)) });
    t.submit('c2', 2, getData('/a'));
    t.reply('c2', 's1', 2, zx(1, 3), 0, { data: null, stat: stat(zx(1, 3), zx(1, 1)) });
    t.watchEvent('c2', 'NodeDataChanged', '/a');
    expect(failure(checkWatchOrder(t.trace))).toMatch(/^c2's getData \/a got a reply reflecting 0x100000003 before the NodeDataChanged\/NodeDeleted event for \/a that 0x100000003 \(setData \/a\) triggered/);
  });
});
