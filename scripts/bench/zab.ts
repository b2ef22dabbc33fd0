/**
 * Zab throughput of the simulation: a 5-server ensemble (book defaults, tickTime 200) under
 * a closed-loop write load — 10 clients spread over the servers, each keeping 8 setData
 * requests in flight — driven synchronously (client nodes commanded through `sim.request`,
 * replies read from `onOutput`, no promises). The figure is delivered messages (trace
 * `deliver` events: server↔server and client↔server) per second of wall-clock time, and per
 * second of CPU time (user + system, all threads: the collector's helpers included) — the
 * steadier figure on a machine shared with other work.
 *
 * The simulation runs as the explorer (`playground/explore/run.ts`) runs it: `new
 * Simulation({ seed, latency })` with the kernel's defaults — the full trace kept, every event
 * and message in it, durable storage unchecked (checked mode is for the unit tests). The
 * explorer's ensembles keep the book's history sizes (commitLogCount 8, snapCount 16): that is
 * the "book sizes" figure; the headline uses ZooKeeper's own sizes.
 */
import { Simulation } from '../../playground/sim/index.ts';
import { ClientNode } from '../../playground/client/client-node.ts';
import type { ClientCommand, ClientOutput } from '../../playground/client/client-node.ts';
import { OPEN_ACL_UNSAFE } from '../../playground/zk/acl.ts';
import { addEnsemble, runUntilReady } from '../../playground/zab/ensemble.ts';
import type { ZabConfig } from '../../playground/zab/config.ts';
import type { Figure } from './figure.ts';

const SERVERS = 5;
const CLIENTS = 10;
const IN_FLIGHT = 8;

/** ZooKeeper's own history sizes (the book shrinks them to 8 and 16 so every sync case shows). */
const ZOOKEEPER_SIZES = { commitLogCount: 500, snapCount: 100_000 };

function load(virtualMs: number, sizes: Partial<ZabConfig> = {}): { messages: number; writes: number; wallMs: number; cpuMs: number; virtualMs: number } {
  const sim = new Simulation({ seed: 42, latency: { minMs: 1, maxMs: 3 } });
  const servers = addEnsemble(sim, { size: SERVERS, config: { tickTime: 200, ...sizes } });
  runUntilReady(sim, 10_000);
  const data = new Uint8Array(16);
  let reqId = 1;
  let writes = 0;
  const submit = (c: string): void => {
    const cmd: ClientCommand = { cmd: 'submit', handle: 1, reqId: reqId++, req: { op: 'setData', path: `/${c}`, data, version: -1 } };
    sim.request(c, cmd);
  };
  const ready = new Set<string>();
  sim.onOutput((from, value) => {
    const o = value as ClientOutput;
    if (o.kind === 'state' && o.state === 'CONNECTED' && !ready.has(from)) {
      ready.add(from);
      sim.request(from, { cmd: 'submit', handle: 1, reqId: reqId++, req: { op: 'create', opcode: 'create', path: `/${from}`, data, acl: OPEN_ACL_UNSAFE, flags: 0, ttl: -1 } });
      for (let i = 0; i < IN_FLIGHT; i++) submit(from);
    } else if (o.kind === 'reply') {
      writes++;
      submit(from);
    }
  });
  for (let i = 0; i < CLIENTS; i++) {
    const id = `c${i + 1}`;
    const server = servers[i % SERVERS]!;
    sim.addNode(id, (nid) => new ClientNode(nid, { servers: [server], shuffle: false }));
    sim.request(id, { cmd: 'connect', handle: 1, sessionTimeoutMs: 30_000 });
  }
  const before = sim.trace.length;
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  sim.runFor(virtualMs);
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(c0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  let messages = 0;
  const trace = sim.trace;
  for (let i = before; i < trace.length; i++) if (trace[i]!.kind === 'deliver') messages++;
  return { messages, writes, wallMs, cpuMs, virtualMs };
}

export async function bench(): Promise<Figure[]> {
  const ms = Number(process.env['ZAB_BENCH_MS'] ?? 10_000);
  load(2_000, ZOOKEEPER_SIZES); // warm up the JIT
  const zk = load(ms, ZOOKEEPER_SIZES);
  const book = load(ms);
  const rate = (n: number, wallMs: number): number => Math.round(n / (wallMs / 1000));
  return [
    { name: 'zab: delivered messages/s (5 servers, write load)', value: rate(zk.messages, zk.wallMs), unit: 'msg/s' },
    { name: 'zab: delivered messages per CPU-second (same run)', value: rate(zk.messages, zk.cpuMs), unit: 'msg/cpu-s' },
    { name: 'zab: writes/s wall clock (5 servers)', value: rate(zk.writes, zk.wallMs), unit: 'writes/s' },
    { name: 'zab: delivered messages/s, book sizes (snapCount 16)', value: rate(book.messages, book.wallMs), unit: 'msg/s' },
    { name: 'zab: messages delivered per run', value: zk.messages, unit: 'msgs' },
    { name: 'zab: virtual writes/s (5 servers, 10 clients × 8 in flight)', value: Math.round(zk.writes / (zk.virtualMs / 1000)), unit: 'writes/s' },
  ];
}
