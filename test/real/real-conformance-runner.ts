/**
 * Runs a conformance scenario (`/work/shared/conformance`) with the real-server client
 * (`playground/real`) against a real ZooKeeper started by the harness, and returns the
 * normalized record of the README's "Record format". The step semantics mirror the
 * simulation's runner (`playground/conformance/runner.ts`) with real time: `waitEvents`
 * and `end` wait their milliseconds, `expireSession` cuts the client off (no reconnect
 * attempt) for the negotiated timeout plus a margin and then waits until the reconnect
 * learns that the session expired.
 *
 * Node only. Imports the real client, the pure scenario/normalize helpers of
 * `playground/conformance`, and zk helpers.
 */
import { createClient } from '../../playground/real/real-client.ts';
import type { RealZooKeeper } from '../../playground/real/real-client.ts';
import type { Op, OpResult, WatcherEvent } from '../../playground/client/zookeeper.ts';
import { aclOf, dataOf } from '../../playground/conformance/scenario.ts';
import type { Scenario, StepSpec } from '../../playground/conformance/scenario.ts';
import { normalizeAcl, normalizeRecord } from '../../playground/conformance/normalize.ts';
import { OPEN_ACL_UNSAFE } from '../../playground/zk/acl.ts';
import { KeeperException, codeName } from '../../playground/zk/errors.ts';
import type { CreateMode, Stat } from '../../playground/zk/stat.ts';
import type { ZooKeeperCluster } from '../harness/zookeeper-server.ts';

interface RecordedEvent {
  readonly type: string;
  readonly path: string | null;
}

interface ClientSlot {
  zk: RealZooKeeper | null;
  sessions: number;
  queue: RecordedEvent[];
}

const DEFAULT_TIMEOUT = 4000;
const TICK = 200;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function st(s: Stat | null): { __stat: Stat } | null {
  return s === null ? null : { __stat: s };
}

function errorResult(e: unknown): Record<string, unknown> {
  if (e instanceof KeeperException) {
    const r: Record<string, unknown> = { error: e.code };
    if (e.results !== undefined) r['results'] = (e.results as OpResult[]).map((x) => ({ error: x.type === 'error' ? codeName(x.err) : 'OK' }));
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

function multiResult(r: OpResult): Record<string, unknown> {
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

/** Run `scenario` on `cluster` (fresh servers expected); resolves with the normalized record. */
export async function runScenarioOnReal(scenario: Scenario, cluster: ZooKeeperCluster): Promise<unknown> {
  const clients = new Map<string, ClientSlot>();
  const owners = new Map<bigint, string>();
  const steps: Record<string, unknown>[] = [];
  const slot = (name: string): ClientSlot => {
    let s = clients.get(name);
    if (s === undefined) clients.set(name, (s = { zk: null, sessions: 0, queue: [] }));
    return s;
  };
  const waitEvents = async (ms: number): Promise<Record<string, RecordedEvent[]>> => {
    await sleep(ms);
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
    const zk = (): RealZooKeeper => {
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
        const server = cluster.servers[step.server ?? 0] ?? cluster.servers[0]!;
        const h = createClient({ connectString: server.address, sessionTimeoutMs: step.sessionTimeoutMs ?? scenario.sessionTimeoutMs ?? DEFAULT_TIMEOUT, watcher, shuffle: false });
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
        return { ok: true, data: r.data, stat: st(r.stat) };
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
        // Stay away past the negotiated timeout (expiry comes within T + one tick).
        h.dropConnection(h.sessionTimeout + 2 * TICK + 300);
        const deadline = Date.now() + h.sessionTimeout + 15_000;
        while (h.state !== 'CLOSED' && h.state !== 'AUTH_FAILED' && Date.now() < deadline) await sleep(20);
        return { ok: true };
      }
      default:
        return { error: 'UNSUPPORTED', message: `unknown op ${step.op}` };
    }
  };

  try {
    for (let i = 0; i < scenario.steps.length; i++) {
      const step = scenario.steps[i]!;
      const entry: Record<string, unknown> = { step: i };
      if (step.client !== undefined && step.op !== 'waitEvents' && step.op !== 'sleep') entry['client'] = step.client;
      entry['op'] = step.op;
      if (step.path !== undefined) entry['path'] = step.path;
      if (step.op === 'waitEvents') {
        const events = await waitEvents(step.ms ?? 100);
        entry['result'] = { ok: true };
        if (Object.keys(events).length > 0) entry['events'] = events;
      } else if (step.op === 'sleep') {
        await sleep(step.ms ?? 0);
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
          const evs = slot(step.client).queue.splice(0);
          if (evs.length > 0) entry['events'] = { [step.client]: evs };
        }
      }
      if (step.unorderedEvents === true) entry['unorderedEvents'] = true;
      steps.push(entry);
    }
    const end: Record<string, unknown> = { step: scenario.steps.length, op: 'end', result: { ok: true } };
    const events = await waitEvents(100);
    if (Object.keys(events).length > 0) end['events'] = events;
    if (scenario.finalUnorderedEvents === true) end['unorderedEvents'] = true;
    steps.push(end);
  } finally {
    for (const s of clients.values()) await s.zk?.close().catch(() => {});
  }
  const { record, zxidOffsets } = normalizeRecord({ steps }, owners);
  return { scenario: scenario.name, steps: (record as { steps: unknown[] }).steps, zxidOffsets };
}
