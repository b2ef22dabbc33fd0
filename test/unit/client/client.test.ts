/**
 * The client API: local refusals (as the Java client), connection loss and reconnect with
 * watch re-registration, closed and AUTH_FAILED handles, multi results and errors.
 */
import { describe, expect, it } from 'vitest';
import { type Simulation, sleep } from '../../../playground/sim/index.ts';
import { Op, connect, createClient, decode } from '../../../playground/client/index.ts';
import type { WatcherEvent } from '../../../playground/client/index.ts';
import { codeOf, runOn as run, standaloneSim } from './standalone-sim.ts';

const newSim = (): Simulation => standaloneSim(3);

describe('client API', () => {
  it('refuses bad arguments before sending, like the Java client', async () => {
    const sim = newSim();
    await run(sim, async () => {
      const zk = await connect(sim, { id: 'c1', servers: ['s1'], sessionTimeoutMs: 4000 });
      expect(() => zk.create('a')).toThrow(expect.objectContaining({ code: 'ILLEGAL_ARGUMENT', message: 'Path must start with / character' }));
      expect(() => zk.getData('/a/')).toThrow(expect.objectContaining({ code: 'ILLEGAL_ARGUMENT' }));
      expect(() => zk.create('/t', null, undefined, 'PERSISTENT_WITH_TTL')).toThrow(expect.objectContaining({ code: 'ILLEGAL_ARGUMENT' }));
      expect(() => zk.create('/t', null, undefined, 'PERSISTENT', 100)).toThrow(expect.objectContaining({ code: 'ILLEGAL_ARGUMENT' }));
      expect(() => zk.create('/t', null, [])).toThrow(expect.objectContaining({ code: 'INVALIDACL' }));
      expect(() => zk.multi([Op.getData('/a'), Op.delete('/a')])).toThrow(expect.objectContaining({ code: 'ILLEGAL_ARGUMENT' }));
      expect(await zk.multi([])).toEqual([]);
      expect(await zk.create('/q/', null, undefined, 'PERSISTENT_SEQUENTIAL').catch((e: { code: string }) => e.code)).toBe('NONODE');
    });
  });

  it('multi: per-op results, and the first error with every result', async () => {
    const sim = newSim();
    await run(sim, async () => {
      const zk = await connect(sim, { id: 'c1', servers: ['s1'], sessionTimeoutMs: 4000 });
      const ok = await zk.transaction().create('/m', 'x').setData('/m', 'y').check('/m', 1).commit();
      expect(ok.map((r) => r.type)).toEqual(['create', 'setData', 'check']);
      const err = await zk.multi([Op.create('/n', null), Op.create('/m', null), Op.delete('/m')]).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'NODEEXISTS', results: [{ type: 'error', err: 0 }, { type: 'error', err: -110 }, { type: 'error', err: -2 }] });
      expect(await zk.exists('/n')).toBeNull();
    });
  });

  it('connection loss: Disconnected, in-flight CONNECTIONLOSS, reconnect, watches re-registered', async () => {
    const sim = newSim();
    const events: WatcherEvent[] = [];
    await run(sim, async () => {
      const a = await connect(sim, { id: 'c1', servers: ['s1'], sessionTimeoutMs: 6000, watcher: (e) => events.push(e) });
      const b = await connect(sim, { id: 'c2', servers: ['s1'], sessionTimeoutMs: 6000 });
      await b.create('/x', '0');
      await a.getData('/x', true);
      await a.exists('/later', true);
      sim.partition([['c1']]);
      const lost = codeOf(a.getData('/x'));
      await sleep(sim, 4500); // readTimeout = 4000
      expect(await lost).toBe('CONNECTIONLOSS');
      expect(a.state).toBe('CONNECTING');
      await b.setData('/x', '1');
      await b.create('/later');
      sim.heal();
      await sleep(sim, 3000);
      expect(a.state).toBe('CONNECTED');
      expect(decode((await a.getData('/x')).data)).toBe('1');
    });
    const seen = events.map((e) => `${e.type}:${e.state}:${e.path}`);
    expect(seen).toEqual(['None:SyncConnected:null', 'None:Disconnected:null', 'None:SyncConnected:null', 'NodeDataChanged:SyncConnected:/x', 'NodeCreated:SyncConnected:/later']);
  });

  it('after close every call is SESSIONEXPIRED; ephemerals are gone; a new handle works', async () => {
    const sim = newSim();
    await run(sim, async () => {
      const zk = await connect(sim, { id: 'c1', servers: ['s1'], sessionTimeoutMs: 4000 });
      await zk.create('/e', null, undefined, 'EPHEMERAL');
      expect(await zk.getEphemerals('/')).toEqual(['/e']);
      await zk.close();
      expect(zk.state).toBe('CLOSED');
      expect(await codeOf(zk.getData('/'))).toBe('SESSIONEXPIRED');
      await zk.close();
      const again = await connect(sim, { id: 'c1', servers: ['s1'], sessionTimeoutMs: 4000 });
      expect(await again.exists('/e')).toBeNull();
      expect(again.sessionId).not.toBe(zk.sessionId);
      expect(await codeOf(zk.exists('/'))).toBe('SESSIONEXPIRED');
    });
  });

  it('an unknown auth scheme makes the handle AUTH_FAILED for good', async () => {
    const sim = newSim();
    const states: string[] = [];
    await run(sim, async () => {
      const zk = await connect(sim, { id: 'c1', servers: ['s1'], sessionTimeoutMs: 4000, watcher: (e) => states.push(e.state) });
      await zk.addAuthInfo('digest', 'alice:secret');
      await zk.addAuthInfo('nosuch', 'x');
      expect(zk.state).toBe('AUTH_FAILED');
      expect(await codeOf(zk.exists('/'))).toBe('AUTHFAILED');
      await zk.close();
      await zk.addAuthInfo('digest', 'a:b');
    });
    expect(states).toEqual(['SyncConnected', 'AuthFailed']);
  });

  it('createClient resolves whenConnected; watchers are per object', async () => {
    const sim = newSim();
    const mine: string[] = [];
    await run(sim, async () => {
      const zk = createClient(sim, { id: 'c1', servers: ['s1'], sessionTimeoutMs: 4000 });
      expect(zk.state).toBe('CONNECTING');
      await zk.whenConnected();
      await zk.create('/p');
      await zk.addWatch('/p', 'PERSISTENT_RECURSIVE', (e) => mine.push(`${e.type} ${e.path}`));
      await zk.create('/p/a');
      await zk.setData('/p/a', 'x');
      expect(await zk.getAllChildrenNumber('/p')).toBe(1);
      await zk.removeWatches('/p', (e) => mine.push(String(e)), 'ANY').catch(() => undefined);
    });
    expect(mine).toEqual(['NodeCreated /p/a', 'NodeDataChanged /p/a']);
  });
});
