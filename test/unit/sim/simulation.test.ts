import { describe, expect, it } from 'vitest';
import { Simulation, describeEvent, type TraceEvent } from '../../../playground/sim/index.ts';
import type { Effect } from '../../../playground/sim/types.ts';
import { ScriptNode, act, connect, ofKind, send, simWith, type Msg } from './helpers.ts';

/** A small, non-trivial run: connections, pings, timers, a workload, a partition, a crash. */
function scenario(seed: number, workloadExtraDraws = 0): Simulation {
  const sim = new Simulation({ seed, latency: { minMs: 1, maxMs: 9 } });
  for (const id of ['s1', 's2', 's3', 'c1']) sim.addNode(id, (nodeId) => new ScriptNode(nodeId));
  const workload = sim.random('workload');
  for (const s of ['s1', 's2', 's3']) sim.request('c1', act({ kind: 'connect', to: s }));
  sim.request('s1', act({ kind: 'connect', to: 's2' }, { kind: 'setTimer', name: 'tick', afterMs: 40 }));
  sim.runFor(20);
  for (let n = 0; n < 30; n++) {
    for (let i = 0; i < workloadExtraDraws; i++) workload.uint32();
    const to = ['s1', 's2', 's3'][n % 3]!;
    send(sim, 'c1', to, { type: 'ping', n: workload.int(1000) });
    if (n === 10) sim.partition([['s3']]);
    if (n === 15) sim.heal();
    if (n === 20) sim.crash('s2');
    if (n === 25) sim.restart('s2');
    sim.runFor(7);
  }
  sim.runUntilIdle();
  return sim;
}

describe('determinism', () => {
  it('same seed and inputs give an identical trace', () => {
    const a = scenario(11);
    const b = scenario(11);
    expect(a.trace.length).toBeGreaterThan(100);
    expect(JSON.stringify(b.trace)).toBe(JSON.stringify(a.trace));
    expect(JSON.stringify(scenario(12).trace)).not.toBe(JSON.stringify(a.trace));
  });

  it('drawing more from the workload stream does not change network draws', () => {
    const a = scenario(5, 0);
    const b = scenario(5, 3);
    const latencies = (sim: Simulation) => ofKind(sim, 'send').map((s) => s.deliverAt - s.sentAt);
    const payloads = (sim: Simulation) => ofKind(sim, 'send').map((s) => (s.msg as Msg).n);
    expect(payloads(b)).not.toEqual(payloads(a)); // the workload did change
    expect(latencies(b)).toEqual(latencies(a)); // the network did not
  });

  it('each trace event has its index, and a cause that starts its batch', () => {
    const sim = scenario(3);
    sim.trace.forEach((e, i) => {
      expect(e.index).toBe(i);
      expect(e.cause).toBeLessThanOrEqual(i);
      expect(sim.trace[e.cause]!.cause).toBe(e.cause);
      if (i > 0) expect(e.time).toBeGreaterThanOrEqual(sim.trace[i - 1]!.time);
    });
  });
});

describe('timers', () => {
  it('fire at now + afterMs; re-arming replaces, cancel cancels', () => {
    const sim = simWith(['n']);
    sim.request('n', act({ kind: 'setTimer', name: 'a', afterMs: 10 }, { kind: 'setTimer', name: 'b', afterMs: 5 }));
    sim.runFor(3);
    sim.request('n', act({ kind: 'setTimer', name: 'a', afterMs: 20 }, { kind: 'cancelTimer', name: 'b' }));
    sim.request('n', act({ kind: 'setTimer', name: 'c', afterMs: 0 }));
    sim.runUntilIdle();
    expect(ofKind(sim, 'timer').map((e) => [e.name, e.time])).toEqual([
      ['c', 3],
      ['a', 23],
    ]);
  });
});

describe('crash and restart', () => {
  it('crash loses volatile state, timers and in-flight messages; durable storage survives; restart uses the factory', () => {
    const built: ScriptNode[] = [];
    const sim = new Simulation({ seed: 2, latency: { minMs: 5, maxMs: 5 } });
    sim.addNode('s1', (id) => {
      const node = new ScriptNode(id);
      node.generation = built.push(node);
      return node;
    });
    sim.addNode('c1', (id) => new ScriptNode(id));
    connect(sim, 'c1', 's1');
    const value = { count: 7, log: [1, 2, 3] };
    sim.request('s1', act({ kind: 'persist', key: 'count', value }, { kind: 'setTimer', name: 'election', afterMs: 50 }));
    // Persisted values are immutable (playground/sim/durable.ts); checked mode freezes them.
    expect(() => value.log.push(4)).toThrow(TypeError);
    send(sim, 'c1', 's1', { type: 'ping', n: 1 });
    sim.request('s1', act({ kind: 'send', to: 'c1', msg: { type: 'note', n: 2 } }));
    sim.runFor(2);
    sim.crash('s1');
    expect(sim.isUp('s1')).toBe(false);
    sim.runUntilIdle();

    expect(ofKind(sim, 'drop').map((d) => [(d.msg as Msg).n, d.reason]).sort()).toEqual([
      [1, 'crash'],
      [2, 'crash'],
    ]);
    expect(ofKind(sim, 'deliver')).toEqual([]);
    expect(ofKind(sim, 'timer')).toEqual([]); // the crashed node's timer never fired
    expect(ofKind(sim, 'disconnected').map((e) => [e.node, e.peer, e.reason])).toEqual([['c1', 's1', 'crash']]);
    expect(sim.durableOf('s1').get('count')).toEqual({ count: 7, log: [1, 2, 3] });

    sim.restart('s1');
    expect(built).toHaveLength(2);
    const fresh = sim.instanceOf('s1') as ScriptNode;
    expect(fresh).toBe(built[1]);
    expect(fresh.inputs).toEqual([{ kind: 'start' }]);
    expect(ofKind(sim, 'restart').map((e) => e.node)).toEqual(['s1']);
    // The new instance read its durable storage at start.
    const startOutputs = ofKind(sim, 'output').filter((o) => o.node === 's1');
    expect(startOutputs.at(-1)!.value).toEqual({ start: true, durable: { count: 7, log: [1, 2, 3] } });
    sim.runFor(100);
    expect(ofKind(sim, 'timer')).toEqual([]);
  });

  it('a request to a down node is traced as a drop', () => {
    const sim = simWith(['s1']);
    sim.crash('s1');
    sim.request('s1', act());
    expect(ofKind(sim, 'drop').map((d) => [d.from, d.to, d.reason])).toEqual([[null, 's1', 'node-down']]);
    expect(() => sim.crash('s1')).toThrow(/already down/);
  });
});

describe('outputs and protocol events', () => {
  it('output effects reach listeners synchronously and are traced; trace effects become protocol events', () => {
    const sim = simWith(['n']);
    const heard: [string, unknown][] = [];
    const off = sim.onOutput((from, value) => heard.push([from, value]));
    sim.request('n', act({ kind: 'output', value: 'hello' }, { kind: 'trace', event: { type: 'state', role: 'leader' } }));
    expect(heard).toEqual([['n', 'hello']]);
    off();
    sim.request('n', act({ kind: 'output', value: 'again' }));
    expect(heard).toHaveLength(1);
    expect(ofKind(sim, 'protocol').map((e) => e.event)).toEqual([{ type: 'state', role: 'leader' }]);
    expect(ofKind(sim, 'output').map((e) => e.value)).toEqual([{ start: true, durable: null }, 'hello', 'again']);
  });

  it('inputs made from a listener are applied after the current event, in call order', () => {
    const sim = simWith(['c1', 's1']);
    sim.onOutput((from, value) => {
      if (from === 'c1' && (value as { got?: string }).got === 'pong') sim.request('c1', act({ kind: 'output', value: 'noted' }));
    });
    connect(sim, 'c1', 's1');
    send(sim, 'c1', 's1', { type: 'ping', n: 1 });
    sim.runUntilIdle();
    const tail = sim.trace.slice(-3).map((e) => e.kind);
    expect(tail).toEqual(['output', 'request', 'output']);
    expect(sim.inputs.at(-1)).toMatchObject({ kind: 'request', node: 'c1' });
  });
});

describe('replay', () => {
  it('replayTo(k) rebuilds the first k events for every step boundary k', () => {
    const sim = scenario(21);
    const json = sim.trace.map((e) => JSON.stringify(e));
    const boundaries = sim.trace.filter((e) => e.cause === e.index).map((e) => e.index);
    const sample = boundaries.filter((_, i) => i % 7 === 0).concat([sim.trace.length]);
    for (const k of sample) {
      const replayed = sim.replayTo(k);
      expect(replayed.trace.length).toBe(k);
      expect(replayed.trace.map((e) => JSON.stringify(e))).toEqual(json.slice(0, k));
    }
  });

  it('replayTo a mid-step index stops at the end of that step, a longer prefix', () => {
    const sim = scenario(22);
    const mid = sim.trace.find((e) => e.cause !== e.index)!.index;
    const replayed = sim.replayTo(mid);
    expect(replayed.trace.length).toBeGreaterThan(mid);
    expect(JSON.stringify(replayed.trace)).toBe(JSON.stringify(sim.trace.slice(0, replayed.trace.length)));
  });

  it('a replayed simulation continues exactly like the original', () => {
    const build = () => {
      const sim = simWith(['a', 'b'], { seed: 9 });
      connect(sim, 'a', 'b');
      for (let n = 0; n < 5; n++) send(sim, 'a', 'b', { type: 'ping', n });
      return sim;
    };
    const original = build();
    const k = original.trace.length;
    original.runUntilIdle();
    const replayed = original.replayTo(k);
    expect(replayed.inputs).toEqual(original.inputs);
    replayed.runUntilIdle();
    expect(JSON.stringify(replayed.trace)).toBe(JSON.stringify(original.trace));
  });

  it('replays inputs made from listeners and at-callbacks, and idle time advances', () => {
    const sim = simWith(['c1', 's1'], { seed: 4 });
    sim.onOutput((from, value) => {
      const v = value as { got?: string; n?: number };
      if (from === 'c1' && v.got === 'pong' && v.n! < 3) send(sim, 'c1', 's1', { type: 'ping', n: v.n! + 1 });
    });
    connect(sim, 'c1', 's1');
    sim.runFor(1000); // idle: the clock moves with no events
    send(sim, 'c1', 's1', { type: 'ping', n: 0 });
    sim.at(50, 'crash s1', () => sim.crash('s1'));
    sim.runUntilIdle();
    expect(ofKind(sim, 'crash')).toHaveLength(1);
    const replayed = sim.replayTo(sim.trace.length);
    expect(JSON.stringify(replayed.trace)).toBe(JSON.stringify(sim.trace));
  });
});

describe('trace', () => {
  it('send events carry what a view needs to draw a message in flight', () => {
    const sim = simWith(['a', 'b'], { latency: { minMs: 3, maxMs: 3 } });
    connect(sim, 'a', 'b');
    const msg: Effect = { kind: 'send', to: 'b', msg: { type: 'note', n: 1 } };
    sim.request('a', act(msg));
    const s = ofKind(sim, 'send')[0]!;
    expect(s).toMatchObject({ from: 'a', to: 'b', sentAt: sim.now, deliverAt: sim.now + 3 });
    expect(s.msg).toBe(msg.kind === 'send' ? msg.msg : null);
    sim.runUntilIdle();
    const lines = sim.trace.map((e: TraceEvent) => describeEvent(e));
    expect(lines.at(-2)).toMatch(/deliver a->b/);
    expect(lines.at(-1)).toMatch(/output b/);
  });
});
