/**
 * Conformance against real ZooKeeper: every scenario of test/conformance (the project's copy
 * of ../shared/conformance) runs in ONE test run both on the simulation and, through
 * the same runner (`playground/conformance/runner.ts`) with the real target
 * (`node/targets/conformance-target.ts`), on Debian's ZooKeeper 3.8 — a standalone server, or a 3-server
 * ensemble for `requires: ["ensemble"]`. The two records must be equal to each other and
 * to the expected record on the fields of "What must match". One `it` per scenario file:
 * adding a scenario is adding one file. Also runs the CLI once, `--target real --servers
 * <standalone>`, over every scenario: it must write every record, each equal to the expected
 * one (the ensemble scenario then runs on the standalone server, which the records' README
 * says gives the same record).
 *
 * Kept short: the servers start once for the whole file, all in parallel in `beforeAll`;
 * between scenarios the real target cleans the tree (everything but /zookeeper, as the super
 * user) instead of restarting. `requires: ["freshServer"]` scenarios run first, on the still
 * pristine servers; a second one on the same servers would restart them on empty data dirs.
 * The CLI gets its own standalone server and runs, as a child process, while the in-process
 * scenarios run (most of both is waiting: `waitEvents`, TTL and session expiry). The
 * wall-clock time of the real part is printed at the end.
 *
 * Imports the conformance runner and targets, and the server harness.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScenario, runScenarioOn } from '../../playground/conformance/runner.ts';
import type { Scenario } from '../../playground/conformance/scenario.ts';
import { comparable } from '../../playground/conformance/compare.ts';
import type { ComparableRecord } from '../../playground/conformance/compare.ts';
import { realTarget } from '../../node/targets/conformance-target.ts';
import type { RealZooKeeper } from '../../node/real/index.ts';
import type { ConformanceTarget } from '../../playground/conformance/target.ts';
import { startEnsemble, startStandalone } from '../harness/zookeeper-server.ts';
import type { ZooKeeperCluster } from '../harness/zookeeper-server.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
// The project's copy of the shared records (test/conformance); records-copy.test.ts keeps it
// equal to ../shared/conformance wherever that exists.
const shared = join(root, 'test', 'conformance');
const scenarioDir = join(shared, 'scenarios');
const files = readdirSync(scenarioDir).filter((f) => f.endsWith('.json')).sort();
const scenarios = files.map((file) => ({ file, scenario: JSON.parse(readFileSync(join(scenarioDir, file), 'utf8')) as Scenario }));
const needs = (s: Scenario, what: string): boolean => s.requires?.includes(what) === true;
/** freshServer scenarios first: they get the pristine servers without a restart. */
const ordered = [...scenarios.filter((x) => needs(x.scenario, 'freshServer')), ...scenarios.filter((x) => !needs(x.scenario, 'freshServer'))];
const anyEnsemble = scenarios.some((x) => needs(x.scenario, 'ensemble'));

function expectedRecord(file: string): ComparableRecord {
  return JSON.parse(readFileSync(join(shared, 'expected', file), 'utf8')) as ComparableRecord;
}

/** Stop the cluster's servers, empty their data dirs (keeping `myid`), start them again. */
async function restartFresh(cluster: ZooKeeperCluster): Promise<void> {
  await Promise.all(cluster.servers.map((s) => s.stop()));
  for (const s of cluster.servers) {
    const data = join(s.dir, 'data');
    rmSync(data, { recursive: true, force: true });
    mkdirSync(data);
    if (s.id > 0) writeFileSync(join(data, 'myid'), `${s.id}\n`);
  }
  for (const s of cluster.servers) s.spawn();
  await Promise.all(cluster.servers.map((s) => s.waitServing()));
}

/** Wall-clock accounting of the real part. */
const timing = { startMs: 0, scenariosMs: 0, prepareMs: 0, restarts: 0, cliMs: 0, stopMs: 0 };

/** A real target on `cluster`; `freshServer` scenarios get it pristine (restarting it if used). */
function targetOn(cluster: ZooKeeperCluster): ConformanceTarget<RealZooKeeper> {
  let pristine = true;
  return realTarget({
    servers: cluster.servers.map((s) => s.address),
    async freshServers() {
      if (!pristine) {
        await restartFresh(cluster);
        timing.restarts++;
      }
      pristine = false;
      return cluster.servers.map((s) => s.address);
    },
    onPrepared(_scenario, _how, ms) {
      pristine = false;
      timing.prepareMs += ms;
    },
  });
}

/** What the CLI child process did. */
interface CliRun {
  readonly out: string;
  readonly error: Error | null;
  readonly stderr: string;
}

let standalone: ZooKeeperCluster | undefined;
let ensemble: ZooKeeperCluster | undefined;
let forCli: ZooKeeperCluster | undefined;
let onStandalone: ConformanceTarget<RealZooKeeper>;
let onEnsemble: ConformanceTarget<RealZooKeeper>;
let cli: Promise<CliRun>;
let began = 0;

/** Run the CLI (child process) against `address`, writing into a new temp dir. */
function runCli(address: string): Promise<CliRun> {
  const out = mkdtempSync(join(tmpdir(), 'conformance-real-'));
  const t0 = Date.now();
  const args = ['node/cli/conformance.ts', '--scenarios', scenarioDir, '--out', out, '--target', 'real', '--servers', address];
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: root, timeout: 110_000 }, (error, _stdout, stderr) => {
      timing.cliMs = Date.now() - t0;
      resolve({ out, error, stderr });
    });
  });
}

beforeAll(async () => {
  began = Date.now();
  const started = await Promise.allSettled([startStandalone(), anyEnsemble ? startEnsemble(3) : Promise.resolve(undefined), startStandalone()]);
  [standalone, ensemble, forCli] = started.map((r) => (r.status === 'fulfilled' ? r.value : undefined));
  for (const r of started) if (r.status === 'rejected') throw r.reason;
  timing.startMs = Date.now() - began;
  onStandalone = targetOn(standalone!);
  if (ensemble !== undefined) onEnsemble = targetOn(ensemble);
  cli = runCli(forCli!.servers[0]!.address);
});

afterAll(async () => {
  const t0 = Date.now();
  await Promise.all([standalone?.stop(), ensemble?.stop(), forCli?.stop()]);
  timing.stopMs = Date.now() - t0;
  console.log(
    `conformance-real: real part ${((Date.now() - began) / 1000).toFixed(1)} s wall-clock: servers start ${timing.startMs} ms` +
      ` (standalone${anyEnsemble ? ' + 3-server ensemble' : ''} + the CLI's standalone, in parallel)` +
      `, ${scenarios.length} scenarios in-process ${timing.scenariosMs} ms (tree cleaning ${timing.prepareMs} ms, ${timing.restarts} restarts)` +
      `, the CLI meanwhile ${timing.cliMs} ms, stop ${timing.stopMs} ms`,
  );
});

describe('every conformance scenario: real ZooKeeper 3.8 = simulation = expected record', () => {
  for (const { file, scenario } of ordered) {
    it(scenario.name, async () => {
      const expected = comparable(expectedRecord(file));
      const sim = comparable(await runScenario(scenario));
      const t0 = Date.now();
      const real = comparable(await runScenarioOn(scenario, needs(scenario, 'ensemble') ? onEnsemble : onStandalone));
      timing.scenariosMs += Date.now() - t0;
      expect(real, 'real server vs simulation').toEqual(sim);
      expect({ real, sim }, 'both vs the expected record').toEqual({ real: expected, sim: expected });
    }, 60_000);
  }

  it('the CLI with --target real --servers <standalone> writes every record, equal to the expected ones', async () => {
    const run = await cli;
    try {
      expect(run.error, run.stderr).toBeNull();
      expect(readdirSync(run.out).filter((f) => f.endsWith('.json')).sort()).toEqual(files);
      for (const file of files) {
        const record = JSON.parse(readFileSync(join(run.out, file), 'utf8')) as ComparableRecord & { source: string };
        expect(record.source).toContain(forCli!.servers[0]!.address);
        expect(comparable(record), file).toEqual(comparable(expectedRecord(file)));
      }
    } finally {
      rmSync(run.out, { recursive: true, force: true });
    }
  }, 120_000);
});
