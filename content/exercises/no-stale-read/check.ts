/**
 * Check of the fresh read (chapter "Guarantees"): a writer (c1, on s1) sets /x to v1 … v12;
 * after each write is acknowledged, a reader (c2, on s2) calls the reader's `readFresh`,
 * which must return that value. Meanwhile s2 is cut off from the rest of the ensemble, with
 * the reader (and any client the reader's code opens) on its side: a follower that serves
 * old data until it notices it has lost its leader; then its links to the other servers slow
 * to seconds a message, so that it follows its leader seconds behind while its clients
 * notice nothing. Then s2 may crash, or the network slow down.
 *
 * Judged from the trace: each round's returned value must be the acknowledged one, and must
 * have come from a getData reply the reader's code received after the acknowledgement (not
 * a cached or made-up value); and a round with no fault in sight must answer within a second
 * (waiting out a lagging follower is no cure). A stale answer names the server that gave it. The harness
 * asserts the values too (a real ZooKeeper's run is judged on its last line). Imports the
 * exercise toolkit.
 */
import { checkConnectsFirst, callOutcomes, defineCheck, drawFaults } from '../../../playground/exercises/index.ts';
import type { ExerciseRun, Judgement } from '../../../playground/exercises/index.ts';
import { Prng } from '../../../playground/sim/prng.ts';
import { readJsonSchedule, toJsonSchedule } from '../../../playground/sim/fault-schedule.ts';
import type { FaultSchedule, TimedFault } from '../../../playground/sim/fault-schedule.ts';
import type { TraceEvent } from '../../../playground/sim/trace.ts';
import { decode } from '../../../playground/client/index.ts';

const PATH = '/x';
const ROUNDS = 12;
/** The reader's side of the cut: s2, the reader (c2), and every client a readFresh may open. */
const READER_SIDE = ['s2', ...Array.from({ length: 39 }, (_, i) => `c${i + 2}`)];

const harness = `// The check's application: c1 writes ${PATH}; after each acknowledged write, c2 reads it with readFresh.
const PATH = '${PATH}';
const writer = await connect(); // c1, on s1
let base = 0; // the version of ${PATH} before round 1 (an earlier run on a real server leaves it higher)
for (;;) {
  try {
    await writer.create(PATH, 'v0', OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    break;
  } catch (err) {
    try {
      if (err instanceof KeeperException && err.code === 'NODEEXISTS') {
        base = (await writer.exists(PATH))?.version ?? 0;
        break;
      }
      if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
    } catch (again) {
      if (!(again instanceof KeeperException && again.code === 'CONNECTIONLOSS')) throw again;
    }
    await sleep(100);
  }
}
const reader = await connect(); // c2, on s2
let stale = 0;
for (let k = 1; k <= ${ROUNDS}; k++) {
  const value = \`v\${k}\`;
  for (;;) {
    try {
      await writer.setData(PATH, value, base + k - 1);
      break;
    } catch (err) {
      if (err instanceof KeeperException && err.code === 'BADVERSION') break; // our earlier try was applied
      if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
      await sleep(100);
    }
  }
  console.log(\`\${value} acknowledged\`);
  let got: string;
  try {
    got = await readFresh(reader, PATH);
  } catch (err) {
    const what = err instanceof KeeperException ? err.code : String(err);
    throw new Error(\`readFresh threw \${what}\${what === 'CONNECTIONLOSS' ? ': a server that loses its leader stops serving and closes its clients\\' connections. The client reconnects by itself; readFresh must try again (sync, then read)' : ''}\`);
  }
  console.log(\`read \${got} after \${value} was acknowledged\`);
  if (got !== value) stale++;
  await sleep(150 + ((k * 97) % 200));
}
console.log(stale === 0 ? 'every read was fresh' : \`\${stale} of ${ROUNDS} reads were stale\`);
await reader.close();
await writer.close();
`;

const ACK = /^v(\d+) acknowledged$/;
/** A read in a quiet stretch (no fault for 1.5 s before it, none during it) must answer within this. */
const QUIET_ANSWER_MS = 1000;
const SETTLE_MS = 1500;

/** When something was wrong (virtual ms): a cut, a crash, a freeze, a slow network or link, a broken connection. */
function disturbances(trace: readonly TraceEvent[]): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  const open = new Map<string, number>();
  const start = (key: string, t: number): void => void (open.has(key) || open.set(key, t));
  const end = (key: string, t: number): void => {
    const from = open.get(key);
    if (from === undefined) return;
    open.delete(key);
    out.push({ from, to: t });
  };
  for (const e of trace) {
    if (e.kind === 'partition') start('partition', e.time);
    else if (e.kind === 'heal') end('partition', e.time);
    else if (e.kind === 'crash' || e.kind === 'freeze') start(`down ${e.node}`, e.time);
    else if (e.kind === 'restart' || e.kind === 'thaw') end(`down ${e.node}`, e.time);
    else if (e.kind === 'break') out.push({ from: e.time, to: e.time });
    else if (e.kind === 'latency') {
      const key = e.between === undefined ? 'latency' : `latency ${[...e.between].sort().join('-')}`;
      if (e.maxMs > 5) start(key, e.time);
      else end(key, e.time);
    }
  }
  for (const from of open.values()) out.push({ from, to: Infinity });
  return out;
}
const READ = /^read (.*) after v(\d+) was acknowledged$/;

/** Reader code that connected before the check's code (its clients then escape the faults). */
function mistakes(run: ExerciseRun): Judgement {
  return run.trace === null ? { ok: true } : checkConnectsFirst(run.trace, PATH);
}

function judge(run: ExerciseRun): Judgement {
  const last = run.output.at(-1)?.text;
  if (run.trace === null) return last === 'every read was fresh' ? { ok: true } : { ok: false, problem: last ?? 'the program printed nothing' };
  const reads = callOutcomes(run.trace).filter((o) => o.op === 'getData' && o.path === PATH && o.client !== 'c1' && o.reply?.code === 'OK');
  const faulty = disturbances(run.trace);
  let acked = -1;
  let rounds = 0;
  for (const line of run.output) {
    const a = ACK.exec(line.text);
    if (a !== null) acked = line.index;
    const r = READ.exec(line.text);
    if (r === null) continue;
    rounds++;
    const [, got, k] = r;
    const want = `v${k}`;
    // The getData replies the reader's code received between the acknowledgement and this line.
    const answers = reads.filter((o) => o.index >= acked && o.reply!.index < line.index);
    const source = answers.filter((o) => decode(o.reply!.body?.['data'] as Uint8Array | null) === got).at(-1);
    if (got !== want) {
      const where = source?.reply?.server;
      return {
        ok: false,
        at: source?.reply?.index ?? line.index,
        problem:
          source === undefined
            ? `a stale read: readFresh returned ${got} after ${want} was acknowledged, and no getData since the acknowledgement had returned ${got}: it was kept from an earlier read (a cache, or a watch). A value you keep is as old as the read that brought it; read again, after a sync.`
            : `a stale read: readFresh returned ${got} after ${want} was acknowledged.${where !== undefined ? ` ${source.client}'s getData was answered by ${where}, from its own copy, which had not yet applied ${want}.` : ''} A read is served by the server you are connected to, from its own copy, and a follower that is behind its leader, or cut off from it, keeps answering. Call sync(path) first: the server then catches up with the leader before your read.`,
      };
    }
    if (source === undefined) {
      return {
        ok: false,
        at: line.index,
        problem: `readFresh returned ${got} without reading ${PATH} after ${want} was acknowledged: no getData reply between the acknowledgement and the answer carried it. A value kept from an earlier read or a watch can be old; read, after a sync.`,
      };
    }
  }
  if (rounds < ROUNDS) return { ok: false, problem: `only ${rounds} of ${ROUNDS} reads finished` };
  // Waiting is no cure: when nothing is wrong, a fresh read takes a round trip or two.
  let ackTime = 0;
  for (const line of run.output) {
    if (ACK.test(line.text)) ackTime = line.time;
    const r = READ.exec(line.text);
    if (r === null) continue;
    const quiet = !faulty.some((d) => d.to >= ackTime - SETTLE_MS && d.from <= line.time);
    if (quiet && line.time - ackTime > QUIET_ANSWER_MS) {
      return {
        ok: false,
        at: line.index,
        problem: `readFresh took ${line.time - ackTime} ms to answer v${r[2]} while nothing was wrong: waiting does not make a read fresh (a follower can fall behind for longer than any wait, and a healthy one needs no wait). sync makes the server catch up at once; then read.`,
      };
    }
  }
  return { ok: true };
}

/**
 * The schedule of a seed: s2 and the reader's side are cut off from the others for 0.5–4 s;
 * later, for 4–9 s, s2's links to the other servers slow to 1–3.5 s a message, so that it
 * follows its leader seconds behind while its clients notice nothing; after that, possibly a
 * crash of s2 or a slow network.
 */
function faults(seed: number): FaultSchedule {
  const r = new Prng(seed, 'no-stale-read');
  const events: TimedFault[] = [];
  let t = r.range(100, 1200);
  const cut = r.range(500, 4000);
  events.push({ at: t, fault: { kind: 'partition', groups: [READER_SIDE] } }, { at: t + cut, fault: { kind: 'heal' } });
  t += cut + r.range(300, 1500);
  const lag = r.range(4000, 9000);
  const slow = r.range(1000, 2000);
  for (const other of ['s1', 's3']) {
    events.push({ at: t, fault: { kind: 'latency', minMs: slow, maxMs: slow + 1500, between: ['s2', other] } });
    events.push({ at: t + lag, fault: { kind: 'latency', minMs: 1, maxMs: 5, between: ['s2', other] } });
  }
  t += lag + 500;
  const background = drawFaults(seed, { servers: ['s2'], clients: ['c2'], kinds: ['crash', 'latency'], startMs: t, endMs: t + 2000, maxEpisodes: 1 });
  return toJsonSchedule([...events, ...readJsonSchedule(background)].sort((a, b) => a.at - b.at));
}

export default defineCheck({
  summary: `Reads /x with your readFresh after each of ${ROUNDS} acknowledged writes, against 100 fault schedules: the reader's server is cut off from its leader, crashes, the network slows down.`,
  harness,
  faults,
  judge,
  mistakes,
});
