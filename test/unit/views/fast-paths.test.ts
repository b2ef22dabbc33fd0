/**
 * The live views' fast paths equal their slow paths over a long faulty run (the `load`
 * scenario with a crash, a partition healed while messages are held, a latency change and
 * restarts that sync by DIFF and SNAP): the trace digest (checkpoints that share immutable
 * flights, a moving cursor) equals a fold from scratch at positions visited forward, back
 * and by jumps, flights and all; server trees indexed from the events' own records equal
 * those rebuilt from the PROPOSAL / INFORM / SNAP messages (the fallback, filled lazily).
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../playground/sim/trace.ts';
import { SCENARIOS, Timeline } from '../../../playground/timeline/index.ts';
import type { ReaderInput } from '../../../playground/timeline/actions.ts';
import { ServerTrees } from '../../../src/views/server-trees.ts';
import { clusterAt, TraceDigest, type ClusterState } from '../../../src/views/trace-digest.ts';

const FAULTS: ReaderInput[] = [
  { at: 6000, action: { kind: 'crash', node: 's5' } },
  { at: 9000, action: { kind: 'partition', groups: [['s1', 's2', 'c1', 'c2']] } },
  { at: 9400, action: { kind: 'heal' } },
  { at: 14000, action: { kind: 'restart', node: 's5' } },
  { at: 17000, action: { kind: 'crash', node: 's1' } },
  { at: 18000, action: { kind: 'latency', minMs: 5, maxMs: 60 } },
  { at: 21000, action: { kind: 'restart', node: 's1' } },
];

function faultyRun(): Timeline {
  const tl = new Timeline(SCENARIOS.get('load')!, 2, FAULTS);
  tl.computeTo(25_000);
  return tl;
}

/** Everything in a cluster state, as plain data (maps as entry lists, bigints as text). */
function plain(s: ClusterState): unknown {
  return JSON.parse(
    JSON.stringify({ ...s, servers: [...s.servers], clients: [...s.clients], flights: [...s.flights].map(([k, f]) => [k, { ...f, msg: null }]) }, (_k, v: unknown) =>
      typeof v === 'bigint' ? v.toString() : v,
    ),
  );
}

const count = (trace: readonly TraceEvent[], kind: string): number => trace.filter((e) => (e.kind === 'protocol' ? e.event.type : e.kind) === kind).length;

describe('fast paths over a long faulty run', { timeout: 60_000 }, () => {
  const tl = faultyRun();
  const trace = tl.trace;

  it('has the faults the fast paths must survive', () => {
    for (const kind of ['crash', 'restart', 'partition', 'heal', 'hold', 'release', 'latency', 'zab.snapshot']) expect(count(trace, kind), kind).toBeGreaterThan(0);
  });

  it('the digest equals a fold from scratch, forward, back and by jumps', () => {
    const digest = new TraceDigest(trace, tl.servers, tl.clients);
    const positions: number[] = [1, 255, 256, 257];
    for (let p = 1000; p <= trace.length; p += 1499) positions.push(p);
    for (let p = trace.length; p > 0; p -= 733) positions.push(p);
    // Around messages held at the partition and released at the heal, revisited after.
    const held = trace.filter((e) => e.kind === 'hold' || e.kind === 'release').map((e) => e.index);
    for (const i of held.slice(0, 6)) positions.push(i, i + 1, trace.length, i + 1, i + 300);
    positions.push(12_000, 3, 12_001, 25_000, 20_000);
    for (const p of positions) expect(plain(digest.at(p)), `position ${p}`).toEqual(plain(clusterAt(trace, p, tl.servers, tl.clients)));
  });

  it('server trees from the events equal those rebuilt from the messages', () => {
    // The same trace with deliveries and installed snapshots stripped of their records.
    const bare = trace.map((e): TraceEvent => {
      if (e.kind !== 'protocol' || (e.event.type !== 'zab.deliver' && e.event.type !== 'zab.snapshot')) return e;
      const event = { ...e.event };
      delete event['record'];
      delete event['tree'];
      return { ...e, event };
    });
    const fast = new ServerTrees(trace);
    const fallback = new ServerTrees(bare);
    for (const p of [9000, 25_000, 14_500, 21_500, 3000]) {
      for (const s of tl.servers) {
        const t = fast.treeAt(s, p);
        expect(fallback.treeAt(s, p), `${s} at ${p}`).toEqual(t);
        expect(new ServerTrees(trace).treeAt(s, p), `${s} at ${p}, fresh`).toEqual(t);
        expect(fallback.changedBetween(s, p - 400, p)).toEqual(fast.changedBetween(s, p - 400, p));
      }
    }
    expect(fast.treeAt('s5', 25_000).znodes.filter((z) => z.path.startsWith('/bench/')).length).toBeGreaterThan(0);
  });
});
