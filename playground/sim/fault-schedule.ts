/**
 * Fault schedules: faults at times, in either of two spellings of the one language of
 * `faults.ts`.
 *
 * Text, one fault a line, `#` comments:
 *
 * ```
 * at 800ms latency c1 s1 3900ms
 * at 1s crash s1
 * at 3s restart s1      # back from its disk
 * ```
 *
 * JSON, which the book's playground and checks outside this repository write:
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
 * `at` is virtual ms from the moment the schedule is applied; faults at the same time apply
 * in list order. Both spellings are read into `TimedFault`s and checked by one validator,
 * which names every problem with its place (`line 3, column 9: ...`, `events[2].crash: ...`)
 * and, given the ensemble's nodes, refuses ids it does not have. `scheduleFaults` applies
 * them with `sim.at`, so every fault is a recorded input of the run.
 *
 * Imports the fault language and the word helpers; the simulation as a type only.
 */

import { CommandError, endColumn, formatMs, MAX_COMMAND_MS, parseMs, tokenize } from './command-line.ts';
import { applyFault, checkFault, faultFromJson, faultLabel, faultToJson, parseFaultWords, printFault, type Fault, type KnownNodes } from './faults.ts';
import type { Simulation } from './simulation.ts';
import type { TimeMs } from './types.ts';

/** A fault and when it happens: virtual ms after the schedule is applied. */
export interface TimedFault {
  readonly at: TimeMs;
  readonly fault: Fault;
}

/** One event of the JSON spelling: `at` and the fault's own fields (`{ "at": 800, "crash": "s1" }`). */
export type FaultEvent = { readonly at: number } & Readonly<Record<string, unknown>>;

/** The JSON spelling of a schedule. */
export interface FaultSchedule {
  readonly version: 1;
  readonly events: readonly FaultEvent[];
}

/** A schedule that is not valid: every problem, one per line of the message. */
export class FaultScheduleError extends Error {
  override name = 'FaultScheduleError';
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`fault schedule is invalid:\n  ${problems.join('\n  ')}`);
    this.problems = problems;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Read the JSON spelling (parsed), checking every event; throws `FaultScheduleError`. */
export function readJsonSchedule(value: unknown, known?: KnownNodes): TimedFault[] {
  const problems: string[] = [];
  if (!isObject(value)) throw new FaultScheduleError(['expected an object { "version": 1, "events": [...] }']);
  if (value['version'] !== 1) problems.push(`version: expected 1, got ${JSON.stringify(value['version'])}`);
  for (const k of Object.keys(value)) if (k !== 'version' && k !== 'events') problems.push(`${k}: unknown field`);
  const events = value['events'];
  const out: TimedFault[] = [];
  if (!Array.isArray(events)) problems.push('events: expected an array');
  else {
    events.forEach((e: unknown, i: number) => {
      const where = `events[${i}]`;
      if (!isObject(e)) {
        problems.push(`${where}: expected an object`);
        return;
      }
      const at = e['at'];
      const atOk = typeof at === 'number' && Number.isSafeInteger(at) && at >= 0 && at <= MAX_COMMAND_MS;
      if (!atOk) problems.push(`${where}.at: expected whole ms from 0 to ${MAX_COMMAND_MS}, got ${JSON.stringify(at)}`);
      const fault = faultFromJson(e, where, problems);
      if (fault === null) return;
      for (const p of checkFault(fault, known)) problems.push(`${where}: ${p}`);
      if (atOk) out.push({ at, fault });
    });
  }
  if (problems.length > 0) throw new FaultScheduleError(problems);
  return out;
}

/** Read one text line `at <time> <fault>`; throws `CommandError`. */
export function parseTimedFault(line: string): TimedFault {
  const words = tokenize(line, { comments: true });
  const first = words[0];
  if (first === undefined || first.text !== 'at' || first.quoted) {
    throw new CommandError('a scheduled fault starts with its time: at 800ms crash s1', first?.column ?? 1);
  }
  if (words[1] === undefined) throw new CommandError('at needs a time: at 800ms crash s1', endColumn(line));
  const at = parseMs(words[1], 'the time');
  return { at, fault: parseFaultWords(words.slice(2), endColumn(line.replace(/\s#.*$/, ''))) };
}

/** The line `parseTimedFault` reads back as `t`. */
export function printTimedFault(t: TimedFault): string {
  return `at ${formatMs(t.at)} ${printFault(t.fault)}`;
}

/** Read the text spelling: one `at <time> <fault>` a line; blank lines and `#` comments skipped. Throws `FaultScheduleError`. */
export function readTextSchedule(text: string, known?: KnownNodes): TimedFault[] {
  const problems: string[] = [];
  const out: TimedFault[] = [];
  text.split(/\r\n|\r|\n/).forEach((line, i) => {
    if (/^\s*(#.*)?$/.test(line)) return;
    const where = `line ${i + 1}`;
    try {
      const t = parseTimedFault(line);
      for (const p of checkFault(t.fault, known)) problems.push(`${where}: ${p}`);
      out.push(t);
    } catch (err) {
      if (!(err instanceof CommandError)) throw err;
      problems.push(`${where}${err.column !== undefined ? `, column ${err.column}` : ''}: ${err.why}`);
    }
  });
  if (problems.length > 0) throw new FaultScheduleError(problems);
  return out;
}

/** Read a schedule written either way: JSON when it starts with `{`, else text lines. Throws `FaultScheduleError`. */
export function readSchedule(text: string, known?: KnownNodes): TimedFault[] {
  if (!text.trimStart().startsWith('{')) return readTextSchedule(text, known);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new FaultScheduleError([`not JSON (${(e as Error).message})`]);
  }
  return readJsonSchedule(value, known);
}

/** The JSON spelling of timed faults. */
export function toJsonSchedule(faults: readonly TimedFault[]): FaultSchedule {
  return { version: 1, events: faults.map((t) => ({ at: t.at, ...faultToJson(t.fault) })) };
}

/** The text spelling of timed faults, one line each. */
export function toTextSchedule(faults: readonly TimedFault[]): string[] {
  return faults.map(printTimedFault);
}

/** Check a parsed JSON schedule and return it as given (its type narrowed); throws `FaultScheduleError`. */
export function validateFaultSchedule(value: unknown, known?: KnownNodes): FaultSchedule {
  readJsonSchedule(value, known);
  return value as FaultSchedule;
}

/** Read a schedule written either way into its JSON spelling; throws `FaultScheduleError`. */
export function parseFaultSchedule(text: string, known?: KnownNodes): FaultSchedule {
  return toJsonSchedule(readSchedule(text, known));
}

/**
 * Schedule each fault with `sim.at` (a recorded input, replayed with the run); each is
 * applied tolerantly when its time comes (`applyFault`: a crash of a node already down is
 * skipped, its wake-up still traced).
 */
export function scheduleFaults(sim: Simulation, faults: readonly TimedFault[]): void {
  for (const t of faults) sim.at(t.at, faultLabel(t.fault), () => void applyFault(sim, t.fault));
}

/** Validate a JSON schedule, then `scheduleFaults` it. */
export function applyFaultSchedule(sim: Simulation, schedule: unknown): void {
  scheduleFaults(sim, readJsonSchedule(schedule));
}
