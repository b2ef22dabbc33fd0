/**
 * `latency <a> <b> <min> [<max>]`: one link, both directions, for what is sent from then on;
 * every other link keeps the range in force; a global `latency` ends every per-link setting.
 * And the scenario that asked for it (issue 14): a 3.9 s spike on one client's link to its
 * server, 3 servers, a 4 s session. The client gives up on the slow connection, moves to
 * another server and writes again; its first write, still on the slow link, arrives after
 * and must not be applied after the second (SESSIONMOVED): per-client order holds.
 */
import { describe, expect, it } from 'vitest';
import { checkAll } from '../../../playground/check/index.ts';
import { connect as connectClient } from '../../../playground/client/zookeeper.ts';
import { readJsonSchedule, scheduleFaults } from '../../../playground/sim/fault-schedule.ts';
import { applyFault, parseFault, printFault } from '../../../playground/sim/faults.ts';
import { sleep, type TraceEvent } from '../../../playground/sim/index.ts';
import { runUntilReady } from '../../../playground/zab/ensemble.ts';
import { KeeperException } from '../../../playground/zk/errors.ts';
import { OPEN_ACL_UNSAFE } from '../../../playground/zk/acl.ts';
import { CreateMode } from '../../../playground/zk/stat.ts';
import { connect, ofKind, send, simWith } from '../sim/helpers.ts';
import { ensemble, run } from '../zab/helpers.ts';

/** Delay of each message sent from `from` to `to` at or after trace index `since`. */
function delays(sends: readonly Extract<TraceEvent, { kind: 'send' }>[], from: string, to: string, since: number): number[] {
  return sends.filter((e) => e.from === from && e.to === to && e.index >= since).map((e) => e.deliverAt - e.sentAt);
}

describe('latency on one link', () => {
  it('slows both directions of that link, for what is sent from then on; other links keep the range in force', () => {
    const sim = simWith(['a', 'b', 'c'], { latency: { minMs: 1, maxMs: 5 } });
    sim.runUntilIdle();
    connect(sim, 'a', 'b');
    connect(sim, 'a', 'c');
    send(sim, 'a', 'b', { type: 'note', n: 0 });
    const before = sim.trace.length;
    expect(applyFault(sim, parseFault('latency b a 300ms'))).toBe(true);
    const since = sim.trace.length;
    for (let n = 1; n <= 5; n++) {
      send(sim, 'a', 'b', { type: 'ping', n });
      send(sim, 'a', 'c', { type: 'ping', n });
      sim.runFor(20);
    }
    sim.runFor(2000);
    const sends = ofKind(sim, 'send');
    expect(delays(sends, 'a', 'b', since)).toEqual([300, 300, 300, 300, 300]);
    // the pongs come back on the slow link too
    expect(delays(sends, 'b', 'a', since)).toEqual([300, 300, 300, 300, 300]);
    for (const d of [...delays(sends, 'a', 'c', since), ...delays(sends, 'c', 'a', since)]) expect(d).toBeLessThanOrEqual(5);
    // the message sent before the change kept its time
    expect(Math.max(...delays(sends, 'a', 'b', 0).slice(0, 1))).toBeLessThanOrEqual(5);
    expect(sim.trace[before]).toMatchObject({ kind: 'latency', minMs: 300, maxMs: 300, between: ['b', 'a'] });
  });

  it('a global latency ends every per-link setting', () => {
    const sim = simWith(['a', 'b'], { latency: { minMs: 1, maxMs: 5 } });
    sim.runUntilIdle();
    connect(sim, 'a', 'b');
    sim.setLinkLatency('a', 'b', 500, 500);
    sim.setLatency(10, 10);
    const since = sim.trace.length;
    send(sim, 'a', 'b', { type: 'note', n: 1 });
    sim.runFor(100);
    expect(delays(ofKind(sim, 'send'), 'a', 'b', since)).toEqual([10]);
  });

  it('reads the JSON form { "at": 800, "latency": [3900, 3900], "between": ["c1", "s1"] }, and refuses what is wrong with it', () => {
    const [t] = readJsonSchedule({ version: 1, events: [{ at: 800, latency: [3900, 3900], between: ['c1', 's1'] }] });
    expect(t).toEqual({ at: 800, fault: { kind: 'latency', minMs: 3900, maxMs: 3900, between: ['c1', 's1'] } });
    expect(printFault(t!.fault)).toBe('latency c1 s1 3900ms');
    expect(printFault(parseFault('latency c1 s1 1ms 20ms'))).toBe('latency c1 s1 1ms 20ms');
    expect(() => readJsonSchedule({ version: 1, events: [{ at: 800, latency: [1, 2], between: ['c1', 'c1'] }] })).toThrow(/events\[0\]\.latency: a link needs two different nodes, not c1 twice/);
    expect(() => readJsonSchedule({ version: 1, events: [{ at: 800, latency: [1, 2], between: 'c1' }] })).toThrow(/events\[0\]\.between: expected two node ids/);
    expect(() => readJsonSchedule({ version: 1, events: [{ at: 800, between: ['c1', 's1'] }] })).toThrow(/events\[0\]: expected exactly one of/);
    expect(() => readJsonSchedule({ version: 1, events: [{ at: 800, latency: [1, 2], between: ['c1', 's9'] }] }, { servers: ['s1', 's2', 's3'], clients: 'numbered' })).toThrow(/s9 is not a node of this ensemble/);
    expect(() => parseFault('latency c1 3900ms')).toThrow(/"3900ms" is not a node id/);
    expect(() => parseFault('latency c1')).toThrow(/latency between two nodes names both/);
    expect(() => parseFault('latency c1 s1')).toThrow(/latency needs a delay/);
  });

  it('a 3.9 s spike on a client link: the client moves, writes again, and its old write is refused (SESSIONMOVED), not applied after', async () => {
    const sim = ensemble({ seed: 1 });
    runUntilReady(sim, 10_000);
    const results: string[] = [];
    let spikeAt = 0;
    let finalValue = '';
    await run(sim, async () => {
      const zk = await connectClient(sim, { id: 'c1', servers: ['s1', 's2', 's3'], shuffle: false, sessionTimeoutMs: 4000 });
      await zk.create('/a', 'v0', OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      spikeAt = sim.now;
      scheduleFaults(sim, readJsonSchedule({ version: 1, events: [{ at: 0, latency: [3900, 3900], between: ['c1', 's1'] }] }));
      await sleep(sim, 1);
      const first = zk.setData('/a', 'v1', -1).then(
        () => results.push('v1 ok'),
        (e: unknown) => results.push(`v1 ${e instanceof KeeperException ? e.code : String(e)}`),
      );
      await first;
      await zk.setData('/a', 'v2', -1);
      results.push('v2 ok');
      await sleep(sim, 6000);
      finalValue = new TextDecoder().decode((await zk.getData('/a')).data ?? new Uint8Array());
      await zk.close();
    });
    expect(results).toEqual(['v1 CONNECTIONLOSS', 'v2 ok']);
    const moved = sim.trace.filter((e) => e.kind === 'protocol' && e.event.type === 'session.moved');
    expect(moved.length).toBeGreaterThan(0);
    expect(moved[0]!.time).toBeGreaterThan(spikeAt + 3900);
    expect(finalValue).toBe('v2');
    expect(checkAll(sim.trace)).toEqual([]);
  });
});
