/**
 * The jute codec of `node/real` against byte-exact vectors. The hex strings were
 * printed by `jute-vectors.java` (next to this file) with the jute classes of Debian's
 * ZooKeeper 3.8.0 package, so they are what the Java client and server put on the wire.
 * Pure: no server, no sockets.
 */
import { describe, expect, it } from 'vitest';
import {
  JuteReader,
  JuteWriter,
  decodeConnectResponse,
  encodeConnectRequest,
  encodeRequest,
  javaStringBytes,
  readMultiResponse,
  readReplyHeader,
  readResponse,
  readStat,
  readWatcherEvent,
  writeMultiResponse,
  writeStat,
} from '../../../node/real/jute.ts';
import type { ACL } from '../../../playground/zk/acl.ts';
import type { Stat } from '../../../playground/zk/stat.ts';

const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const unhex = (s: string): Uint8Array => Uint8Array.from(s.match(/../g) ?? [], (x) => parseInt(x, 16));
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

const OPEN: ACL[] = [{ perms: 31, id: { scheme: 'world', id: 'anyone' } }];
const STAT: Stat = {
  czxid: 3n,
  mzxid: 4n,
  ctime: 1700000000000,
  mtime: 1700000000001,
  version: 1,
  cversion: 2,
  aversion: 0,
  ephemeralOwner: 0x0100000498760001n,
  dataLength: 5,
  numChildren: 0,
  pzxid: 6n,
};
const STAT_HEX =
  '000000000000000300000000000000040000018bcfe568000000018bcfe56801000000010000000200000000010000049876000100000005000000000000000000000006';

describe('jute primitives', () => {
  it('writes int, long, bool, null buffer and null string', () => {
    const w = new JuteWriter().int(-2).long(-1n).long(0x0102030405060708n).bool(true).buffer(null).ustring(null);
    expect(hex(w.bytes())).toBe('fffffffe' + 'ffffffffffffffff' + '0102030405060708' + '01' + 'ffffffff' + 'ffffffff');
  });

  it('round-trips the same primitives', () => {
    const r = new JuteReader(new JuteWriter().int(-2).long(-1n).bool(false).buffer(new Uint8Array([9])).ustring('x').bytes());
    expect([r.int(), r.long(), r.bool(), r.buffer(), r.ustring(), r.remaining]).toEqual([-2, -1n, false, new Uint8Array([9]), 'x', 0]);
  });

  it('encodes strings per UTF-16 unit, as BinaryOutputArchive.writeString', () => {
    expect(hex(new JuteWriter().ustring('/é中😀').bytes())).toBe('0000000c2fc3a9e4b8adeda0bdedb880');
    expect(javaStringBytes('abc')).toEqual(utf8('abc'));
  });

  it('refuses a record that runs past its frame', () => {
    expect(() => new JuteReader(unhex('000000ff00')).buffer()).toThrow(/needs 255 bytes/);
    expect(() => new JuteReader(unhex('0000')).int()).toThrow();
  });

  it('round-trips a Stat byte for byte', () => {
    const w = new JuteWriter();
    writeStat(w, STAT);
    expect(hex(w.bytes())).toBe(STAT_HEX);
    expect(readStat(new JuteReader(unhex(STAT_HEX)))).toEqual(STAT);
  });
});

describe('session records', () => {
  it('ConnectRequest with the trailing read-only byte', () => {
    expect(hex(encodeConnectRequest({ protocolVersion: 0, lastZxidSeen: 0x1234n, timeOut: 4000, sessionId: 0n, passwd: new Uint8Array(16), readOnly: false }))).toBe(
      '00000000000000000000123400000fa00000000000000000000000100000000000000000000000000000000000',
    );
    const passwd = Uint8Array.from({ length: 16 }, (_, i) => i + 1);
    expect(hex(encodeConnectRequest({ protocolVersion: 0, lastZxidSeen: 0x100000005n, timeOut: 30000, sessionId: 0x0100000498760000n, passwd, readOnly: false }))).toBe(
      '000000000000000100000005000075300100000498760000000000100102030405060708090a0b0c0d0e0f1000',
    );
  });

  it('ConnectResponse, with and without the read-only byte', () => {
    const full = unhex('0000000000000fa0010000049876000100000004ff00010200');
    expect(decodeConnectResponse(full)).toEqual({ protocolVersion: 0, timeOut: 4000, sessionId: 0x0100000498760001n, passwd: new Uint8Array([0xff, 0, 1, 2]), readOnly: false });
    expect(decodeConnectResponse(full.slice(0, -1)).readOnly).toBe(false);
  });

  it('ping, auth and setWatches2 headers with their special xids', () => {
    expect(hex(encodeRequest(-2, { type: 'ping' }))).toBe('fffffffe0000000b');
    expect(hex(encodeRequest(-4, { type: 'auth', scheme: 'digest', auth: utf8('alice:secret') }))).toBe(
      'fffffffc0000006400000000000000066469676573740000000c616c6963653a736563726574',
    );
    expect(
      hex(encodeRequest(-8, { type: 'setWatches2', relativeZxid: 7n, data: ['/d'], exist: ['/e'], child: ['/c'], persistent: ['/p'], recursive: ['/r'] })),
    ).toBe('fffffff800000069000000000000000700000001000000022f6400000001000000022f6500000001000000022f6300000001000000022f7000000001000000022f72');
  });

  it('a notification frame: ReplyHeader xid -1 + WatcherEvent', () => {
    const r = new JuteReader(unhex('ffffffffffffffffffffffff000000000000000300000003000000022f61'));
    expect(readReplyHeader(r)).toEqual({ xid: -1, zxid: -1n, err: 0 });
    expect(readWatcherEvent(r)).toEqual({ type: 3, state: 3, path: '/a' });
  });
});

describe('requests', () => {
  it('create2, create with null data, createTTL', () => {
    expect(hex(encodeRequest(1, { type: 'create2', path: '/a', data: utf8('hello'), acl: OPEN, flags: 0 }))).toBe(
      '000000010000000f000000022f610000000568656c6c6f000000010000001f00000005776f726c6400000006616e796f6e6500000000',
    );
    expect(hex(encodeRequest(2, { type: 'create', path: '/n', data: null, acl: OPEN, flags: 3 }))).toBe(
      '0000000200000001000000022f6effffffff000000010000001f00000005776f726c6400000006616e796f6e6500000003',
    );
    expect(hex(encodeRequest(3, { type: 'createTTL', path: '/t', data: new Uint8Array(0), acl: OPEN, flags: 5, ttl: 1000 }))).toBe(
      '0000000300000015000000022f7400000000000000010000001f00000005776f726c6400000006616e796f6e650000000500000000000003e8',
    );
  });

  it('getData, setData, addWatch, setACL', () => {
    expect(hex(encodeRequest(4, { type: 'getData', path: '/a', watch: true }))).toBe('0000000400000004000000022f6101');
    expect(hex(encodeRequest(5, { type: 'setData', path: '/a', data: new Uint8Array([1, 2]), version: -1 }))).toBe('0000000500000005000000022f61000000020102ffffffff');
    expect(hex(encodeRequest(6, { type: 'addWatch', path: '/w', mode: 1 }))).toBe('000000060000006a000000022f7700000001');
    const acl: ACL[] = [{ perms: 1, id: { scheme: 'digest', id: 'alice:aYXlLOpEooaV1cRAvUL1fp9Qt7E=' } }];
    expect(hex(encodeRequest(7, { type: 'setACL', path: '/s', acl, version: 2 }))).toBe(
      '0000000700000007000000022f7300000001000000010000000664696765737400000022616c6963653a6159586c4c4f70456f6f61563163524176554c31667039517437453d00000002',
    );
  });

  it('a multi with every write op kind, as MultiOperationRecord', () => {
    const bytes = encodeRequest(8, {
      type: 'multi',
      ops: [
        { type: 'create', path: '/m', data: utf8('x'), acl: OPEN, flags: 0 },
        { type: 'createContainer', path: '/c', data: null, acl: OPEN, flags: 4 },
        { type: 'createTTL', path: '/t', data: null, acl: OPEN, flags: 5, ttl: 500 },
        { type: 'delete', path: '/d', version: 3 },
        { type: 'setData', path: '/s', data: new Uint8Array(0), version: -1 },
        { type: 'check', path: '/k', version: 1 },
      ],
    });
    expect(hex(bytes)).toBe(
      '000000080000000e0000000100ffffffff000000022f6d0000000178000000010000001f00000005776f726c6400000006616e796f6e65000000000000001300ffffffff000000022f63ffffffff000000010000001f00000005776f726c6400000006616e796f6e65000000040000001500ffffffff000000022f74ffffffff000000010000001f00000005776f726c6400000006616e796f6e650000000500000000000001f40000000200ffffffff000000022f64000000030000000500ffffffff000000022f7300000000ffffffff0000000d00ffffffff000000022f6b00000001ffffffff01ffffffff',
    );
  });
});

describe('responses', () => {
  it('a getData reply', () => {
    const r = new JuteReader(unhex('000000040000000000000009000000000000000568656c6c6f' + STAT_HEX));
    expect(readReplyHeader(r)).toEqual({ xid: 4, zxid: 9n, err: 0 });
    expect(readResponse(r, 'getData')).toEqual({ kind: 'getData', data: utf8('hello'), stat: STAT });
    expect(r.remaining).toBe(0);
  });

  it('getACL and getChildren2 responses', () => {
    expect(readResponse(new JuteReader(unhex('000000010000001f00000005776f726c6400000006616e796f6e65' + STAT_HEX)), 'getACL')).toEqual({ kind: 'getACL', acl: OPEN, stat: STAT });
    expect(readResponse(new JuteReader(unhex('0000000200000001620000000161' + STAT_HEX)), 'getChildren2')).toEqual({
      kind: 'getChildren2',
      children: ['b', 'a'],
      stat: STAT,
    });
  });

  const OK_HEX =
    '000000010000000000000000022f6d' + // create
    '0000000f0000000000000000022f63' + // create2 ...
    STAT_HEX + // ... with its stat
    '000000020000000000' + // delete
    '000000050000000000' + // setData ...
    STAT_HEX +
    '0000000d0000000000' + // check
    'ffffffff01ffffffff'; // done
  const ERR_HEX = 'ffffffff000000000000000000ffffffff00ffffff92ffffff92ffffffff00fffffffefffffffeffffffff01ffffffff';

  it('a successful MultiResponse: create, create2 (with stat), delete, setData, check', () => {
    const results = readMultiResponse(new JuteReader(unhex(OK_HEX)));
    expect(results).toEqual([
      { type: 'create', path: '/m' },
      { type: 'create', path: '/c', stat: STAT },
      { type: 'delete' },
      { type: 'setData', stat: STAT },
      { type: 'check' },
    ]);
    const w = new JuteWriter();
    writeMultiResponse(w, results);
    expect(hex(w.bytes())).toBe(OK_HEX);
  });

  it('a failed MultiResponse: OK, NODEEXISTS, RUNTIMEINCONSISTENCY', () => {
    const results = readMultiResponse(new JuteReader(unhex(ERR_HEX)));
    expect(results).toEqual([
      { type: 'error', err: 0 },
      { type: 'error', err: -110 },
      { type: 'error', err: -2 },
    ]);
    const w = new JuteWriter();
    writeMultiResponse(w, results);
    expect(hex(w.bytes())).toBe(ERR_HEX);
  });
});
