/**
 * Workloads drive ClientNodes synchronously against a Zab ensemble: the writer writes, the
 * reader reads (with sync, what the leader has), the watcher re-arms on every event and
 * ends up with the latest value, the lock recipe never lets two clients hold the lock at
 * once, and a run is the same trace every time.
 */
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../playground/sim/simulation.ts';
import { describeEvent } from '../../../playground/sim/trace.ts';
import { buildEnsemble } from '../../../playground/zab/presets.ts';
import { DrivenClient, LockClient, Reader, Watcher, Writer, sequenceOf } from '../../../playground/workload/index.ts';

function ensemble(seed: number) {
  const sim = new Simulation({ seed, latency: { minMs: 5, maxMs: 20 } });
  const servers = buildEnsemble(sim, { preset: 'book', size: 3 });
  return { sim, servers };
}

describe('workloads', () => {
  it('a writer keeps writing, a watcher keeps up, a synced reader reads what was written', () => {
    const { sim, servers } = ensemble(1);
    const writer = new Writer(new DrivenClient(sim, 'c1', { servers }), { path: '/config', periodMs: 300 });
    const watcher = new Watcher(new DrivenClient(sim, 'c2', { servers: [servers[1]!, servers[2]!, servers[0]!] }), { path: '/config' });
    const reader = new Reader(new DrivenClient(sim, 'c3', { servers: [servers[2]!, servers[0]!, servers[1]!] }), { path: '/config', periodMs: 200, sync: true });
    writer.start();
    watcher.start();
    reader.start();
    sim.runUntil(6000);
    expect(writer.written).toBeGreaterThan(8);
    expect(watcher.events).toBeGreaterThan(3);
    // What the watcher saw is in write order, and never older than what it saw before.
    const versions = watcher.seen.map((v) => Number(v.slice(1)));
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(reader.reads).toBeGreaterThan(10);
  });

  it('the lock recipe never lets two clients hold the lock at once, and everyone gets a turn', () => {
    const { sim, servers } = ensemble(2);
    const locks = [0, 1, 2].map((i) => new LockClient(new DrivenClient(sim, `c${i + 1}`, { servers: [servers[i]!, ...servers.filter((_, k) => k !== i)] }), { holdMs: 200, thinkMs: 100 }));
    locks.forEach((l) => l.start());
    let steps = 0;
    while (sim.now < 8000 && sim.step()) {
      steps++;
      expect(locks.filter((l) => l.holding).length).toBeLessThanOrEqual(1);
    }
    expect(steps).toBeGreaterThan(500);
    for (const l of locks) expect(l.acquired).toBeGreaterThan(1);
    // Each waiter watches its predecessor, not the lock node: no herd.
    const watched = sim.trace.flatMap((e) => (e.kind === 'send' && (e.msg as { kind?: string; req?: { op: string; path: string; watch?: boolean } }).req?.watch === true ? [(e.msg as { req: { path: string } }).req.path] : []));
    expect(watched.length).toBeGreaterThan(0);
    expect(watched.every((p) => p.startsWith('/lock/'))).toBe(true);
  });

  it('sorts lock children by their sequence number, not their name', () => {
    expect(['c3-lock-0000000002', 'c1-lock-0000000010', 'c2-lock-0000000001'].sort((a, b) => sequenceOf(a) - sequenceOf(b))).toEqual(['c2-lock-0000000001', 'c3-lock-0000000002', 'c1-lock-0000000010']);
  });

  it('is deterministic: the same seed gives the same trace', () => {
    const run = () => {
      const { sim, servers } = ensemble(9);
      new Writer(new DrivenClient(sim, 'c1', { servers }), { path: '/jobs', mode: 'create', periodMs: 50, limit: 20 }).start();
      new LockClient(new DrivenClient(sim, 'c2', { servers })).start();
      sim.runUntil(3000);
      return sim.trace.map(describeEvent);
    };
    expect(run()).toEqual(run());
  });
});
