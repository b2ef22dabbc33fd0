/**
 * Check of leader election (chapter "Recipes: leader election and locks"): four candidates
 * call the reader's `elect('/election', name)`. A leader leads for 300 ms, then retires: it
 * closes its session, and its znode goes with it. Two candidates give up their place in
 * line once, while they wait (at 150 and 450 ms), and volunteer again. A candidate that
 * loses its connection while leading stops at once and starts over; one whose session
 * expires while it waits starts over with a new session. Servers crash or are cut off,
 * connections break (often under a create), a candidate is cut off until its session
 * expires, the network slows down.
 *
 * Judged from the trace: at the moment a candidate says it leads, its znode must be the
 * smallest child of /election in the committed history, owned by its session (otherwise an
 * older candidate still led: two leaders); a retirement wakes at most one candidate (never
 * more watch notifications about /election than children created: no herd); no session
 * ever stands in line twice (an orphan, left by a create whose reply was lost); the
 * candidates do not poll; every candidate gets its term. The harness also fails the run the moment
 * two candidates lead at once (a real ZooKeeper's run is judged on its last line). Imports
 * the exercise toolkit.
 */
import { calls, checkConnectsFirst, committedTxns, createParentText, defineCheck, drawFaults, falseHeadClaim, herd, sessionText, standsTwice, treeChanges, withConnectionBreaks } from '../../../playground/exercises/index.ts';
import type { ExerciseRun, Judgement } from '../../../playground/exercises/index.ts';
import type { FaultSchedule } from '../../../playground/sim/fault-schedule.ts';

const DIR = '/election';
const CANDIDATES = ['w1', 'w2', 'w3', 'w4'];

const harness = `// The check's application: ${CANDIDATES.length} candidates; a leader leads for 300 ms, then retires
// (closes its session: its znode goes with it), and the next in line takes over.
const DIR = '${DIR}';
const setup = await connect();
${createParentText('setup', 'DIR')}
await setup.close();
const leaders = new Set<string>();
const GAVE_UP = 'gave up';
async function candidate(name: string, giveUpAfter?: number): Promise<void> {
  let leading = false;
  // A leader that loses its connection must stop acting as the leader at once: its session,
  // and its znode, may expire before it hears back.
  const watcher = (e: WatcherEvent) => {
    if (leading && e.type === 'None' && e.state !== 'SyncConnected') {
      leading = false;
      leaders.delete(name);
      console.log(\`\${name} lost its connection while leading: it stops\`);
    }
  };
  for (;;) {
    const zk = await connect({ sessionTimeoutMs: 4000, watcher });
    let node: string;
    try {
      const attempt = elect(zk, DIR, name);
      attempt.catch(() => undefined); // if it gives up, nobody awaits this any more
      // A candidate may give up its place in line once (it closes its session), and volunteer again.
      node = giveUpAfter === undefined ? await attempt : await Promise.race([attempt, sleep(giveUpAfter).then(() => GAVE_UP)]);
    } catch (err) {
      const what = err instanceof KeeperException ? err.code : String(err);
      if (what === 'SESSIONEXPIRED') {
        console.log(\`\${name}'s session expired: it starts over\`);
        continue;
      }
      throw new Error(\`\${name}'s elect threw \${what}\${what === 'CONNECTIONLOSS' ? ': the connection broke under a call. The client reconnects by itself; elect must find out what happened (did the create go through?) and go on' : ''}\`);
    }
    giveUpAfter = undefined;
    if (node === GAVE_UP) {
      console.log(\`\${name} gives up its place in line\`);
      await zk.close();
      await sleep(200);
      continue;
    }
    leading = true;
    leaders.add(name);
    console.log(\`\${name} leads (\${node}, session 0x\${zk.sessionId.toString(16)})\`);
    if (leaders.size > 1) throw new Error(\`two leaders at once: \${[...leaders].join(' and ')}\`);
    await sleep(300);
    const served = leading;
    leading = false;
    leaders.delete(name);
    await zk.close(); // retire: the znode goes with the session
    if (served) {
      console.log(\`\${name} retires\`);
      return;
    }
    console.log(\`\${name} starts over\`);
  }
}
await Promise.all([candidate('w1'), candidate('w2', 150), candidate('w3', 450), candidate('w4')]);
console.log('every candidate led once');
`;

const LEADS = /^(w\d) leads \((\S+), session 0x([0-9a-f]+)\)$/;

/** A candidate znode that is not EPHEMERAL_SEQUENTIAL; a candidate that said it leads while an older one still stood; a session standing in line twice. */
function mistakes(run: ExerciseRun): Judgement {
  if (run.trace === null) return { ok: true };
  const first = checkConnectsFirst(run.trace, DIR);
  if (!first.ok) return first;
  const trace = run.trace;
  const wrongMode = calls(trace).find((c) => c.op === 'create' && c.path?.startsWith(`${DIR}/`) && c.mode !== 'EPHEMERAL_SEQUENTIAL');
  if (wrongMode !== undefined) {
    return {
      ok: false,
      at: wrongMode.index,
      problem: `${wrongMode.client} called create('${wrongMode.path}', …, ${wrongMode.mode ?? 'an unknown mode'}): a candidate's znode must be EPHEMERAL_SEQUENTIAL: sequential, so that the candidates stand in one order; ephemeral, so that a leader's znode goes when its session ends, and the next in line can take over.`,
    };
  }
  // When a candidate says it leads, its znode is the smallest: nobody before it still stands.
  const claims = run.output.flatMap((line) => {
    const m = LEADS.exec(line.text);
    return m === null ? [] : [{ index: line.index, node: m[2]!, session: BigInt(`0x${m[3]}`), name: m[1]! }];
  });
  const wrong = falseHeadClaim(trace, DIR, claims);
  if (wrong !== undefined) {
    const { node, index } = wrong.claim;
    const name = claims.find((c) => c.index === index)!.name;
    return {
      ok: false,
      at: index,
      problem:
        wrong.kind === 'not-first'
          ? `two leaders: ${name} took over with ${node} while ${wrong.before} (session ${sessionText(wrong.beforeOwner)}) still stood before it. A candidate leads only when its znode is the smallest: when the znode you watch goes, list the children again; the candidate before you may have given up while the leader is still there.`
          : `${name} said it leads with ${node}, but ${wrong.kind === 'missing' ? 'that znode did not exist' : `that znode belonged to session ${sessionText(wrong.owner)}`}: elect must return the candidate's own znode.`,
    };
  }
  // One candidate, one znode: a session with two is standing behind its own orphan.
  const twice = standsTwice(trace, DIR);
  if (twice !== undefined) {
    return {
      ok: false,
      at: twice.index,
      problem: `an orphan: session ${sessionText(twice.session)} stood in line twice (${twice.children.join(', ')}). A create failed with CONNECTIONLOSS though the ensemble had made the znode, and elect made another; the candidate then waits behind its own orphan, which nobody deletes while the session lives. Put an id of the session in the name, and after a CONNECTIONLOSS look for your child among the children before creating one.`,
    };
  }
  // No herd: a departure wakes at most one candidate.
  const crowd = herd(trace, DIR);
  if (crowd !== undefined) {
    return {
      ok: false,
      at: crowd.index,
      problem: `the herd effect: by event #${crowd.index}, ${crowd.delivered} watch notifications about ${DIR} had reached the candidates, but only ${crowd.created} candidates had volunteered. When a leader goes, only the next in line needs to wake: watch the znode just below yours (exists), not the children of ${DIR}, nor the leader's znode.`,
    };
  }

  return { ok: true };
}

function judge(run: ExerciseRun): Judgement {
  if (run.trace === null) return run.output.some((l) => l.text === 'every candidate led once') ? { ok: true } : { ok: false, problem: 'not every candidate led' };
  const trace = run.trace;
  const txns = committedTxns(trace);

  // No polling: reads of the line stay in proportion to its changes.
  let changes = 0;
  for (const t of txns) {
    for (const c of treeChanges(t.txn)) {
      if ((c.type === 'create' || c.type === 'delete') && c.path.startsWith(`${DIR}/`)) changes++;
      if (c.type === 'closeSession') changes += c.paths2Delete.filter((p) => p.startsWith(`${DIR}/`)).length;
    }
  }
  const reads = calls(trace).filter((c) => ['getChildren', 'getChildrenWithStat', 'exists', 'getData'].includes(c.op) && c.path !== undefined && (c.path === DIR || c.path.startsWith(`${DIR}/`)));
  if (reads.length > 5 * changes + 20) {
    return { ok: false, at: reads[5 * changes + 20]!.index, problem: `the candidates read ${DIR} ${reads.length} times for ${changes} changes to the line: they poll. Let the server tell you: watch the znode just below yours, and look again only when the watch fires.` };
  }
  return { ok: true };
}

function faults(seed: number): FaultSchedule {
  const background = drawFaults(seed, {
    servers: ['s1', 's2', 's3'],
    clients: ['c2', 'c3', 'c4', 'c5'],
    kinds: ['crash', 'isolate-server', 'break-client', 'expire-client', 'latency'],
    sessionTimeoutMs: 4000,
    startMs: 0,
    endMs: 1500,
    maxEpisodes: 3,
  });
  const clients = ['c2', 'c3', 'c4', 'c5'];
  const servers = ['s1', 's2', 's3'];
  // A burst while the candidates volunteer (some creates lose their replies), then a steady drizzle.
  const burst = withConnectionBreaks(background, seed, { clients, servers, fromMs: 45, toMs: 120, gapMs: [4, 12] });
  return withConnectionBreaks(burst, seed + 1_000_000, { clients, servers, fromMs: 150, toMs: 1500, gapMs: [80, 300] });
}

export default defineCheck({
  summary: 'Runs four candidates on your elect against 100 fault schedules: leaders retire, servers crash or are cut off, connections break, a candidate loses its session, the network slows down.',
  harness,
  maxTimeMs: 180_000,
  faults,
  judge,
  mistakes,
});
