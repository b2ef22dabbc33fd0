/**
 * The moments of the `primary-order` scenario (primary-order.ts), for Zab (zab.mdx, "Zab is
 * not Paxos"): the places of the Zab paper's Figure 1 run that the chapter's prose links to.
 * Each is found by what happens (a proposal of `create /a/b` logged by a follower, a
 * NEWLEADER, a snapshot), never by an event number or a time, so the same story is found at
 * any seed. `MomentId` (../scenario-moments.ts) is the union of their ids.
 *
 * Imports the moment steps and the trace's types. No clock, no DOM.
 */

import type { TraceEvent } from '../../sim/trace.ts';
import { find, from, isProtocol, type RunView } from '../moments.ts';
import { moment } from './book-steps.ts';

/** The proposal of `op path` before the position: its zxid and its leader. */
function proposalOf(run: RunView, op: string, path: string, end = run.position): { zxid: string; leader: string } | undefined {
  for (let i = 0; i < end; i++) {
    const e = run.trace[i]!;
    if (isProtocol(e, 'zab.propose') && String(e.event['txn']).split(' ').slice(0, 2).join(' ') === `${op} ${path}`) return { zxid: String(e.event['zxid']), leader: e.node };
  }
  return undefined;
}

/** A follower (not the proposing leader) logs the proposal of `create path`. */
function followerLogs(e: TraceEvent, run: RunView, path: string): boolean {
  if (!isProtocol(e, 'zab.log')) return false;
  const p = proposalOf(run, 'create', path, e.index);
  return p !== undefined && e.event['zxid'] === p.zxid && e.node !== p.leader;
}

/** The follower that logged B (`create /a/b`) from the first leader: the paper's a1. */
export function holderOfB(run: RunView, end = run.position): string | undefined {
  const p = proposalOf(run, 'create', '/a/b', end);
  if (p === undefined) return undefined;
  for (let i = 0; i < end; i++) {
    const e = run.trace[i]!;
    if (isProtocol(e, 'zab.log') && e.event['zxid'] === p.zxid && e.node !== p.leader) return e.node;
  }
  return undefined;
}

/** Zab chapter, "Zab is not Paxos": five servers, three leaders, the paper's A, B, C (and D). */
export const primaryOrderMoments = [
  moment('first-leader-cut-off', 's5 leads epoch 1; the network cuts s5 and s1 off from the rest',
    find('the first partition', (e) => e.kind === 'partition')),
  moment('ab-on-one-follower', "the first leader's A and B reach only s1", from('first-leader-cut-off'),
    find('a follower logs B, create /a/b', (e, run) => followerLogs(e, run, '/a/b'))),
  moment('c-on-one-follower', "the second leader's C reaches only s2", from('ab-on-one-follower'),
    find('a follower logs C, create /c', (e, run) => followerLogs(e, run, '/c'))),
  moment('third-newleader', "the third leader's NEWLEADER, after its DIFF and SNAP", from('c-on-one-follower'),
    find('the new leader sends NEWLEADER', (e) => e.kind === 'send' && (e.msg as { type?: string } | null)?.type === 'NEWLEADER')),
  moment('ab-dropped', 's1 installs the new leader’s snapshot: A and B are gone, together', from('third-newleader'),
    find('the holder of A and B installs a snapshot', (e, run) => isProtocol(e, 'zab.snapshot') && e.node === holderOfB(run, e.index))),
  moment('after-recovery', 'after recovery: epoch 3 commits D on top of C', from('ab-dropped'),
    find('the leader commits D, create /d', (e, run) => {
      if (!isProtocol(e, 'zab.commit')) return false;
      return e.event['zxid'] === proposalOf(run, 'create', '/d', e.index)?.zxid;
    })),
  moment('first-leader-back', 'the first leader restarts and is sent a SNAP without A and B', from('after-recovery'),
    find('the first leader installs a snapshot', (e, run) => isProtocol(e, 'zab.snapshot') && e.node === proposalOf(run, 'create', '/a', e.index)?.leader)),
] as const;
