/**
 * Check of the versioned counter (chapter "The client API"): four workers each call the
 * reader's `increment` five times, all at once, on a 3-server ensemble, while their
 * connections break (timed to fall on requests in flight, so that some setData replies are
 * lost after the write was applied), servers crash or are cut off, and the network slows.
 *
 * Judged from the committed history (what the servers applied, with the data): every
 * committed setData of /counter adds exactly 1 to the value before it, and there are
 * exactly 20 of them. A setData whose caller got CONNECTIONLOSS though it was applied, and
 * then a second one, is "counted twice"; a CONNECTIONLOSS taken for success, "lost"; a write
 * computed from a stale read or made with version -1 overwrites an increment. The harness
 * prints the final count too (a real ZooKeeper's run is judged on that line). Imports the exercise
 * toolkit.
 */
import { checkConnectsFirst, sessionOwners, callOutcomes, calls, clientSessions, committedTxns, defineCheck, drawFaults, sessionText, treeChanges, withConnectionBreaks } from '../../../playground/exercises/index.ts';
import type { CallOutcome, ExerciseRun, Judgement } from '../../../playground/exercises/index.ts';
import type { FaultSchedule } from '../../../playground/sim/fault-schedule.ts';
import { hex } from '../../../playground/zk/txn.ts';
import { decode } from '../../../playground/client/index.ts';

const PATH = '/counter';
const WORKERS = 4;
const ROUNDS = 5;
const TOTAL = WORKERS * ROUNDS;
const WORKER_CLIENTS = ['c2', 'c3', 'c4', 'c5'];

const harness = `// The check's application: ${WORKERS} workers each add 1 to ${PATH}, ${ROUNDS} times, all at once.
const PATH = '${PATH}';
const setup = await connect();
let start = 0; // what an earlier run on a real server left in the counter
for (;;) {
  try {
    await setup.create(PATH, '0', OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    break;
  } catch (err) {
    try {
      if (err instanceof KeeperException && err.code === 'NODEEXISTS') {
        start = parseInt(decode((await setup.getData(PATH)).data) ?? '', 10);
        break;
      }
      if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
    } catch (again) {
      if (!(again instanceof KeeperException && again.code === 'CONNECTIONLOSS')) throw again;
    }
    await sleep(100);
  }
}
await setup.close();
async function worker(name: string): Promise<void> {
  const zk = await connect();
  for (let i = 1; i <= ${ROUNDS}; i++) {
    try {
      await increment(zk, PATH);
    } catch (err) {
      const what = err instanceof KeeperException ? err.code : String(err);
      throw new Error(\`\${name}'s increment \${i} threw \${what}\${what === 'CONNECTIONLOSS' ? ': the connection broke while a call was in flight. The client reconnects by itself; increment must find out whether its write happened, and finish the job' : ''}\`);
    }
  }
  console.log(\`\${name} made its ${ROUNDS} increments\`);
  await zk.close();
}
await Promise.all(['w1', 'w2', 'w3', 'w4'].map(worker));
const reader = await connect();
let count = -1;
for (;;) {
  try {
    count = parseInt(decode((await reader.getData(PATH)).data) ?? '', 10);
    break;
  } catch (err) {
    if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
    await sleep(100);
  }
}
await reader.close();
const made = count - start;
console.log(\`the counter ends at \${count}\${start === 0 ? '' : \` (it held \${start})\`} after ${TOTAL} increments\${made === ${TOTAL} ? '' : made < ${TOTAL} ? ': some were lost' : ': some were counted twice'}\`);
`;

/** The count at the start of the data, or NaN. */
function countOf(data: Uint8Array | null): number {
  const m = /^(\d+)(\s|$)/.exec(decode(data) ?? '');
  return m === null ? NaN : Number(m[1]);
}

/** A setData with version -1: it overwrites whatever is there. */
function mistakes(run: ExerciseRun): Judgement {
  if (run.trace === null) return { ok: true };
  const first = checkConnectsFirst(run.trace, PATH);
  if (!first.ok) return first;
  const owner = sessionOwners(run.trace);
  for (const t of committedTxns(run.trace)) {
    if (!treeChanges(t.txn).some((c) => c.type === 'setData' && c.path === PATH) || WORKER_CLIENTS.includes(owner.get(t.session) ?? '')) continue;
    return {
      ok: false,
      at: t.index,
      problem: `${owner.get(t.session) ?? 'a client'} (session ${sessionText(t.session)}) changed ${PATH}, but only the workers' own handles (the zk passed to increment) may: increment must work through the client it is given, the one the check's faults are aimed at.`,
    };
  }
  const blind = calls(run.trace).find((c) => c.op === 'setData' && c.path === PATH && c.version === -1);
  if (blind === undefined) return { ok: true };
  return {
    ok: false,
    at: blind.index,
    problem: `${blind.client} called setData('${PATH}', …, -1): version -1 overwrites whatever is there, so an increment made in between is lost. Pass the version you read (stat.version): setData then fails with BADVERSION if someone wrote first, and you read again.`,
  };
}

function judge(run: ExerciseRun): Judgement {
  if (run.trace === null) {
    const end = run.output.find((l) => l.text.startsWith('the counter ends at '));
    const m = /^the counter ends at (\d+)(?: \(it held (\d+)\))? after \d+ increments$/.exec(end?.text ?? '');
    return m !== null && Number(m[1]) - Number(m[2] ?? 0) === TOTAL ? { ok: true } : { ok: false, problem: end?.text ?? `the counter never reported its end` };
  }
  const trace = run.trace;
  const owner = new Map(clientSessions(trace).map((s) => [s.session, s.client]));
  const who = (session: bigint): string => `${owner.get(session) ?? 'a client'} (session ${sessionText(session)})`;
  // Every committed write of /counter, in zxid order.
  let value: number | undefined;
  let increments = 0;
  for (const t of committedTxns(trace)) {
    for (const c of treeChanges(t.txn)) {
      if (c.type === 'create' && c.path === PATH) value = countOf(c.data);
      if (c.type === 'delete' && c.path === PATH) return { ok: false, at: t.index, problem: `${who(t.session)} deleted ${PATH}: increment must only change its data` };
      if (c.type !== 'setData' || c.path !== PATH) continue;
      const next = countOf(c.data);
      if (Number.isNaN(next)) return { ok: false, at: t.index, problem: `${who(t.session)} set ${PATH} to '${decode(c.data)}': its data must start with the count, in decimal` };
      if (value !== undefined && next !== value + 1) {
        return {
          ok: false,
          at: t.index,
          problem:
            next <= value
              ? `an increment was lost: ${who(t.session)} set ${PATH} to ${next} when it already held ${value}. Its write was computed from a read that another worker's increment had overtaken; made with the version of that read, it would have failed with BADVERSION. (Read the version and the count in the same getData, and pass that version to setData.)`
              : `${who(t.session)} set ${PATH} from ${value} to ${next}: an increment adds exactly 1`,
        };
      }
      value = next;
      increments++;
    }
  }
  if (increments === TOTAL) return { ok: true };

  // Too many or too few: the setData whose caller got CONNECTIONLOSS says why.
  const uncertain = callOutcomes(trace).filter((o) => o.op === 'setData' && o.path === PATH && o.reply?.code === 'CONNECTIONLOSS');
  const applied = (o: CallOutcome): boolean => o.committed !== undefined && o.committed.txn.type !== 'error';
  if (increments > TOTAL) {
    const twice = uncertain.find(applied);
    return {
      ok: false,
      ...(twice?.reply !== undefined ? { at: twice.reply.index } : {}),
      problem: `an increment was counted twice: ${increments} increments reached ${PATH} for ${TOTAL} calls of increment.${twice !== undefined ? ` ${twice.client}'s setData failed with CONNECTIONLOSS, but the ensemble had applied it (zxid ${hex(twice.committed!.zxid)}), and increment then added 1 again.` : ''} CONNECTIONLOSS means the write may or may not have happened: before you write again, find out which (for example, leave a mark of the increment in the data, and look for it when you read again).`,
    };
  }
  // A setData that was never applied, or any call whose CONNECTIONLOSS the increment took for done.
  const lost = uncertain.find((o) => !applied(o)) ?? callOutcomes(trace).find((o) => o.path === PATH && o.reply?.code === 'CONNECTIONLOSS' && !applied(o));
  return {
    ok: false,
    ...(lost?.reply !== undefined ? { at: lost.reply.index } : {}),
    problem: `an increment was lost: only ${increments} increments reached ${PATH} for ${TOTAL} calls of increment that returned.${lost !== undefined ? ` ${lost.client}'s ${lost.op} failed with CONNECTIONLOSS${lost.op === 'setData' ? ' and was never applied' : ''}, and increment returned without its write applied.` : ''} CONNECTIONLOSS means the call may or may not have happened: find out which (read again, and look for a mark your increment left in the data) before you return.`,
  };
}

/**
 * The schedule of a seed: a background of server faults (drawFaults), and connection
 * breaks of the workers every 60–250 ms while they work, so that many fall between a
 * setData's arrival and its reply.
 */
function faults(seed: number): FaultSchedule {
  const background = drawFaults(seed, {
    servers: ['s1', 's2', 's3'],
    clients: WORKER_CLIENTS,
    kinds: ['crash', 'isolate-server', 'latency'],
    startMs: 0,
    endMs: 1500,
    maxEpisodes: 2,
  });
  return withConnectionBreaks(background, seed, { clients: WORKER_CLIENTS, servers: ['s1', 's2', 's3'], fromMs: 5, toMs: 1500, gapMs: [60, 250] });
}

export default defineCheck({
  summary: `Runs four workers on your increment, ${ROUNDS} calls each at once, against 100 fault schedules: connections break under setData in flight, servers crash or are cut off, the network slows down.`,
  harness,
  faults,
  judge,
  mistakes,
});
