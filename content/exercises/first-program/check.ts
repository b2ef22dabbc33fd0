/**
 * Check of the first program (chapter "The client API"): on a 3-server ensemble, with a
 * follower the program does not use crashing, being cut off, and the network slowing down,
 * the program must create `/alive` EPHEMERAL, set a watch on `/config` by reading it before
 * changing it, pass `setData` the version it read, and print the NodeDataChanged event the
 * server fired (not one it made up). Judged from the trace (simulation) or the output (a
 * real ZooKeeper). Imports the exercise toolkit only.
 */
import { calls, defineCheck, drawFaults, notifications, say } from '../../../playground/exercises/index.ts';
import type { ExerciseRun, Judgement } from '../../../playground/exercises/index.ts';

const EPHEMERAL = new Set(['EPHEMERAL', 'EPHEMERAL_SEQUENTIAL']);

function judge(run: ExerciseRun): Judgement {
  const printed = run.output.find((l) => /NodeDataChanged/.test(l.text) && l.text.includes('/config'));
  if (run.trace === null) {
    return printed !== undefined ? { ok: true } : { ok: false, ...say('first-program.neverPrintedEnd') };
  }
  const all = calls(run.trace);
  const alive = all.find((c) => c.op === 'create' && c.path === '/alive');
  if (alive === undefined) return { ok: false, ...say('first-program.neverCreatedAlive') };
  if (!EPHEMERAL.has(alive.mode ?? '')) {
    return {
      ok: false,
      at: alive.index,
      ...say('first-program.aliveMode', alive.mode ?? say('first-program.unknownMode')),
    };
  }
  const firstSet = all.find((c) => c.op === 'setData' && c.path === '/config');
  if (firstSet === undefined) return { ok: false, ...say('first-program.neverSet') };
  const watched = all.find((c) => c.index < firstSet.index && c.watch && c.path === '/config' && (c.op === 'getData' || c.op === 'exists'));
  if (watched === undefined) {
    return {
      ok: false,
      at: firstSet.index,
      ...say('first-program.noWatch'),
    };
  }
  if (firstSet.version === undefined || firstSet.version < 0) {
    return {
      ok: false,
      at: firstSet.index,
      ...say('first-program.blindSet', firstSet.version ?? -1),
    };
  }
  const fired = notifications(run.trace).find((n) => n.type === 'NodeDataChanged' && n.path === '/config');
  if (printed === undefined) {
    return { ok: false, ...(fired ? { at: fired.index } : {}), ...say('first-program.neverPrinted') };
  }
  if (fired === undefined || printed.index <= fired.index) {
    return {
      ok: false,
      at: printed.index,
      ...say('first-program.madeUpEvent'),
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
