/**
 * Property test: random create/delete/setData sequences against the DataTree and a tiny
 * reference model (a map of paths). Invariants after every step: same set of nodes;
 * numChildren = number of children; visible cversion = child creates + child deletes (for
 * API-created nodes); pzxid = zxid of the last child create/delete (else czxid); version =
 * number of setData calls; the tree agrees with its snapshot. And snapshots, which reuse
 * an unchanged node's entry from the previous one: every snapshot lists the nodes in
 * insertion order with their data, ACL and stat as they are then, owns its copies (no live
 * object), and stays as it was taken while the tree changes on.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { OPEN_ACL_UNSAFE, READ_ACL_UNSAFE } from '../../../playground/zk/acl.ts';
import { DataTree, type TreeSnapshot } from '../../../playground/zk/data-tree.ts';
import { KeeperException } from '../../../playground/zk/errors.ts';

interface ModelNode {
  creates: number;
  deletes: number;
  lastChildZxid: bigint | null;
  czxid: bigint;
  sets: number;
}

const names = ['a', 'b', 'c'];
const pathArb = fc.array(fc.constantFrom(...names), { minLength: 1, maxLength: 3 }).map((s) => '/' + s.join('/'));
const opArb = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), path: pathArb }),
  fc.record({ kind: fc.constant('delete' as const), path: pathArb }),
  fc.record({ kind: fc.constant('setData' as const), path: pathArb }),
);
// Few paths, so that nodes are deleted and created again between snapshots.
const snapPathArb = fc.array(fc.constantFrom('a', 'b'), { minLength: 1, maxLength: 2 }).map((s) => '/' + s.join('/'));
const snapOpArb = fc.oneof(
  ...(['create', 'delete', 'setData', 'setACL'] as const).map((kind) => fc.record({ kind: fc.constant(kind), path: snapPathArb })),
  fc.record({ kind: fc.constant('snapshot' as const), path: fc.constant('/') }),
);

const text = (s: TreeSnapshot): string => JSON.stringify(s, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v instanceof Uint8Array ? [...v] : v));

function parent(p: string): string {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

describe('DataTree against a reference model', () => {
  it('keeps the Stat invariants', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => {
        const tree = new DataTree();
        const model = new Map<string, ModelNode>();
        let zxid = 0n;
        for (const op of ops) {
          zxid++;
          const par = parent(op.path);
          const parentExists = par === '/' || model.has(par);
          try {
            if (op.kind === 'create') {
              tree.createNode(op.path, null, OPEN_ACL_UNSAFE, 0n, -1, zxid, 0);
              if (!parentExists || model.has(op.path)) throw new Error('tree accepted an impossible create');
              model.set(op.path, { creates: 0, deletes: 0, lastChildZxid: null, czxid: zxid, sets: 0 });
              const pm = model.get(par);
              if (pm) {
                pm.creates++;
                pm.lastChildZxid = zxid;
              }
            } else if (op.kind === 'delete') {
              const hasChildren = [...model.keys()].some((k) => parent(k) === op.path);
              // The tree applies prepared txns only: PrepRequestProcessor never lets a delete of a
              // missing or non-empty node through (DataTree.deleteNode would touch the parent's
              // pzxid before noticing, exactly as ZooKeeper's does).
              if (hasChildren || !model.has(op.path)) continue;
              tree.deleteNode(op.path, zxid);
              if (!model.has(op.path)) throw new Error('tree deleted a missing node');
              model.delete(op.path);
              const pm = model.get(par);
              if (pm) {
                pm.deletes++;
                pm.lastChildZxid = zxid;
              }
            } else {
              const m = model.get(op.path);
              tree.setData(op.path, new Uint8Array([1]), (m?.sets ?? 0) + 1, zxid, 0);
              if (!m) throw new Error('tree set data on a missing node');
              m.sets++;
            }
          } catch (e) {
            if (!(e instanceof KeeperException)) throw e;
          }
          // invariants
          const userPaths = tree.paths().filter((p) => p !== '/' && !p.startsWith('/zookeeper'));
          if (JSON.stringify(userPaths) !== JSON.stringify([...model.keys()].sort())) throw new Error(`nodes differ: ${userPaths} vs ${[...model.keys()]}`);
          for (const [p, m] of model) {
            const s = tree.statOf(p)!;
            const kids = [...model.keys()].filter((k) => parent(k) === p).length;
            if (s.numChildren !== kids) throw new Error(`numChildren of ${p}`);
            if (s.cversion !== m.creates + m.deletes) throw new Error(`cversion of ${p}: ${s.cversion} vs ${m.creates + m.deletes}`);
            if (s.pzxid !== (m.lastChildZxid ?? m.czxid)) throw new Error(`pzxid of ${p}`);
            if (s.czxid !== m.czxid || s.version !== m.sets) throw new Error(`czxid/version of ${p}`);
          }
        }
        const copy = DataTree.fromSnapshot(tree.snapshot());
        for (const p of tree.paths()) if (JSON.stringify(copy.statOf(p), (_k, v) => (typeof v === 'bigint' ? String(v) : v)) !== JSON.stringify(tree.statOf(p), (_k, v) => (typeof v === 'bigint' ? String(v) : v))) throw new Error(`snapshot differs at ${p}`);
      }),
      { numRuns: 300 },
    );
  });

  it('takes snapshots that are the tree as it is, and stay so', () => {
    fc.assert(
      fc.property(fc.array(snapOpArb, { minLength: 20, maxLength: 80 }), (ops) => {
        const tree = new DataTree();
        const order = ['/', '/zookeeper', '/zookeeper/quota', '/zookeeper/config'];
        const taken: [TreeSnapshot, string][] = [];
        let zxid = 0n;
        for (const op of ops) {
          zxid++;
          try {
            if (op.kind === 'create') {
              tree.createNode(op.path, new Uint8Array([Number(zxid % 256n)]), OPEN_ACL_UNSAFE, 0n, -1, zxid, 0);
              order.push(op.path);
            } else if (op.kind === 'delete') {
              if (tree.getNode(op.path) === undefined || tree.getNode(op.path)!.children.size > 0) continue;
              tree.deleteNode(op.path, zxid);
              order.splice(order.indexOf(op.path), 1);
            } else if (op.kind === 'setData') tree.setData(op.path, zxid % 3n === 0n ? null : new Uint8Array([1, Number(zxid % 256n)]), Number(zxid), zxid, Number(zxid));
            else if (op.kind === 'setACL') tree.setACL(op.path, zxid % 2n === 0n ? READ_ACL_UNSAFE : OPEN_ACL_UNSAFE, Number(zxid));
          } catch (e) {
            if (!(e instanceof KeeperException)) throw e;
          }
          if (op.kind !== 'snapshot' && zxid % 2n === 0n) continue;
          const snap = tree.snapshot();
          if (JSON.stringify(snap.nodes.map((n) => n.path)) !== JSON.stringify(order)) throw new Error(`snapshot order: ${snap.nodes.map((n) => n.path)} vs ${order}`);
          for (const e of snap.nodes) {
            const n = tree.getNode(e.path)!;
            if (Object.keys(e).join() !== 'path,data,acl,stat') throw new Error(`entry shape of ${e.path}`);
            if (e.acl !== n.acl || e.stat === n.stat || (e.data !== null && e.data === n.data)) throw new Error(`entry of ${e.path} shares a live object`);
            if (JSON.stringify([...(e.data ?? [-1])]) !== JSON.stringify([...(n.data ?? [-1])])) throw new Error(`data of ${e.path}`);
            if (text({ lastProcessedZxid: 0n, nodes: [{ ...e, stat: n.stat }] }) !== text({ lastProcessedZxid: 0n, nodes: [e] })) throw new Error(`stat of ${e.path}`);
          }
          taken.push([snap, text(snap)]);
        }
        for (const [snap, then] of taken) if (text(snap) !== then) throw new Error('a snapshot changed after it was taken');
      }),
      { numRuns: 300 },
    );
  });
});
