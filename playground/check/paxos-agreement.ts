/**
 * The Paxos agreement checker. It reads only a run's history (the Paxos engine's protocol
 * events, in order) and the names of the acceptors, never any node's state, and answers
 * whether the run was safe in the sense of Paxos Made Simple §2.1:
 *
 * - Agreement: at most one value is chosen, where (n, v) is chosen once a majority of the
 *   acceptors have accepted exactly (n, v) (§2.2: "a value is chosen when a single proposal
 *   with that value has been accepted by a majority of the acceptors"). Acceptances count
 *   whenever they happened, so a value chosen and later overwritten still counts.
 * - Validity: only a value some proposer started a round with is ever accepted.
 * - Learning: a learner learns v only if v was chosen before it learned it (§2.3).
 *
 * A verdict lists every violation found, each in one sentence. The checker has its own
 * must-fail tests (test/unit/paxos/agreement-checker.test.ts).
 *
 * Imports only types (the engine's event shape, the kernel's NodeId). No behaviour of
 * the engine is trusted here.
 */

import type { Ballot } from '../paxos/ballot.ts';
import type { PaxosEvent } from '../paxos/events.ts';
import type { NodeId } from '../sim/types.ts';

export interface PaxosHistory {
  readonly acceptors: readonly NodeId[];
  readonly events: readonly PaxosEvent[];
}

export interface ChosenProposal {
  readonly n: Ballot;
  readonly v: string;
  /** The acceptors that accepted (n, v), sorted. */
  readonly by: readonly NodeId[];
  /** Index of the event that made the majority. */
  readonly at: number;
}

export interface AgreementVerdict {
  readonly ok: boolean;
  /** Every proposal a majority accepted, in the order they became chosen. */
  readonly chosen: readonly ChosenProposal[];
  /** The distinct chosen values, in the order they were first chosen. */
  readonly values: readonly string[];
  readonly violations: readonly string[];
}

const ballotText = (n: Ballot): string => `${n.round}.${n.proposer}`;

export function checkAgreement(history: PaxosHistory): AgreementVerdict {
  const total = history.acceptors.length;
  if (total < 1) throw new Error('checkAgreement: no acceptors');
  const quorum = Math.floor(total / 2) + 1;
  const known = new Set(history.acceptors);
  const votes = new Map<string, Set<NodeId>>();
  const chosen: ChosenProposal[] = [];
  const chosenKeys = new Set<string>();
  const proposed = new Set<string>();
  const violations: string[] = [];

  history.events.forEach((e, index) => {
    if (e.type === 'start') proposed.add(e.value);
    else if (e.type === 'accepted') {
      if (!known.has(e.node)) {
        violations.push(`event ${index}: ${e.node} is not an acceptor but accepted ${ballotText(e.n)}:${e.v}`);
        return;
      }
      if (!proposed.has(e.v)) violations.push(`validity: ${e.node} accepted ${e.v}, which no proposer proposed (event ${index})`);
      const key = `${ballotText(e.n)}:${e.v}`;
      const voters = votes.get(key) ?? new Set<NodeId>();
      voters.add(e.node);
      votes.set(key, voters);
      if (voters.size >= quorum && !chosenKeys.has(key)) {
        chosenKeys.add(key);
        chosen.push({ n: e.n, v: e.v, by: [...voters].sort(), at: index });
      }
    } else if (e.type === 'learned') {
      if (!chosenKeys.has(`${ballotText(e.n)}:${e.v}`)) {
        violations.push(`learning: ${e.node} learned ${ballotText(e.n)}:${e.v}, which no majority had accepted (event ${index})`);
      }
    }
  });

  const values = [...new Set(chosen.map((c) => c.v))];
  if (values.length > 1) {
    const first = chosen.find((c) => c.v === values[0])!;
    const other = chosen.find((c) => c.v !== values[0])!;
    violations.unshift(
      `agreement: both ${first.v} (at ${ballotText(first.n)} by ${first.by.join(', ')}) and ${other.v} (at ${ballotText(other.n)} by ${other.by.join(', ')}) were chosen`,
    );
  }
  return { ok: violations.length === 0, chosen, values, violations };
}
