/**
 * Conformance: every public scenario in ../shared/conformance (relative to the repo root)
 * run on the simulation must produce the recorded result of real ZooKeeper 3.8 on the
 * fields of "What must match" (message/server ignored anywhere; events per client,
 * order-insensitive where `unorderedEvents`). One `it` per scenario, tagged-optional ones
 * included: ensemble scenarios on a 3-server Zab ensemble, the others on a standalone
 * server — and every standalone scenario again on a 3-server ensemble with all clients on
 * one server (the records say real ZooKeeper gave the same results there).
 * Also runs the CLI once (child_process) and checks it writes every record and exits 0.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../playground/conformance/runner.ts';
import type { Scenario } from '../../../playground/conformance/scenario.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const shared = join(root, '..', 'shared', 'conformance');
const scenarioDir = join(shared, 'scenarios');
const files = readdirSync(scenarioDir).filter((f) => f.endsWith('.json')).sort();

type Json = unknown;
interface StepRecord {
  step: number;
  client?: string;
  op: string;
  result: Json;
  events?: Record<string, Json[]>;
  unorderedEvents?: boolean;
}

/** Drop `message` and `server` keys anywhere. */
function strip(v: Json): Json {
  if (Array.isArray(v)) return v.map(strip);
  if (typeof v === 'object' && v !== null) {
    const o: Record<string, Json> = {};
    for (const [k, x] of Object.entries(v)) if (k !== 'message' && k !== 'server') o[k] = strip(x);
    return o;
  }
  return v;
}

/** The comparable view of a record: the fields of "What must match". */
function comparable(record: { scenario: string; steps: StepRecord[] }): Json {
  return {
    scenario: record.scenario,
    steps: record.steps.map((s) => {
      const events: Record<string, string[]> = {};
      for (const [client, evs] of Object.entries(s.events ?? {})) {
        if (evs.length === 0) continue;
        const list = evs.map((e) => JSON.stringify(e));
        events[client] = s.unorderedEvents === true ? list.sort() : list;
      }
      return { step: s.step, client: s.client, op: s.op, result: strip(s.result), events };
    }),
  };
}

describe('conformance with ZooKeeper 3.8 records', () => {
  for (const file of files) {
    const scenario = JSON.parse(readFileSync(join(scenarioDir, file), 'utf8')) as Scenario;
    it(scenario.name, async () => {
      const expected = JSON.parse(readFileSync(join(shared, 'expected', file), 'utf8')) as { scenario: string; steps: StepRecord[] };
      const actual = (await runScenario(scenario)) as { scenario: string; steps: StepRecord[] };
      expect(comparable(actual)).toEqual(comparable(expected));
    });
  }

  describe('every standalone scenario on a 3-server ensemble, all clients on one server', () => {
    for (const file of files) {
      const scenario = JSON.parse(readFileSync(join(scenarioDir, file), 'utf8')) as Scenario;
      if (scenario.requires?.includes('ensemble')) continue;
      it(`${scenario.name} (ensemble)`, async () => {
        const expected = JSON.parse(readFileSync(join(shared, 'expected', file), 'utf8')) as { scenario: string; steps: StepRecord[] };
        const actual = (await runScenario(scenario, 1, { ensemble: true })) as { scenario: string; steps: StepRecord[] };
        expect(comparable(actual)).toEqual(comparable(expected));
      });
    }
  });

  it('the CLI writes one record per scenario and exits 0', () => {
    const out = mkdtempSync(join(tmpdir(), 'conformance-'));
    execFileSync(process.execPath, ['playground/conformance/cli.ts', '--scenarios', scenarioDir, '--out', out], { cwd: root, stdio: 'pipe' });
    const written = readdirSync(out).filter((f) => f.endsWith('.json')).sort();
    expect(written).toEqual(files);
    const first = JSON.parse(readFileSync(join(out, written[0]!), 'utf8')) as { scenario: string; steps: unknown[] };
    expect(first.scenario).toBe(written[0]!.replace(/\.json$/, ''));
    expect(first.steps.length).toBeGreaterThan(0);
  }, 120_000);
});
