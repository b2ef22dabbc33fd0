/**
 * Shared helpers for the Paxos engine's tests: ballots by text, and inputs in the kernel's
 * `Input` shape.
 */
import { parseBallot, type Ballot } from '../../../playground/paxos/ballot.ts';
import type { PaxosMessage } from '../../../playground/paxos/messages.ts';
import type { Input } from '../../../playground/sim/types.ts';

export const b = (text: string): Ballot => parseBallot(text);

export const msg = (from: string, m: PaxosMessage): Input<PaxosMessage> => ({ kind: 'message', from, msg: m });

export const prepare = (from: string, n: string): Input<PaxosMessage> => msg(from, { type: 'prepare', n: b(n) });

export const accept = (from: string, n: string, v: string): Input<PaxosMessage> => msg(from, { type: 'accept', n: b(n), v });
