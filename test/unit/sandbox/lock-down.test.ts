/**
 * The worker's lock-down (src/sandbox/lock-down.ts) on a stand-in global scope: network,
 * storage and messaging names go, whether defined on the object or its prototype, cannot be
 * put back by assignment, and everything else stays.
 */
import { describe, expect, it } from 'vitest';
import { REMOVED_GLOBALS, lockDown } from '../../../src/sandbox/lock-down.ts';

describe('lockDown', () => {
  it('removes own and inherited network/storage globals and pins them', () => {
    const proto = { fetch: () => 'net', importScripts: () => 'load' };
    const scope = Object.assign(Object.create(proto) as Record<string, unknown>, { indexedDB: {}, caches: {}, WebSocket: class {}, keep: 1 });
    const removed = lockDown(scope);
    expect(removed.sort()).toEqual(['WebSocket', 'caches', 'fetch', 'importScripts', 'indexedDB']);
    for (const name of REMOVED_GLOBALS) expect(scope[name], name).toBeUndefined();
    expect(() => {
      'use strict';
      scope['fetch'] = () => 'back';
    }).toThrow();
    expect(scope['keep']).toBe(1);
  });
});
