/**
 * The conformance runner: performs one scenario's steps on a `ConformanceTarget` and returns
 * the normalized record (the format of /work/shared/conformance/README.md, "Record format").
 * The stepping logic lives only here, for every target: each client name has one slot (at
 * most one session at a time; a `connect` after `close` or expiry opens a new handle, a new
 * session, labelled `c1#2`, ...); steps run strictly one after another; events are queued
 * per client by its default watcher and recorded per the README's "Normalization → Events"
 * (a client's step empties its own queue, `waitEvents` and `end` empty every queue, `sleep`
 * none). The target decides where servers are and how time passes (`target.ts`).
 *
 * `runScenario(scenario, seed, options)` is the simulation shortcut (what `npm run
 * conformance` does by default): a fresh simulation per scenario, standalone or on a
 * 3-server Zab ensemble (`sim-target.ts`).
 *
 * Pure (no Node APIs): the CLI and the tests do the file I/O; the real target lives in
 * `node/targets/conformance-target.ts`. Imports the client API types, zk helpers (ACLs,
 * errors), this folder's scenario/normalize/target/compare modules and the simulated target.
 */
import type { Op, OpResult, WatcherEvent } from '../client/zookeeper.ts';
import { OPEN_ACL_UNSAFE } from '../zk/acl.ts';
import { KeeperException, codeName } from '../zk/errors.ts';
import type { CreateMode, Stat } from '../zk/stat.ts';
import { aclOf, dataOf } from './scenario.ts';
import type { Scenario, StepSpec } from './scenario.ts';
import { normalizeAcl, normalizeRecord } from './normalize.ts';
import type { RawStat } from './normalize.ts';
import type { ConformanceTarget, TargetClient } from './target.ts';
import type { ComparableStep } from './compare.ts';
import { simTarget } from './sim-target.ts';
import type { SimTargetOptions } from './sim-target.ts';


/** One recorded event. */
export interface RecordedEvent {
  readonly type: string;
  readonly path: string | null;
}

/** A normalized record (the README's "Record format"). */
export interface ConformanceRecord {
  readonly scenario: string;
  readonly description: string;
  readonly source: string;
  /** The step entries (the informational fields `path`, `note`, `ops` included). */
  readonly steps: readonly (ComparableStep & Readonly<Record<string, unknown>>)[];
  readonly zxidOffsets: Record<string, number>;
}

interface ClientSlot<H> {
  zk: H | null;
  sessions: number;
  queue: RecordedEvent[];
}

/** The requested session timeout of `connect` steps without one, nor a scenario default. */
const DEFAULT_TIMEOUT = 4000;

export type RunOptions = SimTargetOptions;

function st(s: Stat | null): RawStat | null {
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

/** Run `scenario` on `target`; resolves with the normalized record. */
export async function runScenarioOn<H extends TargetClient>(scenario: Scenario, target: ConformanceTarget<H>): Promise<ConformanceRecord> {
  const source = await target.begin(scenario);
  const clients = new Map<string, ClientSlot<H>>();
  const handles: H[] = [];
  const owners = new Map<bigint, string>();
  const steps: Record<string, unknown>[] = [];

  const slot = (name: string): ClientSlot<H> => {
    let s = clients.get(name);
    if (s === undefined) clients.set(name, (s = { zk: null, sessions: 0, queue: [] }));
    return s;
  };

  const waitEvents = async (ms: number): Promise<Record<string, RecordedEvent[]>> => {
    await target.waitEvents(ms, handles);
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
    const zk = (): H => {
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
        const h = target.connect({ client: name, server: step.server ?? 0, sessionTimeoutMs: step.sessionTimeoutMs ?? scenario.sessionTimeoutMs ?? DEFAULT_TIMEOUT, watcher });
        c.zk = h;
        handles.push(h);
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
      case 'expireSession':
        await target.expireSession(name, zk());
        return { ok: true };
      default:
        return { error: 'UNSUPPORTED', message: `unknown op ${step.op}` };
    }
  };

  const failure = await target.drive(async () => {
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
        await target.sleep(step.ms ?? 0);
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
      if (step.note !== undefined) entry['note'] = step.note;
      steps.push(entry);
    }
    const end: Record<string, unknown> = { step: scenario.steps.length, op: 'end', result: { ok: true } };
    const events = await waitEvents(100);
    if (Object.keys(events).length > 0) end['events'] = events;
    if (scenario.finalUnorderedEvents === true) end['unorderedEvents'] = true;
    steps.push(end);
  });
  // A body that timed out may still be running (real time): record only what it had done.
  const done = steps.slice();
  await target.finish(handles);
  if (failure !== null) done.push({ step: done.length, op: 'error', result: { error: 'RUNNER', message: failure } });
  const { record, zxidOffsets } = normalizeRecord({ steps: done }, owners);
  return { scenario: scenario.name, description: scenario.description ?? '', source, steps: (record as Pick<ConformanceRecord, 'steps'>).steps, zxidOffsets };
}

/** Run a scenario on a fresh simulation (standalone, or a Zab ensemble); resolves with the normalized record. */
export function runScenario(scenario: Scenario, seed = 1, options: RunOptions = {}): Promise<ConformanceRecord> {
  return runScenarioOn(scenario, simTarget({ seed, ...options }));
}
