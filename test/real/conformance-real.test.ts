/**
 * Conformance of `playground/real` on real ZooKeeper: every scenario of
 * /work/shared/conformance (relative to the repo: ../shared/conformance), run with the
 * real-server client against a fresh Debian ZooKeeper 3.8 (a standalone server, or a 3-server
 * ensemble for `requires: ["ensemble"]`), must reproduce the recorded result on the fields
 * of "What must match". This checks the wire client's Java semantics end to end, and that
 * the harness's server matches the recording server.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../playground/conformance/scenario.ts';
import { startEnsemble, startStandalone } from '../harness/zookeeper-server.ts';
import { runScenarioOnReal } from './real-conformance-runner.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const shared = join(root, '..', 'shared', 'conformance');
const files = readdirSync(join(shared, 'scenarios'))
  .filter((f) => f.endsWith('.json'))
  .sort();

type Json = unknown;
interface StepRecord {
  step: number;
  client?: string;
  op: string;
  result: Json;
  events?: Record<string, Json[]>;
  unorderedEvents?: boolean;
}

function strip(v: Json): Json {
  if (Array.isArray(v)) return v.map(strip);
  if (typeof v === 'object' && v !== null) {
    const o: Record<string, Json> = {};
    for (const [k, x] of Object.entries(v)) if (k !== 'message' && k !== 'server') o[k] = strip(x);
    return o;
  }
  return v;
}

/** The fields of "What must match". */
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

describe('conformance of the real-server client on ZooKeeper 3.8', () => {
  for (const file of files) {
    const scenario = JSON.parse(readFileSync(join(shared, 'scenarios', file), 'utf8')) as Scenario;
    const ensemble = scenario.requires?.includes('ensemble') === true;
    it(scenario.name, async () => {
      const cluster = ensemble ? await startEnsemble(3) : await startStandalone();
      try {
        const expected = JSON.parse(readFileSync(join(shared, 'expected', file), 'utf8')) as { scenario: string; steps: StepRecord[] };
        const actual = (await runScenarioOnReal(scenario, cluster)) as { scenario: string; steps: StepRecord[] };
        expect(comparable(actual)).toEqual(comparable(expected));
      } finally {
        await cluster.stop();
      }
    }, 60_000);
  }
});
