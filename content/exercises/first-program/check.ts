/**
 * Check of the first program (chapter "The client API"): on a 3-server ensemble, with a
 * follower the program does not use crashing, being cut off, and the network slowing down,
 * the program must create `/alive` EPHEMERAL, set a watch on `/config` by reading it before
 * changing it, pass `setData` the version it read, and print the NodeDataChanged event the
 * server fired (not one it made up). Judged from the trace (simulation) or the output (a
 * real ZooKeeper). Imports the exercise toolkit only.
 */
import { calls, defineCheck, drawFaults, notifications } from '../../../playground/exercises/index.ts';
import type { ExerciseRun, Judgement } from '../../../playground/exercises/index.ts';

const EPHEMERAL = new Set(['EPHEMERAL', 'EPHEMERAL_SEQUENTIAL']);

function judge(run: ExerciseRun): Judgement {
  const printed = run.output.find((l) => /NodeDataChanged/.test(l.text) && l.text.includes('/config'));
  if (run.trace === null) {
    return printed !== undefined ? { ok: true } : { ok: false, problem: 'the program never printed the NodeDataChanged event for /config' };
  }
  const all = calls(run.trace);
  const alive = all.find((c) => c.op === 'create' && c.path === '/alive');
  if (alive === undefined) return { ok: false, problem: 'the program never created /alive' };
  if (!EPHEMERAL.has(alive.mode ?? '')) {
    return {
      ok: false,
      at: alive.index,
      problem: `/alive was created ${alive.mode ?? 'with an unknown mode'}: it outlives the session. "Ephemeral" is a create mode (CreateMode.EPHEMERAL), not an ACL and not something set later.`,
    };
  }
  const firstSet = all.find((c) => c.op === 'setData' && c.path === '/config');
  if (firstSet === undefined) return { ok: false, problem: 'the program never changed /config with setData' };
  const watched = all.find((c) => c.index < firstSet.index && c.watch && c.path === '/config' && (c.op === 'getData' || c.op === 'exists'));
  if (watched === undefined) {
    return {
      ok: false,
      at: firstSet.index,
      problem: 'no watch was set on /config before it changed. A watch is set by a read (getData or exists with a watcher) and fired by the server, once, on the next change.',
    };
  }
  if (firstSet.version === undefined || firstSet.version < 0) {
    return {
      ok: false,
      at: firstSet.index,
      problem: `setData('/config', …, ${firstSet.version ?? -1}) overwrites any version. Pass the version your read returned (stat.version): setData takes the version you expect, and fails with BADVERSION if someone changed the znode since.`,
    };
  }
  const fired = notifications(run.trace).find((n) => n.type === 'NodeDataChanged' && n.path === '/config');
  if (printed === undefined) {
    return { ok: false, ...(fired ? { at: fired.index } : {}), problem: 'the program never printed the NodeDataChanged event for /config (print e.type and e.path in the watcher, or after awaiting it).' };
  }
  if (fired === undefined || printed.index <= fired.index) {
    return {
      ok: false,
      at: printed.index,
      problem: 'the program printed a NodeDataChanged event before the server had sent one. A watcher is called by the client library when the server fires the watch, never by your own code: calling it yourself proves nothing.',
    };
  }
  return { ok: true };
}

export default defineCheck({
  summary: 'Runs your program 100 times on a 3-server ensemble while a follower it does not use crashes or is cut off and the network slows down.',
  harness: '',
  maxTimeMs: 60_000,
  faults: (seed) =>
    drawFaults(seed, {
      servers: ['s1', 's2', 's3'],
      clients: ['c1'],
      spareServers: ['s1', 's3'],
      kinds: ['crash', 'isolate-server', 'latency'],
      startMs: 0,
      endMs: 300,
      maxEpisodes: 2,
    }),
  judge,
});
