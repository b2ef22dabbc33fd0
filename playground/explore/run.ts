/**
 * One run of the explorer: build the ensemble and the clients, run the workload under the
 * faults until the fault phase ends, then the liveness phase — heal every partition, restart
 * every crashed server, restore the latency, issue nothing new — and require, within a bound
 * that covers FLE's longest notification back-off, initLimit, syncLimit and the session
 * timeout, that a leader is established with a quorum and that every client request has
 * completed (a result, CONNECTIONLOSS or SESSIONEXPIRED all count); a host still frozen gets
 * the rest of its freeze on top. Then every checker judges the trace.
 *
 * `runSeed` draws everything from the seed and aims faults at the live ensemble (recording
 * them); `runSpec` replays a recorded spec. Both return the spec, so a seed's run can be
 * saved, shrunk and replayed as data.
 *
 * Imports the kernel, the checkers and the explorer's parts. The ensemble is passed in
 * (`AddEnsemble`), so this file does not depend on how it is built.
 */

import { checkAll, type Violation } from '../check/index.ts';
import { Prng } from '../sim/prng.ts';
import { Simulation } from '../sim/simulation.ts';
import type { TraceEvent } from '../sim/trace.ts';
import type { NodeId } from '../sim/types.ts';
import { applyFault } from '../sim/faults.ts';
import { applySchedule, FaultInjector } from './faults.ts';
import { optionsForSeed, workloadForSeed, type Overrides } from './generate.ts';
import { LiveView } from './live-view.ts';
import type { EnsembleTiming, RunSpec } from './spec.ts';
import { WorkloadDriver } from './workload.ts';

/** Adds an ensemble of `size` servers (`s1..sN`) to the simulation; returns their ids. */
export type AddEnsemble = (sim: Simulation, options: { size: number; mutant?: string; timing: EnsembleTiming }) => NodeId[];

export interface RunResult {
  readonly spec: RunSpec;
  readonly trace: readonly TraceEvent[];
  readonly violations: readonly Violation[];
  /** Why the liveness phase failed, or null. */
  readonly liveness: string | null;
  /** An exception thrown by the simulation (a crash of the code under test), or null. */
  readonly error: string | null;
  readonly failed: boolean;
  readonly stats: { readonly events: number; readonly timeMs: number; readonly faults: number; readonly epochs: number; readonly writes: number };
}

/** How long the liveness phase may take, ms. */
export function livenessBoundMs(spec: RunSpec): number {
  const t = spec.ensemble;
  const session = Math.min(t.maxSessionTimeout, Math.max(...spec.workload.clients.map((c) => c.sessionTimeoutMs), 0));
  // a back-off to its ceiling, then an election (finalizeWait), discovery and sync (initLimit),
  // a learner noticing a dead leader (syncLimit), and a client's session timeout plus its
  // reconnect delays (up to 2 s per round over the servers).
  return t.maxNotificationIntervalMs + 1000 + 2 * (t.initLimit + t.syncLimit) * t.tickTime + 2 * session + 2000 * spec.servers + 2000;
}

function execute(spec: RunSpec, addEnsemble: AddEnsemble, adaptive: Overrides | null): RunResult {
  let sim: Simulation | null = null;
  let injector: FaultInjector | null = null;
  try {
    return simulate(spec, addEnsemble, adaptive, (s, i) => {
      sim = s;
      injector = i;
    });
  } catch (e) {
    const trace = (sim as Simulation | null)?.trace ?? [];
    const faults = (injector as FaultInjector | null)?.schedule ?? spec.faults;
    const error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    const stats = { events: trace.length, timeMs: (sim as Simulation | null)?.now ?? 0, faults: faults.length, epochs: 0, writes: 0 };
    return { spec: { ...spec, faults }, trace, violations: [], liveness: null, error: `exception at t=${stats.timeMs}: ${error}`, failed: true, stats };
  }
}

function simulate(spec: RunSpec, addEnsemble: AddEnsemble, adaptive: Overrides | null, expose: (sim: Simulation, injector: FaultInjector | null) => void): RunResult {
  const sim = new Simulation({ seed: spec.seed, latency: { minMs: spec.latency[0], maxMs: spec.latency[1] } });
  const servers = addEnsemble(sim, { size: spec.servers, ...(spec.mutant !== undefined ? { mutant: spec.mutant } : {}), timing: spec.ensemble });
  const driver = new WorkloadDriver(sim, spec.workload);
  const view = new LiveView(servers, driver.clients);
  driver.start();
  let injector: FaultInjector | null = null;
  expose(sim, null);
  if (adaptive !== null) {
    injector = new FaultInjector(sim, view, new Prng(spec.seed, 'faults'), { ...optionsForSeed(spec.seed, adaptive), faultPhaseMs: spec.faultPhaseMs }, driver.clients, negotiatedTimeouts(spec));
    expose(sim, injector);
    injector.start();
  } else {
    applySchedule(sim, spec);
  }
  sim.runUntil(spec.faultPhaseMs);

  // ---- liveness phase -------------------------------------------------------------------
  driver.stop();
  applyFault(sim, { kind: 'heal' });
  view.update(sim.trace);
  for (const s of view.down()) applyFault(sim, { kind: 'restart', node: s });
  applyFault(sim, { kind: 'latency', minMs: spec.latency[0], maxMs: spec.latency[1] });
  // A host still frozen (a shrunk spec may end the fault phase inside a freeze) thaws first.
  const deadline = sim.now + frozenFor(sim.trace, sim.now) + livenessBoundMs(spec);
  let liveness: string | null = null;
  for (;;) {
    view.update(sim.trace);
    const leader = view.establishedQuorum(servers.length);
    if (leader !== undefined && driver.outstanding === 0) break;
    if (sim.now >= deadline) {
      const why: string[] = [];
      if (leader === undefined) {
        const states = [...view.servers].map(([id, v]) => `${id} ${v.state}/${v.phase}/e${v.epoch}`).join(', ');
        why.push(`no leader established with a quorum (${states})`);
      }
      if (driver.outstanding > 0) why.push(`requests never completed: ${driver.waiting().slice(0, 3).join('; ')}${driver.outstanding > 3 ? ` and ${driver.outstanding - 3} more` : ''}`);
      liveness = `liveness: ${livenessBoundMs(spec)} ms after healing and restarting everything, ${why.join('; ')}`;
      break;
    }
    sim.runFor(Math.min(100, deadline - sim.now));
  }

  const finalSpec: RunSpec = injector !== null ? { ...spec, faults: injector.schedule } : spec;
  const violations = checkAll(sim.trace);
  let epochs = 0;
  let writes = 0;
  for (const e of sim.trace) {
    if (e.kind === 'protocol' && e.event.type === 'zab.established') epochs++;
    else if (e.kind === 'protocol' && e.event.type === 'zab.commit') writes++;
  }
  return {
    spec: finalSpec,
    trace: sim.trace,
    violations,
    liveness,
    error: null,
    failed: violations.length > 0 || liveness !== null,
    stats: { events: sim.trace.length, timeMs: sim.now, faults: finalSpec.faults.length, epochs, writes },
  };
}

/** How long until the last host frozen at `now` thaws (0 if none is frozen). */
function frozenFor(trace: readonly TraceEvent[], now: number): number {
  const thawAt = new Map<NodeId, number>();
  for (const e of trace) {
    if (e.kind === 'freeze') thawAt.set(e.node, e.time + e.forMs);
    else if (e.kind === 'thaw' || e.kind === 'crash') thawAt.delete(e.node);
  }
  return Math.max(0, ...[...thawAt.values()].map((t) => t - now));
}

/** Each client's session timeout as the servers negotiate it (`minSessionTimeout` 2 ticks, `maxSessionTimeout`). */
function negotiatedTimeouts(spec: RunSpec): Map<NodeId, number> {
  const t = spec.ensemble;
  return new Map(spec.workload.clients.map((c) => [c.id, Math.min(Math.max(c.sessionTimeoutMs, 2 * t.tickTime), t.maxSessionTimeout)]));
}

/** The spec a seed draws (its fault schedule still empty: faults are aimed during the run). */
export function specForSeed(seed: number, overrides: Overrides & { mutant?: string } = {}): RunSpec {
  const o = optionsForSeed(seed, overrides);
  return {
    version: 1,
    seed,
    servers: o.servers,
    ...(overrides.mutant !== undefined ? { mutant: overrides.mutant } : {}),
    ensemble: o.ensemble,
    latency: o.latency,
    faultPhaseMs: o.faultPhaseMs,
    faults: [],
    workload: workloadForSeed(o),
  };
}

/** A seed's run: options, workload and faults all drawn from the seed. */
export function runSeed(seed: number, addEnsemble: AddEnsemble, overrides: Overrides & { mutant?: string } = {}): RunResult {
  return execute(specForSeed(seed, overrides), addEnsemble, { ...(overrides.servers !== undefined ? { servers: overrides.servers } : {}) });
}

/** Replay a recorded spec exactly. */
export function runSpec(spec: RunSpec, addEnsemble: AddEnsemble): RunResult {
  return execute(spec, addEnsemble, null);
}

/** The first problem of a result, in one line. */
export function firstProblem(r: RunResult): string {
  const v = r.violations[0];
  if (v !== undefined) return `${v.checker}: ${v.violation} (trace #${v.at})`;
  return r.error ?? r.liveness ?? 'ok';
}
