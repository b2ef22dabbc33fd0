/**
 * Steps and trace facts the book's moments share (more than one chapter's moments use
 * them): kill the leader or some followers, wait until every client is connected, cut a
 * side off and heal, and read back from the run whom the last crash or freeze hit, where
 * the first partition began, a leader's sync of a follower and a client's request.
 *
 * Imports the moment steps (`../moments.ts`) and the trace's types. No clock, no DOM.
 */

import type { TraceEvent } from '../../sim/trace.ts';
import type { ReaderAction } from '../actions.ts';
import { act, connectedClients, find, isProtocol, leaderAt, serversIn, type Moment, type RunView } from '../moments.ts';

/** A moment whose id keeps its literal type, so a chapter's moment ids form a union (`MomentId`). */
export const moment = <const I extends string>(id: I, title: string, ...steps: Moment['steps']): Moment & { readonly id: I } => ({ id, title, steps });

export const crash = (node: string): ReaderAction => ({ kind: 'crash', node });

/** Crash the leader (or say there is none). */
export const crashLeader = act('kill the leader', (run) => {
  const leader = leaderAt(run);
  return leader === undefined ? 'no server leads' : [crash(leader)];
});

/** Crash `n` of the servers that follow the leader. */
export const crashFollowers = (n: number) =>
  act(`kill ${n} followers`, (run) => {
    const followers = serversIn(run, 'FOLLOWING');
    return followers.length < n ? `only ${followers.length} servers follow` : followers.slice(0, n).map(crash);
  });

/** Every one of the scenario's first `n` clients is connected (at the event that makes it so). */
export const allConnected = (n: number) => find(`${n} clients connected`, (e, run) => isProtocol(e, 'client.state') && e.event['state'] === 'CONNECTED' && connectedClients(run, e.index + 1).length >= n);

/** A partition of `side` (the rest of the nodes form the other side). */
export const partition = (side: readonly string[]): ReaderAction => ({ kind: 'partition', groups: [[...side]] });

export const heal: ReaderAction = { kind: 'heal' };

export function isRequest(msg: unknown, op: string): boolean {
  const m = msg as { kind?: string; req?: { op?: string } } | null;
  return m?.kind === 'request' && m.req?.op === op;
}

/** A leader's `zab.sync` of `follower` in `mode` (DIFF, TRUNC, SNAP). */
export function isSync(e: TraceEvent, mode: string, follower: string | undefined): e is TraceEvent & { kind: 'protocol' } {
  return isProtocol(e, 'zab.sync') && e.event['mode'] === mode && e.event['follower'] === follower;
}

/** The server the last `crash` before the position killed. */
export function lastCrashed(run: RunView): string | undefined {
  return lastFault(run, 'crash');
}

/** The node the last `freeze` before the position froze. */
export function lastFrozen(run: RunView): string | undefined {
  return lastFault(run, 'freeze');
}

function lastFault(run: RunView, kind: 'crash' | 'freeze'): string | undefined {
  for (let i = run.position - 1; i >= 0; i--) {
    const e = run.trace[i]!;
    if (e.kind === kind) return e.node;
  }
  return undefined;
}

/** The trace index of the first partition (where the moment's cut began). */
export function firstPartition(run: RunView): number {
  const i = run.trace.findIndex((e) => e.kind === 'partition');
  return i < 0 ? run.position : i;
}
