/**
 * The Zab chapter's second lab (scenario `primary-order`, seed 1, and the other seeds the
 * moments are found at) plays the Zab paper's Figure 1 (DSN 2011, §I) as the chapter says:
 * s5 (epoch 1) proposes A = create /a and B = create /a/b, which only s1 logs; s4 (epoch 2)
 * proposes C = create /c, which only s2 logs; s2 leads epoch 3, syncs s3 with a DIFF and s1
 * with a SNAP, then proposes D = create /d. The run keeps primary order (every Zab checker of
 * playground/check passes), no server ever holds /a/b without /a, and the named moments are
 * found in the story's order. The same checkers reject the run with Multi-Paxos's outcome
 * spliced in (B delivered after C) and with a hole (B delivered without A).
 */
import { describe, expect, it } from 'vitest';
import { checkAll } from '../../../playground/check/index.ts';
import { checkGlobalPrimaryOrder, checkLocalPrimaryOrder } from '../../../playground/check/zab-properties.ts';
import type { TraceEvent } from '../../../playground/sim/trace.ts';
import { SCENARIOS, Timeline } from '../../../playground/timeline/index.ts';
import { findScenarioMoment, MOMENTS } from '../../../playground/timeline/scenario-moments.ts';

type Protocol = TraceEvent & { kind: 'protocol' };
const SEEDS = [1, 2, 3, 7];
const END_MS = 10_000;

function run(seed: number): readonly TraceEvent[] {
  const tl = new Timeline(SCENARIOS.get('primary-order')!, seed);
  tl.seekTime(END_MS);
  return tl.trace.slice(0, tl.position);
}
const zab = (trace: readonly TraceEvent[], type: string): Protocol[] => trace.filter((e): e is Protocol => e.kind === 'protocol' && e.event.type === type);
const proposal = (trace: readonly TraceEvent[], txn: string): Protocol => {
  const p = zab(trace, 'zab.propose').find((e) => String(e.event['txn']).startsWith(`${txn} `));
  if (p === undefined) throw new Error(`no proposal of ${txn}`);
  return p;
};
const zxidOf = (p: Protocol): string => String(p.event['zxid']);
const loggedBy = (trace: readonly TraceEvent[], zxid: string): string[] => zab(trace, 'zab.log').filter((e) => e.event['zxid'] === zxid).map((e) => e.node).sort();
const epochOf = (zxid: string): number => Number(BigInt(zxid) >> 32n);
const counterOf = (zxid: string): number => Number(BigInt(zxid) & 0xffffffffn);

/** `trace` with `event` inserted after index `after`, every index renumbered as the kernel would. */
function splice(trace: readonly TraceEvent[], after: number, event: Omit<Protocol, 'index' | 'time' | 'cause'>): { trace: TraceEvent[]; at: number } {
  const at = after + 1;
  const time = trace[after]!.time;
  const out = [...trace.slice(0, at), { ...event, index: at, time, cause: at } as TraceEvent, ...trace.slice(at)];
  return { trace: out.map((e, i) => ({ ...e, index: i })), at };
}
const deliver = (node: string, p: Protocol): Omit<Protocol, 'index' | 'time' | 'cause'> =>
  ({ kind: 'protocol', node, event: { type: 'zab.deliver', zxid: p.event['zxid'], txn: p.event['txn'], record: p.event['record'] } }) as Omit<Protocol, 'index' | 'time' | 'cause'>;

describe.each(SEEDS)('the primary-order scenario at seed %i', (seed) => {
  const trace = run(seed);
  const [a, b, c, d] = ['create /a', 'create /a/b', 'create /c', 'create /d'].map((t) => proposal(trace, t)) as [Protocol, Protocol, Protocol, Protocol];

  it('plays Figure 1: A and B of epoch 1 only on s5 and s1, C of epoch 2 only on s4 and s2', () => {
    expect([a.node, b.node, c.node, d.node]).toEqual(['s5', 's5', 's4', 's2']);
    expect([epochOf(zxidOf(a)), epochOf(zxidOf(b)), epochOf(zxidOf(c)), epochOf(zxidOf(d))]).toEqual([1, 1, 2, 3]);
    expect(counterOf(zxidOf(b))).toBe(counterOf(zxidOf(a)) + 1);
    const before = (p: Protocol): readonly TraceEvent[] => trace.slice(0, p.index + 200);
    expect(loggedBy(before(b), zxidOf(a))).toEqual(['s1', 's5']);
    expect(loggedBy(before(b), zxidOf(b))).toEqual(['s1', 's5']);
    expect(loggedBy(before(c), zxidOf(c))).toEqual(['s2', 's4']);
    for (const p of [a, b, c]) expect(zab(trace, 'zab.commit').some((e) => e.event['zxid'] === zxidOf(p)), `${zxidOf(p)} committed by a COMMIT`).toBe(false);
  });

  it('elects s2 in epoch 3 with s1 and s3, which synchronizes them before it proposes: a DIFF with C to s3, a SNAP without A and B to s1', () => {
    const third = zab(trace, 'zab.established').find((e) => e.event['epoch'] === 3)!;
    expect(third.node).toBe('s2');
    expect([...(third.event['quorum'] as string[])].sort()).toEqual(['s1', 's2', 's3']);
    expect(third.event['zxid']).toBe(zxidOf(c));
    const syncs = zab(trace, 'zab.sync').filter((e) => e.node === 's2' && e.index < third.index).map((e) => `${String(e.event['follower'])}:${String(e.event['mode'])}`);
    expect(syncs.sort()).toEqual(['s1:SNAP', 's3:DIFF']);
    expect(third.index).toBeLessThan(d.index);
  });

  it('keeps primary order: every Zab checker passes, and no server delivers A or B, or anything of epoch 1 after C', () => {
    expect(checkAll(trace)).toEqual([]);
    for (const e of zab(trace, 'zab.deliver')) expect([zxidOf(a), zxidOf(b)]).not.toContain(e.event['zxid']);
    for (const s of ['s1', 's2', 's3', 's4', 's5']) {
      const mine = zab(trace, 'zab.deliver').filter((e) => e.node === s).map((e) => String(e.event['zxid']));
      const cAt = mine.indexOf(zxidOf(c));
      if (cAt >= 0) for (const z of mine.slice(cAt + 1)) expect(epochOf(z), `${s} delivered ${z} after C`).toBeGreaterThanOrEqual(2);
    }
  });

  it('rejects the same run with Multi-Paxos’s outcome spliced in: s3 delivers B after C', () => {
    const cOnS3 = zab(trace, 'zab.deliver').find((e) => e.node === 's3' && e.event['zxid'] === zxidOf(c))!;
    const broken = splice(trace, cOnS3.index, deliver('s3', b));
    const verdict = checkGlobalPrimaryOrder(broken.trace);
    expect(verdict).toMatchObject({ ok: false, at: broken.at });
    expect(verdict.ok ? '' : verdict.violation).toMatch(new RegExp(`^s3 delivered ${zxidOf(b)} \\(create /a/b .*\\) of epoch 1 after ${zxidOf(c)} \\(create /c .*\\) of epoch 2$`));
  });

  it('rejects the same run with a hole: s1 delivers B without A', () => {
    const bOnS1 = zab(trace, 'zab.log').find((e) => e.node === 's1' && e.event['zxid'] === zxidOf(b))!;
    const broken = splice(trace, bOnS1.index, deliver('s1', b));
    const verdict = checkLocalPrimaryOrder(broken.trace);
    expect(verdict.ok).toBe(false);
    expect(verdict.ok ? '' : verdict.violation).toMatch(new RegExp(`^s5 proposed ${zxidOf(a)} \\(create /a .*\\) before ${zxidOf(b)} \\(create /a/b .*\\) in epoch 1, but s1 delivered ${zxidOf(b)} without it$`));
  });

  it('finds its named moments in the story’s order, each where its title says', () => {
    const ids = MOMENTS.get('primary-order')!.map((m) => m.id);
    expect(ids).toEqual(['first-leader-cut-off', 'ab-on-one-follower', 'c-on-one-follower', 'third-newleader', 'ab-dropped', 'after-recovery', 'first-leader-back']);
    const at = ids.map((id) => {
      const found = findScenarioMoment('primary-order', seed, id);
      if (!found.ok) throw new Error(found.error);
      return found.timeline;
    });
    const positions = at.map((tl) => tl.position);
    expect([...positions].sort((x, y) => x - y)).toEqual(positions);
    expect(new Set(positions).size).toBe(positions.length);
    // Each stands just after the kernel step of the event its title names: that event is in
    // the last step shown.
    const lastStep = (i: number): TraceEvent[] => {
      const tl = at[i]!;
      const start = Math.max(0, ...tl.boundaries.filter((x) => x < tl.position));
      return tl.trace.slice(start, tl.position);
    };
    const expectIn = (i: number, want: object): void => {
      expect(lastStep(i), ids[i]).toContainEqual(expect.objectContaining(want));
    };
    expectIn(0, { kind: 'partition', groups: [['s5', 's1', 'c1'], ['s2', 's3', 's4', 'c2']] });
    expect(at[0]!.trace.slice(0, at[0]!.position).filter((e) => e.kind === 'protocol' && e.event.type === 'zab.established').map((e) => (e as Protocol).node)).toEqual(['s5']);
    expectIn(1, { kind: 'protocol', node: 's1', event: expect.objectContaining({ type: 'zab.log', zxid: zxidOf(b) }) });
    expectIn(2, { kind: 'protocol', node: 's2', event: expect.objectContaining({ type: 'zab.log', zxid: zxidOf(c) }) });
    expectIn(3, { kind: 'send', from: 's2', msg: expect.objectContaining({ type: 'NEWLEADER' }) });
    expectIn(4, { kind: 'protocol', node: 's1', event: expect.objectContaining({ type: 'zab.snapshot', zxid: zxidOf(c) }) });
    expectIn(5, { kind: 'protocol', node: 's2', event: expect.objectContaining({ type: 'zab.commit', zxid: zxidOf(d) }) });
    expectIn(6, { kind: 'protocol', node: 's5', event: expect.objectContaining({ type: 'zab.snapshot' }) });
  });
});
