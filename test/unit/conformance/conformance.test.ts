/**
 * Conformance: every public scenario in test/conformance (the project's copy of ../shared/conformance)
 * run on the simulation must produce the recorded result of real ZooKeeper 3.8 on the
 * fields of "What must match" (message/server ignored anywhere; events per client,
 * order-insensitive where `unorderedEvents`). One `it` per scenario, tagged-optional ones
 * included: ensemble scenarios on a 3-server Zab ensemble, the others on a standalone
 * server — and every standalone scenario again on a 3-server ensemble with all clients on
 * one server (the records say real ZooKeeper gave the same results there).
 * Also runs the CLI once (child_process, default `--target sim`) and checks it writes every
 * record and exits 0, and that it refuses bad `--target` arguments. The same scenarios against a real server: test/real/conformance-real.test.ts.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../playground/conformance/runner.ts';
import type { Scenario } from '../../../playground/conformance/scenario.ts';
import { comparable } from '../../../playground/conformance/compare.ts';
import type { ComparableRecord } from '../../../playground/conformance/compare.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
// The project's copy of the shared records (test/conformance); records-copy.test.ts keeps it
// equal to ../shared/conformance wherever that exists.
const shared = join(root, 'test', 'conformance');
const scenarioDir = join(shared, 'scenarios');
const files = readdirSync(scenarioDir).filter((f) => f.endsWith('.json')).sort();

function expectedRecord(file: string): ComparableRecord {
  return JSON.parse(readFileSync(join(shared, 'expected', file), 'utf8')) as ComparableRecord;
}

describe('conformance with ZooKeeper 3.8 records', () => {
  for (const file of files) {
    const scenario = JSON.parse(readFileSync(join(scenarioDir, file), 'utf8')) as Scenario;
    it(scenario.name, async () => {
      expect(comparable(await runScenario(scenario))).toEqual(comparable(expectedRecord(file)));
    });
  }

  describe('every standalone scenario on a 3-server ensemble, all clients on one server', () => {
    for (const file of files) {
      const scenario = JSON.parse(readFileSync(join(scenarioDir, file), 'utf8')) as Scenario;
      if (scenario.requires?.includes('ensemble')) continue;
      it(`${scenario.name} (ensemble)`, async () => {
        expect(comparable(await runScenario(scenario, 1, { ensemble: true }))).toEqual(comparable(expectedRecord(file)));
      });
    }
  });

  it('the CLI writes one record per scenario and exits 0', () => {
    const out = mkdtempSync(join(tmpdir(), 'conformance-'));
    execFileSync(process.execPath, ['node/cli/conformance.ts', '--scenarios', scenarioDir, '--out', out], { cwd: root, stdio: 'pipe' });
    const written = readdirSync(out).filter((f) => f.endsWith('.json')).sort();
    expect(written).toEqual(files);
    const first = JSON.parse(readFileSync(join(out, written[0]!), 'utf8')) as { scenario: string; steps: unknown[] };
    expect(first.scenario).toBe(written[0]!.replace(/\.json$/, ''));
    expect(first.steps.length).toBeGreaterThan(0);
  }, 120_000);

  it('the CLI refuses an unknown --target, and --target real without --servers (exit 2)', () => {
    const out = mkdtempSync(join(tmpdir(), 'conformance-'));
    for (const extra of [['--target', 'nope'], ['--target', 'real']]) {
      const r = spawnSync(process.execPath, ['node/cli/conformance.ts', '--scenarios', scenarioDir, '--out', out, ...extra], { cwd: root, encoding: 'utf8' });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('usage:');
    }
    expect(readdirSync(out)).toEqual([]);
  });
});
