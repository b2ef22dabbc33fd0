/**
 * The proposer against Paxos Made Simple §2.2 (phases 1a and 2a, the rule that establishes
 * P2c) and §2.5 (unique, increasing proposal numbers).
 */
import { describe, expect, it } from 'vitest';
import { compareBallots, formatBallot, parseBallot } from '../../../playground/paxos/ballot.ts';
import type { PaxosMessage } from '../../../playground/paxos/messages.ts';
import type { MutantName } from '../../../playground/paxos/mutants.ts';
import { initialProposer, stepProposer, type ProposerState } from '../../../playground/paxos/proposer.ts';
import type { Effect } from '../../../playground/sim/types.ts';
import { b, msg } from './helpers.ts';

const env = (mutants: MutantName[] = []) => ({ self: 'p3', acceptors: ['a1', 'a2', 'a3'], mutants });
const start = (value: string) => ({ kind: 'request' as const, value: { type: 'start', value } });

function drive(state: ProposerState, inputs: Parameters<typeof stepProposer>[1][], mutants: MutantName[] = []) {
  const effects: Effect<PaxosMessage>[] = [];
  for (const input of inputs) {
    const t = stepProposer(state, input, env(mutants));
    state = t.state;
    effects.push(...t.effects);
  }
  return { state, effects, sent: effects.flatMap((e) => (e.kind === 'send' ? [e] : [])) };
}

const promise = (from: string, n: string, acc: [string, string] | null) =>
  msg(from, { type: 'promise', n: b(n), accepted: acc ? { n: b(acc[0]), v: acc[1] } : null });

describe('§2.5: proposal numbers are unique per proposer and increase', () => {
  it('a proposer uses (round, its number), one round more than its last', () => {
    const p = drive(initialProposer(3), [start('X'), start('X')]);
    expect(formatBallot(p.state.ballot)).toBe('2.3');
    const prepares = p.sent.map((s) => (s.msg.type === 'prepare' ? formatBallot(s.msg.n) : '?'));
    expect(prepares).toEqual(['1.3', '1.3', '1.3', '2.3', '2.3', '2.3']);
  });

  it('ballots order lexicographically by round, then proposer', () => {
    const sorted = ['2.1', '1.2', '1.1', '3.1', '2.2'].map(parseBallot).sort(compareBallots).map(formatBallot);
    expect(sorted).toEqual(['1.1', '1.2', '2.1', '2.2', '3.1']);
  });
});

describe('§2.2 phase 1a: a proposer sends prepare(n) to the acceptors', () => {
  it('sends prepare n to every acceptor', () => {
    const { sent } = drive(initialProposer(3), [start('X')]);
    expect(sent.map((s) => s.to)).toEqual(['a1', 'a2', 'a3']);
    expect(sent.every((s) => s.msg.type === 'prepare')).toBe(true);
  });
});

describe('§2.2 phase 2a: with promises from a majority, propose the highest-numbered reported value, or any value if none', () => {
  it('waits for a majority before it sends accept', () => {
    const { sent, state } = drive(initialProposer(3), [start('X'), promise('a1', '1.3', null)]);
    expect(sent.filter((s) => s.msg.type === 'accept')).toEqual([]);
    expect(state.phase).toBe('preparing');
  });

  it('proposes its own value when no promise reports one', () => {
    const { sent } = drive(initialProposer(3), [start('X'), promise('a1', '1.3', null), promise('a2', '1.3', null)]);
    expect(sent.filter((s) => s.msg.type === 'accept').map((s) => s.msg)).toEqual(
      ['a1', 'a2', 'a3'].map(() => ({ type: 'accept', n: b('1.3'), v: 'X' })),
    );
  });

  it('proposes the value of the highest-numbered proposal reported, not the most common one', () => {
    const p = drive({ ...initialProposer(3), lastRound: 2 }, [
      start('Z'),
      promise('a1', '3.3', ['1.1', 'X']),
      promise('a2', '3.3', ['2.2', 'Y']),
    ]);
    expect(p.state.proposal).toEqual({ n: b('3.3'), v: 'Y' });
  });

  it('counts one promise per acceptor (duplicates do not make a majority)', () => {
    const p = drive(initialProposer(3), [start('X'), promise('a1', '1.3', null), promise('a1', '1.3', null)]);
    expect(p.state.phase).toBe('preparing');
  });

  it('ignores promises for an earlier round', () => {
    const p = drive(initialProposer(3), [start('X'), start('X'), promise('a1', '1.3', null), promise('a2', '1.3', null)]);
    expect(p.state.phase).toBe('preparing');
    expect(p.state.promises).toEqual([]);
  });

  it('mutant ignore-accepted-value: proposes its own value even when a promise reports one', () => {
    const p = drive(initialProposer(3), [start('Z'), promise('a1', '1.3', ['1.1', 'X']), promise('a2', '1.3', null)], ['ignore-accepted-value']);
    expect(p.state.proposal?.v).toBe('Z');
  });

  it('mutant lowest-accepted-value: takes the lowest-numbered report', () => {
    const p = drive({ ...initialProposer(3), lastRound: 2 }, [start('Z'), promise('a1', '3.3', ['1.1', 'X']), promise('a2', '3.3', ['2.2', 'Y'])], [
      'lowest-accepted-value',
    ]);
    expect(p.state.proposal?.v).toBe('X');
  });
});
