/**
 * A run of the explorer as plain data: the seed, the ensemble, the fault schedule and the
 * workload. It is what a failing seed is shrunk to and saved as (JSON), so the book's views
 * and `--replay` can open it later and reproduce the run exactly: same spec, same trace.
 *
 * The fault schedule has the ensemble's format (`playground/zab/fault-schedule.ts`):
 * `{ version: 1, events: [{ at, crash } | { at, restart } | { at, partition } | { at, heal }
 * | { at, break } | { at, latency }] }`, times in virtual ms from the start of the run.
 *
 * Types and validation only; imports the kernel's NodeId type and the fault-schedule format.
 */

import type { NodeId } from '../sim/types.ts';
import { validateFaultSchedule, type FaultEvent, type FaultSchedule } from '../zab/fault-schedule.ts';

export type { FaultEvent, FaultSchedule };

/** One client operation of the workload. `sync-read` is sync(path) then getData(path). */
export type OpKind = 'create' | 'setData' | 'delete' | 'getData' | 'exists' | 'getChildren' | 'sync-read';

export interface PlannedOp {
  readonly op: OpKind;
  readonly path: string;
  /** Set a (standard) watch with the read. */
  readonly watch?: boolean;
  /** Virtual ms to wait after the previous operation completed (or was issued, if `pipeline`). */
  readonly thinkMs: number;
  /** Issue without waiting for the previous operation's reply. */
  readonly pipeline?: boolean;
}

export interface ClientPlan {
  readonly id: NodeId;
  /** The connect string, in the order the client tries it (no shuffle). */
  readonly servers: readonly NodeId[];
  readonly sessionTimeoutMs: number;
  readonly ops: readonly PlannedOp[];
}

export interface Workload {
  readonly clients: readonly ClientPlan[];
}

export interface EnsembleTiming {
  readonly tickTime: number;
  readonly initLimit: number;
  readonly syncLimit: number;
  readonly maxNotificationIntervalMs: number;
  readonly maxSessionTimeout: number;
}

export interface RunSpec {
  readonly version: 1;
  /** Seeds the kernel (network and node streams). */
  readonly seed: number;
  readonly servers: number;
  readonly mutant?: string;
  /** The ensemble's timing (the rest of its configuration keeps the ensemble's defaults). */
  readonly ensemble: EnsembleTiming;
  /** Latency range between all nodes at the start, ms. */
  readonly latency: readonly [number, number];
  /** When the fault phase ends and the liveness phase begins (heal, restart all). */
  readonly faultPhaseMs: number;
  readonly faults: FaultSchedule;
  readonly workload: Workload;
}

function fail(why: string): never {
  throw new Error(`run spec: ${why}`);
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** Checks a parsed JSON value is a RunSpec (throws with the first problem). */
export function validateRunSpec(value: unknown): RunSpec {
  const v = value as Partial<RunSpec> | null;
  if (typeof v !== 'object' || v === null) fail('not an object');
  if (v.version !== 1) fail('version must be 1');
  if (!isInt(v.seed)) fail('seed must be a non-negative integer');
  if (!isInt(v.servers) || v.servers < 1 || v.servers > 7) fail('servers must be 1..7');
  if (!Array.isArray(v.latency) || v.latency.length !== 2 || !isInt(v.latency[0]) || !isInt(v.latency[1])) fail('latency must be [min, max]');
  const t = v.ensemble;
  if (typeof t !== 'object' || t === null || ![t.tickTime, t.initLimit, t.syncLimit, t.maxNotificationIntervalMs, t.maxSessionTimeout].every(isInt)) fail('ensemble timing is malformed');
  if (!isInt(v.faultPhaseMs)) fail('faultPhaseMs must be an integer');
  validateFaultSchedule(v.faults);
  if (typeof v.workload !== 'object' || v.workload === null || !Array.isArray(v.workload.clients)) fail('workload must be { clients: [...] }');
  for (const c of v.workload.clients) {
    if (typeof c.id !== 'string' || !Array.isArray(c.servers) || !isInt(c.sessionTimeoutMs) || !Array.isArray(c.ops)) fail(`client ${String(c.id)} is malformed`);
  }
  return v as RunSpec;
}
