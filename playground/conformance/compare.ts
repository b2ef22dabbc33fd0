/**
 * The comparable view of a conformance record: exactly the fields of the README's "What
 * must match" — `scenario`; per step `step`, `client`, `op`, `result` without `message`
 * and `server` (wherever they occur), and `events` per client (a missing list equals an
 * empty one; sorted where the step has `unorderedEvents`). Two records conform to each
 * other when their comparable views are deeply equal. Pure; imports nothing.
 */

/** A step of a record, as far as comparison cares. */
export interface ComparableStep {
  readonly step: number;
  readonly client?: string;
  readonly op: string;
  readonly result: unknown;
  readonly events?: Readonly<Record<string, readonly unknown[]>>;
  readonly unorderedEvents?: boolean;
}

/** A record, as far as comparison cares. */
export interface ComparableRecord {
  readonly scenario: string;
  readonly steps: readonly ComparableStep[];
}

/** Drop `message` and `server` keys anywhere. */
function strip(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(strip);
  if (typeof v === 'object' && v !== null) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (k !== 'message' && k !== 'server') o[k] = strip(x);
    return o;
  }
  return v;
}

/** The fields of "What must match" (events as JSON strings, sorted where unordered). */
export function comparable(record: ComparableRecord): unknown {
  return {
    scenario: record.scenario,
    steps: record.steps.map((s) => {
      const events: Record<string, string[]> = {};
      for (const [client, evs] of Object.entries(s.events ?? {})) {
        if (evs.length === 0) continue;
        const list = evs.map((e) => JSON.stringify(e));
        events[client] = s.unorderedEvents === true ? list.sort() : list;
      }
      return { step: s.step, client: s.client, op: s.op, result: strip(s.result), events };
    }),
  };
}
