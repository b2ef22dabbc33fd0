/** DataTree: initial tree, stat bookkeeping, modes, watches and their trigger rules. */
import { describe, expect, it } from 'vitest';
import { OPEN_ACL_UNSAFE } from '../../../playground/zk/acl.ts';
import { DataTree } from '../../../playground/zk/data-tree.ts';
import { CONTAINER_EPHEMERAL_OWNER, ttlEphemeralOwner } from '../../../playground/zk/stat.ts';
import type { WatchedEvent } from '../../../playground/zk/watch-manager.ts';

function treeWithLog(): { tree: DataTree; log: { w: number; e: WatchedEvent }[] } {
  const log: { w: number; e: WatchedEvent }[] = [];
  return { tree: new DataTree((w, e) => log.push({ w, e })), log };
}

describe('initial tree', () => {
  it('has /, /zookeeper, quota and config with the real stats', () => {
    const t = new DataTree();
    expect(t.statOf('/')).toMatchObject({ cversion: -1, numChildren: 1, czxid: 0n, pzxid: 0n });
    expect(t.statOf('/zookeeper')).toMatchObject({ cversion: -2, numChildren: 2 });
    expect(t.getNode('/zookeeper/config')!.acl).toEqual([{ perms: 1, id: { scheme: 'world', id: 'anyone' } }]);
    expect(t.getAllChildrenNumber('/')).toBe(3);
  });
  it('special paths', () => {
    expect(DataTree.isSpecialPath('/zookeeper/quota')).toBe(true);
    expect(DataTree.isSpecialPath('/zookeeper/x')).toBe(false);
  });
});

describe('stat bookkeeping', () => {
  it('cversion = 2·creates − numChildren; pzxid = last child create/delete', () => {
    const t = new DataTree();
    t.createNode('/a', null, OPEN_ACL_UNSAFE, 0n, -1, 1n, 0);
    expect(t.statOf('/')).toMatchObject({ cversion: 0, numChildren: 2, pzxid: 1n });
    t.createNode('/a/b', null, OPEN_ACL_UNSAFE, 0n, -1, 2n, 0);
    t.createNode('/a/c', null, OPEN_ACL_UNSAFE, 0n, -1, 3n, 0);
    t.deleteNode('/a/b', 4n);
    expect(t.statOf('/a')).toMatchObject({ cversion: 3, numChildren: 1, pzxid: 4n, mzxid: 1n, version: 0 });
    t.setData('/a/c', new Uint8Array([1]), 1, 5n, 9);
    expect(t.statOf('/a')!.pzxid).toBe(4n);
    expect(t.statOf('/a/c')).toMatchObject({ mzxid: 5n, version: 1, mtime: 9, dataLength: 1 });
  });
  it('null and empty data both have dataLength 0', () => {
    const t = new DataTree();
    t.createNode('/n', null, OPEN_ACL_UNSAFE, 0n, -1, 1n, 0);
    t.createNode('/e', new Uint8Array(0), OPEN_ACL_UNSAFE, 0n, -1, 2n, 0);
    expect(t.getData('/n').data).toBeNull();
    expect(t.getData('/e').data).toEqual(new Uint8Array(0));
    expect(t.statOf('/n')!.dataLength).toBe(0);
  });
  it('containers and TTL nodes report ephemeralOwner 0 and are indexed', () => {
    const t = new DataTree();
    t.createNode('/c', null, OPEN_ACL_UNSAFE, CONTAINER_EPHEMERAL_OWNER, -1, 1n, 0);
    t.createNode('/t', null, OPEN_ACL_UNSAFE, ttlEphemeralOwner(500), -1, 2n, 0);
    t.createNode('/e', null, OPEN_ACL_UNSAFE, 0x100n, -1, 3n, 0);
    expect(t.statOf('/c')!.ephemeralOwner).toBe(0n);
    expect(t.statOf('/t')!.ephemeralOwner).toBe(0n);
    expect(t.statOf('/e')!.ephemeralOwner).toBe(0x100n);
    expect([...t.containers]).toEqual(['/c']);
    expect([...t.ttls]).toEqual(['/t']);
    expect(t.getEphemerals(0x100n)).toEqual(['/e']);
    t.killSession(0x100n, 4n, ['/e']);
    expect(t.getNode('/e')).toBeUndefined();
  });
  it('create on a missing parent / existing node throws', () => {
    const t = new DataTree();
    expect(() => t.createNode('/x/y', null, OPEN_ACL_UNSAFE, 0n, -1, 1n, 0)).toThrow(expect.objectContaining({ code: 'NONODE' }));
    t.createNode('/x', null, OPEN_ACL_UNSAFE, 0n, -1, 1n, 0);
    expect(() => t.createNode('/x', null, OPEN_ACL_UNSAFE, 0n, -1, 2n, 0)).toThrow(expect.objectContaining({ code: 'NODEEXISTS' }));
  });
});

describe('watches', () => {
  it('exists on a missing node leaves a watch; one-time watches fire once', () => {
    const { tree, log } = treeWithLog();
    expect(tree.statNode('/w', 7)).toBeNull();
    tree.createNode('/w', null, OPEN_ACL_UNSAFE, 0n, -1, 1n, 0);
    tree.deleteNode('/w', 2n);
    expect(log.map((l) => l.e.type)).toEqual(['NodeCreated']);
  });
  it('getData on a missing node leaves no watch', () => {
    const { tree, log } = treeWithLog();
    expect(() => tree.getData('/m', 7)).toThrow();
    tree.createNode('/m', null, OPEN_ACL_UNSAFE, 0n, -1, 1n, 0);
    expect(log).toEqual([]);
  });
  it('delete: one NodeDeleted per watcher with data+child watches, then the parent', () => {
    const { tree, log } = treeWithLog();
    tree.createNode('/p', null, OPEN_ACL_UNSAFE, 0n, -1, 1n, 0);
    tree.createNode('/p/c', null, OPEN_ACL_UNSAFE, 0n, -1, 2n, 0);
    tree.getData('/p/c', 1);
    tree.getChildren('/p/c', 1);
    tree.getChildren('/p', 1);
    tree.deleteNode('/p/c', 3n);
    expect(log.map((l) => `${l.e.type} ${l.e.path}`)).toEqual(['NodeDeleted /p/c', 'NodeChildrenChanged /p']);
  });
  it('recursive watches see descendants but never NodeChildrenChanged', () => {
    const { tree, log } = treeWithLog();
    tree.addWatch('/r', 1, 'PERSISTENT_RECURSIVE');
    tree.createNode('/r', null, OPEN_ACL_UNSAFE, 0n, -1, 1n, 0);
    tree.createNode('/r/a', null, OPEN_ACL_UNSAFE, 0n, -1, 2n, 0);
    tree.setData('/r/a', null, 1, 3n, 0);
    tree.deleteNode('/r/a', 4n);
    expect(log.map((l) => `${l.e.type} ${l.e.path}`)).toEqual(['NodeCreated /r', 'NodeCreated /r/a', 'NodeDataChanged /r/a', 'NodeDeleted /r/a']);
  });
  it('a one-time watch replaces a persistent one on the same path', () => {
    const { tree, log } = treeWithLog();
    tree.createNode('/p', null, OPEN_ACL_UNSAFE, 0n, -1, 1n, 0);
    tree.addWatch('/p', 1, 'PERSISTENT');
    tree.getData('/p', 1);
    tree.setData('/p', null, 1, 2n, 0);
    tree.setData('/p', null, 2, 3n, 0);
    tree.createNode('/p/c', null, OPEN_ACL_UNSAFE, 0n, -1, 4n, 0);
    expect(log.map((l) => l.e.type)).toEqual(['NodeDataChanged', 'NodeChildrenChanged']);
  });
  it('containsWatcher is true for another watcher on the path (as 3.8)', () => {
    const { tree } = treeWithLog();
    tree.statNode('/x', 2);
    expect(tree.containsWatcher('/x', 'DATA', 1)).toBe(true);
    expect(tree.containsWatcher('/y', 'DATA', 1)).toBe(false);
    expect(tree.removeWatch('/x', 'DATA', 1)).toBe(false);
  });
  it('setWatches fires what changed since relativeZxid and re-registers the rest', () => {
    const { tree, log } = treeWithLog();
    tree.createNode('/a', null, OPEN_ACL_UNSAFE, 0n, -1, 5n, 0);
    const fired: string[] = [];
    tree.setWatches(3n, { data: ['/a', '/gone'], exist: ['/a', '/b'], child: [], persistent: [], recursive: [] }, 1, (t, p) => fired.push(`${t} ${p}`));
    expect(fired).toEqual(['NodeDataChanged /a', 'NodeDeleted /gone', 'NodeCreated /a']);
    tree.createNode('/b', null, OPEN_ACL_UNSAFE, 0n, -1, 6n, 0);
    expect(log.map((l) => `${l.e.type} ${l.e.path}`)).toEqual(['NodeCreated /b']);
  });
  it('snapshot round trip', () => {
    const t = new DataTree();
    t.createNode('/a', new Uint8Array([1, 2]), OPEN_ACL_UNSAFE, 0x5n, -1, 1n, 0);
    t.processTxn({ clientId: 0n, cxid: 0, zxid: 9n, time: 0 }, { type: 'error', err: -110 });
    const u = DataTree.fromSnapshot(t.snapshot());
    expect(u.statOf('/a')).toEqual(t.statOf('/a'));
    expect(u.statOf('/')).toEqual(t.statOf('/'));
    expect(u.getEphemerals(0x5n)).toEqual(['/a']);
    expect(u.lastProcessedZxid).toBe(9n);
  });
});
