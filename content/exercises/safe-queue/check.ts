/**
 * Check of the safe queue (chapter "Recipes: queues and barriers"): a producer (c1) puts
 * twelve jobs into /queue, and six more 0.6 s later, each batch in one transaction; three
 * consumers (c2, c3, c4) call the reader's `take` until all eighteen jobs are done, while
 * their connections break (often under a delete: some are applied and their replies lost),
 * servers crash or are cut off, and the network slows down. No consumer's session expires.
 *
 * Judged from the committed history: every job a consumer processed was taken (its item
 * deleted) by that consumer's own session, and every job was processed exactly once. A job
 * processed twice names the consumer that took it and the one that wrongly thought it had;
 * a job lost names the take whose CONNECTIONLOSS hid that it had happened. The harness
 * counts too (a real ZooKeeper's run is judged on its last line). Imports the exercise
 * toolkit.
 */
import { checkConnectsFirst, callOutcomes, committedTxns, defineCheck, drawFaults, sessionText, treeChanges, withConnectionBreaks } from '../../../playground/exercises/index.ts';
import type { CallOutcome, ExerciseRun, Judgement } from '../../../playground/exercises/index.ts';
import type { FaultSchedule } from '../../../playground/sim/fault-schedule.ts';
import { decode } from '../../../playground/client/index.ts';

const QUEUE = '/queue';
const JOBS = 18;
const CONSUMERS = ['c2', 'c3', 'c4'];
/** The harness's name of a consumer's client: w1 is c2, and so on. */
const nameOf = (client: string): string => `w${CONSUMERS.indexOf(client) + 1}`;

const harness = `// The check's application: a producer puts ${JOBS} jobs in ${QUEUE} (12, then 6); three consumers take them.
const QUEUE = '${QUEUE}';
const producer = await connect(); // c1
async function produce(batch: number, first: number, count: number): Promise<void> {
  const ops = [Op.create(\`/batch-\${batch}\`, '', OPEN_ACL_UNSAFE, CreateMode.PERSISTENT)];
  for (let k = first; k < first + count; k++) ops.push(Op.create(\`\${QUEUE}/item-\`, \`job \${k}\`, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL));
  for (;;) {
    try {
      await producer.multi(ops);
      return;
    } catch (err) {
      if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
      await sleep(100);
      if ((await producer.exists(\`/batch-\${batch}\`).catch(() => null)) !== null) return; // it went through
    }
  }
}
/** On a real server an earlier run may have left its batch marks and items: remove them. */
async function clearEarlierRun(): Promise<void> {
  for (;;) {
    try {
      const left = [...(await producer.getChildren(QUEUE)).map((item) => \`\${QUEUE}/\${item}\`), '/batch-1', '/batch-2'];
      for (const path of left) {
        try {
          await producer.delete(path, -1);
        } catch (err) {
          if (!(err instanceof KeeperException && err.code === 'NONODE')) throw err;
        }
      }
      return;
    } catch (err) {
      if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
      await sleep(100);
    }
  }
}
for (;;) {
  try {
    await producer.create(QUEUE, '', OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    break;
  } catch (err) {
    if (err instanceof KeeperException && err.code === 'NODEEXISTS') {
      await clearEarlierRun();
      break;
    }
    if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
    await sleep(100);
  }
}
await produce(1, 1, 12);
let produced = 12;
const secondBatch = sleep(600).then(() => produce(2, 13, 6)).then(() => void (produced = ${JOBS}));

const processed = new Map<string, string>();
let twice = '';
async function consumer(name: string, pause: number): Promise<void> {
  const zk = await connect();
  for (;;) {
    let job: string | null;
    try {
      job = await take(zk, QUEUE, name);
    } catch (err) {
      const what = err instanceof KeeperException ? err.code : String(err);
      throw new Error(\`\${name}'s take threw \${what}\${what === 'CONNECTIONLOSS' ? ': the connection broke under a call. The client reconnects by itself; take must find out whether the item is its own, and go on' : ''}\`);
    }
    if (job === null) {
      if (produced === ${JOBS}) break;
      await sleep(50);
      continue;
    }
    console.log(\`\${name} (session 0x\${zk.sessionId.toString(16)}) processed \${job}\`);
    if (processed.has(job)) twice = \`\${job} was processed twice, by \${processed.get(job)} and \${name}\`;
    processed.set(job, name);
    await sleep(pause);
  }
  await zk.close();
}
await Promise.all([consumer('w1', 40), consumer('w2', 55), consumer('w3', 70), secondBatch]);
console.log(twice !== '' ? twice : \`\${processed.size} of ${JOBS} jobs processed\${processed.size === ${JOBS} ? ', each once' : ''}\`);
await producer.close();
`;

const PROCESSED = /^(w\d) \(session 0x([0-9a-f]+)\) processed (job \d+)$/;

/** Reader code that connected before the check's code (its clients then escape the faults). */
function mistakes(run: ExerciseRun): Judgement {
  return run.trace === null ? { ok: true } : checkConnectsFirst(run.trace, QUEUE);
}

function judge(run: ExerciseRun): Judgement {
  if (run.trace === null) {
    const end = run.output.at(-1)?.text;
    return end === `${JOBS} of ${JOBS} jobs processed, each once` ? { ok: true } : { ok: false, problem: end ?? 'the program printed nothing' };
  }
  const trace = run.trace;
  // Each job's item, and who really took it: the session whose transaction deleted it.
  const itemOf = new Map<string, string>(); // job → item path
  const takenBy = new Map<string, { session: bigint; index: number }>(); // item path → taker
  for (const t of committedTxns(trace)) {
    for (const c of treeChanges(t.txn)) {
      if (c.type === 'create' && c.path.startsWith(`${QUEUE}/item-`)) itemOf.set(decode(c.data) ?? '', c.path);
      if (c.type === 'delete' && c.path.startsWith(`${QUEUE}/item-`) && !takenBy.has(c.path)) takenBy.set(c.path, { session: t.session, index: t.index });
    }
  }
  const outcomes = callOutcomes(trace);
  /** The takes (deletes, or multis holding one) of `item` by `client`, with what they told the caller. */
  const attempts = (client: string, item: string): CallOutcome[] =>
    outcomes.filter((o) => o.client === client && ((o.op === 'delete' && o.path === item) || (o.op === 'multi' && o.committed !== undefined && treeChanges(o.committed.txn).some((c) => c.type === 'delete' && c.path === item))));

  const byJob = new Map<string, { name: string; client: string; index: number }>();
  for (const line of run.output) {
    const m = PROCESSED.exec(line.text);
    if (m === null) continue;
    const [, name, hexSession, job] = m;
    const session = BigInt(`0x${hexSession}`);
    const client = CONSUMERS[Number(name!.slice(1)) - 1]!;
    const item = itemOf.get(job!);
    const taker = item === undefined ? undefined : takenBy.get(item);
    const first = byJob.get(job!);
    if (taker === undefined || taker.session !== session) {
      const thief = taker === undefined ? undefined : CONSUMERS.find((c) => outcomes.some((o) => o.client === c && o.session === taker.session));
      const lost = item === undefined ? undefined : attempts(client, item).find((o) => o.reply?.code === 'CONNECTIONLOSS');
      return {
        ok: false,
        at: line.index,
        problem:
          taker === undefined
            ? `${name} processed ${job}, but nobody ever took it: its item is still in ${QUEUE}. Taking an item means deleting it, and only the consumer whose delete succeeds may process it.`
            : `${job} was processed by ${name}, but ${thief !== undefined ? `${nameOf(thief)}'s` : 'another'} session (${sessionText(taker.session)}) took it: its delete of ${item} is the one the ensemble applied${first !== undefined ? `, and ${first.name} processed it too` : ''}.${
                lost !== undefined
                  ? ` ${name}'s ${lost.op} of it failed with CONNECTIONLOSS, and ${name} then took the item for its own. After a CONNECTIONLOSS, NONODE does not mean "mine": a plain delete leaves nothing that says who took the item. Make the take leave a mark naming the taker (in the same transaction), and look for it.`
                  : ` Only the consumer whose delete (or transaction) succeeded took the item: reading it is not taking it, and a take that failed means someone else got there first.`
              }`,
      };
    }
    if (first !== undefined) return { ok: false, at: line.index, problem: `${job} was processed twice, by ${first.name} and ${name}: a job must be taken once.` };
    byJob.set(job!, { name: name!, client, index: line.index });
  }
  // Every job processed: a job taken but never processed was lost.
  for (const [job, item] of itemOf) {
    if (byJob.has(job)) continue;
    const taker = takenBy.get(item);
    const client = taker === undefined ? undefined : CONSUMERS.find((c) => outcomes.some((o) => o.client === c && o.session === taker.session));
    const hidden = client === undefined ? undefined : outcomes.find((o) => o.client === client && o.reply?.code === 'CONNECTIONLOSS' && o.committed !== undefined && treeChanges(o.committed.txn).some((c) => c.type === 'delete' && c.path === item));
    return {
      ok: false,
      ...(hidden?.reply !== undefined ? { at: hidden.reply.index } : taker !== undefined ? { at: taker.index } : {}),
      problem:
        taker === undefined
          ? `${job} was never processed: its item ${item} is still in ${QUEUE}.`
          : `${job} was lost: ${client !== undefined ? `${nameOf(client)}'s` : 'a'} session (${sessionText(taker.session)}) deleted ${item}, but no consumer processed it.${hidden !== undefined ? ` ${nameOf(client!)}'s ${hidden.op} failed with CONNECTIONLOSS, though the ensemble had applied it; take then treated the item as someone else's.` : ''} After a CONNECTIONLOSS the take may or may not have happened: find out which (a receipt naming the taker, created in the same transaction as the delete) before you move on.`,
    };
  }
  return { ok: true };
}

function faults(seed: number): FaultSchedule {
  const background = drawFaults(seed, {
    servers: ['s1', 's2', 's3'],
    clients: CONSUMERS,
    kinds: ['crash', 'isolate-server', 'latency'],
    startMs: 0,
    endMs: 1200,
    maxEpisodes: 2,
  });
  return withConnectionBreaks(background, seed, { clients: CONSUMERS, servers: ['s1', 's2', 's3'], fromMs: 20, toMs: 1500, gapMs: [40, 160] });
}

export default defineCheck({
  summary: `Runs three consumers on your take, ${JOBS} jobs, against 100 fault schedules: connections break under deletes in flight, servers crash or are cut off, the network slows down.`,
  harness,
  faults,
  judge,
  mistakes,
});
