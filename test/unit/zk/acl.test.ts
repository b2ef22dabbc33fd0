/** ACL validation (INVALIDACL), auth expansion, duplicate removal, permission checks, masking. */
import { describe, expect, it } from 'vitest';
import { Perms, authenticate, fixupACL, hasPermission, maskDigests, parsePerms, permsToString } from '../../../playground/zk/acl.ts';
import type { ACL, Id } from '../../../playground/zk/acl.ts';

const world = (perms: number): ACL => ({ perms, id: { scheme: 'world', id: 'anyone' } });
const alice: Id = { scheme: 'digest', id: 'alice:aYXlLOpEooaV1cRAvUL1fp9Qt7E=' };
const ip: Id = { scheme: 'ip', id: '127.0.0.1' };

describe('fixupACL', () => {
  it('rejects empty lists, unknown schemes, bad ids, world with another id', () => {
    expect(() => fixupACL('/a', [], [])).toThrow(expect.objectContaining({ code: 'INVALIDACL' }));
    expect(() => fixupACL('/a', [], [{ perms: 31, id: { scheme: 'nosuch', id: 'x' } }])).toThrow(expect.objectContaining({ code: 'INVALIDACL' }));
    expect(() => fixupACL('/a', [], [{ perms: 31, id: { scheme: 'digest', id: 'nocolon' } }])).toThrow(expect.objectContaining({ code: 'INVALIDACL' }));
    expect(() => fixupACL('/a', [], [{ perms: 31, id: { scheme: 'digest', id: 'a:' } }])).toThrow(expect.objectContaining({ code: 'INVALIDACL' }));
    expect(() => fixupACL('/a', [], [{ perms: 31, id: { scheme: 'world', id: 'someone' } }])).toThrow(expect.objectContaining({ code: 'INVALIDACL' }));
    expect(() => fixupACL('/a', [], [{ perms: 31, id: { scheme: 'ip', id: '1.2.3' } }])).toThrow(expect.objectContaining({ code: 'INVALIDACL' }));
  });
  it('auth without an authenticated identity is INVALIDACL (ip does not count)', () => {
    expect(() => fixupACL('/a', [ip], [{ perms: 31, id: { scheme: 'auth', id: '' } }])).toThrow(expect.objectContaining({ code: 'INVALIDACL' }));
  });
  it('auth expands to every digest identity, in order; duplicates removed', () => {
    const bob: Id = { scheme: 'digest', id: 'bob:x' };
    expect(fixupACL('/a', [ip, alice, bob], [{ perms: 5, id: { scheme: 'auth', id: '' } }])).toEqual([
      { perms: 5, id: alice },
      { perms: 5, id: bob },
    ]);
    expect(fixupACL('/a', [], [world(31), world(31), world(1)])).toEqual([world(31), world(1)]);
    expect(fixupACL('/a', [], [{ perms: 31, id: { scheme: 'digest', id: ':b' } }])).toHaveLength(1);
  });
});

describe('checkACL', () => {
  it('world grants by bit; digest matches exactly; ip matches masks', () => {
    expect(hasPermission([world(Perms.READ)], Perms.READ, [])).toBe(true);
    expect(hasPermission([world(Perms.READ)], Perms.WRITE, [])).toBe(false);
    expect(hasPermission([{ perms: 31, id: alice }], Perms.READ, [])).toBe(false);
    expect(hasPermission([{ perms: 31, id: alice }], Perms.READ, [alice])).toBe(true);
    expect(hasPermission([{ perms: 31, id: { scheme: 'ip', id: '127.0.0.0/8' } }], Perms.READ, [ip])).toBe(true);
    expect(hasPermission([{ perms: 31, id: { scheme: 'ip', id: '10.0.0.0/8' } }], Perms.READ, [ip])).toBe(false);
    expect(hasPermission([], Perms.ADMIN, [])).toBe(true);
  });
  it('masks digest ids without ADMIN', () => {
    expect(maskDigests([{ perms: 31, id: alice }, world(1)])).toEqual([{ perms: 31, id: { scheme: 'digest', id: 'alice:x' } }, world(1)]);
  });
  it('providers: digest and ip; anything else fails', () => {
    expect(authenticate('digest', 'alice:secret', '127.0.0.1')).toEqual(alice);
    expect(authenticate('ip', 'whatever', '127.0.0.1')).toEqual(ip);
    expect(authenticate('world', 'anyone', '127.0.0.1')).toBeNull();
    expect(authenticate('nosuch', 'x', '127.0.0.1')).toBeNull();
  });
  it('perm letters', () => {
    expect(permsToString(parsePerms('arwdc'))).toBe('cdrwa');
    expect(permsToString(0)).toBe('');
  });
});
