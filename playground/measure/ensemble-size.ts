/**
 * What the book's simulated ensemble does under a closed-loop write load, by its shape
 * (voters and observers): the Running ZooKeeper chapter's live figure is drawn from this.
 *
 * One run: the book's timing (the `book` preset, tickTime 400 ms) and network (every message
 * 5–20 ms, drawn per message, FIFO per connection); the ensemble elects a leader; `writers`
 * clients connect to the first voting follower (so every write takes the same path: client →
 * follower → leader → quorum → follower → client) and each keeps one setData in flight on its
 * own znode; one reader on the same follower keeps one getData in flight. After `warmupMs`,
 * the next `measureMs` of virtual time are counted, from the trace alone:
 *
 * - writes committed per virtual second: `zab.commit` events at the leader;
 * - send → commit: a writer's `send` of a setData to the leader's `zab.commit` of the zxid
 *   its reply names (median);
 * - read: a `getData` round trip (median);
 * - server-to-server messages per committed write, by type (pings excluded).
 *
 * Virtual-time figures: the simulation charges message delay only (no CPU, disk or
 * bandwidth), so they show the shape, not real numbers. Deterministic (the kernel's clock
 * and seeded randomness only); imports the kernel, the client node and the Zab builders.
 */
import { Simulation } from '../sim/index.ts';
import type { TraceEvent } from '../sim/trace.ts';
import type { NodeId } from '../sim/types.ts';
import { ClientNode } from '../client/client-node.ts';
import type { ClientOutput } from '../client/client-node.ts';
import { OPEN_ACL_UNSAFE } from '../zk/acl.ts';
import { hex } from '../zk/txn.ts';
import { leaderOf, runUntilReady } from '../zab/ensemble.ts';
import { buildEnsemble } from '../zab/presets.ts';
import { majority } from '../zab/quorum.ts';

/** The voter counts and observer counts the figure offers. */
export const VOTER_CHOICES = [3, 5, 7] as const;
export const OBSERVER_CHOICES = [0, 1, 2, 3] as const;

/** Server-to-server message types a committed write costs; anything else is `other`. */
export const WRITE_MESSAGE_TYPES = ['REQUEST', 'PROPOSAL', 'ACK', 'COMMIT', 'INFORM'] as const;
export type WriteMessageType = (typeof WRITE_MESSAGE_TYPES)[number] | 'other';

export interface EnsembleShape {
  readonly voters: number;
  readonly observers: number;
}

export interface LoadOptions {
  readonly writers: number;
  readonly warmupMs: number;
  readonly measureMs: number;
  readonly seeds: readonly number[];
}

/** The figure's load: eight writers, 10 virtual seconds after a 2 s warm-up, three seeds. */
export const FIGURE_LOAD: LoadOptions = { writers: 8, warmupMs: 2_000, measureMs: 10_000, seeds: [1, 2, 3] };

const LATENCY = { minMs: 5, maxMs: 20 };

/** One seed's run. */
export interface RunMeasurement {
  readonly seed: number;
  readonly leader: NodeId;
  /** The follower the clients use. */
  readonly via: NodeId;
  readonly writesPerSec: number;
  readonly commitMs: number;
  readonly readMs: number;
  /** Server-to-server messages per committed write, by type. */
  readonly perWrite: Readonly<Record<WriteMessageType, number>>;
}

/** A shape's figures: the quorum's arithmetic, and the runs' means. */
export interface ShapeMeasurement extends EnsembleShape {
  /** Voters whose ACKs (the leader's own included) commit a write. */
  readonly quorum: number;
  /** Voters that may fail while the rest still make a quorum. */
  readonly tolerates: number;
  readonly writesPerSec: number;
  readonly commitMs: number;
  readonly readMs: number;
  readonly messagesPerWrite: number;
  readonly perWrite: Readonly<Record<WriteMessageType, number>>;
  readonly runs: readonly RunMeasurement[];
}

function checkShape(shape: EnsembleShape): void {
  if (!Number.isInteger(shape.voters) || shape.voters < 3) throw new Error(`an ensemble of at least 3 voters, not ${shape.voters}`);
  if (!Number.isInteger(shape.observers) || shape.observers < 0) throw new Error(`a whole number of observers, not ${shape.observers}`);
}

function checkLoad(load: LoadOptions): void {
  if (!Number.isInteger(load.writers) || load.writers < 1) throw new Error(`at least one writer, not ${load.writers}`);
  if (!(load.warmupMs >= 0) || !(load.measureMs > 0)) throw new Error(`a warm-up of 0 ms or more and a measured span above 0 ms, not ${load.warmupMs} and ${load.measureMs}`);
  if (load.seeds.length === 0) throw new Error('at least one seed');
}

function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

function emptyCounts(): Record<WriteMessageType, number> {
  return { REQUEST: 0, PROPOSAL: 0, ACK: 0, COMMIT: 0, INFORM: 0, other: 0 };
}

interface Msg {
  readonly kind?: string;
  readonly type?: string;
  readonly xid?: number;
  readonly zxid?: bigint;
  readonly req?: { readonly op?: string };
}

/** One seed's run of `shape` under `load`. */
export function measureRun(shape: EnsembleShape, seed: number, load: LoadOptions = FIGURE_LOAD): RunMeasurement {
  checkShape(shape);
  checkLoad(load);
  const sim = new Simulation({ seed, latency: LATENCY });
  const servers = buildEnsemble(sim, { preset: 'book', size: shape.voters, observers: shape.observers });
  runUntilReady(sim, 30_000);
  const leader = leaderOf(sim);
  if (leader === undefined) throw new Error(`seed ${seed}: the ensemble has no leader`);
  const via = servers.slice(0, shape.voters).find((s) => s !== leader)!;

  const data = new Uint8Array(16);
  let reqId = 1;
  const submit = (client: NodeId, req: unknown): void => sim.request(client, { cmd: 'submit', handle: 1, reqId: reqId++, req });
  const setData = (c: NodeId): void => submit(c, { op: 'setData', path: `/${c}`, data, version: -1 });
  const getData = (c: NodeId): void => submit(c, { op: 'getData', path: '/', watch: false });

  const writers = Array.from({ length: load.writers }, (_, i) => `w${i + 1}`);
  const connected = new Set<NodeId>();
  sim.onOutput((from, value) => {
    const o = value as ClientOutput;
    const isWriter = from.startsWith('w');
    if (o.kind === 'state' && o.state === 'CONNECTED' && !connected.has(from)) {
      connected.add(from);
      if (isWriter) {
        submit(from, { op: 'create', opcode: 'create', path: `/${from}`, data, acl: OPEN_ACL_UNSAFE, flags: 0, ttl: -1 });
        setData(from);
      } else getData(from);
    } else if (o.kind === 'reply') {
      // A writer's create reply lands here too; only setData replies start its next write.
      if (!isWriter) getData(from);
      else if (o.body?.op !== 'create') setData(from);
    }
  });
  for (const id of [...writers, 'r1']) {
    sim.addNode(id, (nid) => new ClientNode(nid, { servers: [via], shuffle: false }));
    sim.request(id, { cmd: 'connect', handle: 1, sessionTimeoutMs: 30_000 });
  }

  sim.runFor(load.warmupMs);
  const t0 = sim.now;
  const from = sim.trace.length;
  sim.runFor(load.measureMs);
  const seconds = (sim.now - t0) / 1000;
  const trace: readonly TraceEvent[] = sim.trace;

  const isServer = new Set(servers);
  const sent = new Map<string, number>(); // client/xid -> send time
  const commitAt = new Map<string, number>(); // zxid hex -> the leader's commit time
  const writeSends: [number, string][] = []; // (send time, zxid) of writers' replies
  const readMs: number[] = [];
  const counts = emptyCounts();
  let commits = 0;
  for (let i = from; i < trace.length; i++) {
    const e = trace[i]!;
    if (e.kind === 'protocol' && e.node === leader && e.event.type === 'zab.commit') {
      commits++;
      commitAt.set(String(e.event['zxid']), e.time);
    } else if (e.kind === 'send') {
      const m = e.msg as Msg;
      if (isServer.has(e.from) && isServer.has(e.to) && m.type !== undefined && m.type !== 'PING') {
        const t = (WRITE_MESSAGE_TYPES as readonly string[]).includes(m.type) ? (m.type as WriteMessageType) : 'other';
        counts[t]++;
      }
      if (m.kind === 'request' && m.req?.op !== 'ping') sent.set(`${e.from}/${m.xid}`, e.time);
    } else if (e.kind === 'deliver') {
      const m = e.msg as Msg;
      if (m.kind !== 'reply' || m.xid === undefined || m.xid < 0) continue;
      const s = sent.get(`${e.to}/${m.xid}`);
      if (s === undefined) continue;
      if (e.to.startsWith('w')) writeSends.push([s, hex(m.zxid!)]);
      else readMs.push(e.time - s);
    }
  }
  if (commits === 0) throw new Error(`seed ${seed}: no write committed while measuring`);
  const commitMs = writeSends.flatMap(([s, z]) => {
    const c = commitAt.get(z);
    return c === undefined ? [] : [c - s];
  });
  const perWrite = emptyCounts();
  for (const t of Object.keys(counts) as WriteMessageType[]) perWrite[t] = counts[t] / commits;
  return { seed, leader, via, writesPerSec: commits / seconds, commitMs: median(commitMs), readMs: median(readMs), perWrite };
}

/** `shape` under `load`: one run per seed, and their means. */
export function measureShape(shape: EnsembleShape, load: LoadOptions = FIGURE_LOAD): ShapeMeasurement {
  checkShape(shape);
  checkLoad(load);
  const runs = load.seeds.map((seed) => measureRun(shape, seed, load));
  const perWrite = emptyCounts();
  for (const t of Object.keys(perWrite) as WriteMessageType[]) perWrite[t] = mean(runs.map((r) => r.perWrite[t]));
  const quorum = majority(shape.voters);
  return {
    voters: shape.voters,
    observers: shape.observers,
    quorum,
    tolerates: shape.voters - quorum,
    writesPerSec: mean(runs.map((r) => r.writesPerSec)),
    commitMs: mean(runs.map((r) => r.commitMs)),
    readMs: mean(runs.map((r) => r.readMs)),
    messagesPerWrite: Object.values(perWrite).reduce((a, b) => a + b, 0),
    perWrite,
    runs,
  };
}

/** Every shape the figure offers, voters first. */
export function figureShapes(): EnsembleShape[] {
  return VOTER_CHOICES.flatMap((voters) => OBSERVER_CHOICES.map((observers) => ({ voters, observers })));
}
