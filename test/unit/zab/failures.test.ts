/** Failures, zab.md §6, and sessions on an ensemble (zookeeper.md §3.4–3.5). */
import { describe, expect, it } from 'vitest';
import { connect, decode } from '../../../playground/client/zookeeper.ts';
import { sleep } from '../../../playground/sim/index.ts';
import { ensembleStatus, leaderOf, runUntilReady, whenReady } from '../../../playground/zab/ensemble.ts';
import { delivered, ensemble, facts, run } from './helpers.ts';

describe('zab.md §6 leader crash', () => {
  it('the server with the highest zxid becomes leader with a higher epoch, and no committed txn is lost', async () => {
    const sim = ensemble({ size: 5 });
    runUntilReady(sim, 10_000);
    const out = await run(sim, async () => {
      const zk = await connect(sim, { id: 'c1', servers: ['s1', 's2', 's3', 's4'], sessionTimeoutMs: 30_000 });
      // s4 misses the last writes: it has the lowest history of the survivors... but the highest sid after s5.
      for (let i = 0; i < 3; i++) await zk.create(`/a${i}`, 'x');
      sim.crash('s4');
      for (let i = 0; i < 3; i++) await zk.create(`/b${i}`, 'y');
      sim.crash('s5');
      sim.restart('s4');
      await whenReady(sim, 60_000);
      const leader = leaderOf(sim);
      const kids = (await zk.getChildren('/')).sort();
      return { leader, kids };
    });
    // s4 has the highest sid but a shorter log: s3 (highest zxid, then sid) wins.
    expect(out.leader).toBe('s3');
    expect(out.kids).toEqual(['a0', 'a1', 'a2', 'b0', 'b1', 'b2', 'zookeeper']);
    const epochs = facts(sim, 'zab.established').map((f) => (f.event.type === 'zab.established' ? f.event.epoch : 0));
    expect(epochs).toEqual([1, 2]);
    // Every txn committed in epoch 1 is delivered by every server now up.
    const committed = facts(sim, 'zab.commit').map((f) => (f.event.type === 'zab.commit' ? f.event.zxid : ''));
    for (const s of ['s1', 's2', 's3', 's4']) {
      const d = delivered(sim, s);
      for (const z of committed) expect(d.includes(z) || d.some((x) => x.startsWith('snap:') && BigInt(x.slice(5)) >= BigInt(z))).toBe(true);
    }
  });

  it('a restarted server replays its durable log and epochs', () => {
    const sim = ensemble();
    runUntilReady(sim, 10_000);
    const before = ensembleStatus(sim)[0]!;
    sim.crash('s1');
    sim.restart('s1');
    const start = sim.trace.filter((e) => e.kind === 'protocol' && e.node === 's1' && (e.event as { type: string }).type === 'server.start').at(-1)!;
    expect((start as { event: unknown }).event).toMatchObject({ acceptedEpoch: before.acceptedEpoch, currentEpoch: before.currentEpoch });
    runUntilReady(sim, 10_000);
    expect(leaderOf(sim)).toBe('s3');
  });

  it('the whole ensemble restarts: everything a quorum logged survives', async () => {
    const sim = ensemble();
    runUntilReady(sim, 10_000);
    await run(sim, async () => {
      const zk = await connect(sim, { id: 'c1', servers: ['s1'], sessionTimeoutMs: 30_000 });
      for (let i = 0; i < 20; i++) await zk.create(`/k${i}`, `${i}`);
      await zk.close();
    });
    for (const s of ['s1', 's2', 's3']) sim.crash(s);
    for (const s of ['s1', 's2', 's3']) sim.restart(s);
    runUntilReady(sim, 20_000);
    const out = await run(sim, async () => {
      const zk = await connect(sim, { id: 'c2', servers: ['s2'], sessionTimeoutMs: 30_000 });
      return decode((await zk.getData('/k19')).data);
    });
    expect(out).toBe('19');
  });
});

describe('zookeeper.md §3.4–3.5 sessions on an ensemble', () => {
  it('a client whose server dies reconnects to another with the same session (REVALIDATE), ephemerals kept', async () => {
    const sim = ensemble();
    runUntilReady(sim, 10_000);
    const out = await run(sim, async () => {
      const zk = await connect(sim, { id: 'c1', servers: ['s1', 's2'], sessionTimeoutMs: 6000, shuffle: false });
      const id = zk.sessionId;
      await zk.create('/eph', '', undefined, 'EPHEMERAL');
      sim.crash('s1');
      await sleep(sim, 5000);
      return { same: zk.sessionId === id, state: zk.state, eph: (await zk.exists('/eph')) !== null };
    });
    expect(out).toEqual({ same: true, state: 'CONNECTED', eph: true });
    expect(sim.trace.some((e) => e.kind === 'send' && e.from === 's2' && (e.msg as { type?: string }).type === 'REVALIDATE')).toBe(true);
  });

  it('the leader expires a silent session (touches come from the followers\' PING replies until then)', async () => {
    const sim = ensemble();
    runUntilReady(sim, 10_000);
    const out = await run(sim, async () => {
      const a = await connect(sim, { id: 'c1', servers: ['s1'], sessionTimeoutMs: 2000 });
      await a.create('/e', '', undefined, 'EPHEMERAL');
      await sleep(sim, 5000);
      const alive = (await a.exists('/e')) !== null;
      sim.partition([['c1']]);
      await sleep(sim, 4000);
      sim.heal();
      await sleep(sim, 3000);
      return { alive, state: a.state };
    });
    expect(out).toEqual({ alive: true, state: 'CLOSED' });
    expect(sim.trace.some((e) => e.kind === 'protocol' && e.node === 's3' && (e.event as { type: string }).type === 'session.expire')).toBe(true);
    expect(sim.trace.some((e) => e.kind === 'protocol' && e.node !== 's3' && (e.event as { type: string }).type === 'session.expire')).toBe(false);
  });

  it('a server behind the client\'s lastZxidSeen refuses it; the client moves on to one that is not', async () => {
    const sim = ensemble();
    runUntilReady(sim, 10_000);
    const out = await run(sim, async () => {
      const zk = await connect(sim, { id: 'c1', servers: ['s3', 's1'], sessionTimeoutMs: 10_000, shuffle: false });
      sim.partition([['s1'], ['s2', 's3', 'c1']]);
      await zk.create('/new', 'x');
      sim.crash('s3');
      sim.heal();
      await sleep(sim, 6000);
      return { state: zk.state, data: decode((await zk.getData('/new')).data) };
    });
    expect(out).toEqual({ state: 'CONNECTED', data: 'x' });
  });
});
