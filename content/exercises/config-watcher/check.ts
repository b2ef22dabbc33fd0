/**
 * Check of the configuration watcher (chapter "Recipes: configuration"): a writer changes
 * `/config` twelve times, some changes a millisecond apart, while servers crash or are cut
 * off, client connections break and the network slows down; the reader's `watchConfig`
 * must end up reporting the last value, and never report an older value after a newer one.
 * The harness asserts both (so a real ZooKeeper run judges itself); on the simulation the
 * judge also names the update that was missed. Imports the exercise toolkit only.
 */
import { calls, defineCheck, drawFaults } from '../../../playground/exercises/index.ts';
import type { ExerciseRun, Judgement } from '../../../playground/exercises/index.ts';

const harness = `// The check's application: c1 writes /config, c2 watches it with your watchConfig.
const PATH = '/config';
const UPDATES = 12;
const GAPS = [0, 1, 40, 0, 300, 2, 900, 0, 5, 150, 0, 1];
const writer = await connect();
for (;;) {
  try {
    await writer.create(PATH, 'v0', OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    break;
  } catch (err) {
    if (err instanceof KeeperException && err.code === 'NODEEXISTS') break;
    if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
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
  return ok ? { ok: true } : { ok: false, problem: 'watchConfig never reported the last value' };
}

export default defineCheck({
  summary: 'Runs your watcher against 100 fault schedules: servers crash or are cut off, connections break, the network slows down, while /config changes twelve times.',
  harness,
  servers: 3,
  schedules: 100,
  maxTimeMs: 120_000,
  faults: (seed) =>
    drawFaults(seed, {
      servers: ['s1', 's2', 's3'],
      clients: ['c1', 'c2'],
      kinds: ['crash', 'isolate-server', 'break-client', 'latency'],
      startMs: 0,
      endMs: 2500,
      maxEpisodes: 3,
    }),
  judge,
  // A missed update: show the last write, the one the watcher never reported.
  locate: (run) => (run.trace === null ? undefined : calls(run.trace).filter((c) => c.client === 'c1' && c.op === 'setData').at(-1)?.index),
});
