/**
 * The single-decree system: datagram semantics (§2.1: messages may be lost, duplicated and
 * reordered), crashes with stable storage (§2.5), progress (§2.4), and a seeded random
 * driver that must never break agreement. A failing seed is printed with the command that
 * replays it.
 */
import { describe, expect, it } from 'vitest';
import { checkAgreement } from '../../../playground/check/paxos-agreement.ts';
import type { MutantName } from '../../../playground/paxos/mutants.ts';
import type { PaxosStep } from '../../../playground/paxos/steps.ts';
import { applyStep, initialState, label, type PaxosState } from '../../../playground/paxos/system.ts';
import { chooseRandom } from '../../../playground/sim/datagram.ts';
import { Prng } from '../../../playground/sim/prng.ts';

const play = (steps: PaxosStep[], s: PaxosState = initialState()) => steps.reduce(applyStep, s);
const labels = (s: PaxosState) => s.net.inFlight.map(label);

describe('§2.1: messages may be lost, duplicated and delivered in any order', () => {
  it('nothing moves until a step says so', () => {
    const s = play([{ do: 'start', proposer: 'p1', value: 'X' }]);
    expect(labels(s)).toEqual(['p1->a1 prepare 1.1', 'p1->a2 prepare 1.1', 'p1->a3 prepare 1.1']);
    expect(s.acceptors.every((a) => a.state!.promised === null)).toBe(true);
  });

  it('a duplicate delivered twice is answered once (the acceptor ignores n == promised)', () => {
    const s = play([
      { do: 'start', proposer: 'p1', value: 'X' },
      { do: 'duplicate', msg: 'p1->a1 prepare 1.1' },
      { do: 'deliver', msg: 'p1->a1 prepare 1.1' },
      { do: 'deliver', msg: 'p1->a1 prepare 1.1' },
    ]);
    expect(labels(s).filter((l) => l.startsWith('a1->p1'))).toHaveLength(1);
  });

  it('a step naming a message not in flight is refused and changes nothing', () => {
    const s = play([{ do: 'start', proposer: 'p1', value: 'X' }]);
    expect(() => applyStep(s, { do: 'deliver', msg: 'p1->a1 accept 1.1 X' })).toThrow(/not|no message/);
    expect(() => applyStep(s, { do: 'start', proposer: 'p9', value: 'X' })).toThrow(/no proposer/);
    expect(() => applyStep(s, { do: 'start', proposer: 'p1', value: 'two words' })).toThrow(/value/);
  });
});

describe('§2.5: a crashed acceptor keeps its stable storage; messages to it are lost', () => {
  it('crash loses messages in flight to it; recovery restores promised and accepted', () => {
    let s = play([
      { do: 'start', proposer: 'p1', value: 'X' },
      { do: 'deliver', msg: 'p1->a2 prepare 1.1' },
      { do: 'deliver', msg: 'p1->a1 prepare 1.1' },
      { do: 'deliver', msg: 'a1->p1 promise 1.1 accepted=none' },
      { do: 'deliver', msg: 'a2->p1 promise 1.1 accepted=none' },
      { do: 'deliver', msg: 'p1->a2 accept 1.1 X' },
    ]);
    const before = s.acceptors[1]!.state;
    s = applyStep(s, { do: 'crash', acceptor: 'a2' });
    expect(s.acceptors[1]).toMatchObject({ up: false, state: null });
    expect(labels(s).some((l) => l.includes('->a2'))).toBe(false);
    expect(() => applyStep(s, { do: 'crash', acceptor: 'a2' })).toThrow(/already down/);
    s = applyStep(s, { do: 'recover', acceptor: 'a2' });
    expect(s.acceptors[1]!.state).toEqual(before);
  });

  it('a message sent to a down acceptor is lost when delivered', () => {
    let s = play([{ do: 'crash', acceptor: 'a3' }, { do: 'start', proposer: 'p1', value: 'X' }]);
    s = applyStep(s, { do: 'deliver', msg: 'p1->a3 prepare 1.1' });
    expect(s.history.at(-1)).toMatchObject({ type: 'dropped', reason: 'crashed' });
  });

  it('mutant forget-on-crash: the acceptor comes back empty', () => {
    let s = play([{ do: 'start', proposer: 'p1', value: 'X' }, { do: 'deliver', msg: 'p1->a1 prepare 1.1' }], initialState({ acceptors: 3, proposers: 1, learners: 1, mutants: ['forget-on-crash'] }));
    s = play([{ do: 'crash', acceptor: 'a1' }, { do: 'recover', acceptor: 'a1' }], s);
    expect(s.acceptors[0]!.state).toEqual({ promised: null, accepted: null });
  });
});

describe('§2.4 progress: one proposer that reaches a majority gets its value chosen', () => {
  it('a lone proposer with one acceptor down still succeeds', () => {
    const s = play([
      { do: 'crash', acceptor: 'a3' },
      { do: 'start', proposer: 'p2', value: 'V' },
      { do: 'deliver', msg: 'p2->a1 prepare 1.2' },
      { do: 'deliver', msg: 'p2->a2 prepare 1.2' },
      { do: 'deliver', msg: 'a1->p2 promise 1.2 accepted=none' },
      { do: 'deliver', msg: 'a2->p2 promise 1.2 accepted=none' },
      { do: 'deliver', msg: 'p2->a1 accept 1.2 V' },
      { do: 'deliver', msg: 'p2->a2 accept 1.2 V' },
    ]);
    expect(checkAgreement({ acceptors: s.acceptorIds, events: s.history }).values).toEqual(['V']);
  });
});

/** Random mode: starts, deliveries, drops, duplicates, crashes and recoveries, all from one seed. */
function randomRun(seed: number, mutants: MutantName[], length = 150): PaxosState {
  const rng = new Prng(seed, 'paxos-random');
  let s = initialState({ acceptors: 3, proposers: 2, learners: 1, mutants });
  for (let i = 0; i < length; i++) {
    const roll = rng.int(100);
    const p = rng.int(2);
    const a = rng.int(3);
    let step: PaxosStep | null = null;
    if (roll < 8) step = { do: 'start', proposer: `p${p + 1}`, value: `${'XY'[p]}${i}` };
    else if (roll < 11) step = { do: s.acceptors[a]!.up ? 'crash' : 'recover', acceptor: `a${a + 1}` };
    else {
      const choice = chooseRandom(s.net, (n) => rng.int(n), { dropPercent: 15, duplicatePercent: 5 });
      if (choice) step = { do: choice.action, msg: label(choice.datagram) };
    }
    if (step) s = applyStep(s, step);
  }
  return s;
}

describe('seeded random runs', () => {
  it('never break agreement (200 seeds)', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const s = randomRun(seed, []);
      const v = checkAgreement({ acceptors: s.acceptorIds, events: s.history });
      expect(v.violations, `seed ${seed}: replay with randomRun(${seed}, []) in test/unit/paxos/system.test.ts`).toEqual([]);
    }
  });

  it('are a function of the seed', () => {
    expect(randomRun(42, []).history).toEqual(randomRun(42, []).history);
  });

  it('find the accept-lower-ballot bug within a few hundred seeds', () => {
    const broken = Array.from({ length: 400 }, (_, i) => i + 1).find((seed) => {
      const s = randomRun(seed, ['accept-lower-ballot']);
      return !checkAgreement({ acceptors: s.acceptorIds, events: s.history }).ok;
    });
    expect(broken).toBeDefined();
  });
});
