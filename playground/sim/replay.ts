/**
 * Replay: drive a fresh simulation through a recorded list of outside inputs up to a trace
 * index. Because the kernel is deterministic, re-applying each input after the same number
 * of kernel steps, at the same virtual time, rebuilds the same trace event for event. This
 * is how a view steps back: replay to an earlier index (checkpoints can come later if this
 * gets slow).
 *
 * Imports only types from the kernel (no runtime cycle with `simulation.ts`). Checks its own
 * work: a replay that drifts from the record throws instead of showing a different history.
 */

import type { RecordedInput, Simulation } from './simulation.ts';

/**
 * Apply `inputs` to `sim` (new, with the original's config and factories) until its trace has
 * at least `toIndex` events, or the record runs out. Stops at the first step boundary at or
 * past `toIndex`.
 */
export function replayInto(sim: Simulation, inputs: readonly RecordedInput[], toIndex: number): void {
  if (!Number.isSafeInteger(toIndex) || toIndex < 0) throw new Error(`replay: bad index ${toIndex}`);
  for (const input of inputs) {
    while (sim.trace.length < toIndex && sim.steps < input.steps) {
      if (!sim.step()) throw new Error(`replay: ran out of events before step ${input.steps}`);
    }
    if (sim.trace.length >= toIndex) return;
    if (sim.steps !== input.steps || sim.trace.length !== input.at) {
      throw new Error(
        `replay drifted: ${input.kind} was applied at step ${input.steps}, trace index ${input.at}; ` +
          `replay is at step ${sim.steps}, trace index ${sim.trace.length}`,
      );
    }
    sim.applyRecorded(input);
  }
  while (sim.trace.length < toIndex && sim.step()) {
    // one kernel event at a time until the prefix is rebuilt
  }
}
