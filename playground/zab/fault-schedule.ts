/**
 * Faults as data: a small JSON format the book, the explorer and the tests share, with a
 * validator that says exactly what is wrong, and `applyFaultSchedule` which schedules each
 * event with `sim.at` (so every fault is a recorded input of the run, replayed with it).
 *
 * ```json
 * { "version": 1, "events": [
 *   { "at": 1000, "crash": "s1" },
 *   { "at": 2000, "restart": "s1" },
 *   { "at": 3000, "partition": [["s1", "s2"], ["s3", "c1"]] },
 *   { "at": 4000, "heal": true },
 *   { "at": 4500, "break": ["c1", "s2"] },
 *   { "at": 5000, "latency": [1, 20] }
 * ] }
 * ```
 *
 * `at` is virtual ms from the moment the schedule is applied. Events at the same `at` apply
 * in list order. Imports the kernel's types only.
 */
import type { Simulation } from '../sim/simulation.ts';
import type { NodeId } from '../sim/types.ts';

export type FaultEvent =
  | { readonly at: number; readonly crash: NodeId }
  | { readonly at: number; readonly restart: NodeId }
  | { readonly at: number; readonly partition: readonly (readonly NodeId[])[] }
  | { readonly at: number; readonly heal: true }
  | { readonly at: number; readonly break: readonly [NodeId, NodeId] }
  | { readonly at: number; readonly latency: readonly [number, number] };

export interface FaultSchedule {
  readonly version: 1;
  readonly events: readonly FaultEvent[];
}

const KINDS = ['crash', 'restart', 'partition', 'heal', 'break', 'latency'] as const;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isId(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0;
}

function isMs(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

/** Check a parsed JSON value; throws an Error listing every problem, with its path. */
export function validateFaultSchedule(value: unknown): FaultSchedule {
  const problems: string[] = [];
  if (!isObject(value)) throw new Error('fault schedule: expected an object { "version": 1, "events": [...] }');
  if (value['version'] !== 1) problems.push(`version: expected 1, got ${JSON.stringify(value['version'])}`);
  for (const k of Object.keys(value)) if (k !== 'version' && k !== 'events') problems.push(`${k}: unknown field`);
  const events = value['events'];
  if (!Array.isArray(events)) problems.push('events: expected an array');
  else {
    events.forEach((e: unknown, i: number) => {
      const where = `events[${i}]`;
      if (!isObject(e)) {
        problems.push(`${where}: expected an object`);
        return;
      }
      if (!isMs(e['at'])) problems.push(`${where}.at: expected an integer number of ms >= 0, got ${JSON.stringify(e['at'])}`);
      const kinds = KINDS.filter((k) => k in e);
      for (const k of Object.keys(e)) if (k !== 'at' && !(KINDS as readonly string[]).includes(k)) problems.push(`${where}.${k}: unknown field (expected one of ${KINDS.join(', ')})`);
      if (kinds.length !== 1) {
        problems.push(`${where}: expected exactly one of ${KINDS.join(', ')}, got ${kinds.length === 0 ? 'none' : kinds.join(' and ')}`);
        return;
      }
      const kind = kinds[0]!;
      const v = e[kind];
      switch (kind) {
        case 'crash':
        case 'restart':
          if (!isId(v)) problems.push(`${where}.${kind}: expected a node id such as "s1", got ${JSON.stringify(v)}`);
          break;
        case 'heal':
          if (v !== true) problems.push(`${where}.heal: expected true, got ${JSON.stringify(v)}`);
          break;
        case 'break':
          if (!Array.isArray(v) || v.length !== 2 || !v.every(isId) || v[0] === v[1]) problems.push(`${where}.break: expected two different node ids, got ${JSON.stringify(v)}`);
          break;
        case 'latency':
          if (!Array.isArray(v) || v.length !== 2 || !isMs(v[0]) || !isMs(v[1]) || v[0] > v[1]) problems.push(`${where}.latency: expected [min, max] integer ms with 0 <= min <= max, got ${JSON.stringify(v)}`);
          break;
        case 'partition': {
          if (!Array.isArray(v) || v.length === 0 || !v.every((g) => Array.isArray(g) && g.length > 0 && g.every(isId))) {
            problems.push(`${where}.partition: expected a non-empty list of non-empty groups of node ids, got ${JSON.stringify(v)}`);
            break;
          }
          const seen = new Set<string>();
          for (const g of v as string[][]) for (const id of g) {
            if (seen.has(id)) problems.push(`${where}.partition: ${id} is in two groups`);
            seen.add(id);
          }
          break;
        }
      }
    });
  }
  if (problems.length > 0) throw new Error(`fault schedule is invalid:\n  ${problems.join('\n  ')}`);
  return value as unknown as FaultSchedule;
}

/** Parse JSON text and validate it. */
export function parseFaultSchedule(text: string): FaultSchedule {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new Error(`fault schedule: not JSON (${String(e)})`, { cause: e });
  }
  return validateFaultSchedule(value);
}

/** Describe one event in a line (labels of the `sim.at` wake-ups). */
export function describeFault(e: FaultEvent): string {
  if ('crash' in e) return `crash ${e.crash}`;
  if ('restart' in e) return `restart ${e.restart}`;
  if ('partition' in e) return `partition ${e.partition.map((g) => `[${g.join(',')}]`).join(' ')}`;
  if ('heal' in e) return 'heal';
  if ('break' in e) return `break ${e.break[0]}-${e.break[1]}`;
  return `latency ${e.latency[0]}..${e.latency[1]}ms`;
}

/**
 * Schedule every event with `sim.at` (validated first). A crash of a node that is down, or
 * a restart of one that is up, is skipped (traced by its wake-up label) rather than thrown.
 */
export function applyFaultSchedule(sim: Simulation, schedule: unknown): void {
  const s = validateFaultSchedule(schedule);
  for (const e of s.events) {
    sim.at(e.at, `fault: ${describeFault(e)}`, () => {
      if ('crash' in e) {
        if (sim.isUp(e.crash)) sim.crash(e.crash);
      } else if ('restart' in e) {
        if (!sim.isUp(e.restart)) sim.restart(e.restart);
      } else if ('partition' in e) sim.partition(e.partition);
      else if ('heal' in e) sim.heal();
      else if ('break' in e) sim.breakConnection(e.break[0], e.break[1]);
      else sim.setLatency(e.latency[0], e.latency[1]);
    });
  }
}
