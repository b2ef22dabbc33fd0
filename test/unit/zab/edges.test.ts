/**
 * Where the protocol meets the client and the environment (issue 14), each behaviour held to
 * ZooKeeper 3.8.4's source, which the test names. `test/real/edges-real.test.ts` runs the
 * ones a real server can show on Debian's 3.8 and compares.
 */
import { describe, expect, it } from 'vitest';
import { connect, decode, KeeperException } from '../../../playground/client/zookeeper.ts';
import { applyFault } from '../../../playground/sim/faults.ts';
import { sleep } from '../../../playground/sim/index.ts';
import { leaderOf, peerOf, runUntilReady, whenReady } from '../../../playground/zab/ensemble.ts';
import { ensemble, run } from './helpers.ts';

/** The zxid of each reply header `client` received, in order. */
function replyZxids(sim: ReturnType<typeof ensemble>, client: string): { from: string; zxid: bigint }[] {
  const out: { from: string; zxid: bigint }[] = [];
  for (const e of sim.trace) {
    if (e.kind !== 'deliver' || e.to !== client) continue;
    const m = e.msg as { kind?: string; zxid?: bigint };
    if (m.kind === 'reply' && typeof m.zxid === 'bigint') out.push({ from: e.from, zxid: m.zxid });
  }
  return out;
}

describe("a new leader's last zxid is epoch << 32 before its first write (Leader.startZkServer)", () => {
  it('the leader of a fresh ensemble reports 0x100000000 while its followers are still at 0', () => {
    const sim = ensemble();
    runUntilReady(sim, 10_000);
    const leader = leaderOf(sim)!;
    expect(peerOf(sim, leader)!.db.lastProcessedZxid).toBe(0x100000000n);
    for (const s of ['s1', 's2', 's3'].filter((s) => s !== leader)) expect(peerOf(sim, s)!.db.lastProcessedZxid).toBe(0n);
  });

  it('a client that read from the new leader is refused by a follower still in the old epoch, until the first write', async () => {
    const sim = ensemble();
    runUntilReady(sim, 10_000);
    expect(leaderOf(sim)).toBe('s3');
    await run(sim, async () => {
      const zk = await connect(sim, { id: 'c1', servers: ['s2', 's1'], sessionTimeoutMs: 30_000, shuffle: false });
      await zk.create('/a', 'x');
      sim.crash('s3');
      await whenReady(sim, 60_000);
      expect(leaderOf(sim)).toBe('s2');
      await zk.exists('/a'); // the client reconnected to s1, the next server of its list
      // It moves to the new leader s2 and reads there ...
      sim.breakConnection('c1', 's1');
      await sleep(sim, 10);
      await zk.exists('/a');
      // ... then back to s1, which synced with s2 by DIFF and has processed nothing of epoch 2.
      sim.breakConnection('c1', 's2');
      await sleep(sim, 10);
      // Refused by s1, the client loses the connection (and the read queued on it: Java's
      // ClientCnxn fails queued packets on every loss), then lands on s2 again.
      for (;;) {
        try {
          await zk.exists('/a');
          break;
        } catch (e) {
          if (!(e instanceof KeeperException && e.code === 'CONNECTIONLOSS')) throw e;
        }
      }
      // After epoch 2's first write reaches s1, s1 serves the client again.
      await zk.create('/b', 'y');
      await sleep(sim, 50);
      sim.breakConnection('c1', 's2');
      await sleep(sim, 10);
      await zk.exists('/b');
    });
    const last = replyZxids(sim, 'c1').at(-1)!;
    expect(last).toEqual({ from: 's1', zxid: 0x200000001n });
    const fromLeader = replyZxids(sim, 'c1').filter((r) => r.from === 's2').map((r) => r.zxid);
    expect(fromLeader).toContain(0x200000000n);
    const refused = sim.trace.flatMap((e) => (e.kind === 'protocol' && e.node === 's1' && e.event.type === 'session.refused' ? [e.event] : []));
    expect(refused[0]).toMatchObject({ peer: 'c1', clientZxid: '0x200000000' });
    expect(BigInt(String(refused[0]!['serverZxid']))).toBeLessThan(0x200000000n);
  });
});

describe('session ownership: a write delayed on an old connection never lands after the writes made since (SESSIONMOVED)', () => {
  it('3 servers, session timeout 4 s, a 3.9 s latency spike on the client\'s link to s1', async () => {
    const sim = ensemble();
    runUntilReady(sim, 10_000);
    const outcome = await run(sim, async () => {
      const zk = await connect(sim, { id: 'c1', servers: ['s1', 's2'], sessionTimeoutMs: 4000, shuffle: false });
      await zk.create('/k', 'v0');
      applyFault(sim, { kind: 'latency', minMs: 3900, maxMs: 3900, between: ['c1', 's1'] });
      await sleep(sim, 1);
      const w1 = zk.setData('/k', 'w1').then(
        () => 'ok',
        (e: unknown) => (e instanceof KeeperException ? e.code : String(e)),
      );
      const first = await w1; // the client gives up on s1 (no answer within its read timeout)
      await zk.setData('/k', 'w2'); // through s2, where the session moved
      await sleep(sim, 6000); // w1 reaches s1 at last, and the leader
      return { first, data: decode((await zk.getData('/k')).data) };
    });
    expect(outcome.first).toBe('CONNECTIONLOSS');
    expect(outcome.data).toBe('w2');
    const moved = sim.trace.flatMap((e) => (e.kind === 'protocol' && e.event.type === 'session.moved' ? [e] : []));
    expect(moved.length).toBeGreaterThan(0);
    const w1Applied = sim.trace.some((e) => e.kind === 'protocol' && e.event.type === 'txn.apply' && e.event['txn'] === 'error' && e.event['err'] === -118);
    expect(w1Applied).toBe(true); // the late write became an error txn (SESSIONMOVED), applied as nothing
  });
});
