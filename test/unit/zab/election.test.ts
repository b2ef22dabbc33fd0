/** Fast Leader Election, zab.md §2 (FastLeaderElection.java). */
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../playground/sim/index.ts';
import { addEnsemble, ensembleStatus, leaderOf, runUntilReady } from '../../../playground/zab/ensemble.ts';
import { QuorumMaj } from '../../../playground/zab/quorum.ts';
import { totalOrderPredicate, voteEquals } from '../../../playground/zab/vote.ts';
import { FAST, ensemble, facts } from './helpers.ts';

const qv = new QuorumMaj(['s1', 's2', 's3'], ['s4']);

describe('FLE §2.1 vote order: peerEpoch, then zxid, then sid', () => {
  it('a higher peerEpoch wins over a higher zxid and a higher sid', () => {
    expect(totalOrderPredicate(qv, { leader: 's1', zxid: 1n, peerEpoch: 2 }, { leader: 's3', zxid: 9n << 32n, peerEpoch: 1 })).toBe(true);
  });
  it('same peerEpoch: the higher last logged zxid wins over a higher sid', () => {
    expect(totalOrderPredicate(qv, { leader: 's1', zxid: 5n, peerEpoch: 1 }, { leader: 's3', zxid: 4n, peerEpoch: 1 })).toBe(true);
    expect(totalOrderPredicate(qv, { leader: 's3', zxid: 4n, peerEpoch: 1 }, { leader: 's1', zxid: 5n, peerEpoch: 1 })).toBe(false);
  });
  it('all equal: the higher sid wins; a vote never beats itself', () => {
    expect(totalOrderPredicate(qv, { leader: 's3', zxid: 4n, peerEpoch: 1 }, { leader: 's2', zxid: 4n, peerEpoch: 1 })).toBe(true);
    expect(totalOrderPredicate(qv, { leader: 's2', zxid: 4n, peerEpoch: 1 }, { leader: 's2', zxid: 4n, peerEpoch: 1 })).toBe(false);
  });
  it('a candidate without voting weight (an observer) never wins', () => {
    expect(totalOrderPredicate(qv, { leader: 's4', zxid: 99n, peerEpoch: 9 }, { leader: 's1', zxid: 0n, peerEpoch: 0 })).toBe(false);
  });
  it('the election-ignores-zxid mutant skips the zxid comparison', () => {
    expect(totalOrderPredicate(qv, { leader: 's3', zxid: 4n, peerEpoch: 1 }, { leader: 's1', zxid: 5n, peerEpoch: 1 }, 'election-ignores-zxid')).toBe(true);
  });
  it('Vote.equals: four fields while LOOKING, leader and peerEpoch once out of election', () => {
    const a = { leader: 's3', zxid: 1n, electionEpoch: 2, peerEpoch: 1 };
    expect(voteEquals({ ...a, state: 'LOOKING' }, { ...a, zxid: 2n, state: 'LOOKING' })).toBe(false);
    expect(voteEquals({ ...a, state: 'FOLLOWING' }, { ...a, zxid: 2n, electionEpoch: 7, state: 'LEADING' })).toBe(true);
  });
});

describe('FLE §2.2 the loop', () => {
  it('fresh ensemble of 3: every server votes for the highest sid, s3 leads after the finalize wait', () => {
    const sim = ensemble();
    runUntilReady(sim, 10_000);
    expect(leaderOf(sim)).toBe('s3');
    const elected = facts(sim, 'zab.elected');
    expect(elected.map((f) => [f.node, f.event.type === 'zab.elected' && f.event.leader]).sort()).toEqual([['s1', 's3'], ['s2', 's3'], ['s3', 's3']]);
    // Decisions come finalizeWait (200 ms) after the last vote change, in round 1.
    for (const f of elected) expect(f.time).toBeGreaterThanOrEqual(200);
    expect(elected.every((f) => f.event.type === 'zab.elected' && f.event.round === 1)).toBe(true);
  });

  it('every size 1..7 elects the highest sid and establishes epoch 1', () => {
    for (let n = 1; n <= 7; n++) {
      const sim = ensemble({ size: n });
      runUntilReady(sim, 10_000);
      expect(leaderOf(sim)).toBe(`s${n}`);
      expect(facts(sim, 'zab.established').map((f) => f.event.type === 'zab.established' && f.event.epoch)).toEqual([1]);
    }
  });

  it('s1, s2 start first: s2 leads; a late s3 learns it from FOLLOWING/LEADING notifications and follows, no new election', () => {
    const sim = new Simulation({ seed: 3 });
    addEnsemble(sim, { size: 3, config: FAST });
    sim.crash('s3'); // at t=0, before it did anything: as if started later
    runUntilReady(sim, 10_000);
    expect(leaderOf(sim)).toBe('s2');
    const electedBefore = facts(sim, 'zab.elected').length;
    sim.runFor(1000);
    sim.restart('s3');
    runUntilReady(sim, 10_000);
    expect(leaderOf(sim)).toBe('s2');
    const after = facts(sim, 'zab.elected').slice(electedBefore);
    expect(after.map((f) => f.node)).toEqual(['s3']);
    expect(after[0]!.event).toMatchObject({ leader: 's2' });
    expect(facts(sim, 'zab.established').map((f) => f.node)).toEqual(['s2']);
    expect(ensembleStatus(sim).map((s) => s.state)).toEqual(['FOLLOWING', 'LEADING', 'FOLLOWING']);
  });

  it('a later round is adopted: when the leader dies the followers elect in round 2, the best history wins', () => {
    const sim = ensemble();
    runUntilReady(sim, 10_000);
    sim.crash('s3');
    runUntilReady(sim, 20_000);
    expect(leaderOf(sim)).toBe('s2');
    const round2 = facts(sim, 'zab.elected').filter((f) => f.event.type === 'zab.elected' && f.event.round === 2);
    expect(round2.map((f) => f.node).sort()).toEqual(['s1', 's2']);
    expect(facts(sim, 'zab.established').map((f) => f.event.type === 'zab.established' && f.event.epoch)).toEqual([1, 2]);
  });

  it('a lone server: notification timeout doubles from finalizeWait up to maxNotificationInterval', () => {
    const sim = new Simulation({ seed: 1 });
    addEnsemble(sim, { size: 3, config: { ...FAST, maxNotificationIntervalMs: 1600 } });
    sim.crash('s2');
    sim.crash('s3');
    sim.runUntil(20_000);
    const sends = sim.trace.filter((e) => e.kind === 'timer' && e.node === 's1' && e.name === 'fle.timeout').map((e) => e.time);
    const gaps = sends.slice(1).map((t, i) => t - sends[i]!);
    expect(sends[0]).toBe(200);
    expect(gaps.slice(0, 5)).toEqual([400, 800, 1600, 1600, 1600]);
    expect(ensembleStatus(sim)[0]).toMatchObject({ state: 'LOOKING' });
  });

  it('observers vote for nobody, are not counted, and end OBSERVING the elected leader', () => {
    const sim = ensemble({ size: 3, observers: 1 });
    runUntilReady(sim, 10_000);
    expect(leaderOf(sim)).toBe('s3');
    expect(ensembleStatus(sim).map((s) => s.state)).toEqual(['FOLLOWING', 'FOLLOWING', 'LEADING', 'OBSERVING']);
    const est = facts(sim, 'zab.established')[0]!.event;
    expect(est.type === 'zab.established' && est.quorum.includes('s4')).toBe(false);
  });
});
