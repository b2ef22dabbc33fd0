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
import type { SimNode } from '../../../playground/sim/types.ts';
import type { ServerMessage } from '../../../playground/zk/protocol.ts';
import { generatePasswd } from '../../../playground/zk/session-tracker.ts';
import { ensemble, facts, FAST, run } from './helpers.ts';

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

describe('error paths as in 3.8', () => {
  it('a follower sent a COMMIT for another zxid than its oldest pending proposal exits (UNMATCHED_TXN_COMMIT, 12) and can be restarted', async () => {
    // FollowerZooKeeperServer.commit: "Committing zxid … but next pending txn …" then
    // ServiceUtils.requestSystemExit(ExitCode.UNMATCHED_TXN_COMMIT.getValue()).
    const sim = ensemble();
    runUntilReady(sim, 10_000);
    const leader = leaderOf(sim)!;
    const follower = ['s1', 's2', 's3'].find((s) => s !== leader)!;
    // A leader that, once, commits the zxid after the one it proposed to this follower.
    const node = sim.instanceOf(leader)!;
    const step = node.step.bind(node);
    let forged = false;
    node.step = (input, ctx) =>
      step(input, ctx).map((e) => {
        const m = e.kind === 'send' ? (e.msg as { type?: string; zxid?: bigint }) : undefined;
        if (!forged && e.kind === 'send' && e.to === follower && m?.type === 'COMMIT') {
          forged = true;
          return { ...e, msg: { type: 'COMMIT', zxid: m.zxid! + 1n } };
        }
        return e;
      });
    await run(sim, async () => {
      const zk = await connect(sim, { id: 'c1', servers: [leader], sessionTimeoutMs: 30_000 });
      await zk.create('/a', 'x');
    });
    sim.runFor(100);
    expect(forged).toBe(true);
    const exit = sim.trace.findIndex((e) => e.kind === 'protocol' && e.node === follower && e.event.type === 'server.exit');
    expect(exit).toBeGreaterThan(-1);
    expect(sim.trace[exit]).toMatchObject({ event: { code: 12 } });
    expect(sim.trace[exit + 1]).toMatchObject({ kind: 'crash', node: follower });
    expect(sim.isUp(follower)).toBe(false);
    sim.restart(follower);
    sim.runFor(5_000);
    expect(peerOf(sim, follower)!.db.lastProcessedZxid).toBe(peerOf(sim, leader)!.db.lastProcessedZxid);
  });

  it('a request for a session that is closing is dropped unanswered and the connection kept, so the client’s read timeout ends it (submitRequestNow)', async () => {
    // ZooKeeperServer.submitRequestNow: touch(cnxn) throws MissingSessionException for a
    // closing session, and the request is dropped ("Dropping request."), the connection kept;
    // FinalRequestProcessor closes the session's connections when closeSession is applied.
    const sim = ensemble({ config: { tickTime: 1000 } });
    runUntilReady(sim, 10_000);
    const leader = leaderOf(sim)!;
    const followers = ['s1', 's2', 's3'].filter((s) => s !== leader);
    const outcome = await run(sim, async () => {
      const zk = await connect(sim, { id: 'c1', servers: [leader], sessionTimeoutMs: 4000 });
      await zk.create('/a', 'x');
      // The leader's quorum answers 2 × 2 s late, so its closeSession stays pending a while.
      for (const f of followers) applyFault(sim, { kind: 'latency', minMs: 2000, maxMs: 2000, between: [leader, f] });
      // A second connection to the same session through a follower (as `new ZooKeeper(…,
      // sessionId, passwd)`) closes it; the leader proposes closeSession and marks it closing.
      sim.addNode('c2', () => sessionCloser('c2', followers[0]!, zk.sessionId));
      const closing = (): boolean => sim.trace.some((e) => e.kind === 'protocol' && e.node === leader && e.event.type === 'zab.propose' && String(e.event['txn']).startsWith('closeSession'));
      while (!closing()) await sleep(sim, 50);
      return zk.exists('/a').then(
        () => 'answered',
        (e: unknown) => (e instanceof KeeperException ? e.code : String(e)),
      );
    });
    expect(outcome).toBe('CONNECTIONLOSS');
    const missing = sim.trace.findIndex((e) => e.kind === 'protocol' && e.node === leader && e.event.type === 'session.missing');
    expect(sim.trace[missing]).toMatchObject({ event: { peer: 'c1', dropped: 'exists' } });
    expect(sim.replayTo(missing + 1).isConnected('c1', leader)).toBe(true);
    // Its pings are dropped too: the client's own read timeout ends the connection.
    const lost = sim.trace.slice(missing).find((e) => e.kind === 'protocol' && e.node === 'c1' && e.event.type === 'client.connectionLost');
    expect(lost).toMatchObject({ event: { reason: 'read timeout' } });
  });
});

/** A bare client connection that joins session `session` and closes it. */
function sessionCloser(id: string, server: string, session: bigint): SimNode {
  return {
    id,
    step(input) {
      if (input.kind === 'start') return [{ kind: 'connect', to: server }];
      if (input.kind === 'connected') {
        return [{ kind: 'send', to: server, msg: { kind: 'connect', protocolVersion: 0, lastZxidSeen: 0n, timeOut: 4000, sessionId: session, passwd: generatePasswd(session), readOnly: false } }];
      }
      const m = input.kind === 'message' ? (input.msg as ServerMessage) : undefined;
      if (m?.kind === 'connectResponse') return [{ kind: 'send', to: server, msg: { kind: 'request', xid: 1, req: { op: 'closeSession' }, length: 8 } }];
      return [];
    },
  };
}

describe("a learner's read timeout: initLimit × tickTime while it syncs, syncLimit × tickTime from NEWLEADER on (Learner.syncWithLeader, sock.setSoTimeout)", () => {
  it('a leader that freezes just after the sync is given up by its follower and its observer syncLimit × tickTime after its last packet', () => {
    // FAST: tickTime 200, initLimit 10 (2 s), syncLimit 5 (1 s).
    const sim = ensemble({ observers: 1 });
    runUntilReady(sim, 10_000);
    const leader = leaderOf(sim)!;
    applyFault(sim, { kind: 'freeze', node: leader, forMs: 5000 });
    const frozenAt = sim.now;
    sim.runFor(4000);
    const learners = ['s1', 's2', 's3', 's4'].filter((s) => s !== leader);
    expect(learners).toHaveLength(3);
    for (const l of learners) {
      const lastHeard = Math.max(...sim.trace.filter((e) => e.kind === 'deliver' && e.from === leader && e.to === l && e.time <= frozenAt).map((e) => e.time));
      const gaveUp = facts(sim, 'zab.shutdown', l).find((f) => f.time > frozenAt);
      expect(gaveUp, l).toBeDefined();
      expect(gaveUp!.event, l).toMatchObject({ reason: expect.stringMatching(new RegExp(`^no packet from leader ${leader}`)) });
      expect(gaveUp!.time - lastHeard, l).toBe(FAST.syncLimit * FAST.tickTime);
    }
  });

  it('a follower syncing over a slow link sits through more than syncLimit × tickTime of silence before NEWLEADER, and joins', () => {
    // 900 ms each way between s1 and the leader-to-be s3: LEADERINFO, then the DIFF and
    // NEWLEADER, each come 1.8 s after s1's last word: more than syncLimit (1 s), less than
    // initLimit (2 s).
    const sim = ensemble();
    applyFault(sim, { kind: 'latency', minMs: 900, maxMs: 900, between: ['s1', 's3'] });
    sim.runFor(6000);
    expect(leaderOf(sim)).toBe('s3');
    const newLeaderAt = sim.trace.find((e) => e.kind === 'deliver' && e.to === 's1' && (e.msg as { type?: string }).type === 'NEWLEADER')!.time;
    const startedAt = facts(sim, 'zab.state', 's1').find((f) => f.event.type === 'zab.state' && f.event.state === 'FOLLOWING')!.time;
    const heard = [startedAt, ...sim.trace.filter((e) => e.kind === 'deliver' && e.from === 's3' && e.to === 's1' && e.time <= newLeaderAt).map((e) => e.time)];
    const longest = Math.max(...heard.slice(1).map((t, i) => t - heard[i]!));
    expect(longest).toBeGreaterThan(FAST.syncLimit * FAST.tickTime);
    expect(longest).toBeLessThan(FAST.initLimit * FAST.tickTime);
    expect(facts(sim, 'zab.shutdown', 's1')).toEqual([]);
    expect(facts(sim, 'zab.state', 's1').at(-1)!.event).toMatchObject({ state: 'FOLLOWING', phase: 'BROADCAST', epoch: 1 });
  });
});
