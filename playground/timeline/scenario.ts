/**
 * Scenarios: what a chapter's ensemble is before the reader touches it. A scenario builds,
 * on a fresh simulation, the servers and the clients with their workloads, and names the
 * extra workloads a reader may start later ("writes", "lock", ...). It is the `builder` of
 * a timeline: rerunning it on a new simulation with the same seed rebuilds the same run.
 *
 * The book's ensembles run with a short `tickTime` (400 ms) and 5–20 ms message delays, so
 * that elections, pings and message flights are visible at reading speed.
 *
 * Imports the kernel, the Zab ensemble and the workloads (an explorer's failing run is a
 * scenario of its own: explorer-scenario.ts). No clock, no randomness outside the kernel.
 */

import { Simulation } from '../sim/simulation.ts';
import type { NodeId } from '../sim/types.ts';
import { buildEnsemble } from '../zab/presets.ts';
import { SCENARIO_IDS, type ScenarioId } from './scenario-ids.ts';
import { DrivenClient } from '../workload/client-driver.ts';
import { LockClient } from '../workload/lock.ts';
import { Member } from '../workload/member.ts';
import { Reader } from '../workload/reader.ts';
import { Watcher } from '../workload/watcher.ts';
import { Writer } from '../workload/writer.ts';

/** What building a scenario produced: who is in it, and the workloads a reader may start. */
export interface BuiltScenario {
  readonly servers: readonly NodeId[];
  /** Every client the scenario may ever add (views keep a place for each). */
  readonly clients: readonly NodeId[];
  /** Named workloads a reader may start, in the order the controls list them. */
  readonly workloads: ReadonlyMap<string, () => void>;
}

export interface Scenario {
  readonly id: string;
  readonly title: string;
  /** A new simulation for this scenario (its latency and timing). */
  create(seed: number): Simulation;
  build(sim: Simulation): BuiltScenario;
}

const BOOK_LATENCY = { minMs: 5, maxMs: 20 };

/**
 * The book's one network for every figure: a partition holds messages without breaking
 * connections, as a silent network does; a client cut off notices by its own read timeout
 * (2/3 of its session timeout), a follower by syncLimit × tickTime, a leader by its tick check.
 */
function bookSim(seed: number): Simulation {
  return new Simulation({ seed, latency: BOOK_LATENCY, connectTimeoutMs: 800 });
}

/** A client whose connect string starts at `servers[first]` (so that it lands there). */
function clientOn(sim: Simulation, servers: readonly NodeId[], id: NodeId, first: number, sessionTimeoutMs: number): DrivenClient {
  return new DrivenClient(sim, id, { servers: connectString(servers, first), sessionTimeoutMs });
}

/** Client i's connect string: the servers rotated so that clients spread over the ensemble. */
function connectString(servers: readonly NodeId[], i: number): NodeId[] {
  const k = i % servers.length;
  return [...servers.slice(k), ...servers.slice(0, k)];
}

function client(sim: Simulation, servers: readonly NodeId[], i: number, sessionTimeoutMs = 4000): DrivenClient {
  return clientOn(sim, servers, `c${i + 1}`, i, sessionTimeoutMs);
}

function lazy(start: () => { start(): void }): () => void {
  let started = false;
  return () => {
    if (started) return;
    started = true;
    start().start();
  };
}

/** Three servers, one client writing /config; a reader may add writes, reads and lock contenders. */
const basic: Scenario = {
  id: 'basic',
  title: 'Three servers and a writer',
  create: bookSim,
  build(sim) {
    const servers = buildEnsemble(sim, { preset: 'book', size: 3 });
    new Writer(client(sim, servers, 0), { path: '/config', periodMs: 700 }).start();
    const workloads = new Map<string, () => void>([
      ['reads', lazy(() => new Reader(client(sim, servers, 1), { path: '/config', periodMs: 500 }))],
      ['lock', lazy(() => {
        const a = new LockClient(client(sim, servers, 2), { holdMs: 500 });
        const b = new LockClient(client(sim, servers, 3), { holdMs: 500 });
        return { start: () => (a.start(), b.start()) };
      })],
    ]);
    return { servers, clients: ['c1', 'c2', 'c3', 'c4'], workloads };
  },
};

/**
 * Chapter 1's first ensemble, small enough to read in one look: three servers; c1 writes
 * /config about once a second, c2 watches it. The guided tour walks through it.
 */
const intro: Scenario = {
  id: 'intro',
  title: 'Three servers, a writer and a watcher',
  create: bookSim,
  build(sim) {
    const servers = buildEnsemble(sim, { preset: 'book', size: 3 });
    new Writer(client(sim, servers, 0), { path: '/config', periodMs: 1000 }).start();
    new Watcher(client(sim, servers, 1), { path: '/config' }).start();
    return { servers, clients: ['c1', 'c2'], workloads: new Map() };
  },
};

/** Five servers (Zab chapter): a writer and a reader; crash the leader and watch the election. */
const zab: Scenario = {
  id: 'zab',
  title: 'Five servers, one writer, one reader',
  create: bookSim,
  build(sim) {
    const servers = buildEnsemble(sim, { preset: 'book', size: 5 });
    new Writer(client(sim, servers, 0), { path: '/config', periodMs: 900 }).start();
    new Reader(client(sim, servers, 2), { path: '/config', periodMs: 1100 }).start();
    const workloads = new Map<string, () => void>([
      ['writes', lazy(() => new Writer(client(sim, servers, 1), { path: '/jobs', mode: 'create', periodMs: 400 }))],
      ['synced reads', lazy(() => new Reader(client(sim, servers, 3), { path: '/config', periodMs: 600, sync: true }))],
    ]);
    return { servers, clients: ['c1', 'c2', 'c3', 'c4'], workloads };
  },
};

/** Watches chapter: a writer changes /config, two clients watch it and re-arm; a lock herd on demand. */
const watches: Scenario = {
  id: 'watches',
  title: 'A config writer and two watchers',
  create: bookSim,
  build(sim) {
    const servers = buildEnsemble(sim, { preset: 'book', size: 3 });
    const writer = new Writer(client(sim, servers, 0), { path: '/config', periodMs: 1500 });
    const w1 = new Watcher(client(sim, servers, 1), { path: '/config' });
    const w2 = new Watcher(client(sim, servers, 2), { path: '/config' });
    writer.start();
    w1.start();
    w2.start();
    const workloads = new Map<string, () => void>([
      ['lock', lazy(() => {
        const locks = [3, 4, 5].map((i) => new LockClient(client(sim, servers, i), { holdMs: 700, thinkMs: 400 }));
        return { start: () => locks.forEach((l) => l.start()) };
      })],
    ]);
    return { servers, clients: ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'], workloads };
  },
};

/** Lock recipe: three contenders on three servers. */
const lock: Scenario = {
  id: 'lock',
  title: 'Three clients take turns holding a lock',
  create: bookSim,
  build(sim) {
    const servers = buildEnsemble(sim, { preset: 'book', size: 3 });
    for (const i of [0, 1, 2]) new LockClient(client(sim, servers, i), { holdMs: 600, thinkMs: 300 }).start();
    return { servers, clients: ['c1', 'c2', 'c3'], workloads: new Map() };
  },
};

/**
 * The benchmark's load: 5 servers and 20 clients. Four clients create znodes under /bench
 * quickly until the tree holds 500 of them; the other sixteen watch, read and write /config.
 */
const load: Scenario = {
  id: 'load',
  title: 'Five servers, twenty clients, five hundred znodes',
  create: bookSim,
  build(sim) {
    const servers = buildEnsemble(sim, { preset: 'book', size: 5 });
    const clients: NodeId[] = [];
    for (let i = 0; i < 20; i++) {
      const c = client(sim, servers, i, 6000);
      clients.push(c.id);
      if (i < 4) new Writer(c, { path: i === 0 ? '/bench' : '/bench', mode: 'create', periodMs: 15, limit: 125 }).start();
      else if (i < 8) new Watcher(c, { path: '/config' }).start();
      else if (i < 10) new Writer(c, { path: '/config', periodMs: 800 }).start();
      else new Reader(c, { path: '/config', periodMs: 300 + 20 * i }).start();
    }
    return { servers, clients, workloads: new Map() };
  },
};

/**
 * Sessions chapter: c1 is a group member (an EPHEMERAL /members/c1, then nothing but its
 * session's pings); c2 watches that znode. Crash c1's server and it reconnects in time;
 * cut c1 off from every server and its session expires, the znode goes, c2 is told.
 */
const sessions: Scenario = {
  id: 'sessions',
  title: 'A member holds an ephemeral znode; another client watches it',
  create: bookSim,
  build(sim) {
    const servers = buildEnsemble(sim, { preset: 'book', size: 3 });
    new Member(client(sim, servers, 0)).start();
    new Watcher(client(sim, servers, 1), { path: '/members/c1' }).start();
    return { servers, clients: ['c1', 'c2'], workloads: new Map() };
  },
};

/**
 * Guarantees chapter: reads are answered by the client's own server. c1 (on s1) writes /x;
 * c2 (on s2) reads it every quarter second or so; c3 (also on s2) syncs before each read.
 * The clients connect once the ensemble serves, so each lands on the server named here.
 * Cut s2, c2 and c3 off from the rest: c2 reads the old value until s2 gives up on its
 * leader (syncLimit ticks), while c3's sync never comes back.
 */
const stale: Scenario = {
  id: 'stale',
  title: 'A writer, a reader and a reader that syncs first',
  create: bookSim,
  build(sim) {
    const servers = buildEnsemble(sim, { preset: 'book', size: 3 });
    sim.at(500, 'clients connect', () => {
      new Writer(client(sim, servers, 0), { path: '/x', periodMs: 600 }).start();
      new Reader(client(sim, servers, 1), { path: '/x', periodMs: 250 }).start();
      new Reader(clientOn(sim, servers, 'c3', 1, 4000), { path: '/x', periodMs: 250, sync: true }).start();
    });
    return { servers, clients: ['c1', 'c2', 'c3'], workloads: new Map() };
  },
};

/**
 * Failure lab: five servers; c1–c3 take turns with the lock recipe on s2–s4, c4 writes
 * /config through the leader (s5), c5 reads it on s1 (each client next to its server in the
 * ensemble diagram's wide layout). Sessions of 6 s: a reconnect (under a second) and an
 * expiry (6 s of silence) are far apart. As in `sessions`, a partition holds messages
 * without breaking connections, so a client cut off notices by its read timeout.
 */
const failures: Scenario = {
  id: 'failures',
  title: 'Five servers, a writer, a reader and three lock clients',
  create: bookSim,
  build(sim) {
    const servers = buildEnsemble(sim, { preset: 'book', size: 5 });
    const at = (id: NodeId, first: number): DrivenClient => clientOn(sim, servers, id, first, 6000);
    sim.at(500, 'clients connect', () => {
      for (const i of [1, 2, 3]) new LockClient(at(`c${i}`, i), { holdMs: 2000, thinkMs: 500 }).start();
      new Writer(at('c4', 4), { path: '/config', periodMs: 600 }).start();
      new Reader(at('c5', 0), { path: '/config', periodMs: 500 }).start();
    });
    return { servers, clients: ['c1', 'c2', 'c3', 'c4', 'c5'], workloads: new Map() };
  },
};

/**
 * Running ZooKeeper chapter: three voters (s1–s3) and two observers (s4, s5). c1 writes
 * /config through s1; c2 and c3 read it on the observers. The leader sends each write to
 * the voters as PROPOSAL and, once committed, to the observers as INFORM. The clients
 * connect once the ensemble serves, so each lands on the server named here. A reader may
 * add a writer on an observer (its writes are forwarded to the leader like a follower's).
 */
const observers: Scenario = {
  id: 'observers',
  title: 'Three voters, two observers, a writer and two readers',
  create: bookSim,
  build(sim) {
    const servers = buildEnsemble(sim, { preset: 'book', size: 3, observers: 2 });
    const at = (id: NodeId, first: number): DrivenClient => clientOn(sim, servers, id, first, 4000);
    sim.at(500, 'clients connect', () => {
      new Writer(at('c1', 0), { path: '/config', periodMs: 900 }).start();
      new Reader(at('c2', 3), { path: '/config', periodMs: 500 }).start();
      new Reader(at('c3', 4), { path: '/config', periodMs: 700 }).start();
    });
    const workloads = new Map<string, () => void>([
      ['writes on an observer', lazy(() => new Writer(at('c4', 4), { path: '/jobs', mode: 'create', periodMs: 700 }))],
    ]);
    return { servers, clients: ['c1', 'c2', 'c3', 'c4'], workloads };
  },
};

/** One scenario per id of `scenario-ids.ts` (the type makes the table complete). */
const BY_ID: Readonly<Record<ScenarioId, Scenario>> = { intro, basic, zab, watches, lock, load, sessions, stale, failures, observers };

export const SCENARIOS: ReadonlyMap<string, Scenario> = new Map(SCENARIO_IDS.map((id) => [id, BY_ID[id]]));
