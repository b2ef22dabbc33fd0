/**
 * Step, undo, redo and go-to for any deterministic system a reader drives by hand: the
 * Paxos stepper now, the Zab ensemble views later.
 *
 * A system is two functions: `initial()` builds the starting state and `apply(state, step)`
 * returns the state after one step. `apply` must be deterministic (same state and step,
 * same result) and must not mutate the state it is given; it throws if the step cannot be
 * applied. Then every position in the step log is a pure function of the log, so:
 * - `do(step)` applies a step at the current position and discards any redo tail;
 * - `undo()` / `redo()` move one position back / forward along the log;
 * - `goTo(position)` rebuilds that position by replaying the log from the nearest
 *   checkpoint at or before it (a state kept every `checkpointEvery` steps; checkpoints are
 *   cheap because states are immutable values, and position 0 is always one);
 * - `load(steps)` replaces the log (a classic run, a shared link, a counterexample),
 *   checking that every step applies, and puts the reader at a chosen position.
 * The log keeps undone steps until a new `do` replaces them, so Forward re-does them.
 *
 * Imports nothing. No clock, no randomness, no DOM: a view owns one and re-renders from
 * `state` after each call.
 */

export interface DeterministicSystem<S, T> {
  initial(): S;
  apply(state: S, step: T): S;
}

export interface StepperOptions {
  /** Keep a checkpoint every this many positions (default 16). */
  readonly checkpointEvery?: number;
}

export class Stepper<S, T> {
  private readonly system: DeterministicSystem<S, T>;
  private readonly every: number;
  private steps: T[] = [];
  private pos = 0;
  private current: S;
  /** checkpoints[k] is the state at position k * every. */
  private checkpoints: S[];

  constructor(system: DeterministicSystem<S, T>, options: StepperOptions = {}) {
    const every = options.checkpointEvery ?? 16;
    if (!Number.isInteger(every) || every < 1) throw new Error(`checkpointEvery must be a positive integer, got ${every}`);
    this.system = system;
    this.every = every;
    this.current = system.initial();
    this.checkpoints = [this.current];
  }

  /** The state at the current position. */
  get state(): S {
    return this.current;
  }

  /** How many steps of the log are applied (0 = the initial state). */
  get position(): number {
    return this.pos;
  }

  /** Every step in the log, including undone ones beyond `position`. */
  get log(): readonly T[] {
    return this.steps;
  }

  get canUndo(): boolean {
    return this.pos > 0;
  }

  get canRedo(): boolean {
    return this.pos < this.steps.length;
  }

  /** Applies `step` at the current position; the redo tail is discarded. Throws (changing nothing) if it cannot apply. */
  do(step: T): S {
    const next = this.system.apply(this.current, step);
    this.steps = [...this.steps.slice(0, this.pos), step];
    this.checkpoints.length = Math.floor(this.pos / this.every) + 1;
    this.advance(next);
    return next;
  }

  undo(): boolean {
    if (!this.canUndo) return false;
    this.goTo(this.pos - 1);
    return true;
  }

  redo(): boolean {
    if (!this.canRedo) return false;
    this.advance(this.system.apply(this.current, this.steps[this.pos]!));
    return true;
  }

  /** Rebuilds position `position` (0..log.length) by replay from the nearest checkpoint. */
  goTo(position: number): S {
    if (!Number.isInteger(position) || position < 0 || position > this.steps.length) {
      throw new Error(`goTo: position must be an integer from 0 to ${this.steps.length}, got ${position}`);
    }
    this.current = this.stateAt(position);
    this.pos = position;
    return this.current;
  }

  /** The state at `position`, without moving there. */
  stateAt(position: number): S {
    if (!Number.isInteger(position) || position < 0 || position > this.steps.length) {
      throw new Error(`stateAt: position must be an integer from 0 to ${this.steps.length}, got ${position}`);
    }
    const k = Math.min(Math.floor(position / this.every), this.checkpoints.length - 1);
    let state = this.checkpoints[k] as S;
    for (let i = k * this.every; i < position; i++) {
      state = this.system.apply(state, this.steps[i]!);
      if ((i + 1) % this.every === 0 && this.checkpoints.length === (i + 1) / this.every) this.checkpoints.push(state);
    }
    return state;
  }

  /**
   * Replaces the log with `steps` and moves to `position` (default 0, the start). Every step
   * is applied once here, so a log that cannot replay is refused with the failing step's
   * index, and the stepper is left as it was.
   */
  load(steps: readonly T[], position = 0): void {
    let state = this.system.initial();
    const checkpoints = [state];
    steps.forEach((step, i) => {
      try {
        state = this.system.apply(state, step);
      } catch (err) {
        throw new Error(`step ${i + 1} cannot be applied: ${(err as Error).message}`, { cause: err });
      }
      if ((i + 1) % this.every === 0) checkpoints.push(state);
    });
    this.steps = [...steps];
    this.checkpoints = checkpoints;
    this.pos = steps.length;
    this.current = state;
    this.goTo(position);
  }

  private advance(next: S): void {
    this.pos += 1;
    this.current = next;
    if (this.pos % this.every === 0 && this.checkpoints.length === this.pos / this.every) this.checkpoints.push(next);
  }
}
