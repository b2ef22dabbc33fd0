/**
 * The Running ZooKeeper chapter's lab (scenario `observers`, seed 1) does what the chapter
 * says: s1–s3 vote (s3 leads), s4 and s5 observe; a write gets PROPOSAL/ACK/COMMIT with the
 * voting followers and INFORM to the observers, which never ACK it; a read never leaves the
 * client's server; a writer on an observer is forwarded to the leader and answered after the
 * INFORM; with both followers down the three servers left serve nobody; after the leader's
 * crash the observers vote first for nobody, are never counted, and follow the new leader.
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../playground/sim/trace.ts';
import { SCENARIOS, Timeline } from '../../../playground/timeline/index.ts';
import { clusterAt, type ClusterState } from '../../../src/views/trace-digest.ts';

type Send = TraceEvent & { kind: 'send' };
const at = (ms: number): Timeline => {
  const tl = new Timeline(SCENARIOS.get('observers')!, 1);
  tl.seekTime(ms);
  return tl;
};
const state = (tl: Timeline): ClusterState => clusterAt(tl.trace, tl.position, tl.servers, tl.clients);
const roles = (st: ClusterState): Record<string, string> => Object.fromEntries([...st.servers.values()].map((s) => [s.id, s.up ? s.role : 'DOWN']));
const sends = (tl: Timeline, from: number): Send[] => tl.trace.slice(from, tl.position).filter((e): e is Send => e.kind === 'send');
const typeOf = (e: Send): string | undefined => (e.msg as { type?: string }).type;
const isServer = (id: string): boolean => /^s\d$/.test(id);

describe('the observers scenario', () => {
  it('has three voters led by s3, two observers, and each client on its server', () => {
    const st = state(at(3000));
    expect(roles(st)).toEqual({ s1: 'FOLLOWING', s2: 'FOLLOWING', s3: 'LEADING', s4: 'OBSERVING', s5: 'OBSERVING' });
    expect(Object.fromEntries([...st.clients.values()].filter((c) => c.started).map((c) => [c.id, `${c.state}@${c.server}`]))).toEqual({
      c1: 'CONNECTED@s1', c2: 'CONNECTED@s4', c3: 'CONNECTED@s5',
    });
  });

  it('sends PROPOSAL and COMMIT to the followers, INFORM to the observers, and only followers ACK', () => {
    const tl = at(3000);
    const from = tl.position;
    tl.seekTime(6000);
    const quorum = sends(tl, from).filter((e) => isServer(e.from) && isServer(e.to) && typeOf(e) !== 'PING');
    const pairs = new Set(quorum.map((e) => `${e.from}>${e.to}:${typeOf(e)}`));
    expect([...pairs].sort()).toEqual(
      ['s1>s3:ACK', 's1>s3:REQUEST', 's2>s3:ACK', 's3>s1:COMMIT', 's3>s1:PROPOSAL', 's3>s2:COMMIT', 's3>s2:PROPOSAL', 's3>s4:INFORM', 's3>s5:INFORM'].sort(),
    );
  });

  it('answers the observers’ readers without any message between servers', () => {
    const tl = at(3000);
    const from = tl.position;
    tl.seekTime(6000);
    const all = sends(tl, from);
    const reads = all.filter((e) => e.from === 'c2' && (e.msg as { req?: { op?: string } }).req?.op === 'getData');
    expect(reads.length).toBeGreaterThan(3);
    for (const r of reads) expect(r.to).toBe('s4');
    expect(all.some((e) => e.from === 's4' && isServer(e.to) && typeOf(e) !== 'PING')).toBe(false);
  });

  it('forwards a write made on an observer to the leader and answers it after the INFORM', () => {
    const tl = at(2000);
    tl.act({ kind: 'workload', name: 'writes on an observer' });
    const from = tl.position;
    tl.seekTime(4000);
    const all = sends(tl, from);
    const create = all.find((e) => e.from === 'c4' && (e.msg as { req?: { op?: string } }).req?.op === 'create')!;
    expect(create.to).toBe('s5');
    const reply = all.find((e) => e.from === 's5' && e.to === 'c4' && (e.msg as { kind?: string; xid?: number }).kind === 'reply' && (e.msg as { xid?: number }).xid === (create.msg as { xid: number }).xid)!;
    const between = all.filter((e) => e.index > create.index && e.index < reply.index);
    expect(between.some((e) => e.from === 's5' && e.to === 's3' && typeOf(e) === 'REQUEST')).toBe(true);
    expect(between.some((e) => e.from === 's3' && e.to === 's5' && typeOf(e) === 'INFORM')).toBe(true);
  });

  it('serves nobody when both voting followers are down, though three servers run', () => {
    const tl = at(3000);
    tl.act({ kind: 'crash', node: 's1' });
    tl.act({ kind: 'crash', node: 's2' });
    const from = tl.position;
    tl.seekTime(8000);
    const st = state(tl);
    expect(roles(st)).toEqual({ s1: 'DOWN', s2: 'DOWN', s3: 'LOOKING', s4: 'LOOKING', s5: 'LOOKING' });
    for (const c of ['c1', 'c2', 'c3']) expect(st.clients.get(c)?.state).not.toBe('CONNECTED');
    const shutdown = tl.trace.slice(from, tl.position).find((e) => e.kind === 'protocol' && e.node === 's3' && e.event.type === 'zab.shutdown');
    expect(String((shutdown as TraceEvent & { kind: 'protocol' }).event['reason'])).toMatch(/^Not sufficient followers synced/);
  });

  it('after the leader’s crash, the observers vote first for nobody, are not elected, and observe the new leader', () => {
    const tl = at(3000);
    const from = tl.position;
    tl.act({ kind: 'crash', node: 's3' });
    tl.seekTime(6000);
    const votes = sends(tl, from).filter((e) => (e.from === 's4' || e.from === 's5') && typeOf(e) === 'NOTIFICATION');
    expect(votes.length).toBeGreaterThan(0);
    for (const o of ['s4', 's5']) expect((votes.find((e) => e.from === o)!.msg as { leader: unknown }).leader).toBeNull();
    expect(roles(state(tl))).toEqual({ s1: 'FOLLOWING', s2: 'LEADING', s3: 'DOWN', s4: 'OBSERVING', s5: 'OBSERVING' });
  });
});
