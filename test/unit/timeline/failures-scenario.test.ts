/**
 * The Failure lab chapter's lab (scenario `failures`, seed 1) does what the chapter says:
 * a follower's crash disturbs only its client; the leader's crash disconnects every client,
 * loses no committed write, and a new leader takes over; the leader partitioned off with its
 * writer cannot commit, steps down, and on the heal rejoins as a follower without its
 * uncommitted write; with three servers down nothing is served and no session expires; a lock
 * holder cut off loses its znode (and the lock) to the next waiter and learns of it only
 * after the heal.
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../playground/sim/trace.ts';
import { SCENARIOS, Timeline } from '../../../playground/timeline/index.ts';
import { sequenceOf } from '../../../playground/workload/lock.ts';
import { ServerTrees } from '../../../src/views/server-trees.ts';
import { clusterAt, type ClusterState } from '../../../src/views/trace-digest.ts';

type ProtocolEvent = TraceEvent & { kind: 'protocol' };

const at3s = (): Timeline => {
  const tl = new Timeline(SCENARIOS.get('failures')!, 1);
  tl.seekTime(3000);
  return tl;
};
const state = (tl: Timeline): ClusterState => clusterAt(tl.trace, tl.position, tl.servers, tl.clients);
const leaderOf = (st: ClusterState): string | undefined => [...st.servers.values()].find((s) => s.up && s.role === 'LEADING')?.id;
const sessions = (st: ClusterState): Record<string, string> => Object.fromEntries([...st.clients.values()].map((c) => [c.id, c.session]));

function events(tl: Timeline, from: number, type: string, node?: string): ProtocolEvent[] {
  return tl.trace.slice(from, tl.position).filter((e): e is ProtocolEvent => e.kind === 'protocol' && e.event.type === type && (node === undefined || e.node === node));
}

/** The error codes of the replies `client` got after `from`. */
function replies(tl: Timeline, from: number, client: string): number[] {
  return tl.trace
    .slice(from, tl.position)
    .filter((e) => e.kind === 'output' && e.node === client && (e.value as { kind: string }).kind === 'reply')
    .map((e) => (e as TraceEvent & { kind: 'output' }).value as { err: number })
    .map((v) => v.err);
}

function lockQueue(tl: Timeline): { name: string; owner: string }[] {
  const st = state(tl);
  const owners = new Map([...st.clients.values()].map((c) => [c.session, c.id]));
  const znodes = new ServerTrees(tl.trace).treeAt(leaderOf(st)!, tl.position).znodes;
  return znodes
    .filter((z) => z.path.startsWith('/lock/'))
    .sort((a, b) => sequenceOf(a.name) - sequenceOf(b.name))
    .map((z) => ({ name: z.name, owner: owners.get(String(z.stat.ephemeralOwner)) ?? String(z.stat.ephemeralOwner) }));
}

describe('the failures scenario', () => {
  it('places each client on its server: c1–c3 on s2–s4, the writer c4 on the leader s5, the reader c5 on s1', () => {
    const st = state(at3s());
    expect(leaderOf(st)).toBe('s5');
    expect(Object.fromEntries([...st.clients.values()].map((c) => [c.id, `${c.state}@${c.server}`]))).toEqual({
      c1: 'CONNECTED@s2', c2: 'CONNECTED@s3', c3: 'CONNECTED@s4', c4: 'CONNECTED@s5', c5: 'CONNECTED@s1',
    });
  });

  it('a follower crash disturbs only its own client, which reconnects with its session', () => {
    const tl = at3s();
    const before = sessions(state(tl));
    const from = tl.position;
    tl.act({ kind: 'crash', node: 's1' });
    tl.seekTime(tl.time + 3000);
    expect(events(tl, from, 'client.connectionLost').map((e) => e.node)).toEqual(['c5']);
    expect(sessions(state(tl))).toEqual(before);
    expect(replies(tl, from, 'c4').filter((e) => e !== 0)).toEqual([]);
    expect(replies(tl, from, 'c4').length).toBeGreaterThanOrEqual(4);
  });

  it('a leader crash disconnects every client; s4 leads epoch 2 within 0.5 s; no committed write is lost; sessions survive', () => {
    const tl = at3s();
    const crashTime = tl.time;
    const before = sessions(state(tl));
    const committed = tl.trace.filter((e) => e.kind === 'protocol' && e.node === 's5' && e.event.type === 'zab.commit').map((e) => (e as ProtocolEvent).event['zxid']);
    const from = tl.position;
    tl.act({ kind: 'crash', node: 's5' });
    tl.seekTime(crashTime + 3000);
    expect(new Set(events(tl, from, 'client.connectionLost').map((e) => e.node))).toEqual(new Set(['c1', 'c2', 'c3', 'c4', 'c5']));
    const established = events(tl, from, 'zab.established');
    expect(established.map((e) => [e.node, e.event['epoch']])).toEqual([['s4', 2]]);
    expect(established[0]!.time - crashTime).toBeLessThan(500);
    const delivered = new Set(events(tl, 0, 'zab.deliver', 's4').map((e) => e.event['zxid']));
    expect(committed.filter((z) => !delivered.has(z))).toEqual([]);
    expect(replies(tl, from, 'c4')).toContain(0);
    expect(sessions(state(tl))).toEqual(before);
  });

  it('the leader partitioned off with its writer proposes, cannot commit, steps down; the heal brings it back as a follower by SNAP', () => {
    const tl = at3s();
    const cutTime = tl.time;
    const from = tl.position;
    const config = (t: Timeline) => new ServerTrees(t.trace).treeAt(leaderOf(state(t))!, t.position).znodes.find((z) => z.path === '/config')!;
    const versionBefore = config(tl).stat.version;
    tl.act({ kind: 'partition', groups: [['s5', 'c4']] });
    tl.seekTime(cutTime + 5000);
    const proposed = events(tl, from, 'zab.propose', 's5').map((e) => e.event['zxid']);
    expect(proposed.length).toBeGreaterThanOrEqual(1);
    expect(events(tl, from, 'zab.commit', 's5')).toEqual([]);
    const stepDown = events(tl, from, 'zab.shutdown', 's5');
    expect(String(stepDown[0]!.event['reason'])).toMatch(/Not sufficient followers synced/);
    expect(events(tl, from, 'zab.shutdown', 's1')[0]!.time - cutTime).toBeLessThanOrEqual(1300);
    expect(events(tl, from, 'zab.established').map((e) => e.node)).toEqual(['s4']);
    expect(replies(tl, from, 'c4').filter((e) => e === 0)).toEqual([]);
    expect(replies(tl, from, 'c4')).toContain(-4);
    expect(config(tl).stat.version).toBe(versionBefore);
    const healed = tl.position;
    tl.act({ kind: 'heal' });
    tl.seekTime(tl.time + 6000);
    const sync = events(tl, healed, 'zab.sync').filter((e) => e.event['follower'] === 's5');
    expect(sync.map((e) => e.event['mode'])).toEqual(['SNAP']);
    expect(state(tl).servers.get('s5')!.role).toBe('FOLLOWING');
    const applied = new Set(events(tl, 0, 'zab.deliver', 's4').map((e) => e.event['zxid']));
    expect(proposed.filter((z) => applied.has(z))).toEqual([]);
    expect(events(tl, healed, 'client.expired', 'c4')).toEqual([]);
  });

  it('with s4 and s5 cut off, their clients c3 and c4 give up after the read timeout and reconnect to s1–s3', () => {
    const tl = at3s();
    const cutTime = tl.time;
    const from = tl.position;
    tl.act({ kind: 'partition', groups: [['s4', 's5']] });
    tl.seekTime(cutTime + 8000);
    const timeouts = events(tl, from, 'client.readTimeout');
    expect(timeouts.map((e) => e.node).sort()).toEqual(['c3', 'c4']);
    for (const t of timeouts) expect(t.time - cutTime).toBeLessThanOrEqual(4000);
    const st = state(tl);
    for (const c of ['c3', 'c4']) expect(['s1', 's2', 's3']).toContain(st.clients.get(c)!.server);
  });

  it('with three servers down nothing is served, reads included, and no session expires; a restart brings them all back', () => {
    const tl = at3s();
    const before = sessions(state(tl));
    const from = tl.position;
    for (const s of ['s1', 's2', 's3']) tl.act({ kind: 'crash', node: s });
    tl.seekTime(tl.time + 20000);
    const st = state(tl);
    expect(leaderOf(st)).toBeUndefined();
    expect(['s4', 's5'].map((s) => st.servers.get(s)!.role)).toEqual(['LOOKING', 'LOOKING']);
    for (const c of ['c1', 'c2', 'c3', 'c4', 'c5']) expect(replies(tl, from, c).filter((e) => e === 0)).toEqual([]);
    expect(replies(tl, from, 'c5').length).toBeGreaterThan(0);
    expect(events(tl, from, 'session.expire')).toEqual([]);
    tl.act({ kind: 'restart', node: 's1' });
    tl.seekTime(tl.time + 6000);
    const after = state(tl);
    expect(leaderOf(after)).toBe('s5');
    expect(sessions(after)).toEqual(before);
    expect([...after.clients.values()].every((c) => c.state === 'CONNECTED')).toBe(true);
  });

  it('a lock holder cut off: Disconnected within 4 s, expired and replaced within about 6.5 s, told only after the heal', () => {
    const tl = at3s();
    const queue = lockQueue(tl);
    const holder = queue[0]!;
    const cutTime = tl.time;
    const from = tl.position;
    tl.act({ kind: 'partition', groups: [[holder.owner]] });
    tl.seekTime(cutTime + 9000);
    const lost = events(tl, from, 'client.readTimeout', holder.owner);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.time - cutTime).toBeLessThanOrEqual(4000);
    const closed = events(tl, from, 'session.close', 's5');
    expect(closed.map((e) => e.event['deleted'])).toEqual([[`/lock/${holder.name}`]]);
    expect(closed[0]!.time - cutTime).toBeLessThanOrEqual(6500);
    const next = queue[1]!;
    const woken = events(tl, from, 'watch.fire').filter((e) => e.event['path'] === `/lock/${holder.name}`);
    expect(woken.map((e) => e.event['peer'])).toEqual([next.owner]);
    expect(state(tl).clients.get(holder.owner)!.state).toBe('CONNECTING');
    expect(events(tl, from, 'client.expired', holder.owner)).toEqual([]);
    const healed = tl.position;
    tl.act({ kind: 'heal' });
    tl.seekTime(tl.time + 3000);
    expect(events(tl, healed, 'client.expired', holder.owner)).toHaveLength(1);
  });

  it('a waiter or holder whose session expired queues again in its new session, and gets the lock again', () => {
    for (const client of ['c1', 'c2', 'c3']) {
      const tl = at3s();
      const k = lockQueue(tl).findIndex((q) => q.owner === client);
      tl.act({ kind: 'partition', groups: [[client]] });
      tl.seekTime(tl.time + 9000);
      expect(lockQueue(tl).some((q) => q.owner === client), `${client} (place ${k}) lost its znode`).toBe(false);
      tl.act({ kind: 'heal' });
      // Within a few turns of the others (each holds 2 s), it is back in the queue and at its head.
      let queued = false;
      let head = false;
      for (let t = tl.time + 500; t < tl.time + 15_000 && !head; t += 250) {
        tl.seekTime(t);
        const q = lockQueue(tl);
        queued ||= q.some((e) => e.owner === client);
        head = q[0]?.owner === client;
      }
      expect(queued, `${client} (place ${k}) queued again`).toBe(true);
      expect(head, `${client} (place ${k}) held the lock again`).toBe(true);
    }
  });
});
