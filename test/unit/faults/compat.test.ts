/**
 * What was shared before the fault language must run as it did. The appliers that existed
 * before it are kept here, verbatim (from commit b7ea024), as the reference: the JSON
 * schedule's `applyFaultSchedule` and the timeline's `applyAction`. Old links (`v=1` codes,
 * every kind of input, several scenarios), schedules with every old kind, and an explorer
 * ensemble with its workload, run through the kernel's one applier and through the old
 * ones, must give the same trace, event for event. The exercises' drawn schedules keep
 * their exact JSON.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { addEnsembleForExplorer } from '../../../playground/explore/ensemble.ts';
import { specForSeed } from '../../../playground/explore/run.ts';
import { WorkloadDriver } from '../../../playground/explore/workload.ts';
import { drawFaults } from '../../../playground/exercises/faults.ts';
import { readJsonSchedule, scheduleFaults } from '../../../playground/sim/fault-schedule.ts';
import { Simulation } from '../../../playground/sim/simulation.ts';
import type { NodeId } from '../../../playground/sim/types.ts';
import { isMutantName } from '../../../playground/zab/mutants.ts';
import { parseLink, SCENARIOS, scenarioFromRunSpec, Timeline, type ReaderAction, type Scenario } from '../../../playground/timeline/index.ts';
import { base64Encode, utf8Encode } from '../../../playground/zk/bytes.ts';
import { hashRun } from '../trace-hash.ts';

// ---- the appliers before the fault language (b7ea024), kept as the reference ------------

type OldFaultEvent =
  | { readonly at: number; readonly crash: NodeId }
  | { readonly at: number; readonly restart: NodeId }
  | { readonly at: number; readonly partition: readonly (readonly NodeId[])[] }
  | { readonly at: number; readonly heal: true }
  | { readonly at: number; readonly break: readonly [NodeId, NodeId] }
  | { readonly at: number; readonly latency: readonly [number, number] };

function oldDescribeFault(e: OldFaultEvent): string {
  if ('crash' in e) return `crash ${e.crash}`;
  if ('restart' in e) return `restart ${e.restart}`;
  if ('partition' in e) return `partition ${e.partition.map((g) => `[${g.join(',')}]`).join(' ')}`;
  if ('heal' in e) return 'heal';
  if ('break' in e) return `break ${e.break[0]}-${e.break[1]}`;
  return `latency ${e.latency[0]}..${e.latency[1]}ms`;
}

function oldApplyFaultSchedule(sim: Simulation, events: readonly OldFaultEvent[]): void {
  for (const e of events) {
    sim.at(e.at, `fault: ${oldDescribeFault(e)}`, () => {
      if ('crash' in e) {
        if (sim.isUp(e.crash)) sim.crash(e.crash);
      } else if ('restart' in e) {
        if (!sim.isUp(e.restart)) sim.restart(e.restart);
      } else if ('partition' in e) sim.partition(e.partition);
      else if ('heal' in e) sim.heal();
      else if ('break' in e) sim.breakConnection(e.break[0], e.break[1]);
      else sim.setLatency(e.latency[0], e.latency[1]);
    });
  }
}

function oldApplyAction(sim: Simulation, action: ReaderAction, workloads: ReadonlyMap<string, () => void>, everyone: readonly NodeId[]): boolean {
  const known = new Set(sim.nodeIds());
  switch (action.kind) {
    case 'crash':
      if (!known.has(action.node) || !sim.isUp(action.node)) return false;
      sim.crash(action.node);
      return true;
    case 'restart':
      if (!known.has(action.node) || sim.isUp(action.node)) return false;
      sim.restart(action.node);
      return true;
    case 'partition': {
      const named = new Set(action.groups.flat());
      const rest = everyone.filter((n) => !named.has(n));
      const groups = [...action.groups.map((g) => [...g]), ...(rest.length > 0 ? [rest] : [])].filter((g) => g.length > 0);
      if (groups.length < 2) return false;
      try {
        sim.partition(groups);
      } catch {
        return false;
      }
      return true;
    }
    case 'heal':
      sim.heal();
      return true;
    case 'latency':
      if (!Number.isSafeInteger(action.minMs) || !Number.isSafeInteger(action.maxMs) || action.minMs < 0 || action.maxMs < action.minMs) return false;
      sim.setLatency(action.minMs, action.maxMs);
      return true;
    case 'break':
      if (!known.has(action.a) || !known.has(action.b) || action.a === action.b) return false;
      sim.breakConnection(action.a, action.b);
      return true;
    case 'workload': {
      const start = workloads.get(action.name);
      if (start === undefined) return false;
      start();
      return true;
    }
    default:
      throw new Error(`the old lab had no ${(action as { kind: string }).kind}`);
  }
}

// ---- the cases ----------------------------------------------------------------------------

/** Links as the lab wrote them before the language (`v=1`, one letter per input kind). */
const OLD_LINKS: readonly string[] = [
  'lab=zab-lab&v=1&s=zab&seed=7&at=900&in=60w.synced%20reads~300c.s5~500p.s1,c1|s2,s3~640h~700l.20-200~800b.s1,s2~900r.s5',
  'lab=failure-lab&v=1&s=failures&seed=1&at=2500&in=100b.c1,s1~1500p.s5,c4~2400h~2600c.s5~2700c.s4~2800c.s3',
  'lab=session-lab&v=1&s=sessions&seed=1&at=700&in=600p.c1~2000h',
  'lab=lock-lab&v=1&s=basic&seed=3&at=400&in=100w.lock~400b.c3,s1~500b.c4,c4~600c.s9~700l.100-600',
  'lab=stale-lab&v=1&s=stale&seed=1&at=1200&in=1100p.s2,c2,c3~1900r.s1~2500h',
];

const EVENTS = 6000;

/** The old lab's run of a link: the scenario, then each input applied (old applier) once the trace reaches its index. */
function oldRun(hash: string): string {
  const parsed = parseLink(hash);
  if (!parsed.ok) throw new Error(parsed.error);
  const { scenario: id, seed, inputs } = parsed.state;
  const sim = SCENARIOS.get(id)!.create(seed);
  const built = SCENARIOS.get(id)!.build(sim);
  const everyone = [...built.servers, ...built.clients];
  let k = 0;
  const due = (): void => {
    while (k < inputs.length && inputs[k]!.at <= sim.trace.length) oldApplyAction(sim, inputs[k++]!.action, built.workloads, everyone);
  };
  due();
  while (sim.trace.length < EVENTS && sim.step()) due();
  return hashRun(sim.trace, [], EVENTS);
}

function newRun(hash: string): string {
  const parsed = parseLink(hash);
  if (!parsed.ok) throw new Error(parsed.error);
  const tl = new Timeline(SCENARIOS.get(parsed.state.scenario)!, parsed.state.seed, parsed.state.inputs);
  tl.computeTo(EVENTS);
  return hashRun(tl.trace, [], EVENTS);
}

const SCHEDULES: readonly (readonly OldFaultEvent[])[] = [
  [
    { at: 900, crash: 's3' },
    { at: 1500, partition: [['s1', 'c1'], ['s2', 's3', 'c2']] },
    { at: 2100, heal: true },
    { at: 2300, latency: [10, 40] },
    { at: 2600, restart: 's3' },
    { at: 3000, break: ['c1', 's2'] },
    { at: 3500, latency: [1, 5] },
  ],
  [
    { at: 400, crash: 's1' },
    { at: 400, crash: 's1' },
    { at: 600, restart: 's2' },
    { at: 700, partition: [['s2']] },
    { at: 800, break: ['s2', 's3'] },
    { at: 1200, restart: 's1' },
    { at: 1300, heal: true },
    { at: 1300, latency: [0, 0] },
  ],
];

/** An explorer ensemble and workload (seed 5, 3 servers) under `apply`'s faults, to 6 s. */
function explorerRun(apply: (sim: Simulation) => void): string {
  const spec = specForSeed(5, { servers: 3 });
  const sim = new Simulation({ seed: spec.seed, latency: { minMs: spec.latency[0], maxMs: spec.latency[1] } });
  addEnsembleForExplorer(sim, { size: spec.servers, timing: spec.ensemble });
  new WorkloadDriver(sim, spec.workload).start();
  apply(sim);
  sim.runUntil(6000);
  return hashRun(sim.trace, sim.inputs);
}

/** An explorer link as the lab wrote it before the language: v=1, the spec's faults as JSON events. */
function oldExplorerLink(): { link: string; events: readonly OldFaultEvent[] } {
  const events = SCHEDULES[0]!;
  const spec = { ...specForSeed(5, { servers: 3 }), faultPhaseMs: 6000, faults: { version: 1, events } };
  const b64 = base64Encode(utf8Encode(JSON.stringify(spec))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return { link: `lab=lab&v=1&s=explore&spec=${b64}&at=500`, events };
}

/** `scenarioFromRunSpec` as it was, with the old JSON applier. */
function oldExplorerScenario(hash: string, events: readonly OldFaultEvent[]): Scenario {
  const parsed = parseLink(hash);
  if (!parsed.ok || parsed.state.spec === undefined) throw new Error('not an explorer link');
  const spec = parsed.state.spec;
  return {
    id: 'explore',
    title: 'old',
    create: (seed) => new Simulation({ seed, latency: { minMs: spec.latency[0], maxMs: spec.latency[1] } }),
    build(sim) {
      const servers = addEnsembleForExplorer(sim, { size: spec.servers, ...(spec.mutant !== undefined && isMutantName(spec.mutant) ? { mutant: spec.mutant } : {}), timing: spec.ensemble });
      const driver = new WorkloadDriver(sim, spec.workload);
      driver.start();
      oldApplyFaultSchedule(sim, events);
      sim.at(spec.faultPhaseMs, 'liveness phase', () => {
        driver.stop();
        sim.heal();
        for (const s of servers) if (!sim.isUp(s)) sim.restart(s);
        sim.setLatency(spec.latency[0], spec.latency[1]);
      });
      return { servers, clients: driver.clients, workloads: new Map() };
    },
  };
}

describe('what was shared before the fault language runs as it did', () => {
  for (const link of OLD_LINKS) {
    it(`an old link opens to the same run: ${link.slice(0, 40)}…`, () => {
      expect(newRun(link)).toBe(oldRun(link));
    });
  }

  it('an old explorer link (its spec with JSON fault events) opens to the same run', () => {
    const { link, events } = oldExplorerLink();
    const parsed = parseLink(link);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.state.spec!.faults[0]).toBe('at 900ms crash s3');
    const run = (scenario: Scenario): string => {
      const tl = new Timeline(scenario, parsed.state.seed);
      tl.computeToTime(8000);
      return hashRun(tl.trace, [], tl.computed);
    };
    expect(run(scenarioFromRunSpec(parsed.state.spec!))).toBe(run(oldExplorerScenario(link, events)));
  });

  SCHEDULES.forEach((events, i) => {
    it(`JSON schedule ${i + 1}: the kernel's applier gives the old applier's trace`, () => {
      const json = { version: 1, events };
      expect(explorerRun((sim) => scheduleFaults(sim, readJsonSchedule(json)))).toBe(explorerRun((sim) => oldApplyFaultSchedule(sim, events)));
    });
  });

  it('the reference is not blind: a different schedule gives a different trace', () => {
    const other = explorerRun((sim) => oldApplyFaultSchedule(sim, SCHEDULES[0]!.slice(1)));
    expect(other).not.toBe(explorerRun((sim) => oldApplyFaultSchedule(sim, SCHEDULES[0]!)));
    expect(newRun(OLD_LINKS[0]!.replace('300c.s5', '300c.s4'))).not.toBe(oldRun(OLD_LINKS[0]!));
  });

  it('the exercises draw the same schedules, to the byte', () => {
    const h = createHash('sha256');
    const menu = { servers: ['s1', 's2', 's3'], clients: ['c2', 'c3', 'c4', 'c5'], kinds: ['crash', 'isolate-server', 'break-client', 'expire-client', 'latency'] as const, sessionTimeoutMs: 4000, startMs: 0, endMs: 2500, maxEpisodes: 3 };
    for (let s = 1; s <= 50; s++) h.update(JSON.stringify(drawFaults(s, menu)));
    expect(h.digest('hex')).toBe('b397d1e04d512102dbc40025efa96612d3e38d73371483b3f21f09dc853ff04e');
  });
});
