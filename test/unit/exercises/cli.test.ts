/**
 * `npm run exercise` (`node node/cli/exercise.ts`) as a child process: `list`, and
 * `check` passing, failing (with the seed, the problem and the replay command), refusing bad
 * arguments with exit code 2, failing a file that does not compile, and ending a program
 * that never yields.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const SLOW = 60_000;
const ROOT = new URL('../../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'exercise-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: readonly string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['node/cli/exercise.ts', ...args], { cwd: ROOT, timeout: 50_000, env: { ...process.env, ...env } }, (err, stdout, stderr) => {
      resolve({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : -1, stdout, stderr });
    });
  });
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('exercise CLI', () => {
  it('list prints every exercise folder, one per line, with its summary', async () => {
    const r = await cli(['list']);
    expect(r.code).toBe(0);
    const names = readdirSync(join(ROOT, 'content/exercises')).sort();
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual(names);
    for (const l of lines) expect(l).toMatch(/^\S+ +\S.{20,}$/);
  }, SLOW);

  it('check passes the solution: "passed n of n schedules", exit 0', async () => {
    const r = await cli(['check', 'first-program', 'content/exercises/first-program/solution.ts', '--schedules', '3']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('passed 3 of 3 schedules\n');
    expect(r.code).toBe(0);
  }, SLOW);

  it('check fails the starting code: the schedule, its seed, the problem and how to replay it, exit 1', async () => {
    const r = await cli(['check', 'first-program', 'content/exercises/first-program/start.ts', '--seed', '7']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^failed on schedule 1 \(seed 7\): \/alive was created PERSISTENT/);
    expect(r.stdout).toContain('replay: npm run --silent exercise -- check first-program content/exercises/first-program/start.ts --seed 7 --schedules 1 --verbose');
    const verbose = await cli(['check', 'first-program', 'content/exercises/first-program/start.ts', '--seed=7', '--schedules=1', '--verbose']);
    expect(verbose.stdout).toContain('the program printed:\n  [t=');
  }, SLOW);

  it('bad arguments exit 2 with a message that says what is wrong', async () => {
    const cases: [string[], RegExp][] = [
      [[], /no command given/],
      [['grade'], /unknown command 'grade'/],
      [['list', 'x'], /list takes no arguments/],
      [['check'], /needs an exercise name and a file/],
      [['check', 'first-program'], /needs a file/],
      [['check', 'no-such-exercise', 'x.ts'], /no exercise named 'no-such-exercise' \(known: .*first-program/],
      [['check', 'first-program', join(dir, 'missing.ts')], /cannot read .*missing\.ts/],
      [['check', 'first-program', 'x.ts', '--schedules', '0'], /--schedules must be a positive integer/],
      [['check', 'first-program', 'x.ts', '--schedules', 'ten'], /--schedules must be a positive integer/],
      [['check', 'first-program', 'x.ts', '--seed', '-1'], /--seed must be a non-negative integer/],
      [['check', 'first-program', 'x.ts', '--seed', '1.5'], /--seed must be a non-negative integer/],
      [['check', 'first-program', 'x.ts', '--seed'], /--seed needs a value/],
      [['check', 'first-program', 'x.ts', '--bogus'], /unknown option --bogus/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stdout).toBe('');
    }
  }, SLOW);

  it('a file that does not compile fails (exit 1), pointing at the line', async () => {
    const r = await cli(['check', 'first-program', file('broken.ts', 'const zk = await connect();\nconst b = ;\n')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^failed to compile: .*broken\.ts:2:11: /);
  }, SLOW);

  it('a program that never yields is ended and fails (exit 1)', async () => {
    const r = await cli(['check', 'first-program', file('loop.ts', 'for (;;) {}\n')], { EXERCISE_SILENCE_MS: '1500' });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^failed on schedule 1 \(seed 1\): the program stopped responding/);
  }, SLOW);
});
