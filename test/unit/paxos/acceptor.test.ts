/**
 * The acceptor against Paxos Made Simple, rule by rule (§2.2 phase 1b and P1a, §2.5 stable
 * storage). Each test names the sentence it checks.
 */
import { describe, expect, it } from 'vitest';
import { EMPTY_ACCEPTOR, recoverAcceptor, stepAcceptor, type AcceptorState } from '../../../playground/paxos/acceptor.ts';
import { accept, b, prepare } from './helpers.ts';

const env = { self: 'a1', learners: ['l1'], mutants: [] };

function run(inputs: ReturnType<typeof prepare>[], start: AcceptorState = EMPTY_ACCEPTOR, e = env) {
  let state = start;
  const effects = [];
  for (const input of inputs) {
    const t = stepAcceptor(state, input, e);
    state = t.state;
    effects.push(...t.effects);
  }
  return { state, effects };
}

const sends = (effects: ReturnType<typeof run>['effects']) => effects.filter((e) => e.kind === 'send');

describe('§2.2 phase 1b: an acceptor answers prepare(n) only if n is greater than any prepare it has answered', () => {
  it('promises n and reports that it accepted nothing', () => {
    const { state, effects } = run([prepare('p1', '1.1')]);
    expect(state.promised).toEqual(b('1.1'));
    expect(sends(effects)).toEqual([{ kind: 'send', to: 'p1', msg: { type: 'promise', n: b('1.1'), accepted: null } }]);
  });

  it('reports the highest-numbered proposal it has accepted', () => {
    const { effects } = run([prepare('p1', '1.1'), accept('p1', '1.1', 'X'), prepare('p2', '1.2')]);
    expect(sends(effects).at(-1)).toEqual({ kind: 'send', to: 'p2', msg: { type: 'promise', n: b('1.2'), accepted: { n: b('1.1'), v: 'X' } } });
  });

  it('ignores a prepare numbered below its promise', () => {
    const { state, effects } = run([prepare('p2', '1.2'), prepare('p1', '1.1')]);
    expect(state.promised).toEqual(b('1.2'));
    expect(sends(effects)).toHaveLength(1);
  });

  it('ignores a duplicate prepare with the number it already promised', () => {
    const { effects } = run([prepare('p1', '1.1'), prepare('p1', '1.1')]);
    expect(sends(effects)).toHaveLength(1);
  });

  it('compares numbers as (round, proposer): 2.1 beats 1.2', () => {
    const { state } = run([prepare('p2', '1.2'), prepare('p1', '2.1')]);
    expect(state.promised).toEqual(b('2.1'));
  });
});

describe('§2.2 P1a: an acceptor accepts n unless it promised a higher number', () => {
  it('accepts at exactly its promise and tells every learner', () => {
    const { state, effects } = run([prepare('p1', '1.1'), accept('p1', '1.1', 'X')]);
    expect(state.accepted).toEqual({ n: b('1.1'), v: 'X' });
    expect(sends(effects).at(-1)).toEqual({ kind: 'send', to: 'l1', msg: { type: 'accepted', n: b('1.1'), v: 'X' } });
  });

  it('accepts a proposal it never received a prepare for, if nothing higher was promised', () => {
    const { state } = run([accept('p1', '1.1', 'X')]);
    expect(state).toEqual({ promised: b('1.1'), accepted: { n: b('1.1'), v: 'X' } });
  });

  it('accepts a higher number than its promise, and raises the promise', () => {
    const { state } = run([prepare('p1', '1.1'), accept('p2', '1.2', 'Y')]);
    expect(state).toEqual({ promised: b('1.2'), accepted: { n: b('1.2'), v: 'Y' } });
  });

  it('ignores an accept numbered below its promise', () => {
    const { state, effects } = run([prepare('p2', '1.2'), accept('p1', '1.1', 'X')]);
    expect(state.accepted).toBeNull();
    expect(effects.some((e) => e.kind === 'trace' && e.event.type === 'ignored')).toBe(true);
  });

  it('mutant accept-lower-ballot: accepts below its promise (the bug the checker must catch)', () => {
    const { state } = run([prepare('p2', '1.2'), accept('p1', '1.1', 'X')], EMPTY_ACCEPTOR, { ...env, mutants: ['accept-lower-ballot'] as never[] });
    expect(state).toEqual({ promised: b('1.2'), accepted: { n: b('1.1'), v: 'X' } });
  });
});

describe('§2.5 stable storage: an acceptor remembers its promise and accepted proposal across a crash', () => {
  it('persists before it replies', () => {
    const { effects } = run([prepare('p1', '1.1'), accept('p1', '1.1', 'X')]);
    const kinds = effects.filter((e) => e.kind !== 'trace').map((e) => e.kind);
    expect(kinds).toEqual(['persist', 'send', 'persist', 'send']);
  });

  it('recovers exactly the state it persisted', () => {
    const { state, effects } = run([prepare('p1', '1.1'), accept('p1', '1.1', 'X'), prepare('p2', '1.2')]);
    const disk = new Map<string, unknown>();
    for (const e of effects) if (e.kind === 'persist') disk.set(e.key, e.value);
    expect(recoverAcceptor((k) => disk.get(k))).toEqual(state);
    expect(recoverAcceptor(() => undefined)).toEqual(EMPTY_ACCEPTOR);
  });
});
