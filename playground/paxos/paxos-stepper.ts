/**
 * Single-decree Paxos as a `DeterministicSystem` for the generic stepper (sim/stepper.ts):
 * the reader's steps are `PaxosStep`s, the states `PaxosState`s.
 *
 * Imports the engine and the kernel's stepper.
 */

import { Stepper, type DeterministicSystem } from '../sim/stepper.ts';
import type { PaxosStep } from './steps.ts';
import { applyStep, initialState, type PaxosConfig, type PaxosState } from './system.ts';

export function paxosSystem(config?: PaxosConfig): DeterministicSystem<PaxosState, PaxosStep> {
  return { initial: () => initialState(config), apply: applyStep };
}

export function paxosStepper(config?: PaxosConfig): Stepper<PaxosState, PaxosStep> {
  return new Stepper(paxosSystem(config));
}
