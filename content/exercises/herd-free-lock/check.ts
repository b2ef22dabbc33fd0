/**
 * Check of the herd-free lock (chapter "Recipes: locks"): four workers each take the lock
 * three times and hold it 200 ms, on a 3-server ensemble, while servers crash or are cut
 * off, client connections break (in a burst while the workers first queue up, so that some
 * creates lose their replies, then now and then), a worker is cut off long enough for its
 * session to expire, and the network slows down.
 *
 * - Never two holders: from the committed history, a worker that says it holds the lock
 *   holds the smallest znode under it, of its own session; and no session ever stands in
 *   line twice (an orphan from a create whose reply was lost). The harness also keeps the
 *   set of holders (a worker that loses its connection while holding stops counting at
 *   once, as an application must) and fails the run when a second worker acquires it,
 *   which is what judges a run on a real ZooKeeper.
 * - No herd: judged from the trace, a release wakes at most one waiter: at no point have
 *   more watch notifications about the lock been delivered than lock znodes were created.
 * - Every worker gets its three turns (the run finishes), each a checked claim with a lock
 *   znode the ensemble created (so printed lines alone never pass).
 *
 * Imports the exercise toolkit only.
 */
import { appliedTxns, calls, createParentText, defineCheck, drawFaults, falseHeadClaim, herd, sessionText, standsTwice, withConnectionBreaks } from '../../../playground/exercises/index.ts';
import type { ExerciseRun, Judgement } from '../../../playground/exercises/index.ts';

const DIR = '/lock';
const WORKERS = 4;
const ROUNDS = 3;

const harness = `// The check's application: ${WORKERS} workers take the lock ${ROUNDS} times each.
const DIR = '${DIR}';
const setup = await connect();
${createParentText('setup', 'DIR')}
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
      console.log(\`\${name} holds the lock (\${node}, session 0x\${zk.sessionId.toString(16)}), turn \${round}\`);
      if (holders.size > 1) throw new Error(\`two workers hold the lock at once: \${[...holders].join(' and ')}\`);
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

const HOLDS = /^(w\d) holds the lock \((\S+), session 0x([0-9a-f]+)\), turn \d+$/;

/**
 * From the committed history: lock znodes are EPHEMERAL_SEQUENTIAL; a worker that said it
 * holds the lock held a znode of its own session that was the smallest under the lock; no
 * release woke a herd; no session ever stood in line twice. Judged first, even for a run
 * that then threw or got stuck.
 */
function mistakes(run: ExerciseRun): Judgement {
  if (run.trace === null) return { ok: true };
  const wrongMode = calls(run.trace).find((c) => c.op === 'create' && c.path?.startsWith(`${DIR}/`) && c.mode !== 'EPHEMERAL_SEQUENTIAL');
  if (wrongMode !== undefined) {
    return {
      ok: false,
      at: wrongMode.index,
      problem: `${wrongMode.client} called create('${wrongMode.path}', …, ${wrongMode.mode ?? 'an unknown mode'}): a lock znode must be EPHEMERAL_SEQUENTIAL: sequential, so that the waiters stand in one order; ephemeral, so that a holder that crashes or loses its session releases the lock.`,
    };
  }
  const claims = run.output.flatMap((line) => {
    const m = HOLDS.exec(line.text);
    return m === null ? [] : [{ index: line.index, node: m[2]!, session: BigInt(`0x${m[3]}`), name: m[1]! }];
  });
  const wrong = falseHeadClaim(run.trace, DIR, claims);
  if (wrong !== undefined) {
    const { node, index } = wrong.claim;
    const name = claims.find((c) => c.index === index)!.name;
    return {
      ok: false,
      at: index,
      problem:
        wrong.kind === 'not-first'
          ? `two workers hold the lock at once: ${name} took it with ${node} while ${wrong.before} (session ${sessionText(wrong.beforeOwner)}) still stood before it. You hold the lock only when your znode is the smallest, in a list read after your create; when the znode you watch goes, list again.`
          : `${name} said it holds the lock with ${node}, but ${wrong.kind === 'missing' ? 'that znode did not exist' : `that znode belonged to session ${sessionText(wrong.owner)}`}: lock must return the worker's own znode.`,
    };
  }
  const crowd = herd(run.trace, DIR);
  if (crowd !== undefined) {
    return {
      ok: false,
      at: crowd.index,
      problem: `the herd effect: by event #${crowd.index}, ${crowd.delivered} watch notifications about ${DIR} had reached the workers, but only ${crowd.created} lock znodes had been created. A release should wake one waiter: watch the znode just below yours (exists), not the lock's children.`,
    };
  }
  const twice = standsTwice(run.trace, DIR);
  if (twice !== undefined) {
    return {
      ok: false,
      at: twice.index,
      problem: `an orphan: session ${sessionText(twice.session)} stood in line twice (${twice.children.join(', ')}). A create failed with CONNECTIONLOSS though the ensemble had made the znode, and lock made another; the worker then waits behind its own orphan, which nobody deletes while the session lives. Put the session id in the name, and after a CONNECTIONLOSS look for your child before creating one.`,
    };
  }
  return { ok: true };
}

function judge(run: ExerciseRun): Judgement {
  // A turn is a claim `mistakes` checked against the committed history (a line in another
  // shape is not one), and it needs a lock znode of its own that the ensemble created.
  const turns = run.output.filter((l) => HOLDS.test(l.text)).length;
  if (turns < WORKERS * ROUNDS) return { ok: false, problem: `only ${turns} of ${WORKERS * ROUNDS} turns were taken` };
  if (run.trace === null) return { ok: true };
  const created = appliedTxns(run.trace).filter((t) => t.txn === 'create' && t.path !== undefined && t.path.startsWith(`${DIR}/`)).length;
  if (created < WORKERS * ROUNDS) {
    return {
      ok: false,
      problem: `${turns} turns were printed, but only ${created} lock znodes were created under ${DIR}: each turn takes the lock with a znode of its own (create ${DIR}/lock- EPHEMERAL_SEQUENTIAL).`,
    };
  }
  return { ok: true };
}

export default defineCheck({
  summary: 'Runs four workers on your lock against 100 fault schedules: server crashes, partitions, broken connections, an expired session, a slow network.',
  harness,
  maxTimeMs: 180_000,
  mistakes,
  faults: (seed) => {
    const clients = ['c2', 'c3', 'c4', 'c5'];
    const servers = ['s1', 's2', 's3'];
    const background = drawFaults(seed, {
      servers,
      clients,
      kinds: ['crash', 'isolate-server', 'break-client', 'expire-client', 'latency'],
      sessionTimeoutMs: 4000,
      startMs: 0,
      endMs: 2500,
      maxEpisodes: 3,
    });
    // A burst while the workers first queue up (some creates lose their replies), then a drizzle.
    const burst = withConnectionBreaks(background, seed, { clients, servers, fromMs: 45, toMs: 120, gapMs: [4, 12] });
    return withConnectionBreaks(burst, seed + 1_000_000, { clients, servers, fromMs: 150, toMs: 2500, gapMs: [100, 400] });
  },
  judge,
});
