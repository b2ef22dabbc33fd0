/**
 * The simulation kernel's public API. Other playground folders import from here (or, for the
 * node contract alone, from `types.ts`). Imports only `playground/sim`.
 */

export type { Effect, Input, NodeContext, NodeId, ProtocolEvent, SimNode, TimeMs } from './types.ts';
export { Prng, hashString } from './prng.ts';
export { EventQueue, type Scheduled } from './event-queue.ts';
export { Partition } from './partition.ts';
export type { LatencyRange } from './network.ts';
export {
  describeEvent,
  type ConnectFailReason,
  type DisconnectReason,
  type DropReason,
  type TraceBody,
  type TraceEvent,
  type TraceKind,
  type TraceMeta,
} from './trace.ts';
export {
  Simulation,
  type NodeFactory,
  type OutputListener,
  type OutsideInput,
  type RecordedInput,
  type ResolvedConfig,
  type SimulationConfig,
} from './simulation.ts';
export { replayInto } from './replay.ts';
export {
  defaultYieldToHost,
  drainMicrotasks,
  runAsync,
  sleep,
  type AsyncResult,
  type RunAsyncOptions,
} from './async-driver.ts';
