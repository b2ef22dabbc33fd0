/** Broadcast, zab.md §5 (Leader.propose / processAck / tryToCommit, Follower.processPacket). */
import { describe, expect, it } from 'vitest';
import { connect, decode } from '../../../playground/client/zookeeper.ts';
import { sleep } from '../../../playground/sim/index.ts';
import { runUntilReady } from '../../../playground/zab/ensemble.ts';
import { delivered, ensemble, facts, run } from './helpers.ts';

describe('zab.md §5.1–5.2 PROPOSAL / ACK / COMMIT', () => {
  it('a write through a follower: REQUEST, PROPOSAL, followers log before they ACK, COMMIT on a quorum, then every server delivers it', async () => {
    const sim = ensemble();
    runUntilReady(sim, 10_000);
    const start = sim.trace.length;
    await run(sim, async () => {
      const zk = await connect(sim, { id: 'c1', servers: ['s1'], sessionTimeoutMs: 30_000 });
      await zk.create('/a', 'v');
      await sleep(sim, 100);
    });
    const t = sim.trace.slice(start);
    const kinds = t.map((e) => (e.kind === 'send' || e.kind === 'deliver' ? `${e.kind} ${(e.msg as { type?: string }).type ?? ''} ${e.from}->${e.to}` : e.kind === 'protocol' ? `${e.node} ${(e.event as { type: string }).type}` : ''));
    const create = facts(sim, 'zab.propose').find((f) => f.event.type === 'zab.propose' && f.event.txn.startsWith('create /a'))!;
    const zxid = create.event.type === 'zab.propose' ? create.event.zxid : '';
    const commit = facts(sim, 'zab.commit').find((f) => f.event.type === 'zab.commit' && f.event.zxid === zxid)!;
    // The forwarded request reached the leader before it proposed.
    expect(kinds.indexOf('send REQUEST s1->s3')).toBeGreaterThanOrEqual(0);
    // Each follower logs the proposal before it sends its ACK.
    for (const f of ['s1', 's2']) {
      const logAt = facts(sim, 'zab.log', f).find((x) => x.event.type === 'zab.log' && x.event.zxid === zxid)!.index;
      const ackAt = sim.trace.findIndex((e) => e.kind === 'send' && e.from === f && (e.msg as { type?: string; zxid?: bigint }).type === 'ACK' && '0x' + (e.msg as { zxid: bigint }).zxid.toString(16) === zxid);
      expect(logAt).toBeLessThan(ackAt);
    }
    // The commit comes after the leader received at least one follower ACK (leader + 1 = quorum of 3).
    const firstAck = sim.trace.findIndex((e) => e.kind === 'deliver' && e.to === 's3' && (e.msg as { type?: string }).type === 'ACK' && '0x' + (e.msg as { zxid: bigint }).zxid.toString(16) === zxid);
    expect(firstAck).toBeGreaterThan(0);
    expect(commit.index).toBeGreaterThan(firstAck);
    for (const s of ['s1', 's2', 's3']) expect(delivered(sim, s)).toContain(zxid);
  });

  it('pipelined: several proposals are outstanding at once, and commits follow zxid order everywhere', async () => {
    const sim = ensemble({ size: 5 });
    runUntilReady(sim, 10_000);
    await run(sim, async () => {
      const zk = await connect(sim, { id: 'c1', servers: ['s5'], sessionTimeoutMs: 30_000 });
      await Promise.all(Array.from({ length: 10 }, (_, i) => zk.create(`/p${i}`, 'x')));
      await sleep(sim, 100);
    });
    // Before the first of the ten commits, more than one was proposed.
    const isP = (txn: string): boolean => txn.startsWith('create /p');
    const ev = facts(sim, undefined, 's5').filter((f) => (f.event.type === 'zab.propose' && isP(f.event.txn)) || f.event.type === 'zab.commit');
    const proposedP = new Set(ev.flatMap((f) => (f.event.type === 'zab.propose' ? [f.event.zxid] : [])));
    const firstCommit = ev.findIndex((f) => f.event.type === 'zab.commit' && proposedP.has(f.event.zxid));
    expect(proposedP.size).toBe(10);
    expect(firstCommit).toBeGreaterThan(1);
    const commits = facts(sim, 'zab.commit').map((f) => (f.event.type === 'zab.commit' ? BigInt(f.event.zxid) : 0n));
    expect([...commits].sort((a, b) => (a < b ? -1 : 1))).toEqual(commits);
    // A server that syncs after the epoch is established finds the leader at zxid epoch << 32
    // with an empty log (\`Leader.startZkServer\`), and gets a SNAP as of it
    // (\`LearnerHandler.syncFollower\`, case 5 with nothing in the txn log).
    const deliveries = (s: string): string[] => delivered(sim, s).filter((z) => z !== 'snap:0x100000000');
    for (const s of ['s1', 's2', 's3', 's4', 's5']) expect(deliveries(s)).toEqual(delivered(sim, 's5'));
  });

  it('a minority partition cannot commit: the isolated leader\'s write never commits; the majority elects a new leader and goes on', async () => {
    const sim = ensemble();
    runUntilReady(sim, 10_000);
    const out = await run(sim, async () => {
      const a = await connect(sim, { id: 'c1', servers: ['s3'], sessionTimeoutMs: 30_000 });
      const b = await connect(sim, { id: 'c2', servers: ['s1'], sessionTimeoutMs: 30_000 });
      sim.partition([['s3', 'c1'], ['s1', 's2', 'c2']]);
      const stuck = a.create('/minority', 'x').then(
        () => 'ok',
        (e: { code: string }) => e.code,
      );
      await sleep(sim, 8000);
      await b.create('/majority', 'y');
      return { stuck: await stuck, commitsByS3: facts(sim, 'zab.commit', 's3').length };
    });
    expect(out.stuck).toBe('CONNECTIONLOSS');
    const minorityZxid = facts(sim, 'zab.propose', 's3').find((f) => f.event.type === 'zab.propose' && f.event.txn.startsWith('create /minority'));
    expect(minorityZxid).toBeDefined();
    expect(facts(sim, 'zab.commit').some((f) => f.event.type === 'zab.commit' && minorityZxid!.event.type === 'zab.propose' && f.event.zxid === minorityZxid!.event.zxid)).toBe(false);
    expect(facts(sim, 'zab.shutdown', 's3').length).toBeGreaterThan(0);
    expect(facts(sim, 'zab.established').map((f) => f.node)).toEqual(['s3', 's2']);
  });
});

describe('zab.md §5.4 sync goes through the leader', () => {
  it('after sync a client on a lagging follower reads a write made through another server', async () => {
    const sim = ensemble();
    runUntilReady(sim, 10_000);
    const out = await run(sim, async () => {
      const a = await connect(sim, { id: 'c1', servers: ['s1'], sessionTimeoutMs: 30_000 });
      const b = await connect(sim, { id: 'c2', servers: ['s2'], sessionTimeoutMs: 30_000 });
      await a.create('/x', 'old');
      await sleep(sim, 50);
      sim.partition([['s1', 'c1'], ['s2', 's3', 'c2']]);
      await b.setData('/x', 'new');
      const stale = decode((await a.getData('/x')).data);
      const synced = a.sync('/x');
      await sleep(sim, 400); // under syncLimit × tickTime = 1000 ms, so s1 keeps its leader
      sim.heal();
      await synced;
      return { stale, fresh: decode((await a.getData('/x')).data) };
    });
    expect(out).toEqual({ stale: 'old', fresh: 'new' });
  });
});
