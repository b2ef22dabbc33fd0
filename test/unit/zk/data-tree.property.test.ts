/**
 * Property test: random create/delete/setData sequences against the DataTree and a tiny
 * reference model (a map of paths). Invariants after every step: same set of nodes;
 * numChildren = number of children; visible cversion = child creates + child deletes (for
 * API-created nodes); pzxid = zxid of the last child create/delete (else czxid); version =
 * number of setData calls; the tree agrees with its snapshot.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { OPEN_ACL_UNSAFE } from '../../../playground/zk/acl.ts';
import { DataTree } from '../../../playground/zk/data-tree.ts';
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
});
