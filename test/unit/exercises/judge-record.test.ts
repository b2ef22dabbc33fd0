/**
 * `judgeRecord`: a schedule judged from its record, as the sandbox's gate judges it. An
 * honest record (through a structured clone) gets the judgement the run itself got, on the
 * same trace. Forged claims do not pass: a program whose report says it finished and
 * printed every turn, or the last value, while the ensemble saw none of it, fails; a record
 * the program could not have made is refused; a line printed after the run's end is refused.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { ExerciseCheck } from '../../../playground/exercises/exercise.ts';
import { judgeRecord } from '../../../playground/exercises/judge-record.ts';
import type { ScheduleRecord } from '../../../playground/exercises/judge-record.ts';
import { compileExercise, runSchedule } from '../../../playground/exercises/run-check.ts';
import type { ScheduleRun } from '../../../playground/exercises/run-check.ts';
import { ReplayRefused } from '../../../playground/programs/replay-run.ts';

const read = (name: string, file: string): string => readFileSync(new URL(`../../../content/exercises/${name}/${file}`, import.meta.url), 'utf8');
const checkOf = async (name: string): Promise<ExerciseCheck> => ((await import(`../../../content/exercises/${name}/check.ts`)) as { default: ExerciseCheck }).default;
const OPTIONS = { maxTraceEvents: 2_000_000 };

async function runOf(name: string, code: string, seed: number): Promise<{ check: ExerciseCheck; run: ScheduleRun; record: ScheduleRecord }> {
  const check = await checkOf(name);
  const c = compileExercise(check, code);
  if (!c.ok) throw new Error(c.error.message);
  const run = await runSchedule(check, c.composed, c.js, seed);
  const record = structuredClone({ seed, inputs: [...run.inputs], output: [...run.output], status: run.status, traceLength: run.trace.length, steps: run.steps });
  return { check, run, record };
}

const EXERCISES = readdirSync(new URL('../../../content/exercises/', import.meta.url)).sort();

describe('an honest record is judged as its run was', () => {
  it.each(EXERCISES)('%s: start and solution, seeds 1-4', async (name) => {
    for (const file of ['start.ts', 'solution.ts']) {
      for (let seed = 1; seed <= 4; seed++) {
        const { check, run, record } = await runOf(name, read(name, file), seed);
        const judged = judgeRecord(check, record, OPTIONS);
        expect(judged.judgement, `${file} seed ${seed}`).toEqual(run.judgement);
        expect(isDeepStrictEqual(structuredClone(judged.trace), structuredClone(run.trace)), `${file} seed ${seed}: trace`).toBe(true);
      }
    }
  }, 120_000);
});

/** Lines as a forged report would claim them. */
const claim = (texts: readonly string[]) => texts.map((text) => ({ stream: 'log' as const, text, index: 0, time: 0 }));

describe('forged claims do not pass', () => {
  it('herd-free lock: "finished", every turn printed, but no lock znode ever created', async () => {
    const fake = "async function lock(zk: ZooKeeperClient, dir: string): Promise<string> { return dir + '/lock-0'; }\nasync function unlock(zk: ZooKeeperClient, node: string): Promise<void> {}\nexport {};\n";
    const { check, run, record } = await runOf('herd-free-lock', fake, 1);
    expect(run.judgement.ok).toBe(false);
    // Turns in the harness's own words, each naming a lock znode and a session.
    const turns = [1, 2, 3].flatMap((r) => ['w1', 'w2', 'w3', 'w4'].map((w) => `${w} holds the lock (/lock/lock-000000000${r}, session 0x1), turn ${r}`));
    const forged = { ...record, status: { kind: 'finished' as const }, output: claim([...turns, 'every worker had its 3 turns']) };
    expect(judgeRecord(check, forged, OPTIONS).judgement).toMatchObject({ ok: false, problem: expect.stringMatching(/said it holds the lock with \/lock\/lock-0000000001, but that znode did not exist/) });
    // Turns in another shape are not turns at all.
    const loose = { ...forged, output: claim(turns.map((t) => t.replace(/, session 0x1/, ''))) };
    expect(judgeRecord(check, loose, OPTIONS).judgement).toMatchObject({ ok: false, problem: 'only 0 of 12 turns were taken' });
  });

  it('herd-free lock: a true turn claimed twelve times', async () => {
    // Each worker keeps one znode of its own and says it holds the lock at once: the claim of
    // the one at the head is true, and twelve copies of it pass every check of the claims.
    const eager = `const mine = new Map<ZooKeeperClient, string>();
async function lock(zk: ZooKeeperClient, dir: string): Promise<string> {
  if (!mine.has(zk)) mine.set(zk, await zk.create(dir + '/lock-', '', OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL));
  await sleep(50);
  return mine.get(zk)!;
}
async function unlock(zk: ZooKeeperClient, node: string): Promise<void> {}
export {};
`;
    const problems: string[] = [];
    for (let seed = 1; seed <= 4; seed++) {
      const { check, run, record } = await runOf('herd-free-lock', eager, seed);
      expect(run.judgement.ok).toBe(false);
      for (const claimed of record.output.filter((l) => / holds the lock \(/.test(l.text))) {
        const j = judgeRecord(check, { ...record, status: { kind: 'finished' as const }, output: Array.from({ length: 12 }, () => claimed) }, OPTIONS).judgement;
        problems.push(j.ok ? 'passed' : j.problem);
      }
    }
    expect(problems).not.toContain('passed');
    expect(problems.some((p) => /^12 turns were printed, but only [1-9] lock znodes were created/.test(p)), problems.join('\n')).toBe(true);
  }, 60_000);

  it('config watcher: "finished", the last value printed, but never read', async () => {
    const fake = "async function watchConfig(zk: ZooKeeperClient, path: string, onValue: (value: string) => void): Promise<void> {}\nexport {};\n";
    const { check, record } = await runOf('config-watcher', fake, 1);
    const forged = { ...record, status: { kind: 'finished' as const }, output: claim(['the writer is done: /config holds v12', 'watchConfig reported v12 (12 reports for 12 updates)']) };
    expect(judgeRecord(check, forged, OPTIONS).judgement).toMatchObject({ ok: false, problem: expect.stringMatching(/onValue was never called with v12/) });
    // With the report line forged too, no read in the rebuilt trace returned v12.
    const reported = { ...forged, output: claim(['report: v12', 'the writer is done: /config holds v12', 'watchConfig reported v12 (12 reports for 12 updates)']) };
    expect(judgeRecord(check, reported, OPTIONS).judgement).toMatchObject({ ok: false, problem: expect.stringMatching(/watchConfig reported v12, but no read of \/config had returned it/) });
  }, 60_000);

  it('a record of another schedule, or a line printed after the end, is refused', async () => {
    const { check, record } = await runOf('herd-free-lock', read('herd-free-lock', 'solution.ts'), 2);
    expect(() => judgeRecord(check, { ...record, seed: 3 }, OPTIONS)).toThrow(ReplayRefused);
    const late = { ...record, output: [...record.output, { stream: 'log' as const, text: 'late', index: record.traceLength + 1, time: 0 }] };
    expect(() => judgeRecord(check, late, OPTIONS)).toThrow(/after the run's end/);
  }, 60_000);
});
