/**
 * `node scripts/ensemble-size-table.ts`: the table of the "Running ZooKeeper" chapter.
 * Prints, as Markdown, what the book's simulated ensemble does under a closed-loop write
 * load as the number of voting servers grows (3, 5, 7), and with 3 voters + 2 observers.
 *
 * Each run: the book's timing (the `book` preset, tickTime 400 ms) and network (every
 * message 5–20 ms, drawn per message, FIFO per connection); the ensemble elects a leader;
 * WRITERS clients connect to s1 (a follower in every configuration, so every write takes the
 * same path: client → s1 → leader → quorum → s1 → client) and each keeps one setData in
 * flight, on its own znode; one reader on s1 keeps one getData in flight (on an observer too,
 * when there are observers). After WARMUP_MS, the next MEASURE_MS of virtual time are counted,
 * from the trace alone:
 *
 * - writes committed per virtual second: `zab.commit` events at the leader;
 * - send → commit: from the writer's `send` of a setData to the leader's `zab.commit` of the
 *   zxid the reply names (median);
 * - read: from the reader's `send` of a getData to its reply's delivery (median);
 * - server-to-server messages per committed write (PROPOSAL, ACK, COMMIT, INFORM and the
 *   learners' forwarded REQUESTs; pings excluded).
 *
 * Figures are averaged over SEEDS seeds. These are virtual-time figures: the simulation
 * models message delay only — no CPU, no disk, no bandwidth — so they show the shape (more
 * voters, more ACKs to wait for, no more write throughput), not real numbers.
 */
import { Simulation } from '../playground/sim/index.ts';
import type { TraceEvent } from '../playground/sim/trace.ts';
import { ClientNode } from '../playground/client/client-node.ts';
import type { ClientOutput } from '../playground/client/client-node.ts';
import { OPEN_ACL_UNSAFE } from '../playground/zk/acl.ts';
import { hex } from '../playground/zk/txn.ts';
import { leaderOf, runUntilReady } from '../playground/zab/ensemble.ts';
import { buildEnsemble } from '../playground/zab/presets.ts';

const WRITERS = 8;
const WARMUP_MS = 2_000;
const MEASURE_MS = 20_000;
const SEEDS = [1, 2, 3, 4, 5];
const LATENCY = { minMs: 5, maxMs: 20 };

interface Config {
  readonly label: string;
  readonly voters: number;
  readonly observers: number;
}

const CONFIGS: Config[] = [
  { label: '3 voters', voters: 3, observers: 0 },
  { label: '5 voters', voters: 5, observers: 0 },
  { label: '7 voters', voters: 7, observers: 0 },
  { label: '3 voters + 2 observers', voters: 3, observers: 2 },
];

interface Result {
  readonly writesPerSec: number;
  readonly commitMs: number;
  readonly readMs: number;
  readonly observerReadMs: number | null;
  readonly messagesPerWrite: number;
  readonly leader: string;
}

function median(xs: number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

interface Msg {
  readonly kind?: string;
  readonly type?: string;
  readonly xid?: number;
  readonly zxid?: bigint;
  readonly req?: { readonly op?: string };
}

function run(config: Config, seed: number): Result {
  const sim = new Simulation({ seed, latency: LATENCY });
  const servers = buildEnsemble(sim, { preset: 'book', size: config.voters, observers: config.observers });
  runUntilReady(sim, 30_000);
  const leader = leaderOf(sim)!;
  if (leader === 's1') throw new Error('s1 leads: the writers would skip the forward to the leader');

  const data = new Uint8Array(16);
  let reqId = 1;
  const setData = (c: string): void =>
    sim.request(c, { cmd: 'submit', handle: 1, reqId: reqId++, req: { op: 'setData', path: `/${c}`, data, version: -1 } });
  const getData = (c: string): void => sim.request(c, { cmd: 'submit', handle: 1, reqId: reqId++, req: { op: 'getData', path: '/w1', watch: false } });

  const writers = Array.from({ length: WRITERS }, (_, i) => `w${i + 1}`);
  const readers = ['r1', ...(config.observers > 0 ? ['r2'] : [])];
  const observer = servers[config.voters];
  const created = new Set<string>();
  sim.onOutput((from, value) => {
    const o = value as ClientOutput;
    const isWriter = from.startsWith('w');
    if (o.kind === 'state' && o.state === 'CONNECTED' && !created.has(from)) {
      created.add(from);
      if (isWriter) {
        sim.request(from, { cmd: 'submit', handle: 1, reqId: reqId++, req: { op: 'create', opcode: 'create', path: `/${from}`, data, acl: OPEN_ACL_UNSAFE, flags: 0, ttl: -1 } });
        setData(from);
      } else getData(from);
    } else if (o.kind === 'reply') {
      if (isWriter) {
        // The create's reply also lands here; only setData replies start the next write.
        if (o.body?.op !== 'create') setData(from);
      } else getData(from);
    }
  });
  for (const id of writers) {
    sim.addNode(id, (nid) => new ClientNode(nid, { servers: ['s1'], shuffle: false }));
    sim.request(id, { cmd: 'connect', handle: 1, sessionTimeoutMs: 30_000 });
  }
  readers.forEach((id, i) => {
    const server = i === 0 ? 's1' : observer!;
    sim.addNode(id, (nid) => new ClientNode(nid, { servers: [server], shuffle: false }));
    sim.request(id, { cmd: 'connect', handle: 1, sessionTimeoutMs: 30_000 });
  });

  sim.runFor(WARMUP_MS);
  const t0 = sim.now;
  const from = sim.trace.length;
  sim.runFor(MEASURE_MS);
  const t1 = sim.now;
  const trace: readonly TraceEvent[] = sim.trace;

  const sent = new Map<string, number>(); // client/xid -> send time
  const commitAt = new Map<string, number>(); // zxid hex -> leader commit time
  const writeZxid: [number, string][] = []; // (send time, zxid) of setData replies
  const readMs: number[] = [];
  const observerReadMs: number[] = [];
  let commits = 0;
  let serverMessages = 0;
  const isServer = (id: string): boolean => servers.includes(id);
  for (let i = from; i < trace.length; i++) {
    const e = trace[i]!;
    if (e.kind === 'protocol' && e.node === leader && e.event.type === 'zab.commit') {
      commits++;
      commitAt.set(String(e.event['zxid']), e.time);
    } else if (e.kind === 'send') {
      const m = e.msg as Msg;
      if (isServer(e.from) && isServer(e.to) && m.type !== undefined && m.type !== 'PING') serverMessages++;
      if (m.kind === 'request' && m.req?.op !== 'ping') sent.set(`${e.from}/${m.xid}`, e.time);
    } else if (e.kind === 'deliver') {
      const m = e.msg as Msg;
      if (m.kind !== 'reply' || m.xid === undefined || m.xid < 0) continue;
      const s = sent.get(`${e.to}/${m.xid}`);
      if (s === undefined) continue;
      if (e.to.startsWith('w')) writeZxid.push([s, hex(m.zxid!)]);
      else if (e.to === 'r1') readMs.push(e.time - s);
      else observerReadMs.push(e.time - s);
    }
  }
  const commitMs = writeZxid.flatMap(([s, z]) => {
    const c = commitAt.get(z);
    return c === undefined ? [] : [c - s];
  });
  return {
    writesPerSec: commits / ((t1 - t0) / 1000),
    commitMs: median(commitMs),
    readMs: median(readMs),
    observerReadMs: observerReadMs.length > 0 ? median(observerReadMs) : null,
    messagesPerWrite: serverMessages / commits,
    leader,
  };
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

console.log('| ensemble | ACKs awaited | writes/s | write → commit (ms) | read (ms) | messages per write |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
const observerReads: string[] = [];
for (const config of CONFIGS) {
  const results = SEEDS.map((seed) => run(config, seed));
  const quorum = Math.floor(config.voters / 2) + 1;
  if (results.every((r) => r.observerReadMs !== null)) observerReads.push(`${config.label}: ${mean(results.map((r) => r.observerReadMs!)).toFixed(1)} ms`);
  console.log(
    `| ${config.label} | ${quorum - 1} | ${mean(results.map((r) => r.writesPerSec)).toFixed(0)} | ${mean(results.map((r) => r.commitMs)).toFixed(1)} | ${mean(results.map((r) => r.readMs)).toFixed(1)} | ${mean(results.map((r) => r.messagesPerWrite)).toFixed(1)} |`,
  );
}
console.log();
console.log('ACKs awaited: follower ACKs the leader needs besides its own. writes/s: commits at the leader per virtual second.');
console.log('write → commit: median time from a writer sending setData to the leader committing it. read: median getData round trip on s1.');
console.log('messages per write: server-to-server messages (pings excluded) per committed write.');
console.log(`Read on an observer: ${observerReads.join('; ')}.`);
console.log(`${WRITERS} writers on s1, one setData in flight each; ${MEASURE_MS / 1000} virtual seconds after a ${WARMUP_MS / 1000} s warm-up; mean of seeds ${SEEDS.join(', ')}; every message delayed ${LATENCY.minMs}–${LATENCY.maxMs} ms. Virtual time: no CPU, disk or bandwidth is modelled.`);
