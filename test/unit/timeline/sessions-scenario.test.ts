/**
 * The Sessions chapter's lab (scenario `sessions`, seed 1) does what the chapter says:
 * c1 holds the ephemeral /members/c1 and c2 watches it; crashing c1's server keeps the
 * session and the znode; cutting c1 off from every server gets its read timeout first, then
 * the leader's expiry (the znode goes, c2 hears NodeDeleted, c1 does not know); after the
 * heal c1 learns Expired, opens a new session and joins again (c2 hears NodeCreated).
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../playground/sim/trace.ts';
import { SCENARIOS, Timeline } from '../../../playground/timeline/index.ts';
import { ServerTrees } from '../../../src/views/server-trees.ts';
import { clusterAt } from '../../../src/views/trace-digest.ts';

function member(tl: Timeline): { owner: string; client: { server: string | null; state: string; session: string } } | null {
  const st = clusterAt(tl.trace, tl.position, tl.servers, tl.clients);
  const leader = tl.servers.find((s) => st.servers.get(s)?.up && st.servers.get(s)?.role === 'LEADING')!;
  const z = new ServerTrees(tl.trace).treeAt(leader, tl.position).znodes.find((n) => n.path === '/members/c1');
  const c1 = st.clients.get('c1')!;
  return z === undefined ? null : { owner: String(z.stat.ephemeralOwner), client: { server: c1.server, state: c1.state, session: c1.session } };
}

function protocolEvents(tl: Timeline, from: number, type: string, node?: string): (TraceEvent & { kind: 'protocol' })[] {
  return tl.trace.slice(from, tl.position).filter((e): e is TraceEvent & { kind: 'protocol' } => e.kind === 'protocol' && e.event.type === type && (node === undefined || e.node === node));
}

describe('the sessions scenario', () => {
  it('a crash of c1\'s server keeps the session and the ephemeral', () => {
    const tl = new Timeline(SCENARIOS.get('sessions')!, 1);
    tl.seekTime(3000);
    const before = member(tl)!;
    expect(before.client.state).toBe('CONNECTED');
    expect(before.client.server).toBe('s2');
    tl.act({ kind: 'crash', node: 's2' });
    tl.seekTime(5000);
    const after = member(tl)!;
    expect(after.client.state).toBe('CONNECTED');
    expect(after.client.server).not.toBe('s2');
    expect(after.client.session).toBe(before.client.session);
    expect(after.owner).toBe(before.owner);
  });

  it('cut off, c1 times out its connection, the leader expires its session, c2 is told; after the heal c1 rejoins', () => {
    const tl = new Timeline(SCENARIOS.get('sessions')!, 1);
    tl.seekTime(3000);
    const before = member(tl)!;
    const cut = tl.position;
    const cutTime = tl.time;
    tl.act({ kind: 'partition', groups: [['c1']] });
    tl.seekTime(cutTime + 5000);
    // The client's read timeout (2/3 of 4000 ms) fired, and nothing told it of the expiry.
    const readTimeouts = protocolEvents(tl, cut, 'client.readTimeout', 'c1');
    expect(readTimeouts).toHaveLength(1);
    expect(readTimeouts[0]!.time - cutTime).toBeLessThanOrEqual(2667);
    const expiries = protocolEvents(tl, cut, 'session.expire');
    expect(expiries.map((e) => e.event['session'])).toEqual([before.client.session]);
    expect(expiries[0]!.time).toBeGreaterThan(readTimeouts[0]!.time);
    expect(member(tl)).toBeNull();
    expect(protocolEvents(tl, cut, 'watch.fire').map((e) => [e.event['peer'], e.event['event']])).toEqual([['c2', 'NodeDeleted']]);
    const st = clusterAt(tl.trace, tl.position, tl.servers, tl.clients);
    expect(st.clients.get('c1')!.state).toBe('CONNECTING');
    expect(st.clients.get('c1')!.session).toBe(before.client.session);
    const healed = tl.position;
    tl.act({ kind: 'heal' });
    tl.seekTime(tl.time + 4000);
    expect(protocolEvents(tl, healed, 'client.expired', 'c1')).toHaveLength(1);
    const after = member(tl)!;
    expect(after.client.state).toBe('CONNECTED');
    expect(after.client.session).not.toBe(before.client.session);
    expect(after.owner).toBe(after.client.session);
    expect(protocolEvents(tl, healed, 'watch.fire').map((e) => [e.event['peer'], e.event['event']])).toEqual([['c2', 'NodeCreated']]);
  });

  it('a cut healed after one second goes unnoticed; after three, the session survives a Disconnected', () => {
    for (const [healAfter, disconnects] of [[1000, 0], [3000, 1]] as const) {
      const tl = new Timeline(SCENARIOS.get('sessions')!, 1);
      tl.seekTime(3400);
      const before = member(tl)!;
      const cut = tl.position;
      const cutTime = tl.time;
      tl.act({ kind: 'partition', groups: [['c1']] });
      tl.seekTime(cutTime + healAfter);
      tl.act({ kind: 'heal' });
      tl.seekTime(cutTime + 8000);
      expect(protocolEvents(tl, cut, 'client.connectionLost', 'c1')).toHaveLength(disconnects);
      expect(protocolEvents(tl, cut, 'session.expire')).toHaveLength(0);
      const after = member(tl)!;
      expect(after.client.session).toBe(before.client.session);
      expect(after.owner).toBe(before.owner);
    }
  });
});
