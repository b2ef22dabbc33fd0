import { describe, expect, it } from 'vitest';
import { Simulation, runAsync, sleep } from '../../../playground/sim/index.ts';
import type { Effect, Input, NodeId, SimNode } from '../../../playground/sim/types.ts';
import { act, ofKind, simWith, type Msg } from './helpers.ts';

/** Servers that bounce a counter between them up to 100, telling nobody outside. */
class Rally implements SimNode {
  readonly id: NodeId;
  constructor(id: NodeId) {
    this.id = id;
  }
  step(input: Input): Effect[] {
    if (input.kind === 'start' && this.id === 'r1') return [{ kind: 'connect', to: 'r2' }];
    if (input.kind === 'connected' && this.id === 'r1') return [{ kind: 'send', to: input.peer, msg: { type: 'note', n: 0 } }];
    if (input.kind === 'message') {
      const n = (input.msg as Msg).n;
      if (n < 100) return [{ kind: 'send', to: input.from, msg: { type: 'note', n: n + 1 } }];
    }
    return [];
  }
}

/** A promise-returning "client API" over a ScriptNode: ping the server, resolve on its pong. */
function pinger(sim: Simulation, client: NodeId, server: NodeId) {
  const waiting = new Map<number, () => void>();
  sim.onOutput((from, value) => {
    const v = value as { got?: string; n?: number };
    if (from === client && v.got === 'pong') {
      waiting.get(v.n!)?.();
      waiting.delete(v.n!);
    }
  });
  return {
    ping(n: number): Promise<number> {
      return new Promise((resolve) => {
        waiting.set(n, () => resolve(sim.now));
        sim.request(client, act({ kind: 'send', to: server, msg: { type: 'ping', n } }));
      });
    },
    pending: () => [...waiting.keys()].map((n) => `ping(${n}) — ${sim.isUp(server) ? 'no reply yet' : `${server} is down`}`),
  };
}

describe('runAsync', () => {
  it('sleep advances virtual time by exactly its argument', async () => {
    const sim = simWith(['n']);
    sim.runFor(7);
    const result = await runAsync(sim, async () => {
      const before = sim.now;
      await sleep(sim, 500);
      const mid = sim.now;
      await sleep(sim, 0);
      await sleep(sim, 33);
      return [before, mid, sim.now];
    });
    expect(result).toEqual({ ok: true, value: [7, 507, 540] });
    expect(ofKind(sim, 'wake').map((e) => [e.label, e.time])).toEqual([
      ['sleep 500ms', 507],
      ['sleep 0ms', 507],
      ['sleep 33ms', 540],
    ]);
  });

  it('two concurrent tasks interleave deterministically, by virtual time then scheduling order', async () => {
    const run = async () => {
      const sim = simWith(['n']);
      const log: string[] = [];
      const task = (name: string, ms: number) => async () => {
        for (let i = 0; i < 3; i++) {
          await sleep(sim, ms);
          log.push(`${name}${i}@${sim.now}`);
        }
      };
      const result = await runAsync(sim, () => Promise.all([task('a', 30)(), task('b', 45)()]));
      expect(result.ok).toBe(true);
      return { log, trace: JSON.stringify(sim.trace) };
    };
    const first = await run();
    // At t=90 both wake; b's sleep was scheduled first (at t=45, a's at t=60), so b goes first.
    expect(first.log).toEqual(['a0@30', 'b0@45', 'a1@60', 'b1@90', 'a2@90', 'b2@135']);
    const second = await run();
    expect(second).toEqual(first);
  });

  it('client promises settle from simulation outputs, at the virtual time of the reply', async () => {
    const sim = simWith(['c1', 's1'], { latency: { minMs: 10, maxMs: 10 } });
    sim.request('c1', act({ kind: 'connect', to: 's1' }));
    const api = pinger(sim, 'c1', 's1');
    const result = await runAsync(sim, async () => {
      await sleep(sim, 10); // connected by now
      const t1 = await api.ping(1);
      const [t2, t3] = await Promise.all([api.ping(2), api.ping(3)]);
      return [t1, t2, t3];
    });
    expect(result).toEqual({ ok: true, value: [30, 50, 50] });
  });

  it('reports stuck, with what is pending, instead of hanging', async () => {
    const sim = simWith(['c1', 's1']);
    sim.request('c1', act({ kind: 'connect', to: 's1' }));
    const api = pinger(sim, 'c1', 's1');
    const result = await runAsync(
      sim,
      async () => {
        await sleep(sim, 20);
        sim.crash('s1');
        return api.ping(1);
      },
      { describePending: api.pending },
    );
    expect(result).toEqual({ ok: false, stuck: expect.stringMatching(/^waiting on ping\(1\) — s1 is down \(t=20 ms/) });

    const forever = await runAsync(sim, () => new Promise<never>(() => {}));
    expect(forever).toEqual({ ok: false, stuck: expect.stringMatching(/never settled.*idle/) });
  });

  it('gives up after maxEvents or maxTimeMs when something keeps the queue busy', async () => {
    const sim = new Simulation({ seed: 1 });
    sim.addNode('tick', (id) => ({
      id,
      step: (): Effect[] => [{ kind: 'setTimer', name: 't', afterMs: 10 }],
    }));
    const never = () => new Promise<void>(() => {});
    const byEvents = await runAsync(sim, never, { maxEvents: 50 });
    expect(byEvents).toEqual({ ok: false, stuck: expect.stringMatching(/after 50 events/) });
    const byTime = await runAsync(sim, never, { maxTimeMs: 1000 });
    expect(byTime).toEqual({ ok: false, stuck: expect.stringMatching(/after 1000 ms of virtual time/) });
  });

  it('returns errors thrown by the code', async () => {
    const sim = simWith(['n']);
    const result = await runAsync(sim, async () => {
      await sleep(sim, 5);
      throw new Error('boom');
    });
    expect(result.ok).toBe(false);
    expect('error' in result && (result.error as Error).message).toBe('boom');
  });

  it('yields to the host only after events that can settle a promise', async () => {
    const sim = new Simulation({ seed: 3 });
    sim.addNode('r2', (id) => new Rally(id));
    sim.addNode('r1', (id) => new Rally(id));
    let yields = 0;
    const result = await runAsync(
      sim,
      async () => {
        await sleep(sim, 5000);
        return sim.now;
      },
      {
        yieldToHost: async () => {
          yields++;
          await new Promise<void>((resolve) => setImmediate(resolve));
        },
      },
    );
    expect(result).toEqual({ ok: true, value: 5000 });
    expect(ofKind(sim, 'deliver')).toHaveLength(101); // the rally really ran
    expect(yields).toBeLessThanOrEqual(2); // the start, the wake: not one per rally message
  });
});
