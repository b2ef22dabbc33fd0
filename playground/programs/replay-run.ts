/**
 * A reader program's run, rebuilt from its record somewhere the program never ran.
 *
 * A run on the simulation is fixed by its setup (seed, ensemble size, fault schedule: what
 * `simTarget` builds) and by the outside inputs the program put in, each at the kernel step
 * where it did (`sim.inputs`). Given those inputs, a fresh `simTarget` with the same setup,
 * stepped to each input's position and handed the input, rebuilds the run's trace event for
 * event, without the program. So whoever holds the rebuild holds a trace the program could
 * not touch, whatever it did to the realm it ran in.
 *
 * The record is checked as it is fed: a program can add clients (`addNode c1`, `c2`, ... in
 * order), send requests to its clients and wake up (`at`, its `sleep`); every other input
 * (servers, the fault schedule's crashes and partitions) must be exactly what the rebuild's
 * own setup made, where it made it; positions must be ones the rebuild reaches. Anything
 * else throws `ReplayRefused`, naming the first input that does not fit.
 *
 * Imports the sim target and the client node; no DOM, no Node.
 */
import { ClientNode } from '../client/client-node.ts';
import type { RecordedInput, Simulation } from '../sim/simulation.ts';
import type { NodeId } from '../sim/types.ts';
import { clientServers, simTarget } from './sim-target.ts';
import type { SimTargetOptions, SimulatedEnsemble } from './sim-target.ts';

export class ReplayRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReplayRefused';
  }
}

/** Where a run ended: after `steps` kernel steps, with `traceLength` trace events. */
export interface RunEnd {
  readonly traceLength: number;
  readonly steps: number;
}

export interface ReplayOptions extends Pick<SimTargetOptions, 'seed' | 'servers' | 'faults'> {
  /** The most trace events the rebuild may make; a record that needs more is refused. */
  readonly maxTraceEvents: number;
  /** Called every few thousand kernel steps of rebuilding (a worker's heartbeat). */
  readonly onSteps?: () => void;
}

/** Plain data equal in shape and value (as a structured clone keeps it). */
export function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    if (!(a instanceof Uint8Array && b instanceof Uint8Array) || a.length !== b.length) return false;
    return a.every((x, i) => x === b[i]);
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function describeInput(r: RecordedInput): string {
  const what = 'node' in r ? `${r.kind} ${r.node}` : r.kind === 'at' ? `at +${r.delayMs} ms ("${r.label.slice(0, 40)}")` : r.kind;
  return `${what} (step ${r.steps}, trace index ${r.at}, t=${r.time} ms)`;
}

/** A run being rebuilt: feed it the record as it arrives, then finish it at the run's end. */
export class RunReplay {
  readonly sim: Simulation;
  private readonly ensemble: SimulatedEnsemble;
  private readonly record: RecordedInput[] = [];
  private readonly clients = new Set<NodeId>();
  private next = 0;
  private stepsSinceBeat = 0;
  private readonly options: ReplayOptions;

  constructor(options: ReplayOptions) {
    this.options = options;
    const target = simTarget({
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.servers !== undefined ? { servers: options.servers } : {}),
      ...(options.faults !== undefined ? { faults: options.faults } : {}),
    });
    this.sim = target.sim;
    this.ensemble = target.ensemble;
  }

  /** The record's next inputs, in order; the rebuild advances to the last of them. */
  feed(inputs: readonly RecordedInput[]): void {
    for (const r of inputs) this.record.push(r);
    const sim = this.sim;
    while (this.next < this.record.length) {
      const r = this.record[this.next]!;
      if (this.next >= sim.inputs.length) {
        // The rebuild has nothing here yet: step towards the input; its own setup may act first.
        this.stepWhile(() => sim.steps < r.steps && sim.inputs.length <= this.next, r);
        if (sim.inputs.length <= this.next) {
          if (sim.steps !== r.steps || sim.trace.length !== r.at || sim.now !== r.time) {
            throw new ReplayRefused(`the record puts ${describeInput(r)} where the run never was (step ${sim.steps}, trace index ${sim.trace.length}, t=${sim.now} ms)`);
          }
          this.apply(r);
        }
      }
      const own = sim.inputs[this.next]!;
      if (!sameData(own, r)) throw new ReplayRefused(`the record has ${describeInput(r)} where the run had ${describeInput(own)}`);
      this.next++;
    }
  }

  /**
   * The run ended at `end`: step there, and check nothing was left out. The end is a
   * position (steps and trace length), as each input's is: a record cut short rebuilds a
   * run that does something else after its last input, and so is somewhere else by then.
   */
  finish(end: RunEnd): void {
    const sim = this.sim;
    if (this.next !== this.record.length) throw new ReplayRefused('the record was not fed to its end');
    this.stepWhile(() => sim.steps < end.steps && sim.inputs.length === this.record.length, undefined);
    if (sim.inputs.length > this.record.length) throw new ReplayRefused(`the record leaves out ${describeInput(sim.inputs[this.record.length]!)}`);
    if (sim.steps !== end.steps || sim.trace.length !== end.traceLength) {
      throw new ReplayRefused(`the record says the run ended at step ${end.steps} with ${end.traceLength} trace events; rebuilt, it has ${sim.trace.length} at step ${sim.steps}`);
    }
  }

  private stepWhile(go: () => boolean, towards: RecordedInput | undefined): void {
    const sim = this.sim;
    while (go()) {
      if (!sim.step()) throw new ReplayRefused(towards !== undefined ? `the run had nothing left to do before ${describeInput(towards)}` : 'the run had nothing left to do before the end the record gives');
      if (sim.trace.length > this.options.maxTraceEvents) throw new ReplayRefused(`rebuilding needs more than ${this.options.maxTraceEvents} trace events`);
      if (++this.stepsSinceBeat >= 4096) {
        this.stepsSinceBeat = 0;
        this.options.onSteps?.();
      }
    }
  }

  /** An input only the program could have made: a new client, a request to one, a wake-up. */
  private apply(r: RecordedInput): void {
    const sim = this.sim;
    switch (r.kind) {
      case 'addNode': {
        const k = this.clients.size + 1;
        if (r.node !== `c${k}`) throw new ReplayRefused(`the record adds ${r.node}; the program's next client is c${k}`);
        const servers = clientServers(this.ensemble, k);
        sim.addNode(r.node, (id) => new ClientNode(id, { servers, shuffle: false }));
        this.clients.add(r.node);
        return;
      }
      case 'request':
        if (!this.clients.has(r.node)) throw new ReplayRefused(`the record sends a request to ${r.node}, which is not one of the program's clients`);
        sim.request(r.node, r.value);
        return;
      case 'at':
        sim.at(r.delayMs, r.label);
        return;
      default:
        throw new ReplayRefused(`the record has ${describeInput(r)}, which a program cannot do`);
    }
  }
}
