/**
 * Every exercise's solution, with the check's own code, run on a real ZooKeeper through
 * `npm run client -- --target real` (Debian's ZooKeeper 3.8, a fresh standalone server per
 * exercise): it must finish (exit 0, nothing on stderr) and pass the exercise's judge on its
 * output, as it does on the simulation (`--target sim`, same judge), and again on a second run
 * against the same server, which keeps what the first run wrote (each harness starts again
 * from what it finds: the counter's value, /config's version, the queue's leftovers). The starting config
 * watcher fails on the real server as it does in the simulation. Needs `/usr/bin/java` and the `zookeeper` package.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandalone } from '../harness/zookeeper-server.ts';
import type { ExerciseCheck, ExerciseRun, MarkedLine } from '../../playground/exercises/exercise.ts';
import { composeProgram } from '../../playground/exercises/run-check.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const names = readdirSync(join(ROOT, 'content/exercises')).sort();

interface Cli {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: readonly string[]): Promise<Cli> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['node/cli/client.ts', ...args], { cwd: ROOT, timeout: 90_000 }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof err.code === 'number' ? err.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

/** The judge on a CLI run's output (no trace: a real server gives none). */
function judged(check: ExerciseCheck, run: Cli): ReturnType<ExerciseCheck['judge']> {
  const output: MarkedLine[] = run.stdout.split('\n').filter((l) => l !== '').map((text) => ({ stream: 'log', text, index: -1, time: -1 }));
  const r: ExerciseRun = { status: { kind: 'finished' }, output, trace: null };
  return check.judge(r);
}

describe.each(names)('exercise %s on a real ZooKeeper', (name) => {
  let dir: string;
  let check: ExerciseCheck;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), `exercise-${name}-`));
    check = ((await import(`../../content/exercises/${name}/check.ts`)) as { default: ExerciseCheck }).default;
  });
  afterAll(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  const program = (file: string): string => {
    const code = readFileSync(join(ROOT, `content/exercises/${name}/${file}`), 'utf8');
    const path = join(dir, `${file}`);
    writeFileSync(path, composeProgram(code, check.harness).source);
    return path;
  };

  it('the solution finishes and passes, as on the simulation', async () => {
    const cluster = await startStandalone();
    try {
      const file = program('solution.ts');
      const real = await cli(['--target', 'real', '--connect', cluster.connectString(), file]);
      expect(real.stderr).toBe('');
      expect(real.code).toBe(0);
      expect(judged(check, real)).toEqual({ ok: true });
      // A real server keeps what the first run wrote: a reader who runs a solution again
      // against the same server must not meet NODEEXISTS or an earlier run's znodes.
      const again = await cli(['--target', 'real', '--connect', cluster.connectString(), file]);
      expect(again.stderr, 'second run on the same server').toBe('');
      expect(again.code).toBe(0);
      expect(judged(check, again)).toEqual({ ok: true });
      const sim = await cli(['--target', 'sim', file]);
      expect(sim.code).toBe(0);
      expect(judged(check, sim)).toEqual({ ok: true });
    } finally {
      await cluster.stop();
    }
  }, 120_000);

  // The other starting programs fail on what only a trace shows (a create mode, a missing
  // watch, the herd): a real server gives no trace, so their real runs "pass" on output.
  if (name === 'config-watcher')
  it('the starting code misses the last update on a real server too', async () => {
    const cluster = await startStandalone();
    try {
      const real = await cli(['--target', 'real', '--connect', cluster.connectString(), '--timeout', '30000', program('start.ts')]);
      expect(real.code).toBe(1);
      expect(real.stderr).toContain('watchConfig missed the last update');
    } finally {
      await cluster.stop();
    }
  }, 120_000);
});
