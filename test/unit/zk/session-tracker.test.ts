/** Session ids, passwords, timeout clamp, expiry buckets. */
import { describe, expect, it } from 'vitest';
import { ExpiryQueue, SessionTracker, generatePasswd, negotiateTimeout } from '../../../playground/zk/session-tracker.ts';

describe('sessions', () => {
  it('ids: server id in the top byte, then +1', () => {
    const t = new SessionTracker(1, 200, 0);
    expect(t.createSession(4000, 0)).toBe(0x0100000000000000n);
    expect(t.createSession(4000, 0)).toBe(0x0100000000000001n);
    expect(SessionTracker.initializeNextSessionId(3, 5000) >> 56n).toBe(3n);
  });
  it('timeout negotiation clamps', () => {
    expect(negotiateTimeout(100, 400, 60000)).toBe(400);
    expect(negotiateTimeout(100000, 4000, 40000)).toBe(40000);
    expect(negotiateTimeout(5000, 400, 60000)).toBe(5000);
  });
  it('passwords are deterministic per id', () => {
    expect(generatePasswd(5n)).toEqual(generatePasswd(5n));
    expect(generatePasswd(5n)).not.toEqual(generatePasswd(6n));
    expect(generatePasswd(5n)).toHaveLength(16);
  });
  it('expiry: between T and T + tick after the last touch', () => {
    const q = new ExpiryQueue<string>(200, 0);
    expect(q.update('a', 1000, 50)).toBe(1200);
    expect(q.poll(1199)).toEqual([]);
    expect(q.poll(1200)).toEqual(['a']);
    const t = new SessionTracker(1, 200, 0);
    const id = t.createSession(1000, 0);
    t.touchSession(id, 1000, 900);
    expect(t.expire(1199)).toEqual([]);
    expect(t.expire(2000)).toEqual([id]);
    expect(() => t.checkSession(id)).toThrow(expect.objectContaining({ code: 'SESSIONEXPIRED' }));
    expect(() => t.checkSession(42n)).toThrow(expect.objectContaining({ code: 'UNKNOWNSESSION' }));
  });
  it('owners (SessionTrackerImpl.checkSession / setOwner): the first request sets one; another server gets SESSIONMOVED', () => {
    const t = new SessionTracker(1, 200, 0);
    const id = t.createSession(4000, 0);
    t.checkSession(id); // no owner given: nothing to compare
    t.checkSession(id, 's1'); // none yet: s1 takes it
    t.checkSession(id, 's1');
    expect(() => t.checkSession(id, 's2')).toThrow(expect.objectContaining({ code: 'SESSIONMOVED' }));
    t.setOwner(id, 's2'); // the client revalidated through s2
    t.checkSession(id, 's2');
    expect(() => t.checkSession(id, 's1')).toThrow(expect.objectContaining({ code: 'SESSIONMOVED' }));
    t.setSessionClosing(id);
    expect(() => t.checkSession(id, 's2')).toThrow(expect.objectContaining({ code: 'SESSIONEXPIRED' }));
    expect(() => t.setOwner(id, 's2')).toThrow(expect.objectContaining({ code: 'SESSIONEXPIRED' }));
    expect(() => t.setOwner(42n, 's2')).toThrow(expect.objectContaining({ code: 'SESSIONEXPIRED' }));
  });
});
