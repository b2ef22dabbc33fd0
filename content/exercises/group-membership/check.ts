/**
 * Check of group membership (chapter "Kinds of znodes"): a monitor (c1) calls the reader's
 * `watchMembers('/members', …)`; members m1 (c2), m2 (c3) and m3 (c4) join with the reader's
 * `join`. After 0.8 s, m3's process crashes and restarts at once: a new session (c5) joins
 * while the old one and its znode still live (the harness ends the old session 2.5 s later,
 * as the ensemble would at its timeout). After 1.5 s, m2 leaves (closes its session).
 * Meanwhile servers crash or are cut off, connections break, and m1 may be cut off until its
 * session expires. A member whose session expires (m1's, or any whose server or leader is cut
 * off longer than the session timeout, as on a real ensemble) opens a new session and joins
 * again: join's part is to throw SESSIONEXPIRED, not to return or wait forever.
 *
 * Judged from the committed history of /members: every member znode is EPHEMERAL; each
 * "joined" is backed by the member's znode, owned by the session that joined; when a state
 * of the group lasts 6 s, the monitor's latest report 6 s after it began is that state; every
 * report is a state the group had in the 6 s before it; the monitor does not poll; and at
 * the end the group is m1 and m3, and so is the monitor's last report. The harness checks
 * the last report too (a real ZooKeeper's run is judged on that line). Imports the
 * exercise toolkit.
 */
import { calls, checkConnectsFirst, CommittedTree, committedTxns, createParentText, defineCheck, drawFaults, sessionText, withConnectionBreaks } from '../../../playground/exercises/index.ts';
import type { ExerciseRun, Judgement } from '../../../playground/exercises/index.ts';
import type { FaultSchedule } from '../../../playground/sim/fault-schedule.ts';

const GROUP = '/members';
const FINAL = 'm1,m3';
/** How long the monitor may take to report a change, and how old a report may be (virtual ms). */
const WINDOW_MS = 6000;

const harness = `// The check's application: a monitor watches ${GROUP}; members m1, m2 and m3 join; m3's process
// crashes and restarts; m2 leaves; a member cut off until its session expires joins again
// with a new session.
const GROUP = '${GROUP}';
const monitor = await connect({ sessionTimeoutMs: 10000 }); // c1
${createParentText('monitor', 'GROUP')}
let latest = '';
await watchMembers(monitor, GROUP, (members) => {
  latest = [...members].sort().join(',');
  console.log(\`members: \${latest}\`);
});

async function joinAs(name: string, zk: ZooKeeperClient): Promise<void> {
  try {
    await join(zk, GROUP, name, \`\${name}:8080\`);
  } catch (err) {
    const what = err instanceof KeeperException ? err.code : String(err);
    if (what === 'SESSIONEXPIRED') throw err;
    throw new Error(\`\${name}'s join threw \${what}\${what === 'CONNECTIONLOSS' ? ': the connection broke under a call. The client reconnects by itself; join must find out what happened, and finish' : what === 'NODEEXISTS' ? ': the name was taken. By whom? By this session, if an earlier create went through before the connection broke; or by a session this member had before, that has not ended yet' : ''}\`);
  }
  console.log(\`\${name} joined (session 0x\${zk.sessionId.toString(16)})\`);
}

let finished: () => void = () => {};
const end = new Promise<void>((resolve) => (finished = resolve));

/** A member's session, and a promise that settles when the ensemble expires it. */
async function session(): Promise<{ zk: ZooKeeperClient; expired: Promise<void> }> {
  let expire: () => void = () => {};
  const expired = new Promise<void>((resolve) => (expire = resolve));
  const zk = await connect({
    sessionTimeoutMs: 4000,
    watcher: (e) => {
      if (e.state === 'Expired') expire();
    },
  });
  return { zk, expired };
}
const first = [await session(), await session(), await session()]; // c2: m1, c3: m2, c4: m3

// A member that stays: whenever its session expires (it was cut off too long), its ephemeral
// znode is gone and join cannot bring it back: the member opens a new session and joins again.
const running = new Set<string>();
async function stay(name: string, from: { zk: ZooKeeperClient; expired: Promise<void> }): Promise<void> {
  let s = from;
  for (;;) {
    let joining = true;
    const stuck = s.expired.then(() => sleep(2000)).then(() => {
      if (joining) throw new Error(\`\${name}'s session expired while its join was running, and join had neither returned nor thrown 2 s later. An expired session is gone for good, and its ephemeral znodes with it: join must throw SESSIONEXPIRED, so that the member can join again with a new session. A watcher hears of it too: an event with state Expired\`);
    });
    try {
      await Promise.race([joinAs(name, s.zk), stuck]).finally(() => (joining = false));
      running.add(name);
      if ((await Promise.race([s.expired.then(() => 'expired'), end.then(() => 'end')])) === 'end') break;
    } catch (err) {
      if (!(err instanceof KeeperException && err.code === 'SESSIONEXPIRED')) throw err;
    }
    running.delete(name);
    console.log(\`\${name} lost its session: it joins again\`);
    s = await session();
  }
  await s.zk.close();
}

/** Join, unless the session expires first (then this member is out of the group anyway). */
async function joinWhileAlive(name: string, zk: ZooKeeperClient): Promise<void> {
  try {
    await joinAs(name, zk);
  } catch (err) {
    if (!(err instanceof KeeperException && err.code === 'SESSIONEXPIRED')) throw err;
  }
}

let m2Gone = false;
async function m2(): Promise<void> {
  const { zk } = first[1]!;
  await joinWhileAlive('m2', zk);
  await sleep(1500);
  await zk.close(); // m2 leaves the group
  m2Gone = true;
}

async function m3(): Promise<void> {
  const old = first[2]!.zk;
  await joinWhileAlive('m3', old);
  await sleep(800);
  // m3's process crashes and restarts at once. Its old session lives on until the ensemble
  // expires it; here it ends 2.5 s later.
  const restarted = await session(); // c5
  const oldEnds = sleep(2500).then(() => old.close());
  await stay('m3', restarted);
  await oldEnds;
}

const members = Promise.all([stay('m1', first[0]!), m2(), m3()]);
await Promise.race([sleep(14000), members]); // let the faults play out (a member that throws ends the run here)
for (let waited = 0; waited < 20000 && !(running.has('m1') && m2Gone && running.has('m3') && latest === '${FINAL}'); waited += 100) {
  await Promise.race([sleep(100), members]);
}
console.log(latest === '${FINAL}' ? \`the monitor's list is right: \${latest}\` : \`the monitor's list is wrong: it says "\${latest}", but the group is ${FINAL}\`);
finished();
await members;
await monitor.close();
`;

const REPORT = /^members: (.*)$/;
const JOINED = /^(m\d) joined \(session 0x([0-9a-f]+)\)$/;

interface GroupState {
  readonly index: number;
  readonly time: number;
  readonly members: string;
}

/** A member znode that is not ephemeral: it stays after its member is gone. */
function mistakes(run: ExerciseRun): Judgement {
  if (run.trace === null) return { ok: true };
  const first = checkConnectsFirst(run.trace, GROUP);
  if (!first.ok) return first;
  const wrongMode = calls(run.trace).find((c) => c.op === 'create' && c.path?.startsWith(`${GROUP}/`) && c.mode !== 'EPHEMERAL' && c.mode !== 'EPHEMERAL_SEQUENTIAL');
  if (wrongMode === undefined) return { ok: true };
  return {
    ok: false,
    at: wrongMode.index,
    problem: `${wrongMode.client} called create('${wrongMode.path}', …, ${wrongMode.mode ?? 'an unknown mode'}): a member's znode must be EPHEMERAL, so that it goes when the member's session ends (it leaves, crashes, or is cut off until its session expires). A ${wrongMode.mode ?? ''} znode stays after its member is gone.`,
  };
}

function judge(run: ExerciseRun): Judgement {
  const verdict = run.output.find((l) => l.text.startsWith("the monitor's list is "));
  if (run.trace === null) return verdict?.text === `the monitor's list is right: ${FINAL}` ? { ok: true } : { ok: false, problem: verdict?.text ?? 'the monitor never settled' };
  const trace = run.trace;

  // The group, as the servers committed it: one state per change of /members' children.
  const txns = committedTxns(trace);
  const tree = new CommittedTree();
  const states: GroupState[] = [];
  let next = 0;
  const advance = (upTo: number): void => {
    for (; next < txns.length && txns[next]!.index < upTo; next++) {
      const t = txns[next]!;
      tree.apply(t);
      const members = tree.children(GROUP).join(',');
      if (states.at(-1)?.members !== members) states.push({ index: t.index, time: trace[t.index]!.time, members });
    }
  };
  const stateAt = (time: number): GroupState | undefined => states.filter((s) => s.time <= time).at(-1);

  // Each "joined" must be the member's own znode, in the session that joined.
  for (const line of run.output) {
    const m = JOINED.exec(line.text);
    if (m === null) continue;
    advance(line.index);
    const [, name, hexSession] = m;
    const session = BigInt(`0x${hexSession}`);
    const node = tree.get(`${GROUP}/${name}`);
    if (node === undefined) return { ok: false, at: line.index, problem: `${name}'s join returned, but ${GROUP}/${name} did not exist: join must not return before the member's znode is there (and if the session has expired, it never will be: let SESSIONEXPIRED reach the caller, who joins again with a new session).` };
    if (node.ephemeralOwner !== session) {
      return {
        ok: false,
        at: line.index,
        problem: `${name} joined in session ${sessionText(session)}, but ${GROUP}/${name} belonged to session ${sessionText(node.ephemeralOwner)}, the one ${name} had before it crashed: join took that znode for its own, and it will go when the old session ends, taking ${name} out of the group while it runs. After NODEEXISTS, compare the znode's ephemeralOwner with your session; if it is another's, wait for the znode to go (exists, with a watch), then create yours.`,
      };
    }
  }
  // The end: when the harness gave its verdict (after it, the sessions close, and the group empties).
  const endLine = verdict ?? run.output.at(-1);
  advance(endLine?.index ?? trace.length);
  const endTime = endLine?.time ?? trace.at(-1)!.time;

  // No polling.
  const lists = calls(trace).filter((c) => (c.op === 'getChildren' || c.op === 'getChildrenWithStat') && c.path === GROUP);
  if (lists.length > 3 * states.length + 20) {
    return { ok: false, at: lists[3 * states.length + 20]!.index, problem: `the monitor listed ${GROUP} ${lists.length} times for ${states.length} changes of the group: it polls. Let the server tell you: list with a watch, and list again when the watch fires.` };
  }
  // Every report was true within the window before it.
  const reports = run.output.flatMap((l) => {
    const m = l.index <= (endLine?.index ?? Infinity) ? REPORT.exec(l.text) : null;
    return m === null ? [] : [{ index: l.index, time: l.time, members: m[1]! }];
  });
  for (const r of reports) {
    const possible = new Set([stateAt(r.time - WINDOW_MS)?.members ?? '', ...states.filter((s) => s.time > r.time - WINDOW_MS && s.time <= r.time).map((s) => s.members)]);
    if (!possible.has(r.members)) {
      return { ok: false, at: r.index, problem: `the monitor reported the group as "${r.members}" at t=${r.time} ms, but in the ${WINDOW_MS / 1000} s before, it was ${[...possible].map((p) => `"${p}"`).join(' or ')}: report only what a list of ${GROUP} returned.` };
    }
  }
  // Every state that lasted the window was reported within it.
  for (let i = 0; i < states.length; i++) {
    const s = states[i]!;
    const until = states[i + 1]?.time ?? endTime;
    if (until - s.time < WINDOW_MS) continue;
    // By the end of the window, the monitor's latest word must be this state.
    const latestThen = reports.filter((r) => r.time <= s.time + WINDOW_MS).at(-1);
    if (latestThen?.members === s.members) continue;
    const before = latestThen;
    return {
      ok: false,
      at: s.index,
      problem: `the monitor missed a change: from t=${s.time} ms the group was "${s.members}" for ${Math.round((until - s.time) / 100) / 10} s, and ${WINDOW_MS / 1000} s later the monitor still said ${before !== undefined ? `"${before.members}" (its report at t=${before.time} ms)` : 'nothing'}. A watch fires once: list the children again, with a new watch, every time it fires, and try again when a list fails with CONNECTIONLOSS.`,
    };
  }
  // The end.
  const last = states.at(-1)?.members ?? '';
  if (last !== FINAL) {
    const extra = last.split(',').filter((m) => m !== '' && !FINAL.split(',').includes(m));
    return {
      ok: false,
      problem: `at the end the group was "${last}", but m1 and m3 are its members${extra.length > 0 ? ` (${extra.join(', ')} left: its znode should have gone with its session)` : ' (a member that is running must be in it)'}.`,
    };
  }
  if (reports.at(-1)?.members !== FINAL) return { ok: false, at: reports.at(-1)?.index ?? trace.length - 1, problem: `the monitor's last report was "${reports.at(-1)?.members ?? 'nothing'}", but the group ended as "${FINAL}": it stopped following the group.` };
  return { ok: true };
}

function faults(seed: number): FaultSchedule {
  const background = drawFaults(seed, {
    servers: ['s1', 's2', 's3'],
    clients: ['c2'],
    kinds: ['crash', 'isolate-server', 'expire-client', 'latency'],
    sessionTimeoutMs: 4000,
    startMs: 0,
    endMs: 2500,
    maxEpisodes: 2,
  });
  return withConnectionBreaks(background, seed, { clients: ['c1', 'c2', 'c3', 'c4', 'c5'], servers: ['s1', 's2', 's3'], fromMs: 0, toMs: 4000, gapMs: [150, 500] });
}

export default defineCheck({
  summary: 'Runs three members and a monitor on your join and watchMembers against 100 fault schedules: a member crashes and restarts, one leaves, one loses its session; servers crash or are cut off; connections break.',
  harness,
  faults,
  judge,
  mistakes,
});
