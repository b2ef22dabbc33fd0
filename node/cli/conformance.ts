/**
 * The conformance CLI (Node only):
 * `node node/cli/conformance.ts --scenarios <dir> --out <dir> [--target sim|real]
 * [--servers host:port,...] [--super user:password]` runs every `*.json` scenario of the
 * directory, in file-name order, and writes one normalized record per scenario (same file
 * name) into the out directory. Exits 0 once all records are written, whatever they
 * contain; 2 on bad arguments, 1 if a record could not be made (a real server unreachable).
 *
 * - `--target sim` (default): a fresh simulation per scenario (`sim-target.ts`).
 * - `--target real --servers a,b,c`: real ZooKeeper servers (`node/targets/conformance-target.ts`);
 *   ensemble scenarios connect server i to the i-th address, the others use the first.
 *   The tree is WIPED before each scenario (all but `/zookeeper`), as the super user
 *   (`--super`, default `super:secret`): use throwaway servers with the records' settings.
 *   `requires: ["freshServer"]` scenarios get a cleaned tree too (a note on stderr): their
 *   records may differ on servers an earlier run has used.
 *
 * This file and `node/targets/conformance-target.ts` are the only conformance code that
 * touches Node (fs, process, timers, TCP); the runner itself is `playground/conformance`.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { runScenario, runScenarioOn } from '../../playground/conformance/runner.ts';
import type { ConformanceRecord } from '../../playground/conformance/runner.ts';
import type { Scenario } from '../../playground/conformance/scenario.ts';
import { realTarget } from '../targets/conformance-target.ts';

const USAGE = 'usage: node node/cli/conformance.ts --scenarios <dir> --out <dir> [--target sim|real] [--servers host:port,...] [--super user:password]\n';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}`);
  process.exit(2);
}

const scenariosDir = arg('--scenarios');
const outDir = arg('--out');
const target = arg('--target') ?? 'sim';
const servers = (arg('--servers') ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
if (scenariosDir === undefined || outDir === undefined) fail('--scenarios and --out are required');
if (target !== 'sim' && target !== 'real') fail(`unknown --target ${target}`);
if (target === 'real' && servers.length === 0) fail('--target real needs --servers host:port,...');

const superAuth = arg('--super');
const real = target === 'real' ? realTarget({ servers, ...(superAuth !== undefined ? { superAuth } : {}) }) : undefined;
mkdirSync(outDir, { recursive: true });
const files = readdirSync(scenariosDir).filter((f) => f.endsWith('.json')).sort();
try {
  for (const f of files) {
    const scenario = JSON.parse(readFileSync(join(scenariosDir, f), 'utf8')) as Scenario;
    if (real !== undefined && scenario.requires?.includes('freshServer') === true) {
      process.stderr.write(`note: ${f} requires a fresh server; it runs on a cleaned tree, which keeps the counters of / and /zookeeper\n`);
    }
    const record: ConformanceRecord = real === undefined ? await runScenario(scenario) : await runScenarioOn(scenario, real);
    writeFileSync(join(outDir, f), JSON.stringify(record, null, 2) + '\n');
  }
} catch (e) {
  process.stderr.write(`conformance: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}
process.exit(0);
