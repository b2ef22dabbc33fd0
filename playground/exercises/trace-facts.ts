/**
 * What the clients asked for and were told, read from a run's trace: the facts the exercise
 * judges are written in. A request to a client node (`{ cmd: 'submit', req }`) is a call
 * the program made; an `output` of kind `event` is a watch notification the client library
 * delivered (the server fired it); `txn.apply` protocol events are the ensemble's writes.
 *
 * Pure functions of the trace (the recipe checkers of the exercises); imports the kernel's
 * trace types and the znode create-mode flag table only.
 */
import type { TraceEvent } from '../sim/trace.ts';
import type { NodeId } from '../sim/types.ts';
import { createModeFromFlag } from '../zk/stat.ts';

/** A client API call as it reached the client library. */
export interface Call {
  /** Trace index of the request. */
  readonly index: number;
  readonly client: NodeId;
  readonly op: string;
  readonly path: string | undefined;
  /** The request set a watch (a read with a watcher or `true`). */
  readonly watch: boolean;
  /** `setData` / `delete` / `check`: the expected version passed. */
  readonly version: number | undefined;
  /** `create`: the create mode. */
  readonly mode: string | undefined;
}

/** A watch notification delivered to the program. */
export interface Notification {
  readonly index: number;
  readonly client: NodeId;
  readonly type: string;
  readonly path: string | null;
}

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null;

/** Every client call in the trace, in order. */
export function calls(trace: readonly TraceEvent[]): Call[] {
  const out: Call[] = [];
  for (const e of trace) {
    if (e.kind !== 'request' || !isRec(e.value) || e.value['cmd'] !== 'submit' || !isRec(e.value['req'])) continue;
    const req = e.value['req'];
    const flags = req['flags'];
    const mode = typeof flags === 'number' ? createModeFromFlag(flags) : undefined;
    out.push({
      index: e.index,
      client: e.node,
      op: String(req['op']),
      path: typeof req['path'] === 'string' ? req['path'] : undefined,
      watch: req['watch'] === true || e.value['watch'] !== undefined,
      version: typeof req['version'] === 'number' ? req['version'] : undefined,
      mode,
    });
  }
  return out;
}

/** Every watch notification (node events, not connection-state changes), in order. */
export function notifications(trace: readonly TraceEvent[]): Notification[] {
  const out: Notification[] = [];
  for (const e of trace) {
    if (e.kind !== 'output' || !isRec(e.value) || e.value['kind'] !== 'event' || !isRec(e.value['event'])) continue;
    const ev = e.value['event'];
    if (ev['type'] === 'None') continue;
    out.push({ index: e.index, client: e.node, type: String(ev['type']), path: typeof ev['path'] === 'string' ? ev['path'] : null });
  }
  return out;
}

/** A write the ensemble applied (the first server to apply each zxid), in order. */
export interface AppliedTxn {
  readonly index: number;
  readonly zxid: string;
  readonly txn: string;
  readonly path: string | undefined;
}

export function appliedTxns(trace: readonly TraceEvent[]): AppliedTxn[] {
  const seen = new Set<string>();
  const out: AppliedTxn[] = [];
  for (const e of trace) {
    if (e.kind !== 'protocol' || e.event.type !== 'txn.apply' || e.event['err'] !== 0) continue;
    const zxid = String(e.event['zxid']);
    if (seen.has(zxid)) continue;
    seen.add(zxid);
    const path = e.event['path'];
    out.push({ index: e.index, zxid, txn: String(e.event['txn']), path: typeof path === 'string' ? path : undefined });
  }
  return out;
}
