/**
 * Engine benchmarks, headless in Node: kernel events per second (nodes ping-ponging over
 * FIFO connections with random latency), data-tree operations per second (create, setData,
 * getData, delete straight on the DataTree), and whole client requests per second through
 * kernel + client + standalone server on virtual time.
 */
import { Simulation } from '../../playground/sim/simulation.ts';
import { runAsync } from '../../playground/sim/async-driver.ts';
import type { Effect, Input, NodeContext, SimNode } from '../../playground/sim/types.ts';
import { DataTree } from '../../playground/zk/data-tree.ts';
import { OPEN_ACL_UNSAFE } from '../../playground/zk/acl.ts';
import { ZooKeeperServer } from '../../playground/zk/server.ts';
import { connect } from '../../playground/client/index.ts';
import type { Figure } from './figure.ts';

/** Each node answers every ping with a ping back, so traffic never stops until the budget. */
class Pinger implements SimNode {
  readonly id: string;
  private readonly peers: string[];
  constructor(id: string, peers: string[]) {
    this.id = id;
    this.peers = peers;
  }
  step(input: Input, _ctx: NodeContext): Effect[] {
    switch (input.kind) {
      case 'start':
        return this.peers.filter((p) => p > this.id).map((to) => ({ kind: 'connect', to }));
      case 'connectFailed': // the peer was not booted yet: try again
        return [{ kind: 'connect', to: input.peer }];
      case 'connected':
        return [{ kind: 'send', to: input.peer, msg: 0 }];
      case 'message':
        return [{ kind: 'send', to: input.from, msg: (input.msg as number) + 1 }];
      default:
        return [];
    }
  }
}

function perSecond(count: number, ns: bigint): number {
  return Math.round(count / (Number(ns) / 1e9));
}

function kernelEvents(): Figure {
  const ids = ['n1', 'n2', 'n3', 'n4', 'n5'];
  const sim = new Simulation({ seed: 7, latency: { minMs: 1, maxMs: 5 } });
  for (const id of ids) sim.addNode(id, (me) => new Pinger(me, ids));
  const events = 300_000;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < events; i++) if (!sim.step()) throw new Error('kernel bench ran dry');
  return { name: 'kernel events/s (5 nodes, 10 FIFO connections)', value: perSecond(events, process.hrtime.bigint() - t0), unit: 'events/s' };
}

function dataTreeOps(): Figure {
  const tree = new DataTree();
  const n = 20_000;
  let zxid = 1n;
  const t0 = process.hrtime.bigint();
  const data = new Uint8Array([1, 2, 3]);
  for (let i = 0; i < n; i++) tree.createNode(`/n${i}`, data, OPEN_ACL_UNSAFE, 0n, -1, zxid++, 0);
  for (let i = 0; i < n; i++) tree.setData(`/n${i}`, data, i, zxid++, 0);
  for (let i = 0; i < n; i++) tree.getData(`/n${i}`);
  for (let i = 0; i < n; i++) tree.deleteNode(`/n${i}`, zxid++);
  return { name: 'data-tree ops/s (create, setData, getData, delete)', value: perSecond(4 * n, process.hrtime.bigint() - t0), unit: 'ops/s' };
}

async function clientRequests(): Promise<Figure> {
  const sim = new Simulation({ seed: 3 });
  sim.addNode('s1', (id) => new ZooKeeperServer(id, { tickTime: 200 }));
  const n = 5_000;
  let t0 = 0n;
  const result = await runAsync(sim, async () => {
    const zk = await connect(sim, { id: 'c1', servers: ['s1'], sessionTimeoutMs: 4000 });
    t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) await zk.create(`/r${i}`, 'x');
  });
  if (!result.ok) throw new Error('client bench did not finish');
  return { name: 'client requests/s (create, one client, standalone)', value: perSecond(n, process.hrtime.bigint() - t0), unit: 'req/s' };
}

export async function bench(): Promise<Figure[]> {
  return [kernelEvents(), dataTreeOps(), await clientRequests()];
}
