/**
 * Check of the herd-free lock (chapter "Recipes: locks"): four workers each take the lock
 * three times and hold it 200 ms, on a 3-server ensemble, while servers crash or are cut
 * off, client connections break, a worker is cut off long enough for its session to expire,
 * and the network slows down.
 *
 * - Never two holders: the harness keeps the set of workers that hold the lock (a worker
 *   that loses its connection while holding stops counting as a holder at once, as an
 *   application must) and fails the run the moment a second worker acquires it.
 * - No herd: judged from the trace, a release wakes at most one waiter: at no point have
 *   more watch notifications about the lock been delivered than lock znodes were created.
 * - Every worker gets its three turns (the run finishes).
 *
 * Imports the exercise toolkit only.
 */
import { appliedTxns, defineCheck, drawFaults, notifications } from '../../../playground/exercises/index.ts';
import type { ExerciseRun, Judgement } from '../../../playground/exercises/index.ts';

const DIR = '/lock';
const WORKERS = 4;
const ROUNDS = 3;

const harness = `// The check's application: ${WORKERS} workers take the lock ${ROUNDS} times each.
const DIR = '${DIR}';
const setup = await connect();
for (;;) {
  try {
    await setup.create(DIR, '', OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    break;
  } catch (err) {
    if (err instanceof KeeperException && err.code === 'NODEEXISTS') break;
    if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
    await sleep(100);
  }
}
await setup.close();
const holders = new Set<string>();
async function worker(name: string): Promise<void> {
  let holding = false;
  // An application that loses its connection while holding a lock must stop acting as the
  // holder at once: its session (and its lock znode) may expire before it hears back.
  const watcher = (e: WatcherEvent) => {
    if (holding && e.type === 'None' && e.state !== 'SyncConnected') {
      holding = false;
      holders.delete(name);
      console.log(\`\${name} lost its connection while holding the lock: it stops\`);
    }
  };
  let zk = await connect({ sessionTimeoutMs: 4000, watcher });
  for (let round = 1; round <= ${ROUNDS}; ) {
    try {
      const node = await lock(zk, DIR);
      holding = true;
      holders.add(name);
      if (holders.size > 1) throw new Error(\`two workers hold the lock at once: \${[...holders].join(' and ')}\`);
      console.log(\`\${name} holds the lock (\${node}), turn \${round}\`);
      await sleep(200);
      if (holding) holders.delete(name);
      holding = false;
      await unlock(zk, node);
      round++;
    } catch (err) {
      holding = false;
      holders.delete(name);
      if (!(err instanceof KeeperException && err.code === 'SESSIONEXPIRED')) throw err;
      console.log(\`\${name}'s session expired: it opens a new one\`);
      zk = await connect({ sessionTimeoutMs: 4000, watcher });
    }
  }
  await zk.close();
}
await Promise.all(['w1', 'w2', 'w3', 'w4'].map(worker));
console.log('every worker had its ${ROUNDS} turns');
`;

function judge(run: ExerciseRun): Judgement {
  const turns = run.output.filter((l) => / holds the lock /.test(l.text)).length;
  if (turns < WORKERS * ROUNDS) return { ok: false, problem: `only ${turns} of ${WORKERS * ROUNDS} turns were taken` };
  if (run.trace === null) return { ok: true };
  const creates = appliedTxns(run.trace).filter((t) => t.txn === 'create' && t.path !== undefined && t.path.startsWith(`${DIR}/`));
  const notes = notifications(run.trace).filter((n) => n.path === DIR || (n.path !== null && n.path.startsWith(`${DIR}/`)));
  let created = 0;
  let delivered = 0;
  let ci = 0;
  for (const n of notes) {
    while (ci < creates.length && creates[ci]!.index < n.index) {
      ci++;
      created++;
    }
    delivered++;
    if (delivered > created) {
      return {
        ok: false,
        at: n.index,
        problem: `the herd effect: by event #${n.index}, ${delivered} watch notifications about ${DIR} had reached the workers, but only ${created} lock znodes had been created. A release should wake one waiter: watch the znode just below yours (exists), not the lock's children.`,
      };
    }
  }
  return { ok: true };
}

export default defineCheck({
  summary: 'Runs four workers on your lock against 100 fault schedules: server crashes, partitions, broken connections, an expired session, a slow network.',
  harness,
  servers: 3,
  schedules: 100,
  maxTimeMs: 180_000,
  faults: (seed) =>
    drawFaults(seed, {
      servers: ['s1', 's2', 's3'],
      clients: ['c2', 'c3', 'c4', 'c5'],
      kinds: ['crash', 'isolate-server', 'break-client', 'expire-client', 'latency'],
      sessionTimeoutMs: 4000,
      startMs: 0,
      endMs: 2500,
      maxEpisodes: 3,
    }),
  judge,
});
