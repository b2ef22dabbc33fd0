/**
 * A failing run from the explorer (its RunSpec JSON) as a timeline's scenario: the same
 * ensemble, workload and fault schedule, so that the views show the very run the checkers
 * objected to. Apart from scenario.ts because only a link to such a run needs it: a page
 * imports it when it opens one, and the book's own labs never carry the explorer's code.
 *
 * Imports the kernel, the explorer's ensemble, faults and workload. No clock, no DOM.
 */

import { addEnsembleForExplorer } from '../explore/ensemble.ts';
import { applySchedule } from '../explore/faults.ts';
import type { RunSpec } from '../explore/spec.ts';
import { WorkloadDriver } from '../explore/workload.ts';
import { Simulation } from '../sim/simulation.ts';
import { isMutantName } from '../zab/mutants.ts';
import type { Scenario } from './scenario.ts';

/**
 * A failing run from the explorer (its RunSpec JSON) as a scenario: the same ensemble,
 * workload and fault schedule, so the views show the very run the checkers objected to.
 * The explorer's liveness phase (heal, restart everything at `faultPhaseMs`) is scheduled at
 * that time. Reader inputs then apply on top, like any scenario's.
 */
export function scenarioFromRunSpec(spec: RunSpec): Scenario {
  return {
    id: 'explore',
    title: `Explorer run, seed ${spec.seed}`,
    create: (seed) => new Simulation({ seed, latency: { minMs: spec.latency[0], maxMs: spec.latency[1] } }),
    build(sim) {
      // The explorer's own ensemble builder, so a failing run opens exactly as it ran.
      const servers = addEnsembleForExplorer(sim, {
        size: spec.servers,
        ...(spec.mutant !== undefined && isMutantName(spec.mutant) ? { mutant: spec.mutant } : {}),
        timing: spec.ensemble,
      });
      const driver = new WorkloadDriver(sim, spec.workload);
      driver.start();
      applySchedule(sim, spec);
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
