/**
 * Check of the configuration watcher (chapter "Recipes: configuration"): a writer changes
 * `/config` twelve times, some changes a millisecond apart, while servers crash or are cut
 * off, client connections break, the network slows down, and the watcher's own links are
 * slow (so that a change can land between a read and a watch set by a second call). The
 * reader's `watchConfig` must end up reporting the last value, and never report an older
 * value after a newer one. The harness asserts both (so a real ZooKeeper run judges
 * itself); on the simulation the judge also checks that every value reported came from a
 * read of /config (not made up), and that the watcher does not poll (a read needs a fired
 * watch, a failed read or a broken connection since the one before). Imports the exercise toolkit and the schedule format.
 */
import { appliedTxns, callOutcomes, calls, defineCheck, drawFaults, notifications, withConnectionBreaks } from '../../../playground/exercises/index.ts';
import type { TraceEvent } from '../../../playground/sim/trace.ts';
import { decode } from '../../../playground/client/index.ts';
import type { ExerciseRun, Judgement } from '../../../playground/exercises/index.ts';
import { readJsonSchedule, toJsonSchedule } from '../../../playground/sim/fault-schedule.ts';
import type { FaultSchedule, TimedFault } from '../../../playground/sim/fault-schedule.ts';

const harness = `// The check's application: c1 writes /config, c2 watches it with your watchConfig.
const PATH = '/config';
const UPDATES = 12;
const GAPS = [0, 1, 40, 0, 300, 2, 900, 0, 5, 150, 0, 120];
const writer = await connect();
for (;;) {
  try {
    await writer.create(PATH, 'v0', OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    break;
  } catch (err) {
    try {
      // An earlier run on a real server left /config at its last value: start again from v0.
      if (err instanceof KeeperException && err.code === 'NODEEXISTS') {
        await writer.setData(PATH, 'v0', -1);
        break;
      }
      if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
    } catch (again) {
      if (!(again instanceof KeeperException && again.code === 'CONNECTIONLOSS')) throw again;
    }
    await sleep(50);
  }
}
const watching = await connect();
let seen = -1;
let reports = 0;
await watchConfig(watching, PATH, (value) => {
  const n = Number(value.slice(1));
  if (n < seen) throw new Error(\`watchConfig reported \${value} after v\${seen}: it went back in time\`);
  seen = n;
  reports++;
  console.log(\`report: \${value}\`);
});
for (let i = 1; i <= UPDATES; i++) {
  await sleep(GAPS[i - 1]!);
  for (;;) {
    try {
      await writer.setData(PATH, \`v\${i}\`, -1);
      break;
    } catch (err) {
      if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
      await sleep(50);
    }
  }
}
console.log(\`the writer is done: /config holds v\${UPDATES}\`);
for (let waited = 0; seen !== UPDATES && waited < 15000; waited += 100) await sleep(100);
if (seen !== UPDATES) throw new Error(\`watchConfig missed the last update: it last reported v\${seen}, but /config holds v\${UPDATES}\`);
console.log(\`watchConfig reported v\${UPDATES} (\${reports} reports for \${UPDATES} updates)\`);
await watching.close();
await writer.close();
`;

function judge(run: ExerciseRun): Judgement {
  const ok = run.output.some((l) => /^watchConfig reported v12 /.test(l.text));
  if (!ok) return { ok: false, problem: 'watchConfig never reported the last value' };
  if (run.trace === null) return { ok: true };
  // In the browser's sandbox the printed lines are the program's word; the trace is the
  // evidence: the writer's updates reached the ensemble, and v12 was reported (and so, by
  // readValues, read) through onValue.
  const writes = appliedTxns(run.trace).filter((t) => t.txn === 'setData' && t.path === '/config').length;
  if (writes < 12) return { ok: false, problem: `only ${writes} of the writer's 12 updates of /config reached the ensemble` };
  if (!run.output.some((l) => l.text === 'report: v12')) return { ok: false, problem: 'the run says watchConfig reported v12, but onValue was never called with v12' };
  const made = readValues(run);
  return made.ok ? polls(run.trace) : made;
}

/**
 * A read of /config by the watcher (c2) needs a reason: a watch notification, a failed read,
 * or a broken connection since its previous read. More than one without one is polling,
 * which the exercise is about doing without.
 */
function polls(trace: readonly TraceEvent[]): Judgement {
  const reads = callOutcomes(trace).filter((o) => o.client === 'c2' && o.op === 'getData' && o.path === '/config');
  const told = notifications(trace).filter((n) => n.client === 'c2').map((n) => n.index);
  const broke = trace.filter((e) => (e.kind === 'disconnected' || e.kind === 'connectFailed') && e.node === 'c2').map((e) => e.index);
  const between = (marks: readonly number[], from: number, to: number): boolean => marks.some((i) => i > from && i < to);
  const unprompted = reads.filter((read, k) => {
    const before = reads[k - 1];
    if (before === undefined || before.reply === undefined || before.reply.code !== 'OK') return false;
    return !between(told, before.reply.index, read.index) && !between(broke, before.reply.index, read.index);
  });
  if (unprompted.length <= 1) return { ok: true };
  return {
    ok: false,
    at: unprompted[1]!.index,
    problem: `the watcher read /config ${unprompted.length} times with nothing new to read (no watch had fired, no read had failed, no connection had broken since its previous read): it polls. Let the server tell you: read with a watch, and read again when the watch fires.`,
  };
}

/** Every value reported came from a read of /config by the watching client (c2), before the report. */
function readValues(run: ExerciseRun): Judgement {
  const reads = callOutcomes(run.trace!).filter((o) => o.client === 'c2' && o.op === 'getData' && o.path === '/config' && o.reply?.code === 'OK');
  for (const line of run.output) {
    const m = /^report: (.*)$/.exec(line.text);
    if (m === null) continue;
    if (!reads.some((o) => o.reply!.index < line.index && decode(o.reply!.body?.['data'] as Uint8Array | null) === m[1])) {
      return { ok: false, at: line.index, problem: `watchConfig reported ${m[1]}, but no read of /config had returned it: report the value a getData returned, not one you made up or worked out.` };
    }
  }
  return { ok: true };
}

/**
 * The schedule of a seed: fault episodes (crashes, cut-offs, broken connections, a slow
 * network); besides them, the watcher's own links are slow (20–80 ms a message) while /config
 * changes, so that a change can land between a read and a watch set by a second call; and
 * its connections break now and then, so that some of its reads fail with CONNECTIONLOSS.
 */
function faults(seed: number): FaultSchedule {
  const servers = ['s1', 's2', 's3'];
  const episodes = drawFaults(seed, { servers, clients: ['c1', 'c2'], kinds: ['crash', 'isolate-server', 'break-client', 'latency'], startMs: 0, endMs: 2500, maxEpisodes: 3 });
  const slow: TimedFault[] = servers.flatMap((s) => [
    { at: 100, fault: { kind: 'latency', minMs: 20, maxMs: 80, between: ['c2', s] } },
    { at: 2500, fault: { kind: 'latency', minMs: 1, maxMs: 5, between: ['c2', s] } },
  ]);
  const withSlow = toJsonSchedule([...readJsonSchedule(episodes), ...slow].sort((a, b) => a.at - b.at));
  return withConnectionBreaks(withSlow, seed, { clients: ['c2'], servers, fromMs: 20, toMs: 1000, gapMs: [60, 240] });
}

export default defineCheck({
  summary: 'Runs your watcher against 100 fault schedules: servers crash or are cut off, connections break, the network slows down, while /config changes twelve times.',
  harness,
  faults,
  judge,
  // A missed update: show the last write, the one the watcher never reported.
  locate: (run) => (run.trace === null ? undefined : calls(run.trace).filter((c) => c.client === 'c1' && c.op === 'setData').at(-1)?.index),
});
