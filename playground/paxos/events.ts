/**
 * The Paxos engine's protocol events: what nodes and faults report to the history (the
 * engine's trace). Views narrate them; the agreement checker reads only them.
 *
 * Imports ballots and the kernel's NodeId type. No behaviour beyond describing an event.
 */

import { formatBallot, formatProposal, type Ballot, type Proposal } from './ballot.ts';
import type { NodeId } from '../sim/types.ts';

export type PaxosEvent =
  /** A proposer began a round with ballot `n`, hoping to get `value` chosen. */
  | { readonly type: 'start'; readonly node: NodeId; readonly n: Ballot; readonly value: string }
  /** An acceptor promised `n`, reporting the proposal it had accepted (if any). */
  | { readonly type: 'promise'; readonly node: NodeId; readonly n: Ballot; readonly accepted: Proposal | null }
  /** A proposer heard from a majority and issued proposal (n, v); `adopted` if v came from a promise. */
  | { readonly type: 'propose'; readonly node: NodeId; readonly n: Ballot; readonly v: string; readonly adopted: boolean }
  /** An acceptor accepted proposal (n, v). */
  | { readonly type: 'accepted'; readonly node: NodeId; readonly n: Ballot; readonly v: string }
  /** A learner saw a majority of acceptors accept (n, v). */
  | { readonly type: 'learned'; readonly node: NodeId; readonly n: Ballot; readonly v: string }
  /** A node received a message and, by the rules, did nothing. */
  | { readonly type: 'ignored'; readonly node: NodeId; readonly label: string; readonly reason: string }
  | { readonly type: 'delivered'; readonly label: string }
  | { readonly type: 'dropped'; readonly label: string; readonly reason: 'reader' | 'crashed' }
  | { readonly type: 'duplicated'; readonly label: string }
  | { readonly type: 'crash'; readonly node: NodeId }
  | { readonly type: 'recover'; readonly node: NodeId; readonly promised: Ballot | null; readonly accepted: Proposal | null };

export function describeEvent(e: PaxosEvent): string {
  switch (e.type) {
    case 'start':
      return `${e.node} starts round ${formatBallot(e.n)} with value ${e.value} and sends prepare ${formatBallot(e.n)} to every acceptor.`;
    case 'promise':
      return `${e.node} promises ${formatBallot(e.n)} and reports ${e.accepted ? `its accepted proposal ${formatProposal(e.accepted)}` : 'that it has accepted nothing'}.`;
    case 'propose':
      return e.adopted
        ? `${e.node} has a majority of promises; one reports an accepted value, so it must propose ${e.v} at ${formatBallot(e.n)}.`
        : `${e.node} has a majority of promises and none reports a value, so it proposes its own value ${e.v} at ${formatBallot(e.n)}.`;
    case 'accepted':
      return `${e.node} accepts proposal ${formatBallot(e.n)}:${e.v} and tells the learners.`;
    case 'learned':
      return `${e.node} learns that ${e.v} is chosen: a majority accepted ${formatBallot(e.n)}:${e.v}.`;
    case 'ignored':
      return `${e.node} ignores ${e.label}: ${e.reason}.`;
    case 'delivered':
      return `Delivered ${e.label}.`;
    case 'dropped':
      return e.reason === 'crashed' ? `Lost ${e.label}: its receiver is down.` : `Dropped ${e.label}.`;
    case 'duplicated':
      return `Duplicated ${e.label}: two copies are now in flight.`;
    case 'crash':
      return `${e.node} crashes; messages in flight to it are lost.`;
    case 'recover':
      return `${e.node} recovers from stable storage: promised ${formatBallot(e.promised)}, accepted ${formatProposal(e.accepted)}.`;
  }
}
