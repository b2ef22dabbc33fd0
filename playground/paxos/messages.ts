/**
 * The messages of single-decree Paxos (Paxos Made Simple §2.2–2.3) and their one-line labels.
 *
 * A label names a message in flight by its content, `from->to type fields`, e.g.
 * `p1->a2 prepare 1.1`, `a2->p1 promise 1.1 accepted=none`, `p1->a2 accept 1.1 X`,
 * `a2->l1 accepted 1.1 X`. Steps refer to messages by label, not by an id, so a step list
 * (a classic run, a checker's counterexample) means the same thing however the messages got
 * there. Two messages with one label are identical (duplicates), so either may be taken.
 *
 * Imports ballots and the kernel's NodeId type only.
 */

import { formatBallot, formatProposal, type Ballot, type Proposal } from './ballot.ts';
import type { NodeId } from '../sim/types.ts';

export type PaxosMessage =
  /** Phase 1a: "promise me you will not accept anything numbered below n". */
  | { readonly type: 'prepare'; readonly n: Ballot }
  /** Phase 1b: the promise, with the highest-numbered proposal the acceptor has accepted. */
  | { readonly type: 'promise'; readonly n: Ballot; readonly accepted: Proposal | null }
  /** Phase 2a: "accept proposal (n, v)". */
  | { readonly type: 'accept'; readonly n: Ballot; readonly v: string }
  /** Phase 2b, acceptor to learner (§2.3): "I accepted (n, v)". */
  | { readonly type: 'accepted'; readonly n: Ballot; readonly v: string };

/** Values are short tokens so that labels stay unambiguous: letters, digits, `_` and `-`. */
export const VALUE_PATTERN = /^[A-Za-z0-9_-]{1,12}$/;

export function checkValue(value: string): void {
  if (!VALUE_PATTERN.test(value)) {
    throw new Error(`a value is 1 to 12 letters, digits, '_' or '-': got ${JSON.stringify(value)}`);
  }
}

export function describeMessage(msg: PaxosMessage): string {
  switch (msg.type) {
    case 'prepare':
      return `prepare ${formatBallot(msg.n)}`;
    case 'promise':
      return `promise ${formatBallot(msg.n)} accepted=${formatProposal(msg.accepted)}`;
    case 'accept':
      return `accept ${formatBallot(msg.n)} ${msg.v}`;
    case 'accepted':
      return `accepted ${formatBallot(msg.n)} ${msg.v}`;
  }
}

export function messageLabel(from: NodeId, to: NodeId, msg: PaxosMessage): string {
  return `${from}->${to} ${describeMessage(msg)}`;
}
