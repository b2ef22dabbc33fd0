import { describe, expect, it } from 'vitest';
import { buildTreeModel, previewData } from '../../../src/views/znode-tree-model.ts';
import type { ZnodeSnapshot } from '../../../playground/zkcli/snapshot.ts';

function z(path: string, extra: Partial<ZnodeSnapshot> = {}): ZnodeSnapshot {
  const i = path.lastIndexOf('/');
  return {
    path,
    name: path === '/' ? '/' : path.slice(i + 1),
    parent: path === '/' ? null : i === 0 ? '/' : path.slice(0, i),
    data: '',
    kind: 'PERSISTENT',
    stat: { czxid: '0', mzxid: '0', pzxid: '0', ctime: 0, mtime: 0, version: 0, cversion: 0, aversion: 0, ephemeralOwner: '0x0', dataLength: 0, numChildren: 0 },
    ...extra,
  };
}

const snapshot = [z('/'), z('/zookeeper'), z('/zookeeper/quota'), z('/app'), z('/app/b'), z('/app/a', { kind: 'EPHEMERAL', data: 'host-1' })];

describe('znode tree view-model', () => {
  it('lays out every visible znode once, root at the left, children in code-unit order', () => {
    const m = buildTreeModel(snapshot, ['/app/a']);
    expect(m.nodes.map((n) => n.id)).toEqual(['/', '/app', '/app/a', '/app/b', '/zookeeper']);
    const byId = new Map(m.nodes.map((n) => [n.id, n]));
    expect(byId.get('/')!.x).toBeLessThan(byId.get('/app')!.x);
    expect(byId.get('/app')!.x).toBeLessThan(byId.get('/app/a')!.x);
    expect(byId.get('/app/a')!.y).toBeLessThan(byId.get('/app/b')!.y);
    expect(m.links.map((l) => l.id)).toContain('/app→/app/a');
  });

  it('hides /zookeeper children unless asked, and marks system nodes', () => {
    expect(buildTreeModel(snapshot).nodes.some((n) => n.id === '/zookeeper/quota')).toBe(false);
    const all = buildTreeModel(snapshot, [], { hideSystemChildren: false });
    expect(all.nodes.find((n) => n.id === '/zookeeper/quota')!.system).toBe(true);
  });

  it('flags changed nodes and describes them in words for assistive technology', () => {
    const a = buildTreeModel(snapshot, ['/app/a']).nodes.find((n) => n.id === '/app/a')!;
    expect(a.changed).toBe(true);
    expect(a.label).toContain('ephemeral');
    expect(a.label).toContain('changed in this step');
    expect(a.detail).toBe('v0 "host-1"');
  });

  it('sorts by UTF-16 code unit, not locale (uppercase before lowercase)', () => {
    const m = buildTreeModel([z('/'), z('/b'), z('/B'), z('/a')]);
    expect(m.nodes.map((n) => n.id)).toEqual(['/', '/B', '/a', '/b']);
  });

  it('previews data without losing null vs empty', () => {
    expect(previewData(null)).toBe('null');
    expect(previewData('')).toBe('""');
    expect(previewData('a'.repeat(40))).toMatch(/…"$/);
  });

  it('returns an empty model for a snapshot without a root', () => {
    expect(buildTreeModel([])).toEqual({ nodes: [], links: [], width: 0, height: 0 });
  });
});
