/**
 * A timeline: one simulated run a reader travels along, and breaks.
 *
 * It owns a scenario (the builder: ensemble + workloads), a seed and the reader's inputs,
 * each keyed by the trace index at which it applies. The simulation is extended lazily, one
 * kernel step at a time, as the reader steps or plays; the positions a reader can stand on
 * are step boundaries (trace lengths between two kernel steps), so that every position is a
 * place where an input can apply. Stepping back only moves the position within the trace
 * already computed: views are pure functions of the trace prefix.
 *
 * An input made at a past position forks: the run is rebuilt from scratch (new simulation,
 * same seed, same builder, earlier inputs applied at their indices), the new input is
 * applied at the position's index, and the old future is gone. So (scenario, seed, inputs,
 * position) fixes the trace, and with it every pixel and every word the views show.
 *
 * The reader's inputs are kept in a `Stepper` (playground/sim/stepper.ts): each action is
 * one step of its log, `apply` keeps the inputs at or before the new one's index and appends
 * it (the fork), so Undo brings back the inputs — and the future — the fork discarded, and
 * Redo forks again. A link loads its inputs with `Stepper.load`.
 *
 * Imports the kernel, the stepper and this folder. No clock, no DOM.
 */

import type { Simulation } from '../sim/simulation.ts';
import { Stepper } from '../sim/stepper.ts';
import type { TraceEvent } from '../sim/trace.ts';
import type { NodeId } from '../sim/types.ts';
import { applyAction, type ReaderAction, type ReaderInput } from './actions.ts';
import type { BuiltScenario, Scenario } from './scenario.ts';

/** The reader's inputs, as the stepper's state. */
export interface InputLog {
  readonly inputs: readonly ReaderInput[];
}

/** The fork rule: keep what happened at or before `input.at`, then `input`. */
export function forkInputs(inputs: readonly ReaderInput[], input: ReaderInput): ReaderInput[] {
  return [...inputs.filter((i) => i.at <= input.at), input];
}

export interface TimelineOptions {
  /** Stop extending after this many trace events (a runaway guard). Default 400 000. */
  readonly maxEvents?: number;
}

export class Timeline {
  readonly scenario: Scenario;
  readonly seed: number;
  private readonly maxEvents: number;
  private readonly log: Stepper<InputLog, ReaderInput>;
  private sim!: Simulation;
  private built!: BuiltScenario;
  private everyone: NodeId[] = [];
  /** Inputs of the current run, sorted by `at`; `applied` of them are in the trace. */
  private inputs: readonly ReaderInput[] = [];
  private applied = 0;
  /** Step boundaries: trace lengths at which the reader may stand, ascending. */
  private readonly bounds: number[] = [];
  private pos = 0;
  /** Inputs that did not apply (a crash of a server already down), by index into `inputs`. */
  private readonly skipped = new Set<number>();

  constructor(scenario: Scenario, seed: number, inputs: readonly ReaderInput[] = [], options: TimelineOptions = {}) {
    this.scenario = scenario;
    this.seed = seed;
    this.maxEvents = options.maxEvents ?? 400_000;
    this.log = new Stepper<InputLog, ReaderInput>({ initial: () => ({ inputs: [] }), apply: (s, i) => ({ inputs: forkInputs(s.inputs, i) }) }, { checkpointEvery: 8 });
    const sorted = [...inputs].sort((a, b) => a.at - b.at);
    this.log.load(sorted, sorted.length);
    this.rebuild();
  }

  // ---- reading ----------------------------------------------------------------------------

  get trace(): readonly TraceEvent[] {
    return this.sim.trace;
  }

  /** The number of trace events shown: the reader's position. */
  get position(): number {
    return this.pos;
  }

  /** Virtual time at the position: the time of the last event shown. */
  get time(): number {
    return this.pos === 0 ? 0 : this.sim.trace[this.pos - 1]!.time;
  }

  get servers(): readonly NodeId[] {
    return this.built.servers;
  }

  get clients(): readonly NodeId[] {
    return this.built.clients;
  }

  get workloads(): readonly string[] {
    return [...this.built.workloads.keys()];
  }

  /** The reader's inputs in force (what a link encodes). */
  get readerInputs(): readonly ReaderInput[] {
    return this.inputs;
  }

  /** Inputs of `readerInputs` that did not apply, by index. */
  get skippedInputs(): ReadonlySet<number> {
    return this.skipped;
  }

  get canUndo(): boolean {
    return this.log.canUndo;
  }

  get canRedo(): boolean {
    return this.log.canRedo;
  }

  /** The first position (after the scenario is built). */
  get start(): number {
    return this.bounds[0]!;
  }

  /** Step boundaries computed so far (ascending). */
  get boundaries(): readonly number[] {
    return this.bounds;
  }

  // ---- moving -----------------------------------------------------------------------------

  /** One kernel step forward (computing it if needed). False at the end of the run. */
  stepForward(): boolean {
    const i = this.boundIndex(this.pos);
    if (i + 1 >= this.bounds.length && !this.extend()) return false;
    this.pos = this.bounds[i + 1]!;
    return true;
  }

  stepBack(): boolean {
    const i = this.boundIndex(this.pos);
    if (i <= 0) return false;
    this.pos = this.bounds[i - 1]!;
    return true;
  }

  /** Move to the last boundary at or before trace index `index` (computing up to it). */
  seek(index: number): number {
    while (this.computed < index && this.extend()) {
      // extend until the index is computed
    }
    this.pos = this.bounds[Math.max(0, this.boundIndex(Math.min(index, this.computed)))]!;
    return this.pos;
  }

  /** Move to the last boundary whose events happen at or before virtual time `t` (computing up to it). */
  seekTime(t: number): number {
    while (this.lastTime() <= t && this.extend()) {
      // extend past t
    }
    const trace = this.sim.trace;
    let lo = 0;
    let hi = this.bounds.length - 1;
    // the last boundary b with trace[b - 1].time <= t
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      const b = this.bounds[mid]!;
      if (b === 0 || trace[b - 1]!.time <= t) lo = mid;
      else hi = mid - 1;
    }
    this.pos = this.bounds[lo]!;
    return this.pos;
  }

  /**
   * Move forward to the first boundary after the next event matching `pred`, looking at
   * most `limit` events ahead. Returns false (not moving) if none is found.
   */
  seekNext(pred: (e: TraceEvent) => boolean, limit = 50_000): boolean {
    const from = this.pos;
    for (let i = from; i < from + limit; i++) {
      while (i >= this.computed) if (!this.extend()) return false;
      if (pred(this.sim.trace[i]!)) {
        this.seek(i + 1);
        // seek goes to the boundary at or before; the event's step ends at the next boundary
        if (this.pos <= i) this.stepForward();
        return true;
      }
    }
    return false;
  }

  /** Make sure the trace is computed up to at least `index` events (for scrubbing ahead). */
  computeTo(index: number): void {
    while (this.computed < index && this.extend()) {
      // extend
    }
  }

  /** Compute ahead until virtual time `t` has been passed (or the run ends). */
  computeToTime(t: number): void {
    while (this.lastTime() <= t && this.extend()) {
      // extend
    }
  }

  /** Events computed so far (>= position). */
  get computed(): number {
    return this.bounds[this.bounds.length - 1]!;
  }

  // ---- the reader's inputs ----------------------------------------------------------------

  /** Apply `action` at the current position; forks if the run was computed beyond it. */
  act(action: ReaderAction): void {
    const input: ReaderInput = { at: this.pos, action };
    this.log.do(input);
    this.follow(input.at);
  }

  /** Undo the last action: its inputs before the fork, and the old future, come back. */
  undo(): boolean {
    if (!this.log.canUndo) return false;
    const undone = this.log.log[this.log.position - 1]!;
    this.log.undo();
    this.rebuild();
    this.seek(undone.at);
    return true;
  }

  redo(): boolean {
    if (!this.log.canRedo) return false;
    const input = this.log.log[this.log.position]!;
    this.log.redo();
    this.follow(input.at);
    return true;
  }

  /** After the log changed at `at`: rebuild (or extend in place) and stand just after the input. */
  private follow(at: number): void {
    const next = this.log.state.inputs;
    const prefixSame = this.inputs.every((inp, k) => next[k] === inp);
    if (prefixSame && this.computed === at && this.applied === this.inputs.length && this.inputs.length + 1 === next.length) {
      // At the head of the run: apply in place, no rebuild.
      this.inputs = next;
      this.applyDue();
    } else {
      this.rebuild();
      this.computeTo(at);
      this.applyDue();
    }
    // Stand just after the input's events (the crash is visible).
    this.pos = this.computed;
  }

  // ---- internals ----------------------------------------------------------------------------

  private rebuild(): void {
    this.inputs = this.log.state.inputs;
    this.applied = 0;
    this.skipped.clear();
    this.sim = this.scenario.create(this.seed);
    this.built = this.scenario.build(this.sim);
    this.everyone = [...this.built.servers, ...this.built.clients];
    this.bounds.length = 0;
    this.bounds.push(this.sim.trace.length);
    this.applyDue();
    this.pos = this.bounds[0]!;
  }

  /** Apply every input due at the current end of the trace; record the boundary after. */
  private applyDue(): void {
    const sim = this.sim;
    let any = false;
    while (this.applied < this.inputs.length && this.inputs[this.applied]!.at <= sim.trace.length) {
      const k = this.applied++;
      if (!applyAction(sim, this.inputs[k]!.action, this.built.workloads, this.everyone)) this.skipped.add(k);
      any = true;
    }
    if (any && sim.trace.length > this.computed) this.bounds.push(sim.trace.length);
  }

  /** One kernel step (after any inputs due). False when the run cannot go on. */
  private extend(): boolean {
    const sim = this.sim;
    if (sim.trace.length >= this.maxEvents) return false;
    this.applyDue();
    const before = sim.trace.length;
    if (!sim.step()) return false;
    if (sim.trace.length > before) this.bounds.push(sim.trace.length);
    this.applyDue();
    return true;
  }

  private lastTime(): number {
    const n = this.sim.trace.length;
    return n === 0 ? 0 : this.sim.trace[n - 1]!.time;
  }

  /** Index in `bounds` of the last boundary <= `index`. */
  private boundIndex(index: number): number {
    let lo = 0;
    let hi = this.bounds.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.bounds[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
