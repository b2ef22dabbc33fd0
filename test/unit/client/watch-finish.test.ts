/**
 * `WatchRegistry.finish`, the `ClientCnxn.finishPacket` bookkeeping both connections run
 * (ZooKeeper 3.8.4 `ClientCnxn.finishPacket` and `queueEvent`): a read's watch registered by
 * its code, a removal's events, their state (Disconnected after a lost connection or an
 * expired session, else SyncConnected), and the code the caller gets.
 */
import { describe, expect, it } from 'vitest';
import { WatchRegistry } from '../../../playground/client/watch-registry.ts';
import { Code } from '../../../playground/zk/errors.ts';

function withDataWatch(): WatchRegistry {
  const w = new WatchRegistry();
  w.finish({ kind: 'data', path: '/a', watcher: 2 }, undefined, Code.OK);
  return w;
}

describe('WatchRegistry.finish', () => {
  it('registers a read\'s watch only when its code allows (exists on a missing node: an exist watch)', () => {
    const w = new WatchRegistry();
    expect(w.finish({ kind: 'data', path: '/a', watcher: 1 }, undefined, Code.NONODE)).toEqual({ err: Code.NONODE, events: [] });
    expect(w.isEmpty()).toBe(true);
    w.finish({ kind: 'exist', path: '/a', watcher: 1 }, undefined, Code.NONODE);
    expect(w.lists().exist).toEqual(['/a']);
  });

  it('a removal the server accepted: the watcher gets DataWatchRemoved in SyncConnected, the code stays OK', () => {
    const w = withDataWatch();
    const r = w.finish(undefined, { path: '/a', watcher: 2, type: 'DATA', local: false }, Code.OK);
    expect(r).toEqual({ err: Code.OK, events: [{ watchers: [2], event: { type: 'DataWatchRemoved', state: 'SyncConnected', path: '/a' } }] });
    expect(w.isEmpty()).toBe(true);
  });

  it('a local removal whose request failed for a lost connection: removed anyway, reported Disconnected, code OK', () => {
    for (const rc of [Code.CONNECTIONLOSS, Code.SESSIONEXPIRED]) {
      const w = withDataWatch();
      const r = w.finish(undefined, { path: '/a', watcher: 2, type: 'ANY', local: true }, rc);
      expect(r).toEqual({ err: Code.OK, events: [{ watchers: [2], event: { type: 'DataWatchRemoved', state: 'Disconnected', path: '/a' } }] });
    }
  });

  it('refuses: a watcher the client does not have is NOWATCHER; a non-local removal the server refused keeps the watch and its code', () => {
    const w = withDataWatch();
    expect(w.finish(undefined, { path: '/a', watcher: 9, type: 'DATA', local: false }, Code.OK)).toEqual({ err: Code.NOWATCHER, events: [] });
    expect(w.finish(undefined, { path: '/b', watcher: null, type: 'ANY', local: true }, Code.OK)).toEqual({ err: Code.NOWATCHER, events: [] });
    expect(w.finish(undefined, { path: '/a', watcher: 2, type: 'DATA', local: false }, Code.CONNECTIONLOSS)).toEqual({ err: Code.CONNECTIONLOSS, events: [] });
    expect(w.lists().data).toEqual(['/a']);
  });
});
