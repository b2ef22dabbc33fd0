/**
 * The paxos-check CLI, run as the reader would (node node/cli/paxos-check.ts): on a
 * small space it passes and ends with `K passed, 0 failed`; with each mutant it exits 1 and
 * prints the shortest violation as a run the stepper can load.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { parseRun, replayRun } from '../../../playground/paxos/runs.ts';
import { MUTANT_NAMES } from '../../../playground/paxos/mutants.ts';

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['node/cli/paxos-check.ts', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr, last: r.stdout.trim().split('\n').at(-1)! };
}

describe('paxos-check CLI', () => {
  it('passes the correct rules on 3 acceptors, 2 proposers, 1 round', () => {
    const r = cli('--acceptors', '3', '--proposers', '2', '--rounds', '1');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/distinct states explored: \d+/);
    expect(r.last).toMatch(/^\d+ passed, 0 failed$/);
  }, 60_000);

  it('refuses bad arguments with exit code 2', () => {
    expect(cli('--rounds', 'many').code).toBe(2);
    expect(cli('--mutant', 'nope').err).toMatch(/unknown mutant/);
  });

  it.each(MUTANT_NAMES)('catches mutant %s and prints a loadable shortest counterexample', (mutant) => {
    const args = mutant === 'forget-on-crash' ? ['--rounds', '1', '--crashes', '1'] : mutant === 'lowest-accepted-value' ? ['--rounds', '2'] : ['--rounds', '1'];
    const r = cli('--mutant', mutant, ...args);
    expect(r.code).toBe(1);
    expect(r.last).toMatch(/^\d+ passed, [1-9]\d* failed$/);
    const json = r.out.slice(r.out.indexOf('\n{') + 1, r.out.lastIndexOf('\n}') + 2);
    const run = parseRun(JSON.parse(json));
    expect(run.config.mutants).toEqual([mutant]);
    expect(replayRun(run)).toHaveLength(run.steps.length + 1);
  }, 60_000);
});
