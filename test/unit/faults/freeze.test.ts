/**
 * `freeze <node> <duration>`: a host that stops without closing anything (a hung machine,
 * a long GC pause), as opposed to `crash`, a killed process whose connections close at once.
 *
 * - In the kernel: a frozen node runs no step; messages that reach it wait (traced as
 *   `hold`), connections to it cannot open, its timers and other inputs wait too; at the
 *   thaw it takes all of them in the order they came due (a timer re-armed by an earlier
 *   message stays quiet), and replay rebuilds the same run.
 * - In an ensemble: followers notice a frozen leader only when their own timer runs out
 *   (syncLimit × tickTime of silence), where a crashed one is noticed at once; the old
 *   leader comes back as a follower of a newer epoch, and no checker objects.
 * - A frozen client's session expires at the ensemble while it is frozen (its ephemeral
 *   goes); the client learns of it only when it thaws and reconnects.
 */
import { describe, expect, it } from 'vitest';
import { checkAll } from '../../../playground/check/index.ts';
import { connect as connectClient } from '../../../playground/client/zookeeper.ts';
import { readJsonSchedule, scheduleFaults } from '../../../playground/sim/fault-schedule.ts';
import { applyFault, parseFault, printFault } from '../../../playground/sim/faults.ts';
import { sleep, type TraceEvent } from '../../../playground/sim/index.ts';
import { ensembleStatus, isEnsembleReady, leaderOf, runUntilReady } from '../../../playground/zab/ensemble.ts';
import { CreateMode } from '../../../playground/zk/stat.ts';
import { OPEN_ACL_UNSAFE } from '../../../playground/zk/acl.ts';
import { act, connect, ofKind, send, simWith } from '../sim/helpers.ts';
import { hashRun } from '../trace-hash.ts';
import { ensemble, FAST, run } from '../zab/helpers.ts';

/** The outputs of `node` from trace index `from` on. */
const outputs = (trace: readonly TraceEvent[], node: string, from: number) =>
  trace.slice(from).filter((e): e is Extract<TraceEvent, { kind: 'output' }> => e.kind === 'output' && e.node === node).map((e) => ({ time: e.time, value: e.value as Record<string, unknown> }));

/** a connected to b; b frozen for 1 s, a note from a waiting at b for 100 ms. */
function frozenWithNote(): { sim: ReturnType<typeof simWith>; i0: number } {
  const sim = simWith(['a', 'b']);
  sim.runUntilIdle();
  connect(sim, 'a', 'b');
  const i0 = sim.trace.length;
  sim.freeze('b', 1000);
  send(sim, 'a', 'b', { type: 'note', n: 1 });
  sim.runFor(100);
  return { sim, i0 };
}

describe('freeze in the kernel', () => {
  it('a frozen node runs no step; at the thaw it takes in what came due, in order', () => {
    const sim = simWith(['a', 'b']);
    sim.runUntilIdle();
    connect(sim, 'a', 'b');
    sim.request('b', act({ kind: 'setTimer', name: 't1', afterMs: 100 }, { kind: 'setTimer', name: 't2', afterMs: 400 }));
    const t0 = sim.now;
    const i0 = sim.trace.length;
    sim.freeze('b', 1000);
    expect(sim.isFrozen('b')).toBe(true);
    expect(sim.isUp('b')).toBe(true);
    send(sim, 'a', 'b', { type: 'note', n: 1 });
    sim.runFor(300);
    send(sim, 'a', 'b', { type: 'ping', n: 2 });
    sim.request('b', act({ kind: 'output', value: 'asked while frozen' }));
    sim.runFor(600);
    // Nothing reached b's code: the messages wait (hold), no timer or output of b is traced.
    expect(outputs(sim.trace, 'b', i0)).toEqual([]);
    expect(ofKind(sim, 'hold').map((e) => e.to)).toEqual(['b', 'b']);
    expect(ofKind(sim, 'timer')).toEqual([]);
    expect(ofKind(sim, 'send').filter((e) => e.from === 'b')).toEqual([]);
    sim.runFor(200);
    const thaw = ofKind(sim, 'thaw')[0]!;
    expect(thaw).toMatchObject({ node: 'b', time: t0 + 1000 });
    // Everything at the thaw, in the order it came due: the note (arrived within 5 ms), t1
    // (due at 100), the request and the ping (at 300), t2 (at 400). The ping is answered
    // (a pong), not reported.
    const taken = outputs(sim.trace, 'b', i0).map((o) => [o.time, o.value['got'] ?? o.value['timer'] ?? o.value]);
    expect(taken.map(([t]) => t)).toEqual(Array(taken.length).fill(t0 + 1000));
    expect(taken.map(([, v]) => v)).toEqual(['note', 't1', 'asked while frozen', 't2']);
    expect(ofKind(sim, 'send').filter((e) => e.from === 'b').map((e) => (e.msg as { type: string }).type)).toEqual(['pong']);
    expect(sim.isFrozen('b')).toBe(false);
  });

  it('an overdue timer fires at the thaw, unless something taken in before it re-armed or cancelled it', () => {
    const watchdog = (rearm: 'none' | 'rearm' | 'cancel'): number[] => {
      const sim = simWith(['b']);
      sim.runUntilIdle();
      sim.request('b', act({ kind: 'setTimer', name: 'watchdog', afterMs: 300 }));
      const t0 = sim.now;
      sim.freeze('b', 1000);
      // Asked while frozen, so taken in at the thaw, before the watchdog that came due at 300.
      if (rearm === 'rearm') sim.request('b', act({ kind: 'setTimer', name: 'watchdog', afterMs: 2000 }));
      if (rearm === 'cancel') sim.request('b', act({ kind: 'cancelTimer', name: 'watchdog' }));
      sim.runFor(4000);
      return ofKind(sim, 'timer').map((e) => e.time - t0);
    };
    expect(watchdog('none')).toEqual([1000]);
    expect(watchdog('rearm')).toEqual([3000]);
    expect(watchdog('cancel')).toEqual([]);
  });

  it('a connection to a frozen node cannot open: it times out, or opens once the node thaws before the deadline', () => {
    const sim = simWith(['a', 'b', 'c'], { connectTimeoutMs: 500 });
    sim.runUntilIdle();
    sim.freeze('b', 2000);
    sim.request('a', act({ kind: 'connect', to: 'b' }));
    sim.runFor(600);
    expect(ofKind(sim, 'connectFailed')).toMatchObject([{ node: 'a', peer: 'b', reason: 'timeout' }]);
    sim.freeze('c', 200);
    sim.request('a', act({ kind: 'connect', to: 'c' }));
    sim.runFor(600);
    expect(sim.isConnected('a', 'c')).toBe(true);
  });

  it('a peer that crashes while the node is frozen: its messages are lost, the node hears of it at the thaw', () => {
    const { sim, i0 } = frozenWithNote();
    sim.crash('a');
    sim.runFor(100);
    expect(ofKind(sim, 'drop').map((e) => e.reason)).toEqual(['crash']);
    expect(outputs(sim.trace, 'b', i0)).toEqual([]);
    sim.runFor(1000);
    expect(outputs(sim.trace, 'b', i0).map((o) => o.value)).toMatchObject([{ disconnected: 'a' }]);
  });

  it('a crash ends a freeze: the pending inputs are gone, the thaw never comes', () => {
    const { sim, i0 } = frozenWithNote();
    sim.crash('b');
    sim.restart('b');
    sim.runFor(2000);
    expect(ofKind(sim, 'thaw')).toEqual([]);
    expect(sim.isFrozen('b')).toBe(false);
    expect(outputs(sim.trace, 'b', i0).map((o) => o.value)).toEqual([{ start: true, durable: null }]);
  });

  it('refuses to freeze a node that is down or already frozen (the tolerant applier skips it)', () => {
    const sim = simWith(['a', 'b']);
    sim.runUntilIdle();
    sim.freeze('b', 100);
    expect(() => sim.freeze('b', 100)).toThrow(/already frozen/);
    expect(applyFault(sim, parseFault('freeze b 1s'))).toBe(false);
    sim.crash('a');
    expect(() => sim.freeze('a', 100)).toThrow(/down/);
    expect(applyFault(sim, parseFault('freeze a 1s'))).toBe(false);
    expect(applyFault(sim, parseFault('freeze x 1s'))).toBe(false);
    expect(() => parseFault('freeze a 0ms')).toThrow(/a freeze needs a duration above 0ms/);
    expect(() => parseFault('freeze a')).toThrow(/freeze needs 2 words: freeze <node> <duration>/);
  });

  it('replays: a run with freezes rebuilds event for event', () => {
    const sim = ensemble({ seed: 4 });
    runUntilReady(sim, 10_000);
    scheduleFaults(sim, readJsonSchedule({ version: 1, events: [{ at: 100, freeze: 's1', for: 1500 }, { at: 300, freeze: 's3', for: 200 }] }));
    sim.runFor(4000);
    expect(ofKind(sim, 'freeze').length).toBe(2);
    const again = sim.replayTo(sim.trace.length);
    expect(hashRun(again.trace, again.inputs)).toBe(hashRun(sim.trace, sim.inputs));
  });

  it('reads and writes the JSON form { "at": 2000, "freeze": "s1", "for": 8000 } and the line freeze s1 8s', () => {
    expect(readJsonSchedule({ version: 1, events: [{ at: 2000, freeze: 's1', for: 8000 }] })).toEqual([{ at: 2000, fault: { kind: 'freeze', node: 's1', forMs: 8000 } }]);
    expect(printFault({ kind: 'freeze', node: 's1', forMs: 8000 })).toBe('freeze s1 8s');
    expect(() => readJsonSchedule({ version: 1, events: [{ at: 2000, freeze: 's1' }] })).toThrow(/events\[0\]: a freeze needs "for": its duration in ms/);
    expect(() => readJsonSchedule({ version: 1, events: [{ at: 2000, freeze: 's1', for: -5 }] })).toThrow(/events\[0\]\.for: expected whole ms/);
    expect(() => readJsonSchedule({ version: 1, events: [{ at: 2000, crash: 's1', for: 5 }] })).toThrow(/events\[0\]\.for: not a field of crash/);
  });
});

describe('freeze in an ensemble', () => {
  /** When each follower of `leader` gave up on it (went LOOKING), after `since`. */
  function lookingTimes(trace: readonly TraceEvent[], followers: readonly string[], since: number): number[] {
    return followers.map((f) => trace.find((e) => e.kind === 'protocol' && e.node === f && e.time >= since && e.event.type === 'zab.state' && e.event['state'] === 'LOOKING')?.time ?? Infinity);
  }

  function leaderLoss(fault: 'crash' | 'freeze'): { detectedAfter: number[]; sim: ReturnType<typeof ensemble>; leader: string } {
    const sim = ensemble({ seed: 2 });
    runUntilReady(sim, 10_000);
    sim.runFor(1000);
    const leader = leaderOf(sim)!;
    const t = sim.now;
    applyFault(sim, fault === 'crash' ? { kind: 'crash', node: leader } : { kind: 'freeze', node: leader, forMs: 3000 });
    sim.runFor(8000);
    const followers = ['s1', 's2', 's3'].filter((s) => s !== leader);
    return { detectedAfter: lookingTimes(sim.trace, followers, t).map((x) => x - t), sim, leader };
  }

  it('followers notice a frozen leader only after syncLimit × tickTime of silence; a killed one at once', () => {
    const limit = FAST.syncLimit * FAST.tickTime;
    const crashed = leaderLoss('crash');
    for (const d of crashed.detectedAfter) expect(d).toBeLessThan(50);
    const frozen = leaderLoss('freeze');
    // The leader pings every tick, so the last packet came at most a tick before the freeze.
    for (const d of frozen.detectedAfter) {
      expect(d).toBeGreaterThanOrEqual(limit - FAST.tickTime);
      expect(d).toBeLessThanOrEqual(limit + 50);
    }
  });

  it('the frozen leader thaws into a newer epoch as a follower, and every checker is content', () => {
    const { sim, leader } = leaderLoss('freeze');
    expect(isEnsembleReady(sim)).toBe(true);
    const old = ensembleStatus(sim).find((s) => s.id === leader)!;
    expect(old.state).toBe('FOLLOWING');
    expect(leaderOf(sim)).not.toBe(leader);
    expect(checkAll(sim.trace)).toEqual([]);
  });

  it("a frozen client's session expires while it is frozen; it learns so when it thaws and reconnects", async () => {
    const sim = ensemble({ seed: 5 });
    runUntilReady(sim, 10_000);
    let frozenAt = 0;
    await run(sim, async () => {
      const zk = await connectClient(sim, { id: 'c1', servers: ['s1', 's2', 's3'], sessionTimeoutMs: 2000 });
      await zk.create('/lock', 'held', OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
      frozenAt = sim.now;
      sim.freeze('c1', 6000);
      await sleep(sim, 9000);
    });
    const protocol = (type: string) => sim.trace.filter((e): e is Extract<TraceEvent, { kind: 'protocol' }> => e.kind === 'protocol' && e.event.type === type);
    const expiry = protocol('session.expire');
    expect(expiry).toHaveLength(1);
    expect(expiry[0]!.time).toBeGreaterThan(frozenAt + 2000);
    expect(expiry[0]!.time).toBeLessThan(frozenAt + 6000);
    const deleted = protocol('txn.apply').find((e) => e.event['txn'] === 'closeSession' || e.event['path'] === '/lock');
    expect(deleted).toBeDefined();
    expect(deleted!.time).toBeLessThan(frozenAt + 6000);
    const learned = protocol('client.expired').filter((e) => e.node === 'c1');
    expect(learned).toHaveLength(1);
    expect(learned[0]!.time).toBeGreaterThanOrEqual(frozenAt + 6000);
  });
});
