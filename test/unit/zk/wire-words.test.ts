/**
 * The engine's words for the client–server wire (playground/zk/wire-words.ts) and for the
 * client node's traced commands and outputs (playground/client/events.ts), which the views
 * read instead of request shapes and error codes: each kind of message in words, a failed
 * reply by its code name, and null for what is not theirs (Zab's messages, junk).
 */
import { describe, expect, it } from 'vitest';
import { commandWords, outputWords } from '../../../playground/client/events.ts';
import { outcomeOf, wireWords } from '../../../playground/zk/wire-words.ts';

describe('wire words', () => {
  it('name requests, pings, replies by outcome and notifications', () => {
    expect(wireWords({ kind: 'request', xid: 7, req: { op: 'getData', path: '/a', watch: true }, length: 20 })).toEqual({ kind: 'request', op: 'getData', path: '/a', xid: 7 });
    expect(wireWords({ kind: 'request', xid: -2, req: { op: 'ping' }, length: 8 })).toEqual({ kind: 'ping' });
    expect(wireWords({ kind: 'request', xid: 3, req: { op: 'sync', path: '/' }, length: 8 })).toMatchObject({ op: 'sync', path: '/' });
    expect(wireWords({ kind: 'request', xid: 4, req: { op: 'getEphemerals', prefix: '/' }, length: 8 })).toMatchObject({ op: 'getEphemerals', path: null });
    expect(wireWords({ kind: 'reply', xid: 7, zxid: 0x100000003n, err: -101 })).toEqual({ kind: 'reply', xid: 7, outcome: 'NONODE', zxid: '0x100000003' });
    expect(wireWords({ kind: 'reply', xid: 8, zxid: -1n, err: 0 })).toEqual({ kind: 'reply', xid: 8, outcome: 'OK', zxid: '0x0' });
    expect(wireWords({ kind: 'reply', xid: -2, zxid: 5n, err: 0 })).toEqual({ kind: 'pingReply' });
    expect(wireWords({ kind: 'notification', xid: -1, zxid: -1n, event: { type: 'NodeDeleted', state: 'SyncConnected', path: '/a' } })).toEqual({ kind: 'notification', event: 'NodeDeleted', path: '/a' });
  });

  it('are null for what is not a client–server message', () => {
    for (const m of [null, undefined, 42, 'x', {}, { type: 'PROPOSAL', zxid: 1n }, { type: 'NOTIFICATION', leader: 's1' }, { kind: 'nope' }]) expect(wireWords(m)).toBeNull();
  });

  it('outcomes: OK, a code name, SYSTEMERROR for a number that is no code', () => {
    expect(outcomeOf(0)).toBe('OK');
    expect(outcomeOf(-110)).toBe('NODEEXISTS');
    expect(outcomeOf(-4)).toBe('CONNECTIONLOSS');
    expect(outcomeOf(12345)).toBe('SYSTEMERROR');
  });
});

describe("the client node's commands and outputs in words", () => {
  it('a call with its path, a close, a reply by outcome, a watch event', () => {
    expect(commandWords({ cmd: 'submit', handle: 1, reqId: 4, req: { op: 'create', path: '/x', data: null, acl: [], mode: 'PERSISTENT' } })).toEqual({ kind: 'call', handle: 1, reqId: 4, op: 'create', path: '/x' });
    expect(commandWords({ cmd: 'close', handle: 1, reqId: 5 })).toEqual({ kind: 'close', handle: 1, reqId: 5 });
    expect(commandWords({ cmd: 'connect', handle: 1, sessionTimeoutMs: 4000 })).toEqual({ kind: 'connect', sessionTimeoutMs: 4000 });
    expect(outputWords({ kind: 'reply', handle: 1, reqId: 4, err: -101 })).toEqual({ kind: 'reply', handle: 1, reqId: 4, outcome: 'NONODE' });
    expect(outputWords({ kind: 'event', handle: 1, watchers: [], event: { type: 'NodeCreated', state: 'SyncConnected', path: '/x' } })).toEqual({ kind: 'event', type: 'NodeCreated', state: 'SyncConnected', path: '/x' });
  });

  it('are null for anything else', () => {
    for (const v of [null, 7, {}, { cmd: 'launch' }, { kind: 'nope' }]) {
      expect(commandWords(v)).toBeNull();
      expect(outputWords(v)).toBeNull();
    }
  });
});
