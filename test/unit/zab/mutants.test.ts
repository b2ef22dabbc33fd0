/**
 * Each mutant, run on a fixed script beside the correct engine: the trace shows the rule
 * of zab.md it breaks. (The checkers in playground/check must object to the mutant runs.)
 */
import { describe, expect, it } from 'vitest';
import { MUTANTS } from '../../../playground/zab/mutants.ts';
import { delivered, deliveredTxns, facts } from './helpers.ts';
import { checkAll } from '../../../playground/check/index.ts';
import { MUTANT_SCENARIOS, commitBeforeQuorum, electionIgnoresZxid, ignoreSessionOwner, skipTrunc, staleSync } from './mutant-scenarios.ts';

describe('mutants (each breaks one rule of zab.md)', () => {
  it('every mutant has a scripted scenario', () => {
    expect(Object.keys(MUTANT_SCENARIOS).sort()).toEqual([...MUTANTS].sort());
  });

  it('commit-before-quorum breaks §5.2: a txn the leader committed (and acknowledged to its client) is lost', async () => {
    const good = await commitBeforeQuorum(false);
    expect(good.seen).toMatchObject({ lostCreate: 'CONNECTIONLOSS', leader: 's2', lostExists: false });
    const goodLost = facts(good.sim, 'zab.propose', 's3').find((f) => f.event.type === 'zab.propose' && f.event.txn.startsWith('create /lost'))!;
    expect(facts(good.sim, 'zab.commit').some((f) => f.event.type === 'zab.commit' && goodLost.event.type === 'zab.propose' && f.event.zxid === goodLost.event.zxid)).toBe(false);

    const bad = await commitBeforeQuorum(true);
    expect(bad.seen).toMatchObject({ lostCreate: 'ok', leader: 's2', lostExists: false });
    const lost = facts(bad.sim, 'zab.propose', 's3').find((f) => f.event.type === 'zab.propose' && f.event.txn.startsWith('create /lost'))!;
    const z = lost.event.type === 'zab.propose' ? lost.event.zxid : '';
    expect(facts(bad.sim, 'zab.commit', 's3').some((f) => f.event.type === 'zab.commit' && f.event.zxid === z)).toBe(true);
    expect(delivered(bad.sim, 's3')).toContain(z);
    expect(delivered(bad.sim, 's1')).not.toContain(z);
    // s3 comes back and its state is replaced: the committed txn is gone.
    expect(facts(bad.sim, 'zab.sync').some((f) => f.event.type === 'zab.sync' && f.event.follower === 's3' && f.event.mode !== 'DIFF')).toBe(true);
  });

  it('election-ignores-zxid breaks §2.1: a server behind a quorum member is elected; discovery refuses it forever', async () => {
    const good = await electionIgnoresZxid(false);
    expect(good.seen).toEqual({ leader: 's1' });
    const bad = await electionIgnoresZxid(true);
    expect(bad.seen).toEqual({ leader: null });
    // s2 is elected although s1 voted with a higher zxid in the same epoch …
    const after = facts(bad.sim, 'zab.elected').filter((f) => f.time > 300);
    expect(after.length).toBeGreaterThan(2);
    expect(after.every((f) => f.event.type === 'zab.elected' && f.event.leader === 's2')).toBe(true);
    // … the guard closes s1's handler ("follower is ahead"), and no epoch is established again.
    expect(bad.sim.trace.some((e) => e.kind === 'protocol' && (e.event as { reason?: string }).reason === 'follower is ahead of the leader')).toBe(true);
    expect(facts(bad.sim, 'zab.established').filter((f) => f.time > 300)).toEqual([]);
  }, 30_000);

  it('skip-trunc breaks §4.1: the returning server keeps and delivers a txn nobody else has; histories diverge', async () => {
    const good = await skipTrunc(false);
    expect(good.seen).toEqual({ lostCreate: 'CONNECTIONLOSS', lostOnS3: false, lostOnS1: false });
    expect(facts(good.sim, 'zab.truncate', 's3').length).toBe(1);

    const bad = await skipTrunc(true);
    expect(bad.seen).toEqual({ lostCreate: 'CONNECTIONLOSS', lostOnS3: true, lostOnS1: false });
    const s3 = deliveredTxns(bad.sim, 's3');
    const s1 = deliveredTxns(bad.sim, 's1');
    const only3 = [...s3.keys()].filter((z) => !s1.has(z));
    expect(only3.length).toBe(1);
    expect(s3.get(only3[0]!)).toMatch(/^create \/lost/);
    // Both deliver /after (epoch 2) — s3 after a txn s1 never delivers.
    const after = [...s1.entries()].find(([, t]) => t.startsWith('create /after'))![0];
    expect(s3.has(after)).toBe(true);
  });

  it('stale-sync breaks §5.4: a read after sync misses a write that completed before the sync', async () => {
    expect((await staleSync(false)).seen).toEqual({ readAfterSync: 'new' });
    const bad = await staleSync(true);
    expect(bad.seen).toEqual({ readAfterSync: 'old' });
    expect(bad.sim.trace.some((e) => e.kind === 'send' && e.from === 's1' && (e.msg as { type?: string; req?: { op: string } }).req?.op === 'sync')).toBe(false);
  });

  it('ignore-session-owner breaks the session owner check: a write held on an old connection takes effect after a later one', async () => {
    const good = await ignoreSessionOwner(false);
    expect(good.seen).toEqual({ first: 'CONNECTIONLOSS', final: 'w2' });
    const bad = await ignoreSessionOwner(true);
    expect(bad.seen).toEqual({ first: 'CONNECTIONLOSS', final: 'w1' });
    expect(checkAll(good.sim.trace)).toEqual([]);
    expect(checkAll(bad.sim.trace).map((v) => v.checker)).toContain('fifo-order');
  });
});
