/**
 * Runs one conformance scenario against a fresh simulation and returns its normalized
 * record (the format of /work/shared/conformance/README.md, "Record format").
 *
 * Server settings are the recording server's (`CONFORMANCE_SERVER_CONFIG`). Scenarios with
 * `requires: ["ensemble"]` run on a 3-server Zab ensemble (`connect` steps name server
 * 0..2 → s1..s3); any other scenario runs on one standalone server, or, with
 * `{ ensemble: true }`, on a 3-server ensemble with every client on s1 (a follower). On an
 * ensemble the runner waits for an established leader and every server serving before the
 * first step. Each client name gets one client node; a `connect` after `close` or expiry
 * opens a new handle (a new session) on the same node. Steps run strictly one after
 * another inside `runAsync`; events are recorded per the README's "Normalization → Events".
 *
 * Pure (no Node APIs): the CLI and the tests do the file I/O. Imports the kernel, the
 * client facade, zk modules and the Zab ensemble.
 */
import { Simulation, runAsync, sleep } from '../sim/index.ts';
import { createClient, pendingCalls } from '../client/zookeeper.ts';
import type { Op, SimZooKeeper, WatcherEvent } from '../client/zookeeper.ts';
import { OPEN_ACL_UNSAFE } from '../zk/acl.ts';
import { KeeperException, codeName } from '../zk/errors.ts';
import { CONFORMANCE_SERVER_CONFIG, ZooKeeperServer } from '../zk/server.ts';
import type { CreateMode, Stat } from '../zk/stat.ts';
import type { MultiResult } from '../zk/protocol.ts';
import { addEnsemble, peerOf, whenReady } from '../zab/ensemble.ts';
import type { ZabConfig } from '../zab/config.ts';
import { aclOf, dataOf } from './scenario.ts';
import type { Scenario, StepSpec } from './scenario.ts';
import { normalizeAcl, normalizeRecord } from './normalize.ts';
import type { RawStat } from './normalize.ts';

/** One recorded event. */
export interface RecordedEvent {
  readonly type: string;
  readonly path: string | null;
}

interface ClientSlot {
  zk: SimZooKeeper | null;
  sessions: number;
  queue: RecordedEvent[];
}

const SERVER = 's1';
const DEFAULT_TIMEOUT = 4000;
const ENSEMBLE_SIZE = 3;

/** The recording ensemble's settings (tickTime 200; initLimit/syncLimit of the sample config). */
export const CONFORMANCE_ZAB_CONFIG: Partial<ZabConfig> = {
  tickTime: CONFORMANCE_SERVER_CONFIG.tickTime!,
  initLimit: 10,
  syncLimit: 5,
  server: {
    minSessionTimeout: CONFORMANCE_SERVER_CONFIG.minSessionTimeout!,
    maxSessionTimeout: CONFORMANCE_SERVER_CONFIG.maxSessionTimeout!,
    extendedTypesEnabled: CONFORMANCE_SERVER_CONFIG.extendedTypesEnabled!,
    containerCheckIntervalMs: CONFORMANCE_SERVER_CONFIG.containerCheckIntervalMs!,
    maxNeverUsedIntervalMs: CONFORMANCE_SERVER_CONFIG.maxNeverUsedIntervalMs!,
    juteMaxBuffer: CONFORMANCE_SERVER_CONFIG.juteMaxBuffer!,
  },
};

export interface RunOptions {
  /** Run on a 3-server ensemble even if the scenario does not require one. */
  readonly ensemble?: boolean;
}

function st(s: Stat | null): RawStat | null {
  return s === null ? null : { __stat: s };
}

function errorResult(e: unknown): Record<string, unknown> {
  if (e instanceof KeeperException) {
    const r: Record<string, unknown> = { error: e.code };
    if (e.results !== undefined) r['results'] = (e.results as MultiResult[]).map((x) => ({ error: x.type === 'error' ? codeName(x.err) : 'OK' }));
    return r;
  }
  if (typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'ILLEGAL_ARGUMENT') {
    return { error: 'ILLEGAL_ARGUMENT', message: (e as Error).message };
  }
  return { error: 'SYSTEMERROR', message: String(e) };
}

function multiOps(step: StepSpec): Op[] {
  return (step.ops ?? []).map((o): Op => {
    switch (o.op) {
      case 'create':
        return { type: 'create', path: o.path, data: dataOf(o.data), acl: o.acl ? aclOf(o.acl) : OPEN_ACL_UNSAFE, mode: (o.mode ?? 'PERSISTENT') as CreateMode, ttl: o.ttl ?? -1 };
      case 'delete':
        return { type: 'delete', path: o.path, version: o.version ?? -1 };
      case 'setData':
        return { type: 'setData', path: o.path, data: dataOf(o.data), version: o.version ?? -1 };
      case 'check':
        return { type: 'check', path: o.path, version: o.version ?? -1 };
    }
  });
}

function multiResult(r: MultiResult): Record<string, unknown> {
  switch (r.type) {
    case 'create':
      return r.stat === undefined ? { op: 'create', path: r.path } : { op: 'create', path: r.path, stat: st(r.stat) };
    case 'delete':
      return { op: 'delete' };
    case 'setData':
      return { op: 'setData', stat: st(r.stat) };
    case 'check':
      return { op: 'check' };
    case 'error':
      return { error: codeName(r.err) };
  }
}

/** Run a scenario; resolves with the normalized record. */
export async function runScenario(scenario: Scenario, seed = 1, options: RunOptions = {}): Promise<unknown> {
  const sim = new Simulation({ seed, latency: { minMs: 1, maxMs: 5 } });
  const onEnsemble = options.ensemble === true || scenario.requires?.includes('ensemble') === true;
  const servers = onEnsemble ? addEnsemble(sim, { size: ENSEMBLE_SIZE, config: CONFORMANCE_ZAB_CONFIG }) : [SERVER];
  if (!onEnsemble) sim.addNode(SERVER, (id) => new ZooKeeperServer(id, CONFORMANCE_SERVER_CONFIG));
  const serverFor = (index: number | undefined): string => servers[index ?? 0] ?? SERVER;
  /** Does any running server still have the session in its committed table? */
  const sessionLives = (id: bigint): boolean =>
    servers.some((s) => (onEnsemble ? peerOf(sim, s)?.db.sessionsWithTimeouts.has(id) : (sim.instanceOf(s) as ZooKeeperServer | undefined)?.sessionsWithTimeouts.has(id)) === true);
  const clients = new Map<string, ClientSlot>();
  const owners = new Map<bigint, string>();
  const steps: Record<string, unknown>[] = [];

  const slot = (name: string): ClientSlot => {
    let s = clients.get(name);
    if (s === undefined) clients.set(name, (s = { zk: null, sessions: 0, queue: [] }));
    return s;
  };

  const drain = (name: string): RecordedEvent[] => slot(name).queue.splice(0);

  const waitEvents = async (ms: number): Promise<Record<string, RecordedEvent[]>> => {
    await sleep(sim, ms, 'waitEvents');
    const out: Record<string, RecordedEvent[]> = {};
    for (const [name, s] of clients) {
      const evs = s.queue.splice(0);
      if (evs.length > 0) out[name] = evs;
    }
    return out;
  };

  const runStep = async (step: StepSpec): Promise<Record<string, unknown>> => {
    const name = step.client ?? '';
    const s = step.client !== undefined ? slot(name) : undefined;
    const zk = (): SimZooKeeper => {
      if (s?.zk == null) throw new KeeperException('SESSIONEXPIRED');
      return s.zk;
    };
    const path = step.path ?? '';
    switch (step.op) {
      case 'connect': {
        const c = s!;
        const watcher = (e: WatcherEvent): void => {
          if (e.type !== 'None') c.queue.push({ type: e.type, path: e.path });
        };
        const h = createClient(sim, { id: name, servers: [serverFor(step.server)], sessionTimeoutMs: step.sessionTimeoutMs ?? scenario.sessionTimeoutMs ?? DEFAULT_TIMEOUT, watcher, shuffle: false });
        c.zk = h;
        await h.whenConnected();
        c.sessions++;
        owners.set(h.sessionId, c.sessions === 1 ? name : `${name}#${c.sessions}`);
        return { ok: true };
      }
      case 'close':
        if (s?.zk) await s.zk.close();
        return { ok: true };
      case 'create': {
        const acl = step.acl ? aclOf(step.acl) : OPEN_ACL_UNSAFE;
        const r = await zk().createWithStat(path, dataOf(step.data), acl, (step.mode ?? 'PERSISTENT') as CreateMode, step.ttl ?? -1);
        return { ok: true, path: r.path, stat: st(r.stat) };
      }
      case 'delete':
        await zk().delete(path, step.version ?? -1);
        return { ok: true };
      case 'exists':
        return { ok: true, stat: st(await zk().exists(path, step.watch === true)) };
      case 'getData': {
        const r = await zk().getData(path, step.watch === true);
        return { ok: true, data: r.data === null ? null : r.data, stat: st(r.stat) };
      }
      case 'setData':
        return { ok: true, stat: st(await zk().setData(path, dataOf(step.data), step.version ?? -1)) };
      case 'getChildren': {
        const r = await zk().getChildrenWithStat(path, step.watch === true);
        return { ok: true, children: [...r.children].sort(), stat: st(r.stat) };
      }
      case 'sync':
        await zk().sync(path);
        return { ok: true };
      case 'getACL': {
        const r = await zk().getACL(path);
        return { ok: true, acl: normalizeAcl(r.acl), stat: st(r.stat) };
      }
      case 'setACL':
        return { ok: true, stat: st(await zk().setACL(path, aclOf(step.acl ?? []), step.version ?? -1)) };
      case 'addAuthInfo':
        if (s?.zk) await s.zk.addAuthInfo(step.scheme ?? '', step.auth ?? '');
        return { ok: true };
      case 'addWatch':
        await zk().addWatch(path, (step.mode ?? 'PERSISTENT') as 'PERSISTENT' | 'PERSISTENT_RECURSIVE');
        return { ok: true };
      case 'removeWatches':
        await zk().removeWatches(path, true, step.watcherType ?? 'ANY', step.local ?? false);
        return { ok: true };
      case 'removeAllWatches':
        await zk().removeAllWatches(path, step.watcherType ?? 'ANY', step.local ?? false);
        return { ok: true };
      case 'getEphemerals':
        return { ok: true, ephemerals: [...(await zk().getEphemerals(step.path ?? '/'))].sort() };
      case 'getAllChildrenNumber':
        return { ok: true, number: await zk().getAllChildrenNumber(path) };
      case 'multi': {
        const results = await zk().multi(multiOps(step));
        return { ok: true, results: results.map(multiResult) };
      }
      case 'expireSession': {
        const h = zk();
        const id = h.sessionId;
        // Cut the client off (as a partition would) until the server has expired the session.
        sim.partition([[name]]);
        for (let i = 0; i < 10000 && sessionLives(id); i++) await sleep(sim, 50, 'expireSession: wait for expiry');
        sim.heal();
        for (let i = 0; i < 10000 && h.state !== 'CLOSED' && h.state !== 'AUTH_FAILED'; i++) await sleep(sim, 50, 'expireSession: wait for reconnect');
        return { ok: true };
      }
      default:
        return { error: 'UNSUPPORTED', message: `unknown op ${step.op}` };
    }
  };

  const result = await runAsync(
    sim,
    async () => {
      if (onEnsemble) await whenReady(sim);
      for (let i = 0; i < scenario.steps.length; i++) {
        const step = scenario.steps[i]!;
        const entry: Record<string, unknown> = { step: i };
        if (step.client !== undefined && step.op !== 'waitEvents' && step.op !== 'sleep') entry['client'] = step.client;
        entry['op'] = step.op;
        if (step.path !== undefined) entry['path'] = step.path;
        if (step.op === 'multi') entry['ops'] = (step.ops ?? []).map((o) => `${o.op} ${o.path}`);
        if (step.op === 'waitEvents') {
          const events = await waitEvents(step.ms ?? 100);
          entry['result'] = { ok: true };
          if (Object.keys(events).length > 0) entry['events'] = events;
        } else if (step.op === 'sleep') {
          await sleep(sim, step.ms ?? 0, 'sleep');
          entry['result'] = { ok: true };
        } else {
          let res: Record<string, unknown>;
          try {
            res = await runStep(step);
          } catch (e) {
            res = errorResult(e);
          }
          entry['result'] = res;
          if (step.client !== undefined) {
            const evs = drain(step.client);
            if (evs.length > 0) entry['events'] = { [step.client]: evs };
          }
        }
        if (step.unorderedEvents === true) entry['unorderedEvents'] = true;
        if (step.note !== undefined) entry['note'] = step.note;
        steps.push(entry);
      }
      const end: Record<string, unknown> = { step: scenario.steps.length, op: 'end', result: { ok: true } };
      const events = await waitEvents(100);
      if (Object.keys(events).length > 0) end['events'] = events;
      if (scenario.finalUnorderedEvents === true) end['unorderedEvents'] = true;
      steps.push(end);
    },
    { describePending: () => pendingCalls(sim), maxTimeMs: 24 * 3600 * 1000 },
  );
  if (!result.ok) {
    const why = 'stuck' in result ? result.stuck : String(result.error);
    steps.push({ step: steps.length, op: 'error', result: { error: 'RUNNER', message: why } });
  }
  const { record, zxidOffsets } = normalizeRecord({ steps }, owners);
  const source = scenario.requires?.includes('ensemble')
    ? `Ensemble simulation: Zab ensemble of ${ENSEMBLE_SIZE}`
    : onEnsemble
      ? `Ensemble simulation: Zab ensemble of ${ENSEMBLE_SIZE}, every client on ${SERVER}`
      : 'Ensemble simulation: standalone server';
  return { scenario: scenario.name, description: scenario.description ?? '', source, steps: (record as { steps: unknown[] }).steps, zxidOffsets };
}
