/** PrepRequestProcessor: exact error precedence, zxids for failed writes, multi rollback. */
import { describe, expect, it } from 'vitest';
import { DataTree } from '../../../playground/zk/data-tree.ts';
import { PrepRequestProcessor, sequenceSuffix } from '../../../playground/zk/prep-request-processor.ts';
import type { ServerRequest } from '../../../playground/zk/prep-request-processor.ts';
import type { Request } from '../../../playground/zk/protocol.ts';
import { SessionTracker } from '../../../playground/zk/session-tracker.ts';
import { OPEN_ACL_UNSAFE } from '../../../playground/zk/acl.ts';
import type { ACL, Id } from '../../../playground/zk/acl.ts';

function setup() {
  const tree = new DataTree();
  const sessions = new SessionTracker(1, 200, 0);
  const sid = sessions.createSession(4000, 0);
  let z = 0n;
  const prp = new PrepRequestProcessor({ tree, sessions, extendedTypesEnabled: true, nextZxid: () => ++z, wallTime: () => 0 });
  const run = (req: Request, authInfo: Id[] = []): ServerRequest => {
    const r: ServerRequest = { cnxnId: 1, sessionId: sid, cxid: 1, req, authInfo };
    prp.prepare(r);
    if (r.hdr && r.txn) {
      tree.processTxn(r.hdr, r.txn);
      prp.applied(r.hdr.zxid);
    }
    return r;
  };
  const create = (path: string, acl: readonly ACL[] = OPEN_ACL_UNSAFE, flags = 0, ttl = -1, authInfo: Id[] = []) =>
    run({ op: 'create', opcode: 'create2', path, data: null, acl, flags, ttl }, authInfo);
  return { tree, sessions, sid, run, create, zxid: () => z };
}

const code = (r: ServerRequest): string | undefined => r.exception?.code;
const noDelete: ACL[] = [{ perms: 31 - 8, id: { scheme: 'world', id: 'anyone' } }];

describe('create precedence', () => {
  it('INVALIDACL before NONODE; NOAUTH before NODEEXISTS; NOCHILDRENFOREPHEMERALS last', () => {
    const { create } = setup();
    expect(code(create('/missing/x', [{ perms: 31, id: { scheme: 'auth', id: '' } }]))).toBe('INVALIDACL');
    expect(code(create('/missing/x'))).toBe('NONODE');
    create('/ro', [{ perms: 1, id: { scheme: 'world', id: 'anyone' } }]);
    expect(code(create('/ro/x'))).toBe('NOAUTH');
    create('/e', OPEN_ACL_UNSAFE, 1);
    expect(code(create('/e/x'))).toBe('NOCHILDRENFOREPHEMERALS');
    expect(code(create('/e'))).toBe('NODEEXISTS');
  });
  it('server-side path checks: no slash BADARGUMENTS, missing parent NONODE, bad name after the parent BADARGUMENTS', () => {
    const { create } = setup();
    create('/x');
    expect(code(create('x'))).toBe('BADARGUMENTS');
    expect(code(create('x/y'))).toBe('NONODE');
    expect(code(create('/x/.'))).toBe('BADARGUMENTS');
    expect(code(create('/x//y'))).toBe('NONODE');
    expect(code(create('/'))).toBe('NODEEXISTS');
  });
  it('TTL checks', () => {
    const { create } = setup();
    expect(code(create('/t', OPEN_ACL_UNSAFE, 5, -1))).toBe('BADARGUMENTS');
    expect(code(create('/t', OPEN_ACL_UNSAFE, 0, 100))).toBe('BADARGUMENTS');
    expect(code(create('/t', OPEN_ACL_UNSAFE, 5, 100))).toBeUndefined();
    expect(code(create('/t2', OPEN_ACL_UNSAFE, 9))).toBe('BADARGUMENTS');
  });
  it('sequence numbers come from the internal cversion; failed creates do not advance it', () => {
    const { create, run } = setup();
    create('/s');
    create('/s/a');
    expect(run({ op: 'create', opcode: 'create2', path: '/s/n', data: null, acl: OPEN_ACL_UNSAFE, flags: 2, ttl: -1 }).txn).toMatchObject({ path: '/s/n0000000001' });
    create('/s/n0000000003'); // counter 2 → 3: the next sequential name collides
    expect(code(create('/s/n', OPEN_ACL_UNSAFE, 2))).toBe('NODEEXISTS');
    expect(code(create('/s/n', OPEN_ACL_UNSAFE, 2))).toBe('NODEEXISTS');
    create('/s/other');
    expect(create('/s/n', OPEN_ACL_UNSAFE, 2).txn).toMatchObject({ path: '/s/n0000000004' });
    expect(sequenceSuffix(-2147483648)).toBe('-2147483648');
  });
});

describe('delete, setData, setACL precedence', () => {
  it('delete: NOAUTH on the parent before NONODE and BADVERSION; BADVERSION before NOTEMPTY', () => {
    const { create, run } = setup();
    create('/p', noDelete);
    create('/p/c');
    expect(code(run({ op: 'delete', path: '/p/missing', version: -1 }))).toBe('NOAUTH');
    expect(code(run({ op: 'delete', path: '/p/c', version: 9 }))).toBe('NOAUTH');
    create('/q');
    create('/q/c');
    expect(code(run({ op: 'delete', path: '/q', version: 7 }))).toBe('BADVERSION');
    expect(code(run({ op: 'delete', path: '/q', version: -1 }))).toBe('NOTEMPTY');
    expect(code(run({ op: 'delete', path: '/q/zz', version: 7 }))).toBe('NONODE');
    expect(code(run({ op: 'delete', path: '/zookeeper', version: -1 }))).toBe('BADARGUMENTS');
  });
  it('setData: NOAUTH before BADVERSION', () => {
    const { create, run } = setup();
    create('/ro', [{ perms: 1, id: { scheme: 'world', id: 'anyone' } }]);
    expect(code(run({ op: 'setData', path: '/ro', data: null, version: 5 }))).toBe('NOAUTH');
    expect(code(run({ op: 'setData', path: '/nope', data: null, version: 5 }))).toBe('NONODE');
  });
  it('setACL: INVALIDACL before NONODE; NOAUTH before BADVERSION; aversion +1', () => {
    const { create, run, tree } = setup();
    expect(code(run({ op: 'setACL', path: '/nope', acl: [], version: -1 }))).toBe('INVALIDACL');
    expect(code(run({ op: 'setACL', path: '/nope', acl: OPEN_ACL_UNSAFE, version: -1 }))).toBe('NONODE');
    create('/a');
    expect(code(run({ op: 'setACL', path: '/a', acl: OPEN_ACL_UNSAFE, version: 0 }))).toBeUndefined();
    expect(tree.statOf('/a')!.aversion).toBe(1);
    run({ op: 'setACL', path: '/a', acl: [{ perms: 3, id: { scheme: 'world', id: 'anyone' } }], version: -1 });
    expect(code(run({ op: 'setACL', path: '/a', acl: OPEN_ACL_UNSAFE, version: 99 }))).toBe('NOAUTH');
  });
});

describe('zxids and multi', () => {
  it('failed writes consume a zxid; reads do not', () => {
    const { create, run, zxid } = setup();
    create('/a');
    const before = zxid();
    create('/a');
    run({ op: 'getData', path: '/a', watch: false });
    expect(zxid()).toBe(before + 1n);
  });
  it('multi: one zxid, later ops see earlier ones, rollback and RUNTIMEINCONSISTENCY after the failure', () => {
    const { create, run, tree, zxid } = setup();
    create('/m');
    const before = zxid();
    const r = run({
      op: 'multi',
      ops: [
        { op: 'create', path: '/m/a', data: null, acl: OPEN_ACL_UNSAFE, flags: 0, ttl: -1 },
        { op: 'create', path: '/m/a/b', data: null, acl: OPEN_ACL_UNSAFE, flags: 0, ttl: -1 },
        { op: 'create', path: '/m/a', data: null, acl: OPEN_ACL_UNSAFE, flags: 0, ttl: -1 },
        { op: 'delete', path: '/m', version: -1 },
      ],
    });
    expect(zxid()).toBe(before + 1n);
    expect(code(r)).toBe('NODEEXISTS');
    expect(r.txn).toMatchObject({ type: 'multi', txns: [{ type: 'create' }, { type: 'create' }, { type: 'error', err: -110 }, { type: 'error', err: -2 }] });
    expect(tree.getNode('/m/a')).toBeUndefined();
    const ok = run({
      op: 'multi',
      ops: [
        { op: 'create', path: '/m/x', data: null, acl: OPEN_ACL_UNSAFE, flags: 1, ttl: -1 },
        { op: 'create', path: '/m/x/k', data: null, acl: OPEN_ACL_UNSAFE, flags: 0, ttl: -1 },
      ],
    });
    expect(code(ok)).toBe('NOCHILDRENFOREPHEMERALS');
  });
  it('an expired (closing) session gets SESSIONEXPIRED', () => {
    const { create, sessions, sid } = setup();
    sessions.setSessionClosing(sid);
    expect(code(create('/z'))).toBe('SESSIONEXPIRED');
  });
});

describe('session owners (PrepRequestProcessor: checkSession(sessionId, owner))', () => {
  it('a write or a read through a server that no longer owns the session fails with SESSIONMOVED; a write becomes an error txn', () => {
    const { sessions, sid, tree, zxid } = setup();
    let z = zxid();
    const prp = new PrepRequestProcessor({ tree, sessions, extendedTypesEnabled: true, nextZxid: () => ++z, wallTime: () => 0 });
    const via = (owner: string, req: Request): ServerRequest => {
      const r: ServerRequest = { cnxnId: null, sessionId: sid, cxid: 7, req, authInfo: [], owner };
      prp.prepare(r);
      return r;
    };
    const w1 = via('s1', { op: 'create', opcode: 'create2', path: '/a', data: null, acl: OPEN_ACL_UNSAFE, flags: 0, ttl: -1 });
    expect(w1.exception).toBeUndefined();
    sessions.setOwner(sid, 's2'); // the client moved to s2, which revalidated the session
    const late = via('s1', { op: 'setData', path: '/a', data: null, version: -1 });
    expect(code(late)).toBe('SESSIONMOVED');
    expect(late.txn).toEqual({ type: 'error', err: -118 });
    expect(late.hdr?.zxid).toBeGreaterThan(w1.hdr!.zxid); // failed writes still get a zxid
    expect(code(via('s1', { op: 'getData', path: '/a', watch: false }))).toBe('SESSIONMOVED');
    expect(code(via('s2', { op: 'setData', path: '/a', data: null, version: -1 }))).toBeUndefined();
    const multi = via('s1', { op: 'multi', ops: [{ op: 'check', path: '/a', version: -1 }] });
    expect(multi.txn).toEqual({ type: 'multi', txns: [{ type: 'error', err: -118 }] });
  });
  it('createSession makes its server the owner', () => {
    const { sessions } = setup();
    let z = 0n;
    const prp = new PrepRequestProcessor({ tree: new DataTree(), sessions, extendedTypesEnabled: true, nextZxid: () => ++z, wallTime: () => 0 });
    const id = sessions.createSession(4000, 0);
    prp.prepare({ cnxnId: null, sessionId: id, cxid: 0, req: { op: 'createSession', timeOut: 4000 }, authInfo: [], owner: 's3' });
    expect(() => sessions.checkSession(id, 's1')).toThrow(expect.objectContaining({ code: 'SESSIONMOVED' }));
    sessions.checkSession(id, 's3');
  });
});
