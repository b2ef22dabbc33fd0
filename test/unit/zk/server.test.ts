/**
 * The standalone server node under the real kernel: handshake refusal of a client from the
 * future, jute.maxbuffer, restart recovery from the durable log, container/TTL reaping,
 * session expiry deleting ephemerals, and watch-before-reply ordering.
 */
import { describe, expect, it } from 'vitest';
import { type Simulation, sleep } from '../../../playground/sim/index.ts';
import type { Effect, NodeContext } from '../../../playground/sim/types.ts';
import { connect } from '../../../playground/client/zookeeper.ts';
import { ZooKeeperServer } from '../../../playground/zk/server.ts';
import type { ServerMessage } from '../../../playground/zk/protocol.ts';
import { CONFORMANCE_SERVER_CONFIG, runOn as run, standaloneSim } from '../client/standalone-sim.ts';

const newSim = (): Simulation => standaloneSim(7);

function fakeCtx(now = 0): NodeContext {
  return { id: 's1', now, wallNow: now, randomInt: () => 0, durable: () => undefined };
}

describe('ZooKeeperServer', () => {
  it('refuses a client whose lastZxidSeen is ahead, accepts one that is not', () => {
    const s = new ZooKeeperServer('s1', CONFORMANCE_SERVER_CONFIG);
    s.step({ kind: 'start' }, fakeCtx());
    s.step({ kind: 'connected', peer: 'c1' }, fakeCtx());
    const refused = s.step({ kind: 'message', from: 'c1', msg: { kind: 'connect', protocolVersion: 0, lastZxidSeen: 5n, timeOut: 4000, sessionId: 0n, passwd: new Uint8Array(16), readOnly: false } }, fakeCtx());
    expect(refused.some((e: Effect) => e.kind === 'disconnect')).toBe(true);
    expect(refused.some((e: Effect) => e.kind === 'send')).toBe(false);
    s.step({ kind: 'connected', peer: 'c2' }, fakeCtx());
    const ok = s.step({ kind: 'message', from: 'c2', msg: { kind: 'connect', protocolVersion: 0, lastZxidSeen: 0n, timeOut: 100, sessionId: 0n, passwd: new Uint8Array(16), readOnly: false } }, fakeCtx());
    const resp = ok.find((e): e is Extract<Effect, { kind: 'send' }> => e.kind === 'send')!.msg as ServerMessage;
    expect(resp).toMatchObject({ kind: 'connectResponse', timeOut: 400, sessionId: 0x0100000000000000n });
    expect(s.lastProcessedZxid).toBe(1n); // createSession consumed a zxid
  });

  it('an over-size request closes the connection: CONNECTIONLOSS, nothing written, the client reconnects', async () => {
    const sim = newSim();
    const out = await run(sim, async () => {
      const zk = await connect(sim, { id: 'c1', servers: ['s1'], sessionTimeoutMs: 4000 });
      const big = await zk.create('/big', new Uint8Array(1_000_000)).then(
        () => 'ok',
        (e: { code: string }) => e.code,
      );
      const tooBig = await zk.create('/huge', new Uint8Array(1_048_576)).then(
        () => 'ok',
        (e: { code: string }) => e.code,
      );
      await sleep(sim, 3000);
      const state = zk.state;
      const exists = await zk.exists('/huge');
      return { big, tooBig, state, exists };
    });
    expect(out).toEqual({ big: 'ok', tooBig: 'CONNECTIONLOSS', state: 'CONNECTED', exists: null });
  });

  it('recovers the tree and sessions after a crash and restart', async () => {
    const sim = newSim();
    const out = await run(sim, async () => {
      const zk = await connect(sim, { id: 'c1', servers: ['s1'], sessionTimeoutMs: 10000 });
      await zk.create('/kept', 'v');
      await zk.create('/eph', '', undefined, 'EPHEMERAL');
      sim.crash('s1');
      await sleep(sim, 500);
      sim.restart('s1');
      await sleep(sim, 3000);
      const data = await zk.getData('/kept');
      const eph = await zk.exists('/eph');
      return { state: zk.state, data: new TextDecoder().decode(data.data!), eph: eph !== null };
    });
    expect(out).toEqual({ state: 'CONNECTED', data: 'v', eph: true });
  });

  it('reaps used empty containers and expired TTL nodes, not unused containers', async () => {
    const sim = newSim();
    const out = await run(sim, async () => {
      const zk = await connect(sim, { id: 'c1', servers: ['s1'], sessionTimeoutMs: 4000 });
      await zk.create('/c', null, undefined, 'CONTAINER');
      await zk.create('/unused', null, undefined, 'CONTAINER');
      await zk.create('/c/x');
      await zk.create('/t', null, undefined, 'PERSISTENT_WITH_TTL', 300);
      await zk.delete('/c/x');
      await sleep(sim, 1200);
      return [await zk.exists('/c'), await zk.exists('/t'), await zk.exists('/unused')].map((s) => s !== null);
    });
    expect(out).toEqual([false, false, true]);
  });

  it('expires a silent session: its ephemerals go and watchers hear it', async () => {
    const sim = newSim();
    const events: string[] = [];
    const out = await run(sim, async () => {
      const a = await connect(sim, { id: 'c1', servers: ['s1'], sessionTimeoutMs: 1000 });
      const b = await connect(sim, { id: 'c2', servers: ['s1'], sessionTimeoutMs: 4000, watcher: (e) => e.type !== 'None' && events.push(`${e.type} ${e.path}`) });
      await a.create('/e', '', undefined, 'EPHEMERAL');
      await b.exists('/e', true);
      sim.partition([['c1']]);
      await sleep(sim, 3000);
      sim.heal();
      await sleep(sim, 3000);
      const r = await a.getData('/').then(
        () => 'ok',
        (e: { code: string }) => e.code,
      );
      return { state: a.state, r, gone: (await b.exists('/e')) === null };
    });
    expect(out).toEqual({ state: 'CLOSED', r: 'SESSIONEXPIRED', gone: true });
    expect(events).toEqual(['NodeDeleted /e']);
  });

  it("a write's own watch event arrives before its reply", async () => {
    const sim = newSim();
    const order: string[] = [];
    await run(sim, async () => {
      const zk = await connect(sim, { id: 'c1', servers: ['s1'], sessionTimeoutMs: 4000, watcher: (e) => e.type !== 'None' && order.push('event') });
      await zk.create('/w', 'a');
      await zk.getData('/w', true);
      await zk.setData('/w', 'b');
      order.push('reply');
    });
    expect(order).toEqual(['event', 'reply']);
  });
});
