/**
 * The client's timers and its own `jute.maxbuffer`, as the Java client's send thread runs
 * them (ZooKeeper 3.8.4, `ClientCnxn.SendThread.run`, `readResponse`, `startConnect`,
 * `ClientCnxnSocket.readLength`): the shared turn of the loop (`send-loop.ts`) on its own, then
 * the simulated client in a simulation: the idle ping every readTimeout/2 = T/3, `lastZxid`
 * left alone by pings, no random pause before a connection of the handle has ever opened and
 * one after, and a reply longer than the client's `jute.maxbuffer` losing the connection.
 */
import { describe, expect, it } from 'vitest';
import { Simulation, runAsync, sleep, type TraceEvent } from '../../../playground/sim/index.ts';
import { connect, createClient } from '../../../playground/client/index.ts';
import type { WatcherEvent } from '../../../playground/client/index.ts';
import { HostWalk, sendLoopTurn, shuffleHosts } from '../../../playground/client/send-loop.ts';
import { checkJuteMaxBuffer, packetLenProblem } from '../../../playground/client/packet-length.ts';
import { ZooKeeperServer } from '../../../playground/zk/server.ts';
import { serverConfigOf } from '../../../playground/zab/presets.ts';
import { Xid, serverFrameLength } from '../../../playground/zk/protocol.ts';

const CONFORMANCE_SERVER_CONFIG = serverConfigOf('conformance');

function newSim(seed = 3, servers: readonly string[] = ['s1']): Simulation {
  const sim = new Simulation({ seed });
  for (const s of servers) sim.addNode(s, (id) => new ZooKeeperServer(id, CONFORMANCE_SERVER_CONFIG));
  return sim;
}

async function run<T>(sim: Simulation, main: () => Promise<T>): Promise<T> {
  const r = await runAsync(sim, main, { maxTimeMs: 3_600_000 });
  if (!r.ok) throw 'error' in r ? r.error : new Error(r.stuck);
  return r.value;
}

type Sent = Extract<TraceEvent, { kind: 'send' }>;
const sends = (sim: Simulation, from: string): Sent[] => sim.trace.filter((e): e is Sent => e.kind === 'send' && e.from === from);
const isPing = (e: Sent): boolean => (e.msg as { req?: { op: string } }).req?.op === 'ping';
const connectRequests = (sim: Simulation, from: string): bigint[] =>
  sends(sim, from)
    .map((e) => e.msg as { kind: string; lastZxidSeen?: bigint })
    .filter((m) => m.kind === 'connect')
    .map((m) => m.lastZxidSeen!);

describe('the send loop (SendThread.run), on its own', () => {
  const T = 4000; // readTimeout 2666, readTimeout/2 1333
  const at = (idleRecv: number, idleSend: number, connected = true) => sendLoopTurn({ connected, readTimeout: 2666, connectTimeout: T, idleRecv, idleSend });

  it('waits readTimeout/2 after a send when it woke within the first second', () => {
    expect(at(0, 0)).toEqual({ kind: 'wait', ping: false, waitMs: 1333, timeoutInMs: 2666, pingInMs: 1333 });
    expect(at(3, 3)).toMatchObject({ ping: false, pingInMs: 1330 });
    expect(at(1333, 1333)).toMatchObject({ ping: true });
  });

  it('pings a second early when the loop last woke more than a second after the last send', () => {
    const t30 = (idleSend: number) => sendLoopTurn({ connected: true, readTimeout: 20000, connectTimeout: 30000, idleRecv: 0, idleSend });
    expect(t30(1000)).toMatchObject({ ping: false, pingInMs: 9000 }); // ping at 10000 = readTimeout/2
    expect(t30(1500)).toMatchObject({ ping: false, pingInMs: 7500 }); // ping at 9000
    expect(at(0, 1000)).toMatchObject({ ping: false, pingInMs: 333 });
    expect(at(0, 1001)).toMatchObject({ ping: true });
  });

  it('gives the connection up after readTimeout of silence, or connectTimeout before the session', () => {
    expect(at(2666, 0)).toMatchObject({ kind: 'timedOut' });
    expect(at(2665, 0)).toMatchObject({ kind: 'wait', timeoutInMs: 1 });
    expect(at(3999, 0, false)).toEqual({ kind: 'wait', ping: false, waitMs: 1, timeoutInMs: 1, pingInMs: null });
    expect(at(4000, 0, false)).toMatchObject({ kind: 'timedOut' });
  });

  it('pings at least every 10 s however long the session timeout', () => {
    const long = (idleSend: number) => sendLoopTurn({ connected: true, readTimeout: 40000, connectTimeout: 60000, idleRecv: 0, idleSend });
    expect(long(10000)).toMatchObject({ ping: false });
    expect(long(10001)).toMatchObject({ ping: true });
  });

  it('walks the servers as StaticHostProvider, pausing at random only once a connection has opened', () => {
    const draws: number[] = [];
    const random = (n: number) => (draws.push(n), 7);
    const walk = new HostWalk(2);
    expect(walk.next(random)).toEqual({ index: 0, pauseMs: 0 });
    expect(walk.next(random)).toEqual({ index: 1, pauseMs: 0 }); // the first attempt failed: no pause
    expect(draws).toEqual([]);
    walk.tcpConnected();
    walk.sessionEstablished();
    expect(walk.next(random)).toEqual({ index: 0, pauseMs: 7 });
    expect(walk.next(random)).toEqual({ index: 1, pauseMs: 1007 }); // back at the last server: next(1000)
    expect(draws).toEqual([1000, 1000]);
    expect(() => new HostWalk(0)).toThrow(/at least one server/);
    expect(shuffleHosts(['a', 'b', 'c'], () => 0)).toEqual(['b', 'c', 'a']);
  });
});

describe('the simulated client runs the same loop', () => {
  it('pings an idle connection every readTimeout/2 = T/3 (1333 ms for T = 4 s)', async () => {
    const sim = newSim();
    await run(sim, async () => {
      await connect(sim, { id: 'c1', servers: ['s1'], sessionTimeoutMs: 4000 });
      await sleep(sim, 10_000);
    });
    const pings = sends(sim, 'c1').filter(isPing).map((e) => e.sentAt);
    expect(pings.length).toBeGreaterThanOrEqual(6);
    const gaps = pings.slice(1).map((t, i) => t - pings[i]!);
    expect(new Set(gaps)).toEqual(new Set([1333]));
  });

  it('lastZxid moves with replies to requests, never with a ping reply (which carries the server zxid)', async () => {
    const sim = newSim();
    let seen = 0n;
    let latest = 0n;
    await run(sim, async () => {
      const c1 = await connect(sim, { id: 'c1', servers: ['s1'], sessionTimeoutMs: 4000 });
      const c2 = await connect(sim, { id: 'c2', servers: ['s1'], sessionTimeoutMs: 4000 });
      await c1.create('/a', 'x');
      seen = (await c1.exists('/a'))!.mzxid;
      for (let i = 0; i < 3; i++) latest = (await c2.setData('/a', `v${i}`)).mzxid;
      await sleep(sim, 3000); // two pings of c1, answered with the server's newer zxid
      c1.dropConnection();
      await c1.whenConnected();
      await c1.getData('/a');
      c1.dropConnection();
      await c1.whenConnected();
    });
    const pingReplies = sim.trace.filter((e) => e.kind === 'deliver' && e.to === 'c1' && (e.msg as { xid?: number }).xid === Xid.PING);
    expect(pingReplies.some((e) => (e.kind === 'deliver' ? (e.msg as { zxid: bigint }).zxid : 0n) === latest)).toBe(true);
    expect(latest > seen).toBe(true);
    expect(connectRequests(sim, 'c1')).toEqual([0n, seen, latest]);
  });

  it('no random pause after an attempt that never connected; a drawn one after a connection was lost', async () => {
    const gapsAfterLoss: number[] = [];
    for (const seed of [1, 2, 3, 4, 5]) {
      const sim = newSim(seed, ['s1', 's2']);
      sim.crash('s1');
      await run(sim, async () => {
        const zk = await connect(sim, { id: 'c1', servers: ['s1', 's2'], sessionTimeoutMs: 4000, shuffle: false });
        const failed = sim.trace.find((e) => e.kind === 'connectFailed' && e.node === 'c1')!;
        const second = sim.trace.find((e) => e.kind === 'connect' && e.from === 'c1' && e.to === 's2')!;
        expect(second.time).toBe(failed.time); // isFirstConnect still true: startConnect does not sleep
        await sleep(sim, 100);
        zk.dropConnection(); // the walk goes on to s1 (still down), then back to s2
        const lostAt = sim.now;
        await zk.whenConnected();
        const next = sim.trace.filter((e) => e.kind === 'connect' && e.from === 'c1' && e.time >= lostAt)[0]!;
        gapsAfterLoss.push(next.time - lostAt);
      });
    }
    for (const g of gapsAfterLoss) expect(g >= 0 && g < 1000).toBe(true);
    expect(new Set(gapsAfterLoss).size).toBeGreaterThan(1);
  });
});

describe("the client's own jute.maxbuffer (ClientCnxnSocket.readLength)", () => {
  it('measures replies as the wire does: header 16 bytes, getData = data + 4 + stat 68', () => {
    const stat = { czxid: 1n, mzxid: 1n, ctime: 0, mtime: 0, version: 0, cversion: 0, aversion: 0, ephemeralOwner: 0n, dataLength: 3, numChildren: 0, pzxid: 1n };
    const getData = { op: 'getData', path: '/a', watch: false } as const;
    expect(serverFrameLength({ kind: 'reply', xid: 1, zxid: 1n, err: 0, body: { op: 'getData', data: new Uint8Array(911), stat } }, getData)).toBe(999);
    expect(serverFrameLength({ kind: 'reply', xid: 1, zxid: 1n, err: -101 }, getData)).toBe(16);
    const children = { op: 'getChildren', children: ['ab', 'c'], stat } as const;
    expect(serverFrameLength({ kind: 'reply', xid: 1, zxid: 1n, err: 0, body: children }, { op: 'getChildren', path: '/', watch: false })).toBe(16 + 4 + 6 + 5);
    expect(serverFrameLength({ kind: 'reply', xid: 1, zxid: 1n, err: 0, body: children }, { op: 'getChildren', path: '/', watch: false, withStat: true })).toBe(16 + 4 + 6 + 5 + 68);
    expect(packetLenProblem(1000, 1000)).toBeNull();
    expect(packetLenProblem(1001, 1000)).toBe('Packet len 1001 is out of range!');
    expect(packetLenProblem(-1, 1000)).toBe('Packet len -1 is out of range!');
  });

  it('a reply longer than the limit: CONNECTIONLOSS, Disconnected, reconnected on the same session; one at the limit is read', async () => {
    const sim = newSim();
    const events: WatcherEvent[] = [];
    const outcome: string[] = [];
    await run(sim, async () => {
      const writer = await connect(sim, { id: 'w', servers: ['s1'], sessionTimeoutMs: 4000 });
      await writer.create('/at', new Uint8Array(912)); // getData reply: 16 + 4 + 912 + 68 = 1000
      await writer.create('/over', new Uint8Array(913)); // 1001
      const zk = await connect(sim, { id: 'c1', servers: ['s1'], sessionTimeoutMs: 4000, juteMaxBuffer: 1000, watcher: (e) => events.push(e) });
      const session = zk.sessionId;
      outcome.push(`at: ${(await zk.getData('/at')).data!.length}`);
      const before = events.length;
      outcome.push(`over: ${await zk.getData('/over').then(() => 'ok', (e: { code: string }) => e.code)}`);
      await zk.whenConnected();
      outcome.push(`events: ${events.slice(before).map((e) => e.state).join(' ')}`);
      outcome.push(`same session: ${zk.sessionId === session}`);
      outcome.push(`writer unaffected: ${(await writer.getData('/over')).data!.length}`);
    });
    expect(outcome).toEqual(['at: 912', 'over: CONNECTIONLOSS', 'events: Disconnected SyncConnected', 'same session: true', 'writer unaffected: 913']);
    const lenError = sim.trace.find((e) => e.kind === 'protocol' && (e as { event?: { type?: string } }).event?.type === 'client.lenError');
    expect(lenError).toMatchObject({ event: { length: 1001, max: 1000 } });
  });

  it('refuses a bad juteMaxBuffer before adding anything', () => {
    const sim = newSim();
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      expect(() => createClient(sim, { id: 'c9', servers: ['s1'], juteMaxBuffer: bad })).toThrow(/juteMaxBuffer must be a positive integer/);
    }
    expect(sim.nodeIds()).toEqual(['s1']);
    expect(checkJuteMaxBuffer(undefined)).toBe(0xfffff);
  });
});
