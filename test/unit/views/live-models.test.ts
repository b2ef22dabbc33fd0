/**
 * The live views' models are pure functions of the trace prefix: the digest (fast, from
 * checkpoints) equals a fold from scratch at every position, forward and after stepping
 * back; the ensemble, space-time, txn-log and tree models say what the trace says (one
 * leader after an election, a crashed server drawn DOWN, messages between their ends,
 * watches where the watcher read, a follower's tree behind the leader's); narration is
 * the same words for the same prefix.
 */
import { describe, expect, it } from 'vitest';
import { parseAction, SCENARIOS, Timeline } from '../../../playground/timeline/index.ts';
import { buildEnsembleModel } from '../../../src/views/ensemble-model.ts';
import { narrate } from '../../../src/views/narration.ts';
import { ServerTrees } from '../../../src/views/server-trees.ts';
import { buildSpaceTimeModel } from '../../../src/views/space-time-model.ts';
import { clusterAt, TraceDigest, type ClusterState } from '../../../src/views/trace-digest.ts';
import { buildTxnLogModel, columnsThatFit, txnLogGrid, zxidTint, type TxnLogRow } from '../../../src/views/txn-log-model.ts';
import { buildTreeModel } from '../../../src/views/znode-tree-model.ts';

function plain(s: ClusterState): unknown {
  return JSON.parse(
    JSON.stringify({ ...s, servers: [...s.servers], clients: [...s.clients], flights: [...s.flights.keys()] }, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)),
  );
}

function run(scenario: string, seed: number, untilMs: number): Timeline {
  const tl = new Timeline(SCENARIOS.get(scenario)!, seed);
  tl.seekTime(untilMs);
  return tl;
}

describe('trace digest', () => {
  it('equals a fold from scratch at every position, forward and back', () => {
    const tl = run('zab', 7, 2500);
    const digest = new TraceDigest(tl.trace, tl.servers, tl.clients);
    const positions = [10, 300, 900, 2000, 600, 601, 1999, 5, tl.position, 257, 256, 1200];
    for (const p of positions) expect(plain(digest.at(p)), `position ${p}`).toEqual(plain(clusterAt(tl.trace, p, tl.servers, tl.clients)));
  });

  it('shows one leader after the election, and a crashed one as DOWN', () => {
    const tl = run('zab', 7, 1500);
    const digest = new TraceDigest(tl.trace, tl.servers, tl.clients);
    const s = digest.at(tl.position);
    const leaders = [...s.servers.values()].filter((v) => v.role === 'LEADING');
    expect(leaders.length).toBe(1);
    const leader = leaders[0]!.id;
    for (const v of s.servers.values()) if (v.id !== leader) expect(v).toMatchObject({ role: 'FOLLOWING', leader });
    const before = tl.position;
    tl.act({ kind: 'crash', node: leader });
    const d2 = new TraceDigest(tl.trace, tl.servers, tl.clients);
    const after = d2.at(tl.position);
    expect(after.servers.get(leader)).toMatchObject({ up: false, role: 'DOWN' });
    // Step back: the leader is up again in the model.
    expect(d2.at(before).servers.get(leader)).toMatchObject({ up: true, role: 'LEADING' });
  });
});

describe('ensemble model', () => {
  it('places messages in flight between their ends, by send and delivery time', () => {
    const tl = run('zab', 7, 1200);
    const digest = new TraceDigest(tl.trace, tl.servers, tl.clients);
    const state = digest.at(tl.position);
    const model = buildEnsembleModel(state, tl.time, tl.servers, tl.clients);
    expect(model.servers.map((s) => s.id)).toEqual(['s1', 's2', 's3', 's4', 's5']);
    expect(model.servers.filter((s) => s.roleText === 'LEADING').length).toBe(1);
    for (const m of model.messages) {
      expect(m.progress).toBeGreaterThanOrEqual(0);
      expect(m.progress).toBeLessThanOrEqual(1);
    }
    expect(model.messages.length).toBe([...state.flights.values()].length);
    // Same inputs, same model (no hidden state).
    expect(buildEnsembleModel(state, tl.time, tl.servers, tl.clients)).toEqual(model);
  });

  it('draws a partition: sides lettered, links across cut', () => {
    const tl = run('zab', 7, 1200);
    tl.act({ kind: 'partition', groups: [['s1', 's2']] });
    const state = new TraceDigest(tl.trace, tl.servers, tl.clients).at(tl.position);
    const model = buildEnsembleModel(state, tl.time, tl.servers, tl.clients);
    expect(model.servers.find((s) => s.id === 's1')!.side).toBe('A');
    expect(model.servers.find((s) => s.id === 's3')!.side).toBe('B');
    expect(model.links.find((l) => l.id === 's1-s2')!.cut).toBe(false);
    expect(model.links.find((l) => l.id === 's1-s3')!.cut).toBe(true);
    expect(model.servers.find((s) => s.id === 's1')!.label).toContain('partition side A');
  });
});

describe('space-time and txn-log models', () => {
  it('draws each message from its send to its delivery, and marks drops', () => {
    const tl = run('zab', 7, 1200);
    const leader = [...new TraceDigest(tl.trace, tl.servers, tl.clients).at(tl.position).servers.values()].find((v) => v.role === 'LEADING')!.id;
    tl.act({ kind: 'crash', node: leader });
    tl.stepForward();
    const digest = new TraceDigest(tl.trace, tl.servers, tl.clients);
    const state = digest.at(tl.position);
    const model = buildSpaceTimeModel(tl.trace, tl.position, state, tl.time, tl.servers, tl.clients, (i) => digest.endOf(i), { windowMs: 1000 });
    expect(model.lanes.slice(0, 5).map((l) => l.id)).toEqual(['s1', 's2', 's3', 's4', 's5']);
    expect(model.arrows.some((a) => a.status === 'delivered')).toBe(true);
    expect(model.arrows.every((a) => a.x1 <= a.x2 + 0.01)).toBe(true);
    expect(model.marks.some((m) => m.kind === 'crash')).toBe(true);
  });

  it('lists each server log with committed entries after writes', () => {
    const tl = run('zab', 7, 3000);
    const digest = new TraceDigest(tl.trace, tl.servers, tl.clients);
    const rows = buildTxnLogModel(digest.at(tl.position), tl.servers, digest.labels);
    for (const r of rows) {
      expect(r.entries.length).toBeGreaterThan(0);
      expect(r.entries.some((e) => e.status === 'committed')).toBe(true);
    }
    const z = rows[0]!.entries[0]!.zxid;
    const selected = buildTxnLogModel(digest.at(tl.position), tl.servers, digest.labels, z);
    expect(selected[0]!.entries[0]!.selected).toBe(true);
  });

  it('strikes out what a SNAP dropped: the proposals a follower logged that its new leader never had, and only those', () => {
    // primary-order: s1 logged A and B (1:2, 1:3) of epoch 1; s2 leads epoch 3 with C (2:2) and sends s1 a SNAP.
    const status = (tl: Timeline, server: string): Record<string, string> => {
      const digest = new TraceDigest(tl.trace, tl.servers, tl.clients);
      const row = buildTxnLogModel(digest.at(tl.position), tl.servers, digest.labels).find((r) => r.server === server)!;
      return Object.fromEntries(row.entries.map((e) => [e.short, e.status]));
    };
    const tl = run('primary-order', 1, 4000);
    expect(status(tl, 's1')).toEqual({ '1:1': 'committed', '1:2': 'proposed', '1:3': 'proposed' });
    tl.seekNext((e) => e.kind === 'protocol' && e.node === 's1' && e.event.type === 'zab.snapshot');
    expect(status(tl, 's1')).toEqual({ '1:1': 'committed', '1:2': 'truncated', '1:3': 'truncated' });
    // The first leader comes back: its copies of A and B go the same way; 1:1, which the leader has, stays.
    tl.seekNext((e) => e.kind === 'protocol' && e.node === 's5' && e.event.type === 'zab.snapshot');
    expect(status(tl, 's5')).toEqual({ '1:1': 'committed', '1:2': 'truncated', '1:3': 'truncated' });
  });

  it('lays the logs on one grid: a column per zxid in order, epochs over their columns, a lagging server\'s gaps', () => {
    const row = (server: string, zxids: string[], status: 'proposed' | 'committed' = 'committed'): TxnLogRow => ({
      server,
      up: true,
      role: 'FOLLOWING',
      lastLogged: zxids.at(-1) ?? '0x0',
      lastDelivered: '0x0',
      summary: server,
      entries: zxids.map((zxid) => ({ zxid, short: zxid, status, tint: zxidTint(zxid), txn: '', selected: false })),
    });
    const grid = txnLogGrid([
      row('s1', ['0x100000002', '0x100000003', '0x200000001']),
      // s2 lags: it has not logged 1:3 nor 2:1; its tail starts later than s3's.
      row('s2', ['0x100000002']),
      // s3's tail starts at 1:1 and lacks 1:2: a gap.
      row('s3', ['0x100000001', '0x100000003', '0x200000001']),
      row('s4', []),
    ]);
    expect(grid.columns.map((c) => c.short)).toEqual(['1:1', '1:2', '1:3', '2:1']);
    expect(grid.epochs).toEqual([
      { epoch: 1, tint: 1, from: 0, span: 3 },
      { epoch: 2, tint: 2, from: 3, span: 1 },
    ]);
    expect(grid.at).toEqual([[1, 2, 3], [1], [0, 2, 3], []]);
    // Gaps only after a row's first entry: s1 knows nothing of 1:1 (older than its tail, or never there).
    expect(grid.missing).toEqual([[], [2, 3], [1], []]);
    // Only the newest columns that fit: the rest are left out (column -1), gaps kept where they fall.
    const narrow = txnLogGrid(
      [row('s1', ['0x100000002', '0x100000003', '0x200000001']), row('s2', ['0x100000002']), row('s3', ['0x100000001', '0x100000003', '0x200000001'])],
      2,
    );
    expect(narrow.columns.map((c) => c.short)).toEqual(['1:3', '2:1']);
    expect(narrow.epochs).toEqual([
      { epoch: 1, tint: 1, from: 0, span: 1 },
      { epoch: 2, tint: 2, from: 1, span: 1 },
    ]);
    expect(narrow.at).toEqual([[-1, 0, 1], [-1], [-1, 0, 1]]);
    expect(narrow.missing).toEqual([[], [0, 1], []]);
    // Zxids sort as numbers, not as text (0xa00000001 after 0x900000001).
    expect(txnLogGrid([row('s1', ['0xa00000001', '0x900000001'])]).columns.map((c) => c.short)).toEqual(['9:1', '10:1']);
  });

  it('fits as many zxid columns as the width holds beside the server names, at least one', () => {
    // 3.2rem names + 0.3rem gap, then 3.7rem cells 0.2rem apart, at 16 px a rem.
    expect(columnsThatFit(16 * (3.5 + 5 * 3.7 + 4 * 0.2), 16)).toBe(5);
    expect(columnsThatFit(16 * (3.5 + 5 * 3.7 + 4 * 0.2) - 1, 16)).toBe(4);
    expect(columnsThatFit(358, 16)).toBe(4);
    expect(columnsThatFit(10, 16)).toBe(1);
  });

  it('tints each log entry by its epoch, the colour the ensemble gives a server in that epoch', () => {
    expect(zxidTint('0x100000003')).toBe(1);
    expect(zxidTint('0x700000001')).toBe(1);
    expect(zxidTint('0x600000001')).toBe(0);
    expect(zxidTint('0x5')).toBe(0);
    expect(zxidTint('not hex')).toBe(0);
    // After a failover the log holds two epochs, and they differ in tint.
    const tl = new Timeline(SCENARIOS.get('zab')!, 7);
    tl.seekTime(2000);
    const leader = tl.servers.find((s) => clusterAt(tl.trace, tl.position, tl.servers, tl.clients).servers.get(s)!.role === 'LEADING')!;
    tl.act(parseAction(`crash ${leader}`));
    tl.seekTime(8000);
    const digest = new TraceDigest(tl.trace, tl.servers, tl.clients);
    const state = digest.at(tl.position);
    const rows = buildTxnLogModel(state, tl.servers, digest.labels);
    const ensemble = buildEnsembleModel(state, tl.time, tl.servers, tl.clients);
    for (const r of rows) for (const e of r.entries) expect(e.tint).toBe(Number(BigInt(e.zxid) >> 32n) % 6);
    const tints = new Set(rows.flatMap((r) => r.entries.map((e) => e.tint)));
    expect(tints.size).toBeGreaterThanOrEqual(2);
    // The newest entry of a serving server has its server's tint.
    for (const s of ensemble.servers) {
      const row = rows.find((r) => r.server === s.id)!;
      const last = row.entries.filter((e) => e.zxid === state.servers.get(s.id)!.lastLogged)[0];
      if (s.tint !== null && last && s.role !== 'LOOKING' && BigInt(last.zxid) >> 32n === BigInt(s.epoch)) expect(last.tint).toBe(s.tint);
    }
  });
});

describe('server trees', () => {
  it('rebuilds a server tree from deliveries; stepping back undoes later changes', () => {
    const tl = run('zab', 7, 4000);
    const trees = new ServerTrees(tl.trace);
    const end = trees.treeAt('s1', tl.position);
    const config = end.znodes.find((z) => z.path === '/config');
    expect(config).toBeDefined();
    expect(config!.stat.version).toBeGreaterThan(1);
    const early = trees.treeAt('s1', Math.floor(tl.position / 3));
    const earlyConfig = early.znodes.find((z) => z.path === '/config');
    expect(earlyConfig === undefined || earlyConfig.stat.version < config!.stat.version).toBe(true);
    // Forward again equals a fresh derivation (cursor and checkpoints agree with scratch).
    expect(trees.treeAt('s1', tl.position)).toEqual(new ServerTrees(tl.trace).treeAt('s1', tl.position));
  });

  it('marks a lagging follower against the leader, and watches where the watchers read', () => {
    const tl = run('watches', 3, 4000);
    const digest = new TraceDigest(tl.trace, tl.servers, tl.clients);
    // Find a moment where some server holds a watch on /config.
    let found = false;
    for (let p = tl.start; p <= tl.position && !found; p += 25) {
      const s = digest.at(p);
      for (const v of s.servers.values()) if (v.watches.some((w) => w.path === '/config' && (w.client === 'c2' || w.client === 'c3'))) found = true;
    }
    expect(found).toBe(true);
    const trees = new ServerTrees(tl.trace);
    const leaderTree = trees.treeAt('s1', tl.position).znodes;
    const model = buildTreeModel([leaderTree[0]!], [], { compare: leaderTree });
    expect(model.nodes.some((n) => n.lag === 'missing')).toBe(true);
    const watched = buildTreeModel(leaderTree, [], { watches: new Map([['/config', ['c2']]]) });
    expect(watched.nodes.find((n) => n.id === '/config')!.label).toContain('watched by c2');
  });
});

describe('narration', () => {
  it('tells elections, commits and crashes, the same way every time', () => {
    const a = run('zab', 7, 1500);
    const b = run('zab', 7, 1500);
    const words = narrate(a.trace, 0, a.position, 100);
    expect(words).toEqual(narrate(b.trace, 0, b.position, 100));
    expect(words.some((w) => /won the election/.test(w))).toBe(true);
    expect(words.some((w) => /commits/.test(w))).toBe(true);
  });
});
