/**
 * The watch tables derived from the trace (playground/zk/watch-trace.ts), held to the
 * server's own tables (`ZooKeeperServer.watchesByPeer`, what `wchc` reports) after every
 * call of a client program on a standalone server and after every kernel step of the book's
 * scenarios with faults (crashes, partitions, reconnects with setWatches, expiry). And the
 * cases that must NOT register, each checked against ZooKeeper 3.8.4's source
 * (zookeeper-server/src/main/java/org/apache/zookeeper/server/…, release-3.8.4).
 */
import { describe, expect, it } from 'vitest';
import { createClient, type SimZooKeeper } from '../../../playground/client/index.ts';
import type { Simulation } from '../../../playground/sim/index.ts';
import type { NodeId } from '../../../playground/sim/types.ts';
import { SCENARIOS } from '../../../playground/timeline/index.ts';
import { Perms, ANYONE_ID_UNSAFE } from '../../../playground/zk/acl.ts';
import { ZooKeeperServer } from '../../../playground/zk/server.ts';
import { foldWatchEvent, newWatchTrack, tableRows, watchesOf, type WatchFact, type WatchTrack } from '../../../playground/zk/watch-trace.ts';
import { codeOf, runOn, standaloneSim } from '../client/standalone-sim.ts';

/** The live server behind a node (a standalone server, or a quorum peer's current one). */
function liveServer(sim: Simulation, id: NodeId): ZooKeeperServer | null {
  const node = sim.instanceOf(id) as unknown;
  if (node instanceof ZooKeeperServer) return node;
  const zks = (node as { zks?: ZooKeeperServer | null } | undefined)?.zks;
  return zks ?? null;
}

/** Every live server's table rows, `server client path table mode`, sorted. */
function liveRows(sim: Simulation, servers: readonly NodeId[]): string[] {
  return servers.flatMap((s) => (sim.isUp(s) ? (liveServer(sim, s)?.watchesByPeer() ?? []).map((r) => `${s} ${r}`) : [])).sort();
}

/** A derivation that follows a growing trace. */
class Follower {
  readonly track: WatchTrack = newWatchTrack();
  readonly facts: WatchFact[] = [];
  private at = 0;
  private readonly sim: Simulation;
  private readonly servers: readonly NodeId[];
  constructor(sim: Simulation, servers: readonly NodeId[]) {
    this.sim = sim;
    this.servers = servers;
  }

  rows(): string[] {
    const roles = { isServer: (id: NodeId) => this.servers.includes(id), isClient: (id: NodeId) => /^c\d+$/.test(id) };
    for (; this.at < this.sim.trace.length; this.at++) this.facts.push(...foldWatchEvent(this.track, this.sim.trace[this.at]!, roles));
    return tableRows(this.track);
  }

  /** Derived and live must agree; returns the rows. */
  check(where: string): string[] {
    const rows = this.rows();
    expect(rows, where).toEqual(liveRows(this.sim, this.servers));
    return rows;
  }
}

/** A standalone server s1, a client c1 (and c2), and a follower checked after every call. */
async function onStandalone(body: (zk: SimZooKeeper, check: (where: string) => string[], f: Follower, other: () => Promise<SimZooKeeper>) => Promise<void>): Promise<Follower> {
  const sim = standaloneSim(5);
  const f = new Follower(sim, ['s1']);
  await runOn(sim, async () => {
    const zk = createClient(sim, { id: 'c1', servers: ['s1'], sessionTimeoutMs: 4000 });
    await zk.whenConnected();
    const other = async () => {
      const z = createClient(sim, { id: 'c2', servers: ['s1'], sessionTimeoutMs: 4000 });
      await z.whenConnected();
      return z;
    };
    await body(zk, (w) => f.check(w), f, other);
  });
  f.check('at the end');
  return f;
}

const noop = (): void => {};

describe('watch registration derived from the trace (3.8.4 rules)', () => {
  it('getData with a watch on a missing node registers nothing (FinalRequestProcessor.java:667-673 throws NONODE before DataTree.getData registers, DataTree.java:701-710)', async () => {
    await onStandalone(async (zk, check) => {
      expect(await codeOf(zk.getData('/missing', noop))).toBe('NONODE');
      expect(check('after getData /missing')).toEqual([]);
      expect(await codeOf(zk.getChildren('/missing', noop))).toBe('NONODE');
      expect(check('after getChildren /missing (FinalRequestProcessor.java:655-660)')).toEqual([]);
    });
  });

  it('exists with a watch on a missing node registers a data watch (DataTree.java:718-725 statNode adds it before the lookup); the create fires and removes it', async () => {
    const f = await onStandalone(async (zk, check) => {
      expect(await zk.exists('/later', noop)).toBeNull();
      expect(check('after exists /later')).toEqual(['s1 c1 /later data STANDARD']);
      await zk.create('/later', 'x');
      expect(check('after create /later')).toEqual([]);
    });
    expect(f.facts.map((x) => `${x.type} ${x.path} ${x.table} ${'cause' in x ? x.cause : x.mode}`)).toEqual(['watch.add /later data STANDARD', 'watch.remove /later data triggered']);
  });

  it('a failed read with a watch registers nothing: NOAUTH (FinalRequestProcessor.java:674 checkACL before getData)', async () => {
    await onStandalone(async (zk, check) => {
      await zk.create('/secret', 'x', [{ perms: Perms.CREATE, id: ANYONE_ID_UNSAFE }]);
      expect(await codeOf(zk.getData('/secret', noop))).toBe('NOAUTH');
      expect(check('after getData /secret')).toEqual([]);
      expect(await codeOf(zk.getChildren('/secret', noop))).toBe('NOAUTH');
      expect(check('after getChildren /secret')).toEqual([]);
    });
  });

  it('removeAllWatches (the removeWatches request) drops the named table only (DataTree.java:1618-1637); a NOWATCHER reply drops nothing (FinalRequestProcessor.java:553-557)', async () => {
    const f = await onStandalone(async (zk, check) => {
      await zk.create('/a', 'x');
      await zk.getData('/a', noop);
      await zk.getChildren('/a', noop);
      expect(check('two watches')).toEqual(['s1 c1 /a child STANDARD', 's1 c1 /a data STANDARD']);
      await zk.removeAllWatches('/a', 'CHILDREN', false);
      expect(check('after removeAllWatches CHILDREN')).toEqual(['s1 c1 /a data STANDARD']);
      expect(await codeOf(zk.removeAllWatches('/nowhere', 'ANY', false))).toBe('NOWATCHER');
      expect(check('after a removeWatches that failed')).toEqual(['s1 c1 /a data STANDARD']);
    });
    expect(f.facts.filter((x) => x.type === 'watch.remove').map((x) => 'cause' in x && x.cause)).toEqual(['removeWatches']);
  });

  it('addWatch puts its mode in both tables (DataTree.java:695-699); a persistent watch stays when it fires (WatchManager.java:146)', async () => {
    await onStandalone(async (zk, check) => {
      await zk.create('/p', 'x');
      await zk.addWatch('/p', 'PERSISTENT', noop);
      expect(check('after addWatch')).toEqual(['s1 c1 /p child PERSISTENT', 's1 c1 /p data PERSISTENT']);
      await zk.setData('/p', 'y');
      await zk.create('/p/k', 'z');
      expect(check('after two events')).toEqual(['s1 c1 /p child PERSISTENT', 's1 c1 /p data PERSISTENT']);
      await zk.getData('/p', noop);
      expect(check('a getData watch replaces the data entry (WatchManager.addWatch)')).toEqual(['s1 c1 /p child PERSISTENT', 's1 c1 /p data STANDARD']);
    });
  });

  it("another client's change fires one-time watches and removes them: NodeDeleted both tables, NodeChildrenChanged the child one (WatchManager.java:126-160)", async () => {
    await onStandalone(async (zk, check, _f, other) => {
      await zk.create('/n', 'x');
      await zk.create('/n/k', 'x');
      await zk.getData('/n', noop);
      await zk.getChildren('/n', noop);
      await zk.exists('/n/k', noop);
      const z2 = await other();
      await z2.delete('/n/k');
      expect(check('after delete /n/k')).toEqual(['s1 c1 /n data STANDARD']);
      await z2.delete('/n');
      expect(check('after delete /n')).toEqual([]);
    });
  });

  it("a session's close clears its watches (DataTree.java:1514-1517 removeCnxn)", async () => {
    const f = await onStandalone(async (zk, check) => {
      await zk.create('/c', 'x');
      await zk.getData('/c', noop);
      await zk.addWatch('/', 'PERSISTENT_RECURSIVE', noop);
      expect(check('before close')).toHaveLength(3);
      await zk.close();
      expect(check('after close')).toEqual([]);
    });
    expect(f.facts.filter((x) => x.type === 'watch.remove').map((x) => 'cause' in x && x.cause)).toEqual(['connection closed', 'connection closed', 'connection closed']);
    expect(watchesOf(f.track, 's1')).toEqual([]);
  });

  it('lists a persistent watch once for the reader, however many tables hold it', async () => {
    const f = await onStandalone(async (zk) => {
      await zk.create('/v', 'x');
      await zk.addWatch('/v', 'PERSISTENT_RECURSIVE', noop);
      await zk.exists('/w', noop);
    });
    expect(watchesOf(f.track, 's1')).toEqual([
      { client: 'c1', path: '/v', kind: 'recursive' },
      { client: 'c1', path: '/w', kind: 'data' },
    ]);
  });
});

describe("the derivation agrees with the servers' own tables at every step of the book's runs", () => {
  /** A scenario run with faults at times; derived and live compared after every kernel step. */
  const runs: { scenario: string; seed: number; untilMs: number; faults: (sim: Simulation, servers: readonly NodeId[]) => void; workloads?: string[] }[] = [
    { scenario: 'intro', seed: 1, untilMs: 12_000, faults: (sim, s) => (sim.at(4000, 'crash', () => sim.crash(s[1]!)), sim.at(6000, 'restart', () => sim.restart(s[1]!))) },
    { scenario: 'watches', seed: 3, untilMs: 14_000, workloads: ['lock'], faults: (sim, s) => (sim.at(5000, 'crash', () => sim.crash(s[0]!)), sim.at(7000, 'restart', () => sim.restart(s[0]!)), sim.at(9000, 'crash', () => sim.crash(s[2]!))) },
    { scenario: 'sessions', seed: 1, untilMs: 16_000, faults: (sim) => (sim.at(4000, 'cut c1', () => sim.partition([['c1']])), sim.at(11_000, 'heal', () => sim.heal())) },
    { scenario: 'lock', seed: 1, untilMs: 12_000, faults: (sim, s) => (sim.at(5000, 'partition', () => sim.partition([[s[0]!, 'c1']])), sim.at(9000, 'heal', () => sim.heal())) },
    { scenario: 'failures', seed: 1, untilMs: 12_000, faults: (sim, s) => sim.at(5000, 'crash', () => sim.crash(s[4]!)) },
  ];

  it.each(runs)('$scenario at seed $seed', ({ scenario, seed, untilMs, faults, workloads }) => {
    const sc = SCENARIOS.get(scenario)!;
    const sim = sc.create(seed);
    const built = sc.build(sim);
    for (const w of workloads ?? []) built.workloads.get(w)!();
    faults(sim, built.servers);
    const f = new Follower(sim, built.servers);
    let steps = 0;
    let seen = 0;
    while (sim.now <= untilMs && sim.step()) {
      steps++;
      const rows = f.rows();
      seen = Math.max(seen, rows.length);
      const live = liveRows(sim, built.servers);
      if (rows.join('\n') !== live.join('\n')) expect(rows, `${scenario} seed ${seed}, after event ${sim.trace.length - 1} (t=${sim.now})`).toEqual(live);
    }
    expect(steps).toBeGreaterThan(300);
    // Not vacuous: watches were set, and some were removed by each kind of cause the run has.
    expect(seen).toBeGreaterThan(0);
    expect(f.facts.some((x) => x.type === 'watch.add')).toBe(true);
    expect(f.facts.some((x) => x.type === 'watch.remove')).toBe(true);
  }, 60_000);
});
