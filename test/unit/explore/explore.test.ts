/**
 * The explorer (TigerBeetle's VOPR style) on the Zab ensemble:
 * - scripted runs, one per mutant: the correct ensemble passes each, and the mutant is
 *   refused by the checker that guards the rule it breaks;
 * - randomized runs: a few hundred seeds per ensemble size with no violation, and every
 *   mutant caught within a hundred seeds;
 * - a failing run replays exactly from its recorded spec, and shrinks to a smaller one.
 * Sizes are chosen to keep this file under a minute on two cores; `npm run explore` and
 * `npm run bench explore` run longer.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { zabDigest } from '../../../playground/check/zab-history.ts';
import { addEnsembleForExplorer } from '../../../playground/explore/ensemble.ts';
import { explore, replayCommand } from '../../../playground/explore/explorer.ts';
import { firstProblem, runSeed, runSpec } from '../../../playground/explore/run.ts';
import { shrink, specSize } from '../../../playground/explore/shrink.ts';
import { validateRunSpec, type RunSpec } from '../../../playground/explore/spec.ts';
import { MUTANTS, type MutantName } from '../../../playground/zab/mutants.ts';
import { SCRIPTED } from './scripted-mutants.ts';

const checkersOf = (r: ReturnType<typeof runSpec>): string[] => [...new Set(r.violations.map((v) => v.checker))];

describe('scripted runs, one per mutant', () => {
  for (const mutant of MUTANTS) {
    const s = SCRIPTED[mutant];
    it(`${mutant}: the correct ensemble passes; the mutant is refused by ${s.checker}`, () => {
      const spec = validateRunSpec(JSON.parse(JSON.stringify(s.spec)));
      const good = runSpec(spec, addEnsembleForExplorer);
      expect(firstProblem(good)).toBe('ok');
      const bad = runSpec({ ...spec, mutant }, addEnsembleForExplorer);
      expect(checkersOf(bad)).toContain(s.checker);
    });
  }
});

// 300 seeds per size. (Seeds 193 and 230 at 7 and 5 servers once crashed the kernel: FifoLink.release
// let a segment overtake a rescheduled one; test/unit/sim/fifo-link.test.ts covers it.)
const SEEDS: Record<number, number> = { 3: 300, 5: 300, 7: 300 };

describe('randomized runs of the correct ensemble', () => {
  for (const servers of [3, 5, 7]) {
    it(`${SEEDS[servers]} seeds with ${servers} servers: no violation, always live`, () => {
      const summary = explore({ seed: 1, count: SEEDS[servers]!, servers, shrink: false }, addEnsembleForExplorer);
      const report = summary.failures.map((f) => `seed ${f.seed}: ${f.problem}\n  replay: ${f.command}`);
      expect(report).toEqual([]);
      expect(summary.passed).toBe(SEEDS[servers]);
    }, 60_000);
  }
});

/**
 * Mutants the randomized explorer finds too rarely for this file's budget, each with why and
 * where it is caught instead (its scripted run above, and a saved replay below).
 */
const RARE: Partial<Record<MutantName, string>> = {
  'ignore-session-owner': 'it needs a write held on a slow link past its client\'s move to another server; 1 seed in 2000 (seed 1510, 3 servers) — kept as a replay',
};

describe('every mutant is caught by the randomized explorer', () => {
  const caught: Partial<Record<MutantName, string>> = {};
  for (const mutant of MUTANTS.filter((m) => RARE[m] === undefined)) {
    it(`${mutant}: a checker objects within 100 seeds (3 servers)`, () => {
      let found: string | null = null;
      for (let seed = 1; seed <= 100 && found === null; seed++) {
        const r = runSeed(seed, addEnsembleForExplorer, { servers: 3, mutant });
        if (r.violations.length > 0) found = `seed ${seed}: ${r.violations.map((v) => v.checker).join(', ')}`;
      }
      caught[mutant] = found ?? 'not caught';
      expect(found).not.toBeNull();
    }, 60_000);
  }
});

describe('seeds that once failed, kept as replays', () => {
  it('seed 1510 (3 servers), shrunk: a forwarded write held on a slow learner-leader link must not take effect after its client moved (ignore-session-owner)', () => {
    const spec = validateRunSpec(JSON.parse(readFileSync(new URL('./replays/seed-1510-session-owner.json', import.meta.url), 'utf8')));
    expect(firstProblem(runSpec(spec, addEnsembleForExplorer))).toBe('ok');
    expect(checkersOf(runSpec({ ...spec, mutant: 'ignore-session-owner' }, addEnsembleForExplorer))).toContain('fifo-order');
  });
  // Issue 19: a setData that got CONNECTIONLOSS was logged by a quorum; its leader died before
  // COMMIT; a later leader held it after fastForwardDataBase, SNAP-synced the others, and its
  // NEWLEADER quorum committed it. It only ever travelled inside snapshots: the checkers
  // must count it committed (they did not, and called c5's read of it a phantom).
  it('seed 9208917 (5 servers), shrunk: a txn committed only by its epoch\'s establishment', () => {
    const spec = validateRunSpec(JSON.parse(readFileSync(new URL('./replays/seed-9208917-5-servers.json', import.meta.url), 'utf8')));
    const r = runSpec(spec, addEnsembleForExplorer);
    expect(firstProblem(r)).toBe('ok');
    const d = zabDigest(r.trace);
    const z = 0x300000008n;
    expect(d.committedSet.has(z)).toBe(true);
    expect(d.commits.has(z)).toBe(false); // never a COMMIT: committed by establishment alone
    expect(d.describe(z)).toMatch(/setData \/k0/);
  });
  it('seed 9208917 (5 servers), as drawn: passes', () => {
    expect(firstProblem(runSeed(9208917, addEnsembleForExplorer, { servers: 5 }))).toBe('ok');
  });
});

describe('replay and shrinking', () => {
  it('replays a seed exactly from its recorded spec, and shrinks a failure to a smaller spec that still fails', () => {
    // election-ignores-zxid is caught early with 3 servers (seed 4, see above)
    let seed = 1;
    let first = runSeed(seed, addEnsembleForExplorer, { servers: 3, mutant: 'election-ignores-zxid' });
    while (!first.failed && seed < 100) first = runSeed(++seed, addEnsembleForExplorer, { servers: 3, mutant: 'election-ignores-zxid' });
    expect(first.failed).toBe(true);
    // The recorded spec (faults as concrete events) fails the same way; trace indices may
    // differ by the explorer's own wake-ups that decided on no fault.
    const again = runSpec(validateRunSpec(JSON.parse(JSON.stringify(first.spec))) as RunSpec, addEnsembleForExplorer);
    expect(checkersOf(again)).toEqual(checkersOf(first));
    expect(again.violations[0]!.violation.replace(/#\d+/g, '#')).toBe(first.violations[0]!.violation.replace(/#\d+/g, '#'));
    // ... and the seed itself replays to the very same trace.
    expect(runSeed(seed, addEnsembleForExplorer, { servers: 3, mutant: 'election-ignores-zxid' }).trace.length).toBe(first.trace.length);
    const shrunk = shrink(first, addEnsembleForExplorer, 120);
    expect(shrunk.result.failed).toBe(true);
    const before = specSize(first.spec);
    const after = specSize(shrunk.spec);
    expect(after.faults + after.ops).toBeLessThan(before.faults + before.ops);
    expect(replayCommand(seed, { servers: 3, mutant: 'election-ignores-zxid' })).toBe(`npm run --silent explore -- --seed ${seed} --count 1 --servers 3 --mutant election-ignores-zxid`);
  }, 60_000);
});
