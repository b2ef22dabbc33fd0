/**
 * `node/real` against Debian's ZooKeeper 3.8 on loopback: one standalone server for
 * the whole file (a fresh path prefix per test), and one 3-server ensemble for the failover
 * test. Needs `/usr/bin/java` and the `zookeeper` package; run with
 * `npx vitest run -c test/real/vitest.real.config.ts`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, createClient } from '../../node/real/real-client.ts';
import type { RealZooKeeper } from '../../node/real/real-client.ts';
import type { WatcherEvent } from '../../playground/client/zookeeper.ts';
import type { ACL } from '../../playground/zk/acl.ts';
import { fourLetterWord, startEnsemble, startStandalone } from '../harness/zookeeper-server.ts';
import type { ZooKeeperCluster } from '../harness/zookeeper-server.ts';

const OPEN: ACL[] = [{ perms: 31, id: { scheme: 'world', id: 'anyone' } }];
const text = (b: Uint8Array | null): string | null => (b === null ? null : new TextDecoder().decode(b));
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A client whose default watcher records node events (and, separately, state events). */
async function client(connectString: string, sessionTimeoutMs = 4000, shuffle = true) {
  const events: { type: string; path: string | null }[] = [];
  const states: string[] = [];
  const watcher = (e: WatcherEvent): void => {
    if (e.type === 'None') states.push(e.state);
    else events.push({ type: e.type, path: e.path });
  };
  const zk = await connect({ connectString, sessionTimeoutMs, watcher, shuffle });
  return { zk, events, states };
}

async function until(cond: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'OK';
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
}

describe('real client on a standalone server', () => {
  let cluster: ZooKeeperCluster;
  let cs: string;
  const open: RealZooKeeper[] = [];
  const track = <T extends { zk: RealZooKeeper }>(c: T): T => (open.push(c.zk), c);

  beforeAll(async () => {
    cluster = await startStandalone();
    cs = cluster.connectString();
  });
  afterAll(async () => {
    for (const zk of open) await zk.close().catch(() => {});
    await cluster?.stop();
  });

  it('connects with a negotiated timeout clamped to the server bounds', async () => {
    const { zk, states } = track(await client(cs, 100));
    expect(zk.state).toBe('CONNECTED');
    expect(zk.sessionTimeout).toBe(400); // minSessionTimeout
    expect(zk.sessionId).not.toBe(0n);
    expect(states).toEqual(['SyncConnected']);
  });

  it('create / getData / setData / delete with stats', async () => {
    const { zk } = track(await client(cs));
    const c = await zk.createWithStat('/crud', 'hello');
    expect(c.path).toBe('/crud');
    expect(c.stat).toMatchObject({ version: 0, cversion: 0, aversion: 0, dataLength: 5, numChildren: 0, ephemeralOwner: 0n });
    expect(c.stat.czxid).toBe(c.stat.mzxid);
    expect(c.stat.pzxid).toBe(c.stat.czxid);
    const g = await zk.getData('/crud');
    expect(text(g.data)).toBe('hello');
    expect(g.stat).toEqual(c.stat);
    const s = await zk.setData('/crud', 'bye', 0);
    expect(s.version).toBe(1);
    expect(s.mzxid > c.stat.mzxid).toBe(true);
    expect(s.czxid).toBe(c.stat.czxid);
    const child = await zk.createWithStat('/crud/k', null);
    const parent = await zk.exists('/crud');
    expect(parent).toMatchObject({ cversion: 1, numChildren: 1, version: 1 });
    expect(parent!.pzxid).toBe(child.stat.czxid);
    expect(text((await zk.getData('/crud/k')).data)).toBe(null);
    expect(await zk.getChildren('/crud')).toEqual(['k']);
    const withStat = await zk.getChildrenWithStat('/crud');
    expect(withStat.stat.numChildren).toBe(1);
    await zk.delete('/crud/k', -1);
    await zk.delete('/crud', 1);
    expect(await zk.exists('/crud')).toBeNull();
    expect(() => zk.create('/crud-seq/', '', OPEN, 'PERSISTENT')).toThrow(expect.objectContaining({ code: 'ILLEGAL_ARGUMENT' }));
    await zk.create('/crud-seq');
    expect(await zk.create('/crud-seq/', '', OPEN, 'PERSISTENT_SEQUENTIAL')).toBe('/crud-seq/0000000000');
  });

  it('error codes: NODEEXISTS, NONODE, BADVERSION, NOTEMPTY, NOCHILDRENFOREPHEMERALS', async () => {
    const { zk } = track(await client(cs));
    await zk.create('/codes', 'x');
    expect(await codeOf(zk.create('/codes'))).toBe('NODEEXISTS');
    expect(await codeOf(zk.getData('/codes/missing'))).toBe('NONODE');
    expect(await codeOf(zk.create('/codes/missing/child'))).toBe('NONODE');
    expect(await codeOf(zk.setData('/codes', 'y', 5))).toBe('BADVERSION');
    expect(await codeOf(zk.delete('/codes', 5))).toBe('BADVERSION');
    await zk.create('/codes/c');
    expect(await codeOf(zk.delete('/codes', -1))).toBe('NOTEMPTY');
    await zk.create('/codes/e', null, OPEN, 'EPHEMERAL');
    expect(await codeOf(zk.create('/codes/e/x'))).toBe('NOCHILDRENFOREPHEMERALS');
    const err = await zk.getData('/codes/missing').catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'KeeperException', code: 'NONODE', intValue: -101, path: '/codes/missing' });
  });

  it('refuses before sending, as the Java client: paths, TTL/mode, empty ACL, empty multi', async () => {
    const { zk } = track(await client(cs));
    expect(() => zk.create('no-slash')).toThrow(expect.objectContaining({ code: 'ILLEGAL_ARGUMENT' }));
    expect(() => zk.getData('/a/')).toThrow(/Path must not end with \/ character/);
    expect(() => zk.create('/ttl-bad', '', OPEN, 'PERSISTENT', 100)).toThrow(/ttl not valid for mode/);
    expect(() => zk.create('/ttl-bad', '', OPEN, 'PERSISTENT_WITH_TTL')).toThrow(expect.objectContaining({ code: 'ILLEGAL_ARGUMENT' }));
    expect(() => zk.create('/acl-empty', '', [])).toThrow(expect.objectContaining({ code: 'INVALIDACL' }));
    expect(() => zk.setACL('/', [])).toThrow(expect.objectContaining({ code: 'INVALIDACL' }));
    expect(await zk.multi([])).toEqual([]);
    expect(() => zk.multi([{ type: 'check', path: '/', version: -1 }, { type: 'getData', path: '/' }])).toThrow(/Mixing read and write/);
  });

  it('a one-time watch fires before the reply of the write that caused it, and only once', async () => {
    const { zk, events } = track(await client(cs));
    await zk.create('/w1', 'a');
    await zk.getData('/w1', true);
    const order: string[] = [];
    const watcher = (e: WatcherEvent): void => void order.push(`event ${e.type} ${e.path}`);
    await zk.exists('/w1', watcher);
    const write = zk.setData('/w1', 'b').then(() => order.push('reply'));
    await write;
    expect(order).toEqual(['event NodeDataChanged /w1', 'reply']);
    expect(events).toEqual([{ type: 'NodeDataChanged', path: '/w1' }]); // default watcher, before the reply too
    await zk.setData('/w1', 'c');
    expect(events).toHaveLength(1);
    // an exists watch on a missing node fires NodeCreated for another client's create
    const other = track(await client(cs));
    expect(await zk.exists('/w1-new', true)).toBeNull();
    await other.zk.create('/w1-new');
    await until(() => events.length === 2, 2000, 'NodeCreated');
    expect(events[1]).toEqual({ type: 'NodeCreated', path: '/w1-new' });
  });

  it('a persistent recursive watch reports the subtree, never NodeChildrenChanged, and keeps firing', async () => {
    const { zk, events } = track(await client(cs));
    await zk.addWatch('/rw', 'PERSISTENT_RECURSIVE');
    await zk.create('/rw');
    await zk.create('/rw/a');
    await zk.create('/rw/a/b', 'x');
    await zk.setData('/rw/a/b', 'y');
    await zk.delete('/rw/a/b');
    await zk.setData('/rw', 'z');
    expect(events).toEqual([
      { type: 'NodeCreated', path: '/rw' },
      { type: 'NodeCreated', path: '/rw/a' },
      { type: 'NodeCreated', path: '/rw/a/b' },
      { type: 'NodeDataChanged', path: '/rw/a/b' },
      { type: 'NodeDeleted', path: '/rw/a/b' },
      { type: 'NodeDataChanged', path: '/rw' },
    ]);
    await zk.removeWatches('/rw', true, 'ANY');
    expect(events.at(-1)).toEqual({ type: 'PersistentWatchRemoved', path: '/rw' });
    await zk.setData('/rw', 'after');
    expect(events.at(-1)).toEqual({ type: 'PersistentWatchRemoved', path: '/rw' });
    expect(await codeOf(zk.removeWatches('/rw', true, 'ANY'))).toBe('NOWATCHER');
  });

  it('TTL and container nodes are created, and reaped by the server', async () => {
    const { zk } = track(await client(cs));
    const t = await zk.createWithStat('/ttl', 'x', OPEN, 'PERSISTENT_WITH_TTL', 300);
    expect(t.stat.ephemeralOwner).toBe(0n);
    expect(await zk.create('/ttl-seq-', null, OPEN, 'PERSISTENT_SEQUENTIAL_WITH_TTL', 60_000)).toMatch(/^\/ttl-seq-\d{10}$/);
    const c = await zk.createWithStat('/container', null, OPEN, 'CONTAINER');
    expect(c.stat.ephemeralOwner).toBe(0n);
    await zk.create('/container/child');
    await zk.delete('/container/child');
    await until(async () => (await zk.exists('/ttl')) === null && (await zk.exists('/container')) === null, 5000, 'TTL and container reaping');
  });

  it('multi: per-op results, and the Java error shape on failure', async () => {
    const { zk } = track(await client(cs));
    await zk.create('/mx');
    const ok = await zk.multi([
      { type: 'create', path: '/mx/a', data: 'a', acl: OPEN, mode: 'PERSISTENT', ttl: -1 },
      { type: 'create', path: '/mx/c', data: null, acl: OPEN, mode: 'CONTAINER', ttl: -1 },
      { type: 'setData', path: '/mx/a', data: 'b', version: 0 },
      { type: 'check', path: '/mx/a', version: 1 },
      { type: 'delete', path: '/mx/a', version: -1 },
    ]);
    expect(ok.map((r) => r.type)).toEqual(['create', 'create', 'setData', 'check', 'delete']);
    expect(ok[0]).toEqual({ type: 'create', path: '/mx/a' }); // plain create opcode: no stat
    expect(ok[1]).toMatchObject({ type: 'create', path: '/mx/c', stat: { numChildren: 0 } });
    const err = await zk
      .transaction()
      .create('/mx/b', '')
      .create('/mx/c', '')
      .setData('/mx', 'x')
      .commit()
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'NODEEXISTS', path: undefined });
    expect((err as { results: unknown[] }).results).toEqual([
      { type: 'error', err: 0 },
      { type: 'error', err: -110 },
      { type: 'error', err: -2 },
    ]);
    expect(await zk.exists('/mx/b')).toBeNull();
    const reads = await zk.multi([{ type: 'getData', path: '/mx' }, { type: 'getChildren', path: '/nope' }]);
    expect(reads).toEqual([expect.objectContaining({ type: 'getData', data: new Uint8Array(0) }), { type: 'error', err: -101 }]);
  });

  it('ACLs and authentication: digest identities, NOAUTH, AUTH_FAILED handle', async () => {
    const { zk } = track(await client(cs));
    await zk.addAuthInfo('digest', 'alice:secret');
    await zk.create('/acl', 'x', [{ perms: 31, id: { scheme: 'auth', id: '' } }]);
    expect((await zk.getACL('/acl')).acl).toEqual([{ perms: 31, id: { scheme: 'digest', id: 'alice:aYXlLOpEooaV1cRAvUL1fp9Qt7E=' } }]);
    const other = track(await client(cs));
    expect(await codeOf(other.zk.getData('/acl'))).toBe('NOAUTH');
    // exists checks READ on a node that is there from 3.8.4 (ZOOKEEPER-2590,
    // FinalRequestProcessor.java :372-382); Debian's 3.8.0, whose records the simulation follows
    // (conformance acl-digest-read-noauth-then-auth), predates it and answers the Stat.
    // A missing node answers null to anyone.
    const version = /Zookeeper version: (\d+)\.(\d+)\.(\d+)/.exec(await fourLetterWord(cluster.servers[0]!.clientPort, 'srvr'));
    const [major, minor, patch] = (version?.slice(1) ?? []).map(Number);
    expect(major, 'srvr names the server version').toBeDefined();
    const checksRead = major! > 3 || (major === 3 && (minor! > 8 || (minor === 8 && patch! >= 4)));
    expect(await codeOf(other.zk.exists('/acl'))).toBe(checksRead ? 'NOAUTH' : 'OK');
    expect(await other.zk.exists('/acl/none')).toBeNull();
    await other.zk.addAuthInfo('digest', 'alice:wrong');
    expect(await codeOf(other.zk.getData('/acl'))).toBe('NOAUTH');
    await other.zk.addAuthInfo('digest', 'alice:secret');
    expect(text((await other.zk.getData('/acl')).data)).toBe('x');
    const bad = await client(cs);
    await bad.zk.addAuthInfo('nosuch', 'x');
    expect(bad.zk.state).toBe('AUTH_FAILED');
    expect(bad.states).toEqual(['SyncConnected', 'AuthFailed']);
    expect(await codeOf(bad.zk.getData('/acl'))).toBe('AUTHFAILED');
    await bad.zk.close(); // returns without closing the session
    expect(bad.zk.state).toBe('AUTH_FAILED');
  });

  it('getEphemerals (string prefix) and getAllChildrenNumber', async () => {
    const { zk } = track(await client(cs));
    await zk.create('/eph');
    await zk.create('/eph/e1', null, OPEN, 'EPHEMERAL');
    await zk.create('/eph/ex', null, OPEN, 'EPHEMERAL');
    await zk.create('/eph/p');
    await zk.create('/eph/p/q');
    expect((await zk.getEphemerals('/eph/e')).sort()).toEqual(['/eph/e1', '/eph/ex']);
    expect(await zk.getAllChildrenNumber('/eph')).toBe(4);
    expect(await zk.sync('/eph')).toBe('/eph');
  });

  it('close deletes the session’s ephemerals; watchers elsewhere see it; the handle answers SESSIONEXPIRED', async () => {
    const a = await client(cs);
    const b = track(await client(cs));
    await a.zk.create('/close-e', null, OPEN, 'EPHEMERAL');
    await b.zk.exists('/close-e', true);
    await b.zk.getChildren('/', true);
    await a.zk.close();
    expect(a.zk.state).toBe('CLOSED');
    expect(a.states).toEqual(['SyncConnected', 'Closed']);
    await until(() => b.events.length >= 2, 2000, 'events of the close');
    expect(b.events).toEqual([
      { type: 'NodeDeleted', path: '/close-e' },
      { type: 'NodeChildrenChanged', path: '/' },
    ]);
    expect(await b.zk.exists('/close-e')).toBeNull();
    expect(await codeOf(a.zk.getData('/'))).toBe('SESSIONEXPIRED');
    expect(await a.zk.multi([])).toEqual([]);
    await a.zk.close(); // a second close does nothing
  });

  it('removeWatches keeps the server watch (events dropped); removeAllWatches removes it', async () => {
    const { zk, events } = track(await client(cs));
    await zk.create('/rm', 'a');
    await zk.getData('/rm', true);
    await zk.getChildren('/rm', true);
    await zk.removeWatches('/rm', true, 'DATA');
    expect(events).toEqual([{ type: 'DataWatchRemoved', path: '/rm' }]);
    expect(await codeOf(zk.removeWatches('/rm', true, 'DATA'))).toBe('NOWATCHER');
    await zk.setData('/rm', 'b'); // the server still fires; the client drops it
    await zk.removeAllWatches('/rm', 'CHILDREN');
    expect(events).toEqual([
      { type: 'DataWatchRemoved', path: '/rm' },
      { type: 'ChildWatchRemoved', path: '/rm' },
    ]);
    await zk.create('/rm/c');
    await sleep(100);
    expect(events).toHaveLength(2);
  });

  it('session expiry: cut off past the timeout, the reconnect learns Expired; later calls give SESSIONEXPIRED', async () => {
    const watcherSide = track(await client(cs));
    const { zk, states } = await client(cs, 1000);
    await zk.create('/exp', null, OPEN, 'EPHEMERAL');
    await watcherSide.zk.exists('/exp', true);
    const id = zk.sessionId;
    zk.dropConnection(1000 + 200 + 800); // T + one tick + margin
    await until(() => watcherSide.events.length === 1, 5000, 'the expired session’s ephemeral to go');
    expect(watcherSide.events).toEqual([{ type: 'NodeDeleted', path: '/exp' }]);
    await until(() => zk.state === 'CLOSED', 10_000, 'Expired');
    expect(states).toEqual(['SyncConnected', 'Disconnected', 'Expired']);
    expect(zk.sessionId).toBe(id);
    expect(await codeOf(zk.exists('/'))).toBe('SESSIONEXPIRED');
    await expect(zk.whenConnected()).rejects.toMatchObject({ code: 'SESSIONEXPIRED' });
    await zk.close();
    // a new handle is a new session
    const again = track(await client(cs));
    expect(again.zk.sessionId).not.toBe(id);
  });

  it('a dropped connection within the timeout keeps the session, its ephemerals and watches', async () => {
    const { zk, events, states } = track(await client(cs, 6000));
    await zk.create('/keep', 'a', OPEN, 'EPHEMERAL');
    await zk.getData('/keep', true);
    await zk.addWatch('/keep-p', 'PERSISTENT');
    const id = zk.sessionId;
    const before = zk.lastZxid;
    zk.dropConnection();
    const lost = await codeOf(zk.getData('/keep')); // queued, then sent after the reconnect
    expect(lost).toBe('OK');
    expect(states).toEqual(['SyncConnected', 'Disconnected', 'SyncConnected']);
    expect(zk.sessionId).toBe(id);
    expect(zk.lastZxid >= before).toBe(true);
    // watches were re-registered with setWatches2
    const other = track(await client(cs));
    await other.zk.setData('/keep', 'b');
    await other.zk.create('/keep-p');
    await until(() => events.length === 2, 2000, 're-registered watches to fire');
    expect(events).toEqual([
      { type: 'NodeDataChanged', path: '/keep' },
      { type: 'NodeCreated', path: '/keep-p' },
    ]);
  });

  it('pings keep an idle session alive well past its timeout', async () => {
    const { zk, states } = track(await client(cs, 600));
    await zk.create('/idle', null, OPEN, 'EPHEMERAL');
    await sleep(2500);
    expect(states).toEqual(['SyncConnected']);
    expect(await zk.exists('/idle')).not.toBeNull();
  });

  it('close twice at once: both resolve, the session is closed once', async () => {
    const { zk, states } = await client(cs);
    await Promise.all([zk.close(), zk.close()]);
    expect(zk.state).toBe('CLOSED');
    expect(states).toEqual(['SyncConnected', 'Closed']);
  });

  it('createClient returns at once in CONNECTING; calls queue until connected', async () => {
    const zk = createClient({ connectString: cs, sessionTimeoutMs: 4000 });
    open.push(zk);
    expect(zk.state).toBe('CONNECTING');
    expect(await zk.exists('/')).toMatchObject({ numChildren: expect.any(Number) });
    expect(zk.state).toBe('CONNECTED');
  });
});

describe('real client on a 3-server ensemble', () => {
  let cluster: ZooKeeperCluster;
  beforeAll(async () => {
    cluster = await startEnsemble(3);
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it('fails over to another server: CONNECTIONLOSS for in-flight requests, then the same session works', async () => {
    // No shuffle: the client connects to server 0 first.
    const { zk, states } = await client(cluster.connectString(), 10_000, false);
    expect(zk.connectedServer).toBe(cluster.servers[0]!.address);
    await zk.create('/fo', 'v1', OPEN, 'EPHEMERAL');
    const id = zk.sessionId;
    const first = cluster.servers[0]!;
    first.pause(); // freeze, so the next request is surely in flight
    const inFlight = codeOf(zk.getData('/fo'));
    await sleep(50);
    await first.stop();
    expect(await inFlight).toBe('CONNECTIONLOSS');
    await zk.whenConnected();
    expect(zk.sessionId).toBe(id);
    expect(zk.connectedServer).not.toBe(first.address);
    // one Disconnected per failed attempt (a server may refuse clients during an election)
    expect(states[0]).toBe('SyncConnected');
    expect(states.at(-1)).toBe('SyncConnected');
    expect(states.slice(1, -1).every((x) => x === 'Disconnected')).toBe(true);
    expect(states.length).toBeGreaterThanOrEqual(3);
    expect(text((await zk.getData('/fo')).data)).toBe('v1'); // the ephemeral survived
    await zk.setData('/fo', 'v2');
    const reader = await client(cluster.connectString([1, 2]), 10_000);
    await reader.zk.sync('/fo');
    expect(text((await reader.zk.getData('/fo')).data)).toBe('v2');
    await reader.zk.close();
    await zk.close();
  });

  it('survives the death of the leader it is connected to: new election, same session', async () => {
    for (const s of cluster.servers) if (!s.running) await s.start(); // the killed server rejoins
    const modes = await Promise.all(cluster.servers.map((s) => (s.running ? s.mode() : Promise.resolve(null))));
    const leader = modes.indexOf('leader');
    expect(leader).toBeGreaterThanOrEqual(0);
    const order = [leader, ...cluster.servers.map((_, i) => i).filter((i) => i !== leader)];
    const { zk, states } = await client(cluster.connectString(order), 10_000, false);
    expect(zk.connectedServer).toBe(cluster.servers[leader]!.address);
    await zk.create('/leader-e', 'x', OPEN, 'EPHEMERAL');
    const id = zk.sessionId;
    await cluster.servers[leader]!.stop();
    await until(() => zk.state === 'CONNECTING', 5000, 'the loss to be noticed');
    await zk.whenConnected();
    expect(zk.sessionId).toBe(id);
    expect(states.at(-1)).toBe('SyncConnected');
    expect(states).not.toContain('Expired');
    expect(await zk.exists('/leader-e')).not.toBeNull();
    await zk.setData('/leader-e', 'y'); // writes work: a new leader was elected
    await zk.close();
  });
});
