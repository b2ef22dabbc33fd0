/**
 * The client's timers and its own `jute.maxbuffer` on Debian's ZooKeeper 3.8 and on the
 * simulation, side by side (issue 14, items 3 and 6). Both clients run the Java send
 * thread's loop from `playground/client/send-loop.ts`; here the real server is the witness:
 *
 * - an idle session's pings, counted by the server itself (`cons`: packets received on the
 *   connection) over the same window as the simulated server's, about one per readTimeout/2 =
 *   T/3;
 * - a ping's reply carries the server's newest zxid on both (a raw ping on its own
 *   connection), yet the client's lastZxid stays at its last reply to a request;
 * - a reply longer than the client's `jute.maxbuffer` (getData, getChildren, getChildren2
 *   measured to the byte): CONNECTIONLOSS, Disconnected, SyncConnected on the same session,
 *   the same on both targets; one exactly at the limit is read.
 */
import { connect as netConnect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect as connectReal } from '../../node/real/real-client.ts';
import { JuteReader, encodeConnectRequest, encodeRequest, readReplyHeader } from '../../node/real/jute.ts';
import { connect as connectSim } from '../../playground/client/zookeeper.ts';
import type { WatcherEvent, ZooKeeperClient } from '../../playground/client/zookeeper.ts';
import { type Simulation, sleep as simSleep, type TraceEvent } from '../../playground/sim/index.ts';
import { Xid } from '../../playground/zk/protocol.ts';
import { fourLetterWord, startStandalone, type ZooKeeperCluster } from '../harness/zookeeper-server.ts';
import { codeOf, runOn as onSim, standaloneSim } from '../unit/client/standalone-sim.ts';

type Client = ZooKeeperClient & { whenConnected(): Promise<void> };
interface Target {
  open(options: { sessionTimeoutMs: number; juteMaxBuffer?: number; watcher?: (e: WatcherEvent) => void }): Promise<Client>;
  sleep(ms: number): Promise<void>;
}

const realSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function simTarget(sim: Simulation): Target {
  let n = 0;
  return {
    open: (o) => connectSim(sim, { id: `c${++n}`, servers: ['s1'], ...o }),
    sleep: (ms) => simSleep(sim, ms),
  };
}

function realTarget(connectString: string): Target {
  return { open: (o) => connectReal({ connectString, ...o }), sleep: realSleep };
}

const newSim = (): Simulation => standaloneSim(5);

/** A raw connection (a session of its own, so one more zxid): the handshake, then a ping; the ping reply's zxid. */
function rawPingZxid(port: number): Promise<bigint> {
  return new Promise((resolve, reject) => {
    const s = netConnect(port, '127.0.0.1');
    const frame = (b: Uint8Array): Buffer => {
      const len = Buffer.alloc(4);
      len.writeInt32BE(b.length);
      return Buffer.concat([len, Buffer.from(b)]);
    };
    let buf = Buffer.alloc(0);
    let frames = 0;
    s.on('connect', () => s.write(frame(encodeConnectRequest({ protocolVersion: 0, lastZxidSeen: 0n, timeOut: 4000, sessionId: 0n, passwd: new Uint8Array(16), readOnly: false }))));
    s.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      while (buf.length >= 4 && buf.length >= 4 + buf.readInt32BE(0)) {
        const body = new Uint8Array(buf.subarray(4, 4 + buf.readInt32BE(0)));
        buf = buf.subarray(4 + body.length);
        if (frames++ === 0) {
          s.write(frame(encodeRequest(Xid.PING, { type: 'ping' })));
          continue;
        }
        const h = readReplyHeader(new JuteReader(body));
        s.destroy();
        if (h.xid === Xid.PING) resolve(h.zxid);
        else reject(new Error(`expected a ping reply, got xid ${h.xid}`));
      }
    });
    s.on('error', reject);
  });
}

/** Packets the real server has received on the connection of `sessionId` (`cons`). */
async function received(port: number, sessionId: bigint): Promise<number> {
  const line = (await fourLetterWord(port, 'cons')).split('\n').find((l) => l.includes(`sid=0x${sessionId.toString(16)}`));
  const m = /recved=(\d+)/.exec(line ?? '');
  if (m === null) throw new Error(`no connection of session 0x${sessionId.toString(16)} in cons`);
  return Number(m[1]);
}

const WINDOW_MS = 9000;
const T = 4000;

describe('client timers and jute.maxbuffer: Debian ZooKeeper 3.8 vs the simulation', () => {
  let cluster: ZooKeeperCluster;
  let port: number;
  beforeAll(async () => {
    cluster = await startStandalone();
    port = cluster.servers[0]!.clientPort;
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  it('an idle session pings about every T/3, counted by each server over the same window', async () => {
    const zk = await connectReal({ connectString: cluster.connectString(), sessionTimeoutMs: T });
    await realSleep(200);
    const before = await received(port, zk.sessionId);
    await realSleep(WINDOW_MS);
    const real = (await received(port, zk.sessionId)) - before; // `cons` itself comes on a connection of its own
    await zk.close();

    const sim = newSim();
    const sim1 = await onSim(sim, async () => {
      const c = await connectSim(sim, { id: 'c1', servers: ['s1'], sessionTimeoutMs: T });
      await simSleep(sim, 200);
      const from = sim.now;
      await simSleep(sim, WINDOW_MS);
      const to = sim.now;
      await c.close();
      return sim.trace.filter((e: TraceEvent) => e.kind === 'deliver' && e.to === 's1' && e.from === 'c1' && e.time > from && e.time <= to).length;
    });
    // readTimeout/2 = 1333 ms: 6 or 7 pings in 9 s, by the window's phase (the old 1001 ms cadence gave 8 or 9)
    const period = Math.trunc((T * 2) / 3 / 2);
    expect([Math.floor(WINDOW_MS / period), Math.ceil(WINDOW_MS / period)]).toContain(sim1);
    expect(Math.abs(real - sim1), `real ${real}, sim ${sim1}`).toBeLessThanOrEqual(1);
  }, 30_000);

  it("a ping's reply carries the newest zxid, yet lastZxid stays at the last reply to a request", async () => {
    const steps = async (t: Target, pingZxid: () => Promise<bigint>, lastZxidOf: (c: Client) => Promise<bigint>) => {
      const c1 = await t.open({ sessionTimeoutMs: T });
      const c2 = await t.open({ sessionTimeoutMs: T });
      const base = `/lz-${Math.floor(Math.random() * 1e9)}`;
      await c1.create(base, 'x');
      const seen = (await c1.exists(base))!.mzxid;
      let latest = 0n;
      for (let i = 0; i < 3; i++) latest = (await c2.setData(base, `v${i}`)).mzxid;
      const ping = await pingZxid();
      await t.sleep(3000); // two idle pings of c1
      const kept = await lastZxidOf(c1);
      await c1.getData(base);
      const after = await lastZxidOf(c1);
      await c2.delete(base);
      await c1.close();
      await c2.close();
      return [ping >= latest ? 'ping reply: the newest write or later' : `ping reply: 0x${ping.toString(16)}`, kept === seen ? 'kept: last reply' : kept === latest ? 'kept: newest (from a ping)' : 'kept: ?', after >= ping && after > kept ? 'after a read: the server zxid the ping showed, or later' : 'after a read: ?'];
    };
    const real = await steps(
      realTarget(cluster.connectString()),
      () => rawPingZxid(port),
      async (c) => (c as unknown as { lastZxid: bigint }).lastZxid,
    );

    const sim = newSim();
    const simRows = await onSim(sim, () =>
      steps(
        simTarget(sim),
        async () => {
          // the simulated server's reply to c1's latest ping
          const replies = sim.trace.filter((e) => e.kind === 'deliver' && e.from === 's1' && (e.msg as { xid?: number }).xid === Xid.PING);
          await simSleep(sim, 1500);
          const next = sim.trace.filter((e) => e.kind === 'deliver' && e.from === 's1' && (e.msg as { xid?: number }).xid === Xid.PING).slice(replies.length);
          return next.length > 0 && next[0]!.kind === 'deliver' ? (next[0]!.msg as { zxid: bigint }).zxid : -1n;
        },
        async (c) => {
          // what the client would send as lastZxidSeen: drop the connection and read its ConnectRequest
          (c as unknown as { dropConnection(): void }).dropConnection();
          await c.whenConnected();
          const reqs = sim.trace.filter((e): e is Extract<TraceEvent, { kind: 'send' }> => e.kind === 'send' && (e.msg as { kind: string }).kind === 'connect');
          return (reqs[reqs.length - 1]!.msg as { lastZxidSeen: bigint }).lastZxidSeen;
        },
      ),
    );
    expect(real).toEqual(['ping reply: the newest write or later', 'kept: last reply', 'after a read: the server zxid the ping showed, or later']);
    expect(simRows).toEqual(real);
  }, 30_000);

  it("replies longer than the client's jute.maxbuffer: the same outcome on both", async () => {
    const steps = async (t: Target) => {
      const out: string[] = [];
      const base = `/mb-${Math.floor(Math.random() * 1e6)}`;
      const w = await t.open({ sessionTimeoutMs: T });
      await w.create(base, null);
      // getData reply: header 16 + data (4 + n) + stat 68
      await w.create(`${base}/at`, new Uint8Array(1000 - 88));
      await w.create(`${base}/over`, new Uint8Array(1001 - 88));
      // getChildren reply: 16 + 4 + (4 + name) per child; names of 6 characters: 98 children = 1000 bytes
      await w.create(`${base}/kids`, null);
      for (let i = 0; i < 98; i++) await w.create(`${base}/kids/k${String(i).padStart(5, '0')}`, null);
      const states: string[] = [];
      const zk = await t.open({ sessionTimeoutMs: T, juteMaxBuffer: 1000, watcher: (e) => e.type === 'None' && states.push(e.state) });
      const session = zk.sessionId;
      const call = async (name: string, p: Promise<unknown>) => {
        const code = await codeOf(p);
        await zk.whenConnected();
        out.push(`${name}: ${code}${states.length > 1 ? ` (${states.slice(1).join(' ')})` : ''}`);
        states.splice(1);
      };
      await call('getData at the limit', zk.getData(`${base}/at`));
      await call('getData one byte over', zk.getData(`${base}/over`));
      await call('getChildren at the limit', zk.getChildren(`${base}/kids`));
      await call('getChildren2 (68 bytes more)', zk.getChildrenWithStat(`${base}/kids`));
      await w.create(`${base}/kids/k99999`, null);
      await call('getChildren one child over', zk.getChildren(`${base}/kids`));
      out.push(`same session: ${zk.sessionId === session}`);
      await zk.close();
      await w.close();
      return out;
    };
    const real = await steps(realTarget(cluster.connectString()));
    const sim = newSim();
    const simOut = await onSim(sim, () => steps(simTarget(sim)));
    expect(real).toEqual([
      'getData at the limit: ok',
      'getData one byte over: CONNECTIONLOSS (Disconnected SyncConnected)',
      'getChildren at the limit: ok',
      'getChildren2 (68 bytes more): CONNECTIONLOSS (Disconnected SyncConnected)',
      'getChildren one child over: CONNECTIONLOSS (Disconnected SyncConnected)',
      'same session: true',
    ]);
    expect(simOut).toEqual(real);
  }, 60_000);
});
