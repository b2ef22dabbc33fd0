/**
 * A run of the explorer as plain data: the seed, the ensemble, the fault schedule and the
 * workload. It is what a failing seed is shrunk to and saved as (JSON), so the book's views
 * and `--replay` can open it later and reproduce the run exactly: same spec, same trace.
 *
 * Faults are lines of the kernel's fault language, each with its time from the start of the
 * run: `"at 1204ms crash s3"`, `"at 2s partition s1 c2 | s2 s3 c1"` (`playground/sim/faults.ts`).
 * Specs saved before the language held them as JSON schedule events
 * (`{ "version": 1, "events": [{ "at": 1204, "crash": "s3" }, ...] }`); `validateRunSpec`
 * still reads those, and gives them back as lines.
 *
 * Types and validation only; imports the kernel's NodeId type and fault schedules.
 */

import { CommandError } from '../sim/command-line.ts';
import { parseTimedFault, readJsonSchedule, toTextSchedule, type TimedFault } from '../sim/fault-schedule.ts';
import { checkFault, type KnownNodes } from '../sim/faults.ts';
import type { NodeId } from '../sim/types.ts';

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
  /** Timed fault lines (`at 1204ms crash s3`), in the order they were applied. */
  readonly faults: readonly string[];
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
  if (typeof v.workload !== 'object' || v.workload === null || !Array.isArray(v.workload.clients)) fail('workload must be { clients: [...] }');
  for (const c of v.workload.clients) {
    if (typeof c.id !== 'string' || !Array.isArray(c.servers) || !isInt(c.sessionTimeoutMs) || !Array.isArray(c.ops)) fail(`client ${String(c.id)} is malformed`);
  }
  // Clients as any c<n>: a shrunk spec may keep a fault that names a client it dropped.
  const known: KnownNodes = { servers: Array.from({ length: v.servers }, (_, i) => `s${i + 1}`), clients: 'numbered' };
  return { ...(v as RunSpec), faults: toTextSchedule(readSpecFaults(v.faults, known)) };
}

/** A spec's faults, from lines or (specs saved before the fault language) a JSON schedule. */
function readSpecFaults(faults: unknown, known: KnownNodes): TimedFault[] {
  if (!Array.isArray(faults)) {
    try {
      return readJsonSchedule(faults, known);
    } catch (e) {
      fail(`faults: ${(e as Error).message}`);
    }
  }
  return faults.map((line: unknown, i) => {
    if (typeof line !== 'string') fail(`faults[${i}]: expected a line such as "at 800ms crash s1", got ${JSON.stringify(line)}`);
    try {
      const t = parseTimedFault(line);
      const problems = checkFault(t.fault, known);
      if (problems.length > 0) fail(`faults[${i}] "${line}": ${problems.join('; ')}`);
      return t;
    } catch (e) {
      if (e instanceof CommandError) fail(`faults[${i}] "${line}": ${e.message}`);
      throw e;
    }
  });
}

/** The spec's faults, read (a validated spec's lines always read). */
export function specFaults(spec: Pick<RunSpec, 'faults'>): TimedFault[] {
  return spec.faults.map(parseTimedFault);
}
