import { describe, expect, it } from 'vitest';
import { buildTreeModel, changedBy, INDENT_ABOVE, kindTag, neighbour, previewData, visibleSlice } from '../../../src/views/znode-tree-model.ts';
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
    expect(a.detail).toBe('version 0 · "host-1"');
  });

  it('names the client that owns an ephemeral, when the live figure knows its session', () => {
    const eph = z('/app/a', { kind: 'EPHEMERAL', data: 'host-1', stat: { ...z('/').stat, ephemeralOwner: '0x1000a' } });
    const tree = [z('/'), z('/app'), eph];
    const a = buildTreeModel(tree, [], { owners: new Map([['0x1000a', 'c3']]) }).nodes.find((n) => n.id === '/app/a')!;
    expect(a.detail).toBe('version 0 · "host-1" · c3\'s');
    expect(a.label).toContain('owned by session 0x1000a (client c3)');
    expect(buildTreeModel(tree).nodes.find((n) => n.id === '/app/a')!.detail).toBe('version 0 · "host-1"');
  });

  it("starts a watched znode's label with everything drawn for it, watchers included (speech users name it by what they see)", () => {
    const m = buildTreeModel(snapshot, [], { watches: new Map([['/app/b', ['c1@s2', 'c2@s3']]]) });
    const b = m.nodes.find((n) => n.id === '/app/b')!;
    expect(b.label.startsWith('b version 0 · "" ◉ watch c1@s2 c2@s3, znode /app/b')).toBe(true);
    expect(m.nodes.find((n) => n.id === '/app')!.label.startsWith('app version 0 · "", znode /app')).toBe(true);
  });

  it('says in the label which znodes lag the compared tree, and makes room for the words', () => {
    const mine = [z('/'), z('/app', { stat: { ...z('/').stat, mzxid: '0x1' } })];
    const leader = [z('/'), z('/app', { stat: { ...z('/').stat, mzxid: '0x2' } }), z('/app/new')];
    const m = buildTreeModel(mine, [], { compare: leader });
    const at = (id: string) => m.nodes.find((n) => n.id === id)!;
    expect(at('/app').detail).toBe('version 0 · "" (behind)');
    expect(at('/app/new').detail).toBe('version 0 · "" (not here yet)');
    expect(at('/').detail).toBe('version 0 · ""');
    // The drawing is wide enough for the longest second line (10 px text, ~6.2 px a character).
    expect(m.width).toBeGreaterThanOrEqual(at('/app/new').x + 6.2 * ' version 0 · "" (not here yet)'.length);
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
    expect(buildTreeModel([])).toEqual({ layout: 'tidy', nodes: [], links: [], width: 0, height: 0 });
  });

  it('tells assistive technology each znode\'s level and place among its siblings', () => {
    const m = buildTreeModel(snapshot);
    const at = (id: string) => m.nodes.find((n) => n.id === id)!;
    expect([at('/').level, at('/').posInSet, at('/').setSize]).toEqual([1, 1, 1]);
    expect([at('/app').level, at('/app').posInSet, at('/app').setSize]).toEqual([2, 1, 2]);
    expect([at('/zookeeper').posInSet, at('/app/b').level, at('/app/b').posInSet, at('/app/b').setSize]).toEqual([2, 3, 2, 2]);
  });
});

/** A run's tree at scale: /bench with `n` sequential children, and /config. */
function big(n: number): ZnodeSnapshot[] {
  const children = Array.from({ length: n }, (_, i) => z(`/bench/n-${String(i).padStart(10, '0')}`));
  return [z('/'), z('/zookeeper'), z('/config'), z('/bench'), ...children];
}

describe('large trees: indented listing, windows, keyboard moves', () => {
  it('lists a large tree a row per znode in pre-order, indented by depth; small trees stay tidy', () => {
    expect(buildTreeModel(big(INDENT_ABOVE - 5)).layout).toBe('tidy');
    const m = buildTreeModel(big(500));
    expect(m.layout).toBe('indented');
    expect(m.nodes).toHaveLength(504);
    // Rows strictly descend in pre-order: the root first, each parent above its children.
    for (let i = 1; i < m.nodes.length; i++) expect(m.nodes[i]!.y).toBeGreaterThan(m.nodes[i - 1]!.y);
    const at = (id: string) => m.nodes.find((n) => n.id === id)!;
    expect(at('/bench').x).toBeGreaterThan(at('/').x);
    expect(at('/bench/n-0000000000').x).toBeGreaterThan(at('/bench').x);
    expect(at('/bench/n-0000000499').posInSet).toBe(500);
    expect(m.height).toBeGreaterThanOrEqual(m.nodes[503]!.y);
    // A new last child moves nothing above it (so a window there redraws nothing).
    const rows = (t: typeof m) => t.nodes.slice(0, 502).map((n) => `${n.id}@${n.x},${n.y}`);
    expect(rows(buildTreeModel(big(501)))).toEqual(rows(m));
  });

  it('a window draws its rows, the links to them, and one line through it per parent above', () => {
    const m = buildTreeModel(big(500));
    const mid = m.nodes[250]!.y;
    const s = visibleSlice(m, mid - 100, mid + 100);
    expect(s.nodes.length).toBeGreaterThan(3);
    expect(s.nodes.length).toBeLessThan(10);
    for (const n of s.nodes) expect(Math.abs(n.y - mid)).toBeLessThanOrEqual(100);
    // Each drawn child's link, plus exactly one from /bench running past the window's bottom.
    const fromBench = s.links.filter((l) => l.id.startsWith('/bench→'));
    const beyond = fromBench.filter((l) => l.target.y > mid + 100);
    expect(beyond).toHaveLength(1);
    expect(beyond[0]!.id).toBe('/bench→/bench/n-0000000499');
    expect(fromBench).toHaveLength(s.nodes.length + 1);
    // The whole tree as the window: everything.
    const all = visibleSlice(m, 0, m.height);
    expect(all.nodes).toHaveLength(m.nodes.length);
    expect(all.links).toHaveLength(m.links.length);
  });

  it('moves the keyboard focus like an ARIA tree: rows, parent, first child, ends', () => {
    const m = buildTreeModel(snapshot);
    expect(neighbour(m, '/', 'ArrowDown')).toBe('/app');
    expect(neighbour(m, '/app/b', 'ArrowDown')).toBe('/zookeeper');
    expect(neighbour(m, '/zookeeper', 'ArrowDown')).toBeNull();
    expect(neighbour(m, '/app', 'ArrowUp')).toBe('/');
    expect(neighbour(m, '/', 'ArrowUp')).toBeNull();
    expect(neighbour(m, '/app/b', 'ArrowLeft')).toBe('/app');
    expect(neighbour(m, '/', 'ArrowLeft')).toBeNull();
    expect(neighbour(m, '/app', 'ArrowRight')).toBe('/app/a');
    expect(neighbour(m, '/app/a', 'ArrowRight')).toBeNull();
    expect(neighbour(m, '/app/a', 'Home')).toBe('/');
    expect(neighbour(m, '/', 'End')).toBe('/zookeeper');
    expect(neighbour(m, '/', 'Tab')).toBeNull();
    expect(neighbour(m, '/nope', 'ArrowDown')).toBeNull();
  });

  it('finds every znode a txn changed: all of a multi, or the parent of a delete', () => {
    const tree = [
      z('/'),
      z('/a', { stat: { ...z('/').stat, czxid: '0x105', mzxid: '0x105', pzxid: '0x107' } }),
      z('/b', { stat: { ...z('/').stat, czxid: '0x101', mzxid: '0x105' } }),
      z('/c', { stat: { ...z('/').stat, czxid: '0x102', mzxid: '0x102' } }),
    ];
    expect([...changedBy('0x105', tree)].sort()).toEqual(['/a', '/b']);
    expect([...changedBy('0x107', tree)]).toEqual(['/a']);
    expect([...changedBy('0x999', tree)]).toEqual([]);
  });

  it('names each kind in words beside the name, the sequence number apart, and places the tag and watchers after the name', () => {
    expect(kindTag({ kind: 'PERSISTENT', name: 'config' })).toBe('');
    expect(kindTag({ kind: 'EPHEMERAL', name: 'leader' })).toBe('ephemeral');
    expect(kindTag({ kind: 'EPHEMERAL', name: 'lock-0000000003' })).toBe('ephemeral · sequential');
    expect(kindTag({ kind: 'PERSISTENT', name: 'job-0000000002' })).toBe('sequential');
    expect(kindTag({ kind: 'CONTAINER', name: 'locks' })).toBe('container');
    expect(kindTag({ kind: 'TTL', name: 'lease' })).toBe('TTL');
    // Nine digits are a name a reader chose, not ZooKeeper's counter.
    expect(kindTag({ kind: 'PERSISTENT', name: 'x000000001' })).toBe('');
    const tree = [z('/'), z('/q'), z('/q/item-0000000007', { kind: 'EPHEMERAL' }), z('/q/plain')];
    const m = buildTreeModel(tree, [], { charWidth: 7, watches: new Map([['/q/item-0000000007', ['c2']]]) });
    const item = m.nodes.find((n) => n.id === '/q/item-0000000007')!;
    expect([item.seq, item.tag]).toEqual(['0000000007', 'ephemeral · sequential']);
    expect(item.tagX).toBe(14 + 7 * 16);
    expect(item.watchX).toBeCloseTo(item.tagX + 7 * 0.8 * 'ephemeral · sequential'.length + 8, 5);
    expect(item.labelWidth).toBeGreaterThanOrEqual(item.watchX + 7 * '◉ watch c2'.length);
    // The accessible name reads as the drawing does: name, tag, detail, watchers.
    expect(item.label.startsWith('item-0000000007 ephemeral · sequential version 0 · "" ◉ watch c2, ')).toBe(true);
    const plain = m.nodes.find((n) => n.id === '/q/plain')!;
    // Its widest line is its detail, version 0 and the empty data (drawn at 0.85 of the name's size).
    expect([plain.seq, plain.tag]).toEqual([null, '']);
    expect(plain.labelWidth).toBeCloseTo(Math.max(14 + 7 * 5, 14 + 7 * 'version 0 · ""'.length * 0.85), 5);
    expect(plain.label.startsWith('plain version 0 · ""')).toBe(true);
  });
});
