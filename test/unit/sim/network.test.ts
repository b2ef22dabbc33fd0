import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { act, connect, ofKind, send, simWith, type Msg } from './helpers.ts';

const ns = (msgs: unknown[]) => msgs.map((m) => (m as Msg).n);

describe('FIFO connections', () => {
  it('connect: both ends hear connected, opener first, after one latency', () => {
    const sim = simWith(['c1', 's1'], { latency: { minMs: 4, maxMs: 4 } });
    sim.request('c1', act({ kind: 'connect', to: 's1' }));
    sim.runUntilIdle();
    const connected = ofKind(sim, 'connected');
    expect(connected.map((e) => [e.node, e.peer, e.time])).toEqual([
      ['c1', 's1', 4],
      ['s1', 'c1', 4],
    ]);
    expect(sim.isConnected('s1', 'c1')).toBe(true);
  });

  it('a send with no connection, or before connected, is dropped with a reason', () => {
    const sim = simWith(['c1', 's1']);
    send(sim, 'c1', 's1', { type: 'ping', n: 1 });
    sim.request('c1', act({ kind: 'connect', to: 's1' }, { kind: 'send', to: 's1', msg: { type: 'ping', n: 2 } }));
    sim.runUntilIdle();
    expect(ofKind(sim, 'drop').map((d) => [d.reason, (d.msg as Msg).n, d.sendIndex])).toEqual([
      ['no-connection', 1, null],
      ['not-connected', 2, null],
    ]);
    expect(ofKind(sim, 'deliver')).toEqual([]);
  });

  it('property: delivery order on a connection equals send order, whatever the latencies', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 100 }),
        fc.array(fc.integer({ min: 0, max: 15 }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 1000 }),
        (minMs, spread, gaps, seed) => {
          const sim = simWith(['a', 'b'], { seed, latency: { minMs, maxMs: minMs + spread } });
          connect(sim, 'a', 'b');
          gaps.forEach((gap, n) => {
            sim.runFor(gap);
            send(sim, 'a', 'b', { type: 'note', n });
            if (n % 3 === 0) send(sim, 'b', 'a', { type: 'note', n });
          });
          sim.runUntilIdle();
          const toB = ofKind(sim, 'deliver').filter((d) => d.to === 'b');
          expect(ns(toB.map((d) => d.msg))).toEqual(gaps.map((_, n) => n));
          const toA = ofKind(sim, 'deliver').filter((d) => d.to === 'a');
          expect(ns(toA.map((d) => d.msg))).toEqual(gaps.map((_, n) => n).filter((n) => n % 3 === 0));
          // Each message arrives exactly when its send said it would, within the latency range or
          // (FIFO) no earlier than its predecessor.
          const sends = ofKind(sim, 'send');
          for (const d of [...toA, ...toB]) {
            const s = sim.trace[d.sendIndex]!;
            expect(s.kind).toBe('send');
            if (s.kind !== 'send') return;
            expect(d.time).toBe(s.deliverAt);
            expect(s.msg).toBe(d.msg); // the very object sent
            expect(s.deliverAt - s.sentAt).toBeGreaterThanOrEqual(minMs);
          }
          const ab = sends.filter((s) => s.from === 'a').map((s) => s.deliverAt);
          expect(ab).toEqual([...ab].sort((x, y) => x - y));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('latency draws stay within [minMs, maxMs] when the link is idle, and setLatency changes them', () => {
    const sim = simWith(['a', 'b'], { latency: { minMs: 2, maxMs: 9 } });
    connect(sim, 'a', 'b');
    for (let n = 0; n < 50; n++) {
      send(sim, 'a', 'b', { type: 'note', n });
      sim.runFor(20);
    }
    sim.setLatency(100, 100);
    send(sim, 'a', 'b', { type: 'note', n: 50 });
    sim.runUntilIdle();
    const delays = ofKind(sim, 'send').map((s) => s.deliverAt - s.sentAt);
    expect(delays.slice(0, 50).every((d) => d >= 2 && d <= 9)).toBe(true);
    expect(new Set(delays.slice(0, 50)).size).toBeGreaterThan(3);
    expect(delays[50]).toBe(100);
    expect(ofKind(sim, 'latency')).toHaveLength(1);
  });

  it('disconnect: messages already sent arrive, then the peer hears disconnected', () => {
    const sim = simWith(['c1', 's1'], { latency: { minMs: 1, maxMs: 20 } });
    connect(sim, 'c1', 's1');
    sim.request(
      'c1',
      act(
        { kind: 'send', to: 's1', msg: { type: 'note', n: 1 } },
        { kind: 'send', to: 's1', msg: { type: 'note', n: 2 } },
        { kind: 'disconnect', to: 's1' },
        { kind: 'send', to: 's1', msg: { type: 'note', n: 3 } },
      ),
    );
    sim.runUntilIdle();
    const atS1 = sim.trace.filter((e) => (e.kind === 'deliver' && e.to === 's1') || (e.kind === 'disconnected' && e.node === 's1'));
    expect(atS1.map((e) => e.kind)).toEqual(['deliver', 'deliver', 'disconnected']);
    expect(ofKind(sim, 'drop').map((d) => [(d.msg as Msg).n, d.reason])).toEqual([[3, 'closed']]);
    expect(ofKind(sim, 'disconnected').map((e) => e.node)).toEqual(['s1']); // the closer is not told
    expect(sim.isConnected('c1', 's1')).toBe(false);
  });

  it('connect to a down node fails quickly (refused)', () => {
    const sim = simWith(['c1', 's1'], { latency: { minMs: 3, maxMs: 3 } });
    sim.crash('s1');
    sim.request('c1', act({ kind: 'connect', to: 's1' }));
    sim.runUntilIdle();
    const failed = ofKind(sim, 'connectFailed');
    expect(failed.map((e) => [e.node, e.peer, e.reason, e.time])).toEqual([['c1', 's1', 'refused', 3]]);
    expect(ofKind(sim, 'connected')).toEqual([]);
  });

  it('connect across a partition fails after connectTimeoutMs, or succeeds if healed in time', () => {
    const sim = simWith(['c1', 's1'], { connectTimeoutMs: 1000 });
    sim.partition([['c1'], ['s1']]);
    sim.request('c1', act({ kind: 'connect', to: 's1' }));
    sim.runUntilIdle();
    expect(ofKind(sim, 'connectFailed').map((e) => [e.reason, e.time])).toEqual([['timeout', 1000]]);

    sim.request('c1', act({ kind: 'connect', to: 's1' }));
    sim.runFor(500);
    sim.heal();
    sim.runUntilIdle();
    expect(ofKind(sim, 'connected').map((e) => e.time)).toEqual([2000, 2000]); // retried at the deadline
    expect(ofKind(sim, 'connectFailed')).toHaveLength(1);
  });

  it('a partition holds messages however long it lasts: when it heals they flow, in order, connection kept', () => {
    const sim = simWith(['a', 'b', 'c'], { latency: { minMs: 1, maxMs: 30 } });
    connect(sim, 'a', 'b');
    connect(sim, 'a', 'c');
    sim.partition([['a', 'c'], ['b']]);
    for (let n = 0; n < 10; n++) send(sim, 'a', 'b', { type: 'note', n });
    send(sim, 'b', 'a', { type: 'note', n: 100 });
    send(sim, 'a', 'c', { type: 'note', n: 200 }); // does not cross the partition
    sim.runFor(60_000); // far longer than any keepalive: nobody is told anything
    expect(ns(ofKind(sim, 'deliver').map((d) => d.msg))).toEqual([200]);
    expect(ofKind(sim, 'hold')).toHaveLength(11);
    expect(ofKind(sim, 'break')).toEqual([]);
    expect(ofKind(sim, 'disconnected')).toEqual([]);
    expect(sim.isConnected('a', 'b')).toBe(true);
    send(sim, 'a', 'b', { type: 'note', n: 10 }); // still in flight when the partition heals
    sim.heal();
    for (let n = 11; n < 14; n++) send(sim, 'a', 'b', { type: 'note', n });
    sim.runUntilIdle();
    const toB = ofKind(sim, 'deliver').filter((d) => d.to === 'b');
    expect(ns(toB.map((d) => d.msg))).toEqual([...Array(14).keys()]);
    expect(toB.every((d) => d.time >= 60_000)).toBe(true);
    expect(ns(ofKind(sim, 'deliver').filter((d) => d.to === 'a').map((d) => d.msg))).toEqual([100]);
    expect(ofKind(sim, 'drop')).toEqual([]);
  });

  it('across a partition a close is held too: the other end learns of it only when the partition heals', () => {
    const sim = simWith(['a', 'b'], { latency: { minMs: 1, maxMs: 5 } });
    connect(sim, 'a', 'b');
    sim.partition([['a'], ['b']]);
    send(sim, 'b', 'a', { type: 'note', n: 1 });
    sim.request('a', act({ kind: 'disconnect', to: 'b' })); // a gives up by its own timer
    sim.runFor(30_000);
    expect(ofKind(sim, 'disconnected')).toEqual([]);
    const healedAt = sim.now;
    sim.heal();
    sim.runUntilIdle();
    expect(ofKind(sim, 'disconnected').map((e) => [e.node, e.peer, e.reason, e.time >= healedAt])).toEqual([['b', 'a', 'closed-by-peer', true]]);
    expect(ofKind(sim, 'drop').map((d) => [(d.msg as Msg).n, d.reason])).toEqual([[1, 'closed']]);
  });

  it('breakConnection: both ends told at once, in-flight messages lost', () => {
    const sim = simWith(['c1', 's1'], { latency: { minMs: 5, maxMs: 5 } });
    connect(sim, 'c1', 's1');
    send(sim, 'c1', 's1', { type: 'ping', n: 1 });
    sim.runFor(2);
    sim.breakConnection('c1', 's1');
    sim.runUntilIdle();
    expect(ofKind(sim, 'drop').map((d) => d.reason)).toEqual(['broken']);
    expect(ofKind(sim, 'disconnected').map((e) => [e.node, e.reason, e.time])).toEqual([
      ['c1', 'broken', sim.now],
      ['s1', 'broken', sim.now],
    ]);
    expect(ofKind(sim, 'deliver')).toEqual([]);
  });

  it('simultaneous connects from both ends make one connection, both told once', () => {
    const sim = simWith(['a', 'b']);
    sim.request('a', act({ kind: 'connect', to: 'b' }));
    sim.request('b', act({ kind: 'connect', to: 'a' }));
    sim.runUntilIdle();
    expect(ofKind(sim, 'connected').map((e) => e.node)).toEqual(['a', 'b']);
    expect(ofKind(sim, 'connect').map((e) => e.note ?? null)).toEqual([null, 'already opening']);
  });
});
