/**
 * Check of the safe create (chapter "Sessions"): three workers each call the reader's
 * `createOnce` six times, a little apart, on a 3-server ensemble, while their connections
 * break (often while a create is on its way: some creates are applied and their replies
 * lost), servers crash or are cut off, and the network slows down.
 *
 * Judged from the committed history: every znode created under /tasks is
 * EPHEMERAL_SEQUENTIAL; each session created exactly as many as its calls returned, and each
 * call returned a znode its own session created, a different one each time. An extra znode
 * is an orphan: a create whose caller heard CONNECTIONLOSS though it was applied, followed
 * by a second create. The harness lists /tasks at the end too (a real ZooKeeper's run is
 * judged on that line). Imports the exercise toolkit.
 */
import { callOutcomes, calls, checkConnectsFirst, committedTxns, createParentText, defineCheck, drawFaults, sessionText, treeChanges, withConnectionBreaks } from '../../../playground/exercises/index.ts';
import type { ExerciseRun, Judgement } from '../../../playground/exercises/index.ts';
import type { FaultSchedule } from '../../../playground/sim/fault-schedule.ts';

const DIR = '/tasks';
const WORKERS = 3;
const CALLS = 6;
const TOTAL = WORKERS * CALLS;
const WORKER_CLIENTS = ['c2', 'c3', 'c4'];

const harness = `// The check's application: ${WORKERS} workers each call createOnce ${CALLS} times, then list ${DIR}.
const DIR = '${DIR}';
const setup = await connect();
${createParentText('setup', 'DIR')}
let working = ${WORKERS};
let allDone: () => void = () => {};
const done = new Promise<void>((resolve) => (allDone = resolve));
async function worker(name: string, pause: number): Promise<void> {
  const zk = await connect();
  for (let i = 1; i <= ${CALLS}; i++) {
    let path: string;
    try {
      path = await createOnce(zk, DIR, \`\${name}-\${i}\`);
    } catch (err) {
      const what = err instanceof KeeperException ? err.code : String(err);
      throw new Error(\`\${name}'s call \${i} threw \${what}\${what === 'CONNECTIONLOSS' ? ': the connection broke while the create was in flight. The client reconnects by itself; createOnce must find out whether its create happened, and finish the job' : ''}\`);
    }
    console.log(\`\${name} (session 0x\${zk.sessionId.toString(16)}) call \${i}: \${path}\`);
    await sleep(pause);
  }
  // Stay connected (the znodes are ephemeral) until every worker is done and ${DIR} is listed.
  if (--working === 0) allDone();
  await done;
  await listed;
  await zk.close();
}
let list: () => void = () => {};
const listed = new Promise<void>((resolve) => (list = resolve));
const workers = Promise.all([worker('w1', 110), worker('w2', 170), worker('w3', 230)]);
await Promise.race([done, workers]); // a worker that throws ends the run here
for (;;) {
  try {
    await setup.sync(DIR);
    const children = await setup.getChildren(DIR);
    console.log(\`\${DIR} holds \${children.length} znodes for ${TOTAL} calls\`);
    break;
  } catch (err) {
    if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
    await sleep(100);
  }
}
list();
await workers;
await setup.close();
`;

const CALL_LINE = /^(w\d) \(session 0x([0-9a-f]+)\) call (\d+): (\S+)$/;

/** A create that is not EPHEMERAL_SEQUENTIAL. */
function mistakes(run: ExerciseRun): Judgement {
  if (run.trace === null) return { ok: true };
  const first = checkConnectsFirst(run.trace, DIR);
  if (!first.ok) return first;
  const wrongMode = calls(run.trace).find((c) => c.op === 'create' && c.path?.startsWith(`${DIR}/`) && c.mode !== 'EPHEMERAL_SEQUENTIAL');
  if (wrongMode === undefined) return { ok: true };
  return {
    ok: false,
    at: wrongMode.index,
    problem: `${wrongMode.client} called create('${wrongMode.path}', …, ${wrongMode.mode ?? 'an unknown mode'}): createOnce must create EPHEMERAL_SEQUENTIAL znodes, which go with the session and get a unique sequence number from the server.`,
  };
}

function judge(run: ExerciseRun): Judgement {
  if (run.trace === null) {
    const end = run.output.find((l) => l.text.startsWith(`${DIR} holds `));
    return end?.text === `${DIR} holds ${TOTAL} znodes for ${TOTAL} calls` ? { ok: true } : { ok: false, problem: end?.text ?? `${DIR} was never listed` };
  }
  const trace = run.trace;
  // What each session really created under /tasks, in zxid order.
  const created = new Map<bigint, { path: string; index: number }[]>();
  for (const t of committedTxns(trace)) {
    for (const c of treeChanges(t.txn)) {
      if (c.type !== 'create' || !c.path.startsWith(`${DIR}/`)) continue;
      created.set(t.session, [...(created.get(t.session) ?? []), { path: c.path, index: t.index }]);
    }
  }
  // What each call returned, as the harness printed it, checked against that.
  const returned = new Map<string, string>(); // path → "w1's call 2"
  const perSession = new Map<bigint, number>();
  for (const line of run.output) {
    const m = CALL_LINE.exec(line.text);
    if (m === null) continue;
    const [, name, hexSession, i, path] = m;
    const session = BigInt(`0x${hexSession}`);
    const call = `${name}'s call ${i}`;
    if (!(created.get(session) ?? []).some((z) => z.path === path)) {
      return { ok: false, at: line.index, problem: `${call} returned ${path}, which its session (${sessionText(session)}) never created: createOnce must return the znode its own create made.` };
    }
    const earlier = returned.get(path!);
    if (earlier !== undefined) {
      return { ok: false, at: line.index, problem: `${call} returned ${path}, which ${earlier} had already returned: each call must create a znode of its own. (After a CONNECTIONLOSS, look for the id of this call, not of the session.)` };
    }
    returned.set(path!, call);
    perSession.set(session, (perSession.get(session) ?? 0) + 1);
  }
  if (returned.size < TOTAL) return { ok: false, problem: `only ${returned.size} of ${TOTAL} calls of createOnce returned` };

  for (const [session, list] of created) {
    const extra = list.find((z) => !returned.has(z.path));
    if (extra === undefined) continue;
    const lost = callOutcomes(trace).find((o) => o.op === 'create' && o.session === session && o.reply?.code === 'CONNECTIONLOSS' && o.committed !== undefined && o.committed.txn.type !== 'error');
    return {
      ok: false,
      at: lost?.reply?.index ?? extra.index,
      problem: `an orphan: ${sessionText(session)} created ${extra.path}, but no call returned it.${lost !== undefined ? ` ${lost.client}'s create failed with CONNECTIONLOSS, yet the ensemble had made the znode; createOnce then made another.` : ''} The orphan belongs to the session and stays until it ends, and nobody knows it is there. Put an id of the call in the name (ZooKeeper's recipes call it a GUID), and after a CONNECTIONLOSS look for it among the children before you create again.`,
    };
  }
  return { ok: true };
}

function faults(seed: number): FaultSchedule {
  const background = drawFaults(seed, {
    servers: ['s1', 's2', 's3'],
    clients: WORKER_CLIENTS,
    kinds: ['crash', 'isolate-server', 'latency'],
    startMs: 0,
    endMs: 1400,
    maxEpisodes: 2,
  });
  return withConnectionBreaks(background, seed, { clients: WORKER_CLIENTS, servers: ['s1', 's2', 's3'], fromMs: 5, toMs: 1400, gapMs: [25, 90] });
}

export default defineCheck({
  summary: `Runs three workers on your createOnce, ${CALLS} calls each, against 100 fault schedules: connections break under creates in flight, servers crash or are cut off, the network slows down.`,
  harness,
  faults,
  judge,
  mistakes,
});
