/**
 * A canonical hash of a run: every trace event, field by field in order (bigints, byte
 * arrays, maps and sets spelled out), then the recorded outside inputs. Two runs hash alike
 * only if they are the same run. Shared by the trace-determinism test and the fault
 * compatibility fixtures.
 */
import { createHash, type Hash } from 'node:crypto';
import type { RecordedInput, TraceEvent } from '../../playground/sim/index.ts';

/** Feed a canonical, order-preserving text of `v` into `h`. */
export function feed(h: Hash, v: unknown): void {
  switch (typeof v) {
    case 'undefined':
      h.update('u;');
      return;
    case 'boolean':
      h.update(v ? 'T;' : 'F;');
      return;
    case 'number':
      h.update(`n${Object.is(v, -0) ? '-0' : String(v)};`);
      return;
    case 'bigint':
      h.update(`b${v};`);
      return;
    case 'string':
      h.update(`s${v.length}:${v}`);
      return;
    case 'object':
      break;
    default:
      throw new Error(`unexpected ${typeof v} in the trace`);
  }
  if (v === null) {
    h.update('N;');
    return;
  }
  if (v instanceof Uint8Array) {
    h.update(`y${v.length}:${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex')};`);
    return;
  }
  if (Array.isArray(v)) {
    h.update(`[${v.length}:`);
    for (const x of v) feed(h, x);
    h.update(']');
    return;
  }
  if (v instanceof Map) {
    h.update(`M${v.size}:`);
    for (const [k, x] of v) {
      feed(h, k);
      feed(h, x);
    }
    h.update('}');
    return;
  }
  if (v instanceof Set) {
    h.update(`S${v.size}:`);
    for (const x of v) feed(h, x);
    h.update('}');
    return;
  }
  const keys = Object.keys(v);
  h.update(`{${keys.length}:`);
  for (const k of keys) {
    h.update(`${k}=`);
    feed(h, (v as Record<string, unknown>)[k]);
  }
  h.update('}');
}

/** `<events>:<sha256>` of a trace (its first `length` events) and, when given, the recorded inputs. */
export function hashRun(trace: readonly TraceEvent[], inputs: readonly RecordedInput[] = [], length = trace.length): string {
  const h = createHash('sha256');
  for (let i = 0; i < length; i++) feed(h, trace[i]);
  h.update('|inputs|');
  for (const i of inputs) feed(h, i);
  return `${length}:${h.digest('hex')}`;
}
