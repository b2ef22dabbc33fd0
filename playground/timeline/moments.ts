/**
 * Moments: named places in a scenario's run that the book's prose, predictions and tour can
 * show ("the first COMMIT", "s2 goes LOOKING", "after the heal"). A moment is found by what
 * happens, never by an event number, so it survives changes to the simulation: it is a short
 * script of steps run on a fresh timeline of the scenario —
 *
 * - `from`: start where another moment of the same scenario is (its inputs and position);
 * - `act`: apply reader actions here (a fault, a workload), computed from the run so far, so
 *   that "kill the leader" kills whoever leads at that point;
 * - `find`: move to just after the next event that matches a predicate on the trace;
 * - `wait`: let some virtual time pass.
 *
 * Finding a moment yields a timeline standing at it: (scenario, seed, inputs, position), the
 * very state a link encodes, so a moment shows the same picture as the link it writes.
 * The helpers below read facts from the trace prefix (who leads, whom a client is connected
 * to, who holds the lock), which `act` and `find` steps use.
 *
 * Imports the kernel's trace types, the timeline and its actions. No clock, no DOM.
 */

import type { TraceEvent } from '../sim/trace.ts';
import type { NodeId } from '../sim/types.ts';
import type { ReaderAction } from './actions.ts';
import type { Scenario } from './scenario.ts';
import { Timeline } from './timeline.ts';

/** The run a step reads: the trace computed so far and the position the moment stands at. */
export interface RunView {
  readonly trace: readonly TraceEvent[];
  readonly position: number;
  readonly servers: readonly NodeId[];
  readonly clients: readonly NodeId[];
}

export type MomentStep =
  | { readonly kind: 'from'; readonly moment: string }
  /** Actions to apply, or a sentence saying why they cannot be (the moment is then not found). */
  | { readonly kind: 'act'; readonly what: string; readonly actions: (run: RunView) => readonly ReaderAction[] | string }
  /** `match` sees each event after the position in turn; `run.position` is that event's index. */
  | { readonly kind: 'find'; readonly what: string; readonly match: (e: TraceEvent, run: RunView) => boolean }
  | { readonly kind: 'wait'; readonly ms: number };

export interface Moment {
  /** The name prose and predictions use: `first-commit`, `s2-looking`. */
  readonly id: string;
  /** What happens there, as the lab announces it: "the first COMMIT". */
  readonly title: string;
  readonly steps: readonly MomentStep[];
}

export type MomentFound =
  | { readonly ok: true; readonly moment: Moment; readonly timeline: Timeline }
  | { readonly ok: false; readonly error: string };

/** How many events a `find` step looks ahead before it gives up. */
export const FIND_LIMIT = 60_000;

/**
 * Run moment `id` of `moments` on a fresh timeline of `scenario` with `seed`; each `find`
 * looks at most `findLimit` events ahead. Not found: an error that names the moment and the
 * step that failed.
 */
export function findMoment(scenario: Scenario, seed: number, moments: readonly Moment[], id: string, findLimit = FIND_LIMIT): MomentFound {
  const byId = new Map(moments.map((m) => [m.id, m]));
  const moment = byId.get(id);
  if (moment === undefined) return { ok: false, error: `scenario "${scenario.id}" has no moment "${id}"` };
  const timeline = new Timeline(scenario, seed);
  const problem = runSteps(timeline, moment, byId, new Set(), findLimit);
  return problem === null ? { ok: true, moment, timeline } : { ok: false, error: `moment "${id}" of scenario "${scenario.id}" (seed ${seed}): ${problem}` };
}

function runSteps(tl: Timeline, moment: Moment, byId: ReadonlyMap<string, Moment>, seen: Set<string>, findLimit: number): string | null {
  if (seen.has(moment.id)) return `moment "${moment.id}" starts from itself`;
  seen.add(moment.id);
  for (const [k, step] of moment.steps.entries()) {
    const view = (): RunView => ({ trace: tl.trace, position: tl.position, servers: tl.servers, clients: tl.clients });
    switch (step.kind) {
      case 'from': {
        if (k !== 0) return `"from ${step.moment}" must be the first step`;
        const base = byId.get(step.moment);
        if (base === undefined) return `it starts from an unknown moment "${step.moment}"`;
        const problem = runSteps(tl, base, byId, seen, findLimit);
        if (problem !== null) return problem;
        break;
      }
      case 'act': {
        const actions = step.actions(view());
        if (typeof actions === 'string') return `cannot ${step.what}: ${actions}`;
        for (const a of actions) tl.act(a);
        if (actions.some((_, i) => tl.skippedInputs.has(tl.readerInputs.length - actions.length + i))) return `cannot ${step.what}: an action did not apply`;
        break;
      }
      case 'find': {
        const found = tl.seekNext((e) => step.match(e, { trace: tl.trace, position: e.index, servers: tl.servers, clients: tl.clients }), findLimit);
        if (!found) return `${step.what}: not found in the next ${findLimit} events`;
        break;
      }
      case 'wait':
        tl.seekTime(tl.time + step.ms);
        break;
    }
  }
  return null;
}

// ---- steps ------------------------------------------------------------------------------------

export const from = (moment: string): MomentStep => ({ kind: 'from', moment });
export const find = (what: string, match: (e: TraceEvent, run: RunView) => boolean): MomentStep => ({ kind: 'find', what, match });
export const wait = (ms: number): MomentStep => ({ kind: 'wait', ms });
export const act = (what: string, actions: (run: RunView) => readonly ReaderAction[] | string): MomentStep => ({ kind: 'act', what, actions });

// ---- facts read from the trace ------------------------------------------------------------------

type ProtocolOf = TraceEvent & { kind: 'protocol' };

/** A protocol event of `type` (on `node`, if given). */
export function isProtocol(e: TraceEvent, type: string, node?: NodeId): e is ProtocolOf {
  return e.kind === 'protocol' && e.event.type === type && (node === undefined || e.node === node);
}

/** `node` enters server state `state` (LOOKING, FOLLOWING, LEADING, OBSERVING). */
export function entersState(e: TraceEvent, state: string, node?: NodeId): e is ProtocolOf {
  return isProtocol(e, 'zab.state', node) && e.event['state'] === state;
}

/** The servers that are up and, by their last `zab.state`, in `state`, before trace index `end`. */
export function serversIn(run: RunView, state: string, end = run.position): NodeId[] {
  const last = new Map<NodeId, string>();
  for (let i = 0; i < end; i++) {
    const e = run.trace[i]!;
    if (e.kind === 'crash') last.set(e.node, 'DOWN');
    else if (e.kind === 'restart') last.set(e.node, 'LOOKING');
    else if (isProtocol(e, 'zab.state')) last.set(e.node, String(e.event['state']));
  }
  return run.servers.filter((s) => last.get(s) === state);
}

/** The leader before trace index `end` (the last to enter LEADING, if several think they lead). */
export function leaderAt(run: RunView, end = run.position): NodeId | undefined {
  const leading = new Set(serversIn(run, 'LEADING', end));
  for (let i = end - 1; i >= 0; i--) {
    const e = run.trace[i]!;
    if (entersState(e, 'LEADING') && leading.has((e as ProtocolOf).node)) return (e as ProtocolOf).node;
  }
  return undefined;
}

/** The server `client` has a session with before trace index `end`, if it is connected. */
export function serverOf(run: RunView, client: NodeId, end = run.position): NodeId | undefined {
  let server: NodeId | undefined;
  let state = '';
  for (let i = 0; i < end; i++) {
    const e = run.trace[i]!;
    if (isProtocol(e, 'session.established') && e.event['peer'] === client) server = e.node;
    else if (isProtocol(e, 'client.state', client)) state = String(e.event['state']);
  }
  return state === 'CONNECTED' ? server : undefined;
}

/** The leader commits a transaction whose operation is `op` (`setData`, `create`, `createSession`), on `path` if given. */
export function commitsOp(e: TraceEvent, run: RunView, op: string, path?: string): boolean {
  if (!isProtocol(e, 'zab.commit')) return false;
  const zxid = e.event['zxid'];
  for (let i = e.index - 1; i >= 0; i--) {
    const p = run.trace[i]!;
    if (isProtocol(p, 'zab.propose') && p.event['zxid'] === zxid) {
      const [verb, target] = String(p.event['txn']).split(' ');
      return verb === op && (path === undefined || target === path);
    }
  }
  return false;
}

/** `client` reaches state `state` (CONNECTING, CONNECTED, CLOSED). */
export function clientEnters(e: TraceEvent, client: NodeId, state: string): boolean {
  return isProtocol(e, 'client.state', client) && e.event['state'] === state;
}

/** Every client of `run.clients` that has connected at least once, before `end`. */
export function connectedClients(run: RunView, end = run.position): NodeId[] {
  return run.clients.filter((c) => serverOf(run, c, end) !== undefined);
}

/**
 * The znodes under `parent`, as the committed history has them before `end` (every
 * transaction taken once, at its first delivery on any server), in sequence order.
 */
export function childrenAt(run: RunView, parent: string, end = run.position): string[] {
  const seen = new Set<string>();
  const live = new Set<string>();
  const prefix = `${parent}/`;
  const apply = (txn: { type: string; path?: string; paths2Delete?: readonly string[]; txns?: readonly unknown[] }): void => {
    const paths = txn.type === 'closeSession' ? (txn.paths2Delete ?? []) : txn.path !== undefined ? [txn.path] : [];
    for (const path of paths) {
      if (!path.startsWith(prefix)) continue;
      if (txn.type === 'create') live.add(path.slice(prefix.length));
      else if (txn.type === 'delete' || txn.type === 'closeSession') live.delete(path.slice(prefix.length));
    }
    if (txn.type === 'multi') for (const t of txn.txns ?? []) apply(t as Parameters<typeof apply>[0]);
  };
  for (let i = 0; i < end; i++) {
    const e = run.trace[i]!;
    if (!isProtocol(e, 'zab.deliver')) continue;
    const zxid = String(e.event['zxid']);
    if (seen.has(zxid)) continue;
    seen.add(zxid);
    apply((e.event['record'] as { txn: Parameters<typeof apply>[0] }).txn);
  }
  return [...live].sort((a, b) => Number(a.slice(-10)) - Number(b.slice(-10)));
}

/** The client holding the lock recipe's lock at `parent` (its child is the lowest), if any. */
export function lockHolderAt(run: RunView, parent = '/lock', end = run.position): NodeId | undefined {
  const first = childrenAt(run, parent, end)[0];
  const owner = first?.replace(/-lock-\d{10}$/, '');
  return owner !== undefined && run.clients.includes(owner) ? owner : undefined;
}
