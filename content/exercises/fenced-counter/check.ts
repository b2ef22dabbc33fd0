/**
 * Check of the fenced counter (chapter "Failure lab"): three workers each add 1 to a counter
 * kept in a resource outside ZooKeeper, four times, each time under a ZooKeeper lock, while a
 * worker's process pauses (its host frozen, as in a long garbage collection) for longer than
 * its session timeout: its session expires, the lock passes on, and the paused worker comes
 * back in the middle of its increment. The resource (in the harness) checks fencing tokens:
 * it remembers the highest it has seen and refuses a lower one. Its requests travel on the
 * worker's own network, so a paused worker sends and hears nothing until it runs again. The
 * servers' wall clocks disagree and the leader may crash, so a znode's ctime can go backwards
 * from one grant to the next (`clockEpisode`).
 *
 * The harness judges itself (so a run on a real ZooKeeper does too): every accepted write
 * must add 1 to the value the counter held (else an increment was lost, and the message says
 * why the resource let the late write in: no token, a token that does not grow with the
 * lock's grants, or a read made without the token); a worker rejected three grants in a row
 * holds tokens that do not grow (and is told so in terms of ctime when its token was the lock
 * znode's ctime or mtime, which the check asks for then); a worker that keeps trying after a rejection is told its
 * lock is gone. The judge asks for the harness's last line. Imports the exercise toolkit.
 */
import { createParentText, defineCheck, drawFaults, withConnectionBreaks } from '../../../playground/exercises/index.ts';
import type { ExerciseRun, Judgement } from '../../../playground/exercises/index.ts';
import { Prng } from '../../../playground/sim/prng.ts';
import { readJsonSchedule, toJsonSchedule } from '../../../playground/sim/fault-schedule.ts';
import type { FaultSchedule, TimedFault } from '../../../playground/sim/fault-schedule.ts';

const WORKERS = 3;
const TURNS = 4;
const TOTAL = WORKERS * TURNS;
const SESSION_TIMEOUT_MS = 4000;
const WORKER_CLIENTS = ['c2', 'c3', 'c4'];
const LINK_CLIENTS = ['c5', 'c6', 'c7'];
const READY_MS = 230;

const harness = `// The check's application: ${WORKERS} workers each add 1 to a counter kept OUTSIDE ZooKeeper,
// ${TURNS} times, each time holding the lock /lock; your increment does the adding.
const DIR = '/lock';
const setup = await connect();
${createParentText('setup', 'DIR')}
await setup.close();

// The resource: a counter in a store outside ZooKeeper. With each request, atomically, it
// checks the token: lower than the highest it has seen, the request is refused; else the
// token becomes the highest. A request without a token is not checked.
let counter = 0;
let highest: bigint | undefined;
let last = { name: '', grant: 0, token: undefined as bigint | undefined };
let grants = 0;
const accepted = new Map<string, number>();
const show = (t: bigint | undefined) => (t === undefined ? 'no token' : \`token \${t}\`);
const admits = (token: bigint | undefined): boolean => {
  if (token === undefined) return true;
  if (highest !== undefined && token < highest) return false;
  highest = token;
  return true;
};
// A request goes over the worker's own link: the worker must be running to send it and to
// hear the answer. The link is a connection of its own (not the lock's session), and a
// round trip on it waits while the worker is paused: that is the hop.
const hop = async (link: ZooKeeperClient) => {
  for (;;) {
    try {
      await link.exists('/');
      return;
    } catch {
      await sleep(10);
    }
  }
};
const TRANSIT_MS = 20;
const PREPARE_WRITE_MS = 400;
function resourceFor(name: string, link: ZooKeeperClient, grant: number) {
  const call = { read: undefined as number | undefined, readToken: false, readAfter: undefined as typeof last | undefined, rejected: 0, refused: undefined as bigint | undefined, done: false };
  const refuse = (what: string, token: bigint | undefined) => {
    call.rejected++;
    call.refused = token;
    console.log(\`resource: refused \${name}'s \${what} (\${show(token)}, highest seen \${highest})\`);
    if (call.rejected > 2) throw new Error(\`\${name}'s increment kept sending requests after the resource had refused its token: a refused token is never accepted again, because your lock is gone. Return, and let the worker take the lock again.\`);
  };
  const resource = Object.freeze({
    async read(token?: bigint): Promise<number | 'rejected'> {
      await hop(link);
      await sleep(TRANSIT_MS);
      let answer: number | 'rejected' = 'rejected';
      if (call.done) throw new Error(\`\${name}'s read reached the resource after its increment had returned: wait for every request\`);
      if (admits(token)) {
        answer = counter;
        call.read = counter;
        call.readToken = token !== undefined;
        call.readAfter = last;
      } else refuse('read', token);
      await sleep(TRANSIT_MS);
      await hop(link);
      return answer;
    },
    async write(value: number, token?: bigint): Promise<'accepted' | 'rejected'> {
      await sleep(PREPARE_WRITE_MS);
      await hop(link);
      await sleep(TRANSIT_MS);
      if (call.done) throw new Error(\`\${name}'s write reached the resource after its increment had returned: wait for every request\`);
      let answer: 'accepted' | 'rejected' = 'rejected';
      if (admits(token)) {
        if (value !== counter + 1) throw new Error(lost(value, token));
        counter = value;
        last = { name, grant, token };
        accepted.set(name, (accepted.get(name) ?? 0) + 1);
        console.log(\`resource: \${name} wrote \${value} (\${show(token)})\`);
        answer = 'accepted';
      } else refuse('write', token);
      await sleep(TRANSIT_MS);
      await hop(link);
      return answer;
    },
  });
  // Why an accepted write did not add 1 to the counter.
  const lost = (value: number, token: bigint | undefined): string => {
    const head = \`an increment was lost: \${name}'s write set the counter to \${value}, but it already held \${counter}\`;
    if (call.read === undefined) return \`\${head}, and \${name} had read nothing: write what your read returned plus one\`;
    if (value !== call.read + 1) return \`\${head}; \${name} had read \${call.read}: write what your read returned plus one\`;
    const since = \`\${last.name} wrote \${counter} (\${show(last.token)}) after \${name} read \${call.read}\`;
    if (last.grant < grant) {
      // The other write was the late one: it landed between this holder's read and its write.
      if (!call.readToken) return \`\${head}: \${since}. \${last.name} had paused while holding the lock, lost it, and wrote late; the resource let its write in because it had not yet seen \${name}'s token: \${name} read the counter without presenting it. Present your token with the read too, before you read anything the lock protects.\`;
      return \`\${head}: \${since}. \${last.name} had paused while holding the lock, lost it, and wrote late, and its token was not lower than \${name}'s: the token must grow with every grant of the lock (the lock znode's czxid, or its sequence number).\`;
    }
    // This write is the late one: this worker lost the lock while it was paused.
    if (token === undefined) return \`\${head}: \${since}. \${name} had paused while holding the lock, its session expired, \${last.name} took the lock, and \${name}'s late write carried no token, so the resource could not refuse it. Pass the lock's fencing token with every request.\`;
    return \`\${head}: \${since}. \${name} had paused while holding the lock, its session expired, \${last.name} took the lock, and \${name}'s late write carried a token (\${token}) the resource did not refuse: the token must grow with every grant of the lock (the lock znode's czxid, or its sequence number), and be presented with every request.\`;
  };
  return { resource, call };
}

// The lock: ZooKeeper's recipe, with the session id in the name so that a create lost to
// CONNECTIONLOSS is found again.
const seqOf = (n: string) => Number(n.slice(-10));
async function lock(zk: ZooKeeperClient): Promise<string> {
  const prefix = \`lock-\${zk.sessionId.toString(16)}-\`;
  for (;;) {
    try {
      const children = await zk.getChildren(DIR);
      const mine = children.find((c) => c.startsWith(prefix));
      if (mine === undefined) {
        await zk.create(\`\${DIR}/\${prefix}\`, '', OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL);
        continue;
      }
      const below = children.filter((c) => seqOf(c) < seqOf(mine));
      if (below.length === 0) return \`\${DIR}/\${mine}\`;
      const before = below.reduce((a, b) => (seqOf(a) > seqOf(b) ? a : b));
      let wake: () => void = () => {};
      const gone = new Promise<void>((resolve) => (wake = resolve));
      if ((await zk.exists(\`\${DIR}/\${before}\`, () => wake())) !== null) await gone;
    } catch (err) {
      if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
      await sleep(100);
    }
  }
}
async function unlock(zk: ZooKeeperClient, node: string): Promise<void> {
  for (;;) {
    try {
      await zk.delete(node, -1);
      return;
    } catch (err) {
      if (err instanceof KeeperException && err.code === 'NONODE') return;
      if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
      await sleep(100);
    }
  }
}

// Each worker: a session for the lock (c2, c3, c4) and a link to the resource (c5, c6, c7).
const sessions = [await connect({ sessionTimeoutMs: ${SESSION_TIMEOUT_MS} }), await connect({ sessionTimeoutMs: ${SESSION_TIMEOUT_MS} }), await connect({ sessionTimeoutMs: ${SESSION_TIMEOUT_MS} })];
const links = [await connect({ sessionTimeoutMs: 40000 }), await connect({ sessionTimeoutMs: 40000 }), await connect({ sessionTimeoutMs: 40000 })];
async function worker(name: string, i: number): Promise<void> {
  let zk = sessions[i]!;
  const link = links[i]!;
  let refusedInARow = 0;
  while ((accepted.get(name) ?? 0) < ${TURNS}) {
    try {
      const node = await lock(zk);
      const grant = ++grants;
      const before = accepted.get(name) ?? 0;
      const { resource, call } = resourceFor(name, link, grant);
      try {
        await increment(zk, node, resource);
      } catch (err) {
        if (!(err instanceof KeeperException)) throw err;
        console.log(\`\${name}'s increment threw \${err.code}\`);
      } finally {
        call.done = true;
      }
      if ((accepted.get(name) ?? 0) - before > 1) throw new Error(\`\${name} wrote twice in one increment\`);
      refusedInARow = (accepted.get(name) ?? 0) > before ? 0 : call.rejected > 0 ? refusedInARow + 1 : refusedInARow;
      if (refusedInARow >= 3) {
        const head = \`the resource refused \${name} three grants of the lock in a row, the last while it held the lock (highest token seen \${highest})\`;
        const stat = await zk.exists(node).catch(() => null);
        if (stat !== null && call.refused !== undefined && (call.refused === BigInt(stat.ctime) || call.refused === BigInt(stat.mtime))) {
          const field = stat.ctime === stat.mtime ? 'ctime (and its mtime: nothing wrote it since)' : call.refused === BigInt(stat.ctime) ? 'ctime' : 'mtime';
          throw new Error(\`\${head}: its token \${call.refused} was the lock znode's \${field}, lower than an earlier grant's. A znode's ctime and mtime are the time on the leader's wall clock when it wrote the znode, and the servers' clocks disagree: after a leader change the new leader's clock can be behind the old one's, so time stamps can go backwards. Use a number ZooKeeper orders: the lock znode's czxid (its high half is the epoch, which grows when a new leader takes over) or its sequence number.\`);
        }
        throw new Error(\`\${head}: its tokens are lower than one an earlier holder presented. A token must grow with every grant of the lock, whoever holds it: the lock znode's czxid (all of it: its high half is the epoch, which grows when a new leader takes over) or its sequence number, not a number of the worker's own.\`);
      }
      await unlock(zk, node);
    } catch (err) {
      if (!(err instanceof KeeperException && err.code === 'SESSIONEXPIRED')) throw err;
      console.log(\`\${name}'s session expired: it opens a new one\`);
      zk = await connect({ sessionTimeoutMs: ${SESSION_TIMEOUT_MS} });
    }
  }
  await zk.close().catch(() => {});
  await link.close().catch(() => {});
}
await Promise.all(['w1', 'w2', 'w3'].map(worker));
if (counter !== ${TOTAL}) throw new Error(\`the counter ends at \${counter}, not ${TOTAL}\`);
console.log(\`the counter ends at ${TOTAL}: ${TOTAL} increments, none lost\`);
`;

function judge(run: ExerciseRun): Judgement {
  const done = run.output.some((l) => l.text === `the counter ends at ${TOTAL}: ${TOTAL} increments, none lost`);
  return done ? { ok: true } : { ok: false, problem: `the workers did not finish their ${TOTAL} increments` };
}

/**
 * The schedule of a seed: twice, two of the three workers' processes pause at about the same
 * moment (their hosts frozen, as in a long garbage collection), each for 1.1 to 2 session
 * timeouts, so that a holder often pauses in the middle of its increment, loses its session
 * and its lock to the worker that did not pause, and comes back, sometimes just after the
 * lock has passed on; besides, connections break now and then, and a server may crash or the
 * network slow down.
 */
function faults(seed: number): FaultSchedule {
  const r = new Prng(seed, 'fenced-counter');
  const pauses: TimedFault[] = [];
  let t = r.range(300, 1800);
  for (let episode = 0; episode < 2; episode++) {
    const spared = r.range(0, WORKER_CLIENTS.length - 1);
    let longest = 0;
    for (const [i, c] of WORKER_CLIENTS.entries()) {
      if (i === spared) continue;
      const at = t + r.range(0, 100);
      // The leader expires sessions in buckets a tick (2 s) apart. The first time, the thaw
      // comes just after the expiry (the next holder is at work); the second, 1.1 to 2 timeouts.
      // (Schedule times count from when the ensemble serves, about 230 ms of virtual time.)
      const expiry = Math.ceil((at + READY_MS + SESSION_TIMEOUT_MS) / 2000) * 2000 - READY_MS;
      const forMs = episode === 0 ? expiry - at + r.range(40, 600) : Math.floor((SESSION_TIMEOUT_MS * r.range(110, 200)) / 100);
      // The whole process stops: its lock session and its link to the resource.
      pauses.push({ at, fault: { kind: 'freeze', node: c, forMs } }, { at, fault: { kind: 'freeze', node: LINK_CLIENTS[i]!, forMs } });
      longest = Math.max(longest, at + forMs);
    }
    t = longest + r.range(300, 2000);
  }
  const background = readJsonSchedule(drawFaults(seed, { servers: ['s1', 's2', 's3'], clients: WORKER_CLIENTS, kinds: ['crash', 'break-client', 'latency'], startMs: 500, endMs: 8000, maxEpisodes: 2 }));
  const withPauses = toJsonSchedule([...background, ...pauses, ...clockEpisode(seed, background)].sort((a, b) => a.at - b.at));
  return withConnectionBreaks(withPauses, seed, { clients: WORKER_CLIENTS, servers: ['s1', 's2', 's3'], fromMs: 40, toMs: 3000, gapMs: [400, 1200] });
}

/**
 * The servers' wall clocks disagree, as real ones do: s3, the leader at the start (the
 * highest id wins the first election), runs 5 to 40 s ahead, s1 and s2 up to 2 s ahead. In two schedules of three the
 * leader crashes while no other server is down, and comes back 1 to 3 s later: the new leader
 * stamps what it creates with its own clock, so a lock znode created after the change can
 * have a lower ctime than one created before it (its czxid still grows: its epoch is higher).
 * Drawn from a stream of its own, so the pauses and the background are what they were.
 */
function clockEpisode(seed: number, background: readonly TimedFault[]): TimedFault[] {
  const r = new Prng(seed, 'fenced-counter-clocks');
  const out: TimedFault[] = [
    { at: 0, fault: { kind: 'skew', node: 's3', byMs: r.range(5000, 40_000) } },
    { at: 0, fault: { kind: 'skew', node: 's1', byMs: r.range(0, 2000) } },
    { at: 0, fault: { kind: 'skew', node: 's2', byMs: r.range(0, 2000) } },
  ];
  if (!r.chance(2, 3)) return out;
  const down: [number, number][] = [];
  for (const t of background) {
    if (t.fault.kind === 'crash') down.push([t.at, t.at]);
    if (t.fault.kind === 'restart') down.at(-1)![1] = t.at;
  }
  const lasts = r.range(1000, 3000);
  const clear = (at: number) => down.every(([from, to]) => at + lasts + 500 < from || at > to + 500);
  for (let at = r.range(1000, 5000); at <= 12_000; at += 250) {
    if (!clear(at)) continue;
    out.push({ at, fault: { kind: 'crash', node: 's3' } }, { at: at + lasts, fault: { kind: 'restart', node: 's3' } });
    break;
  }
  return out;
}

export default defineCheck({
  summary: "Runs three workers on your fenced increment against 100 fault schedules: lock holders pause past their session timeout and come back, connections break, a server crashes (the leader too, while the servers' clocks disagree), the network slows.",
  harness,
  faults,
  judge,
});
