/**
 * One fixed script per mutant (zab/mutants.ts): the same run with the correct engine and
 * with the mutant switched on. Each returns the simulation (its trace is the evidence) and
 * what the clients saw. The checkers' tests reuse these: the mutant's trace must be
 * judged broken, the correct one clean.
 */
import { connect, decode } from '../../../playground/client/zookeeper.ts';
import { applyFault } from '../../../playground/sim/faults.ts';
import type { Simulation } from '../../../playground/sim/index.ts';
import { sleep } from '../../../playground/sim/index.ts';
import { leaderOf, runUntilReady, whenReady } from '../../../playground/zab/ensemble.ts';
import type { MutantName } from '../../../playground/zab/mutants.ts';
import { ensemble, run } from './helpers.ts';

export interface ScenarioRun {
  readonly sim: Simulation;
  /** What the clients observed (per scenario). */
  readonly seen: Record<string, unknown>;
}

const outcome = (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'ok',
    (e: { code?: string }) => e.code ?? String(e),
  );

/**
 * commit-before-quorum: the leader s3 is cut off with its client; it commits /lost on its own
 * ACK and tells the client "ok". s3 crashes; s1, s2 elect s2 and write /after in epoch 2; s3
 * returns and is synchronized (SNAP: its tail is of an older epoch), dropping a txn it committed.
 */
export async function commitBeforeQuorum(mutant: boolean): Promise<ScenarioRun> {
  const sim = ensemble({ seed: 11, ...(mutant ? { mutant: 'commit-before-quorum' as MutantName } : {}) });
  runUntilReady(sim, 10_000);
  const seen = await run(sim, async () => {
    const a = await connect(sim, { id: 'c1', servers: ['s3'], sessionTimeoutMs: 4000 });
    const b = await connect(sim, { id: 'c2', servers: ['s1'], sessionTimeoutMs: 4000 });
    sim.partition([['s3', 'c1'], ['s1', 's2', 'c2']]);
    const lost = outcome(a.create('/lost', 'x'));
    await sleep(sim, 50);
    sim.crash('s3');
    sim.heal();
    await whenReady(sim);
    await b.create('/after', 'y');
    sim.restart('s3');
    await whenReady(sim);
    await sleep(sim, 200);
    return { lostCreate: await lost, leader: leaderOf(sim), lostExists: (await b.exists('/lost')) !== null };
  });
  return { sim, seen };
}

/**
 * election-ignores-zxid: s2 misses /w1 and /w2 (down while s1 and s3 commit them); then the
 * leader s3 dies and s2 returns. s1 has the longer history, but the mutant's vote order
 * prefers s2 (higher sid). Discovery's guard (`waitForEpochAck`: a learner more recent than
 * the leader ends its handler) then keeps s2 from ever getting a quorum: the two servers
 * elect s2 again and again and the ensemble never establishes a leader (liveness lost;
 * the guard is what keeps /w1 and /w2).
 */
export async function electionIgnoresZxid(mutant: boolean): Promise<ScenarioRun> {
  const sim = ensemble({ seed: 12, ...(mutant ? { mutant: 'election-ignores-zxid' as MutantName } : {}) });
  runUntilReady(sim, 10_000);
  const seen = await run(sim, async () => {
    const a = await connect(sim, { id: 'c1', servers: ['s1'], sessionTimeoutMs: 4000 });
    sim.crash('s2');
    await a.create('/w1', '1');
    await a.create('/w2', '2');
    sim.crash('s3');
    sim.restart('s2');
    await sleep(sim, 30_000);
    return { leader: leaderOf(sim) ?? null };
  });
  return { sim, seen };
}

/**
 * skip-trunc: the leader s3 logs /lost but nobody else does (partition), then crashes; s2
 * leads epoch 2; s3 returns and, instead of a TRUNC, gets a DIFF and keeps /lost — which it
 * delivers, while nobody else ever does. Then /after (epoch 2) is delivered everywhere.
 */
export async function skipTrunc(mutant: boolean): Promise<ScenarioRun> {
  const sim = ensemble({ seed: 13, ...(mutant ? { mutant: 'skip-trunc' as MutantName } : {}) });
  runUntilReady(sim, 10_000);
  const seen = await run(sim, async () => {
    const a = await connect(sim, { id: 'c1', servers: ['s3'], sessionTimeoutMs: 4000 });
    await a.create('/before', 'b');
    sim.partition([['s3', 'c1'], ['s1', 's2']]);
    const lost = outcome(a.create('/lost', 'x'));
    await sleep(sim, 50);
    sim.crash('s3');
    sim.heal();
    await whenReady(sim);
    sim.restart('s3');
    await whenReady(sim);
    const b = await connect(sim, { id: 'c2', servers: ['s1'], sessionTimeoutMs: 4000 });
    await b.create('/after', 'y');
    await sleep(sim, 200);
    const c = await connect(sim, { id: 'c3', servers: ['s3'], sessionTimeoutMs: 4000 });
    return { lostCreate: await lost, lostOnS3: (await c.exists('/lost')) !== null, lostOnS1: (await b.exists('/lost')) !== null };
  });
  return { sim, seen };
}

/**
 * stale-sync: c2 (on s2) updates /x while follower s1 is briefly cut off from the leader;
 * c1 (on s1) then calls sync and reads. The mutant answers sync on s1 at once: the read
 * misses a write that completed before the sync began.
 */
export async function staleSync(mutant: boolean): Promise<ScenarioRun> {
  const sim = ensemble({ seed: 14, ...(mutant ? { mutant: 'stale-sync' as MutantName } : {}) });
  runUntilReady(sim, 10_000);
  const seen = await run(sim, async () => {
    const a = await connect(sim, { id: 'c1', servers: ['s1'], sessionTimeoutMs: 4000 });
    const b = await connect(sim, { id: 'c2', servers: ['s2'], sessionTimeoutMs: 4000 });
    await a.create('/x', 'old');
    await sleep(sim, 50);
    sim.partition([['s1', 'c1'], ['s2', 's3', 'c2']]);
    await b.setData('/x', 'new');
    const synced = a.sync('/x').then(async () => decode((await a.getData('/x')).data));
    await sleep(sim, 400);
    sim.heal();
    return { readAfterSync: await synced };
  });
  return { sim, seen };
}

/**
 * ignore-session-owner: c1 writes /k through s1; its link to s1 slows to 3.9 s, so it gives up
 * on s1 (read timeout), moves to s2 and writes /k again there. Its first write reaches s1 at
 * last and is forwarded: the leader must refuse it (SESSIONMOVED), not apply it after.
 */
export async function ignoreSessionOwner(mutant: boolean): Promise<ScenarioRun> {
  const sim = ensemble(mutant ? { mutant: 'ignore-session-owner' as MutantName } : {});
  runUntilReady(sim, 10_000);
  const seen = await run(sim, async () => {
    const zk = await connect(sim, { id: 'c1', servers: ['s1', 's2'], sessionTimeoutMs: 4000, shuffle: false });
    await zk.create('/k', 'v0');
    applyFault(sim, { kind: 'latency', minMs: 3900, maxMs: 3900, between: ['c1', 's1'] });
    await sleep(sim, 1);
    const first = await outcome(zk.setData('/k', 'w1'));
    await zk.setData('/k', 'w2');
    await sleep(sim, 6000);
    return { first, final: decode((await zk.getData('/k')).data) };
  });
  return { sim, seen };
}

export const MUTANT_SCENARIOS: Record<MutantName, (mutant: boolean) => Promise<ScenarioRun>> = {
  'commit-before-quorum': commitBeforeQuorum,
  'election-ignores-zxid': electionIgnoresZxid,
  'skip-trunc': skipTrunc,
  'stale-sync': staleSync,
  'ignore-session-owner': ignoreSessionOwner,
};
