/** zab.md §1 "Quorum": majorities of the voters; observers never count. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QuorumMaj, majority } from '../../../playground/zab/quorum.ts';

describe('zab.md §1 quorum (QuorumMaj.containsQuorum: |acks| > n/2 of the voters)', () => {
  it('majority of 1..7 voters', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(majority)).toEqual([1, 2, 2, 3, 3, 4, 4]);
  });

  it('counts voters only, once each; observers and strangers never count', () => {
    const q = new QuorumMaj(['s1', 's2', 's3'], ['s4']);
    expect(q.containsQuorum(['s1'])).toBe(false);
    expect(q.containsQuorum(['s1', 's1'])).toBe(false);
    expect(q.containsQuorum(['s1', 's4'])).toBe(false);
    expect(q.containsQuorum(['s1', 'c9', 's4'])).toBe(false);
    expect(q.containsQuorum(['s1', 's3'])).toBe(true);
    expect(q.weight('s4')).toBe(0);
    expect(q.isVoter('s4')).toBe(false);
  });

  it('4 voters tolerate one failure, like 3: a quorum is 3', () => {
    const q = new QuorumMaj(['s1', 's2', 's3', 's4']);
    expect(q.containsQuorum(['s1', 's2'])).toBe(false);
    expect(q.containsQuorum(['s1', 's2', 's4'])).toBe(true);
  });

  it('rejects an empty or duplicated configuration', () => {
    expect(() => new QuorumMaj([])).toThrow(/no voters/);
    expect(() => new QuorumMaj(['s1'], ['s1'])).toThrow(/twice/);
  });

  it('any two quorums of the same voters intersect (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 7 }), fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }), fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }), (n, a, b) => {
        const voters = Array.from({ length: n }, (_, i) => `s${i + 1}`);
        const q = new QuorumMaj(voters);
        const A = voters.filter((_, i) => a[i]);
        const B = voters.filter((_, i) => b[i]);
        if (q.containsQuorum(A) && q.containsQuorum(B)) expect(A.some((x) => B.includes(x))).toBe(true);
        expect(q.containsQuorum(A)).toBe(A.length >= majority(n));
      }),
    );
  });
});
