/**
 * `skew <node> <offset>`: a host whose wall clock is off (`skew s2 -30s`; `skew s2 0s` sets it
 * right). ZooKeeper 3.8 reads two clocks: the wall clock (`Time.currentWallTime()`) for the
 * txn time the leader's PrepRequestProcessor stamps (a znode's ctime and mtime) and for the
 * container/TTL reaper's age of a znode (`ContainerManager.getElapsed`: wall time minus
 * mtime); the monotonic clock (`Time.currentElapsedTime()`) for everything that times out.
 *
 * - In the language: it reads, prints and spells in JSON like every fault; bad offsets are refused.
 * - In the kernel: `wallNow` is `now` plus the host's skew, which outlives a crash; the
 *   trace records it; replay rebuilds it.
 * - On a server: ctime and mtime move with the skew, sessions and their timeouts do not;
 *   a TTL node's age is wall time minus mtime, so a clock set ahead reaps it early.
 * - In an ensemble: a leader that crashes hands over to one whose clock is behind, and the
 *   ctime of what is created next goes backwards while its czxid grows.
 */
import { describe, expect, it } from 'vitest';
import { parseFault, printFault, faultFromJson, tellFault } from '../../../playground/sim/faults.ts';
import { readTextSchedule, toJsonSchedule } from '../../../playground/sim/fault-schedule.ts';
import { decodeInputs, encodeInputs } from '../../../playground/timeline/link.ts';
import { compileProgram } from '../../../playground/programs/compile.ts';
import { runProgram } from '../../../playground/programs/run-program.ts';
import { simTarget } from '../../../playground/programs/sim-target.ts';
import { Simulation, sleep, type SimNode } from '../../../playground/sim/index.ts';
import { connect } from '../../../playground/client/zookeeper.ts';
import { codeOf, runOn, standaloneSim } from '../client/standalone-sim.ts';
import { hashRun } from '../trace-hash.ts';
import { why } from './why.ts';

describe('skew in the language', () => {
  it('reads and prints signed offsets; 0 sets the clock right', () => {
    expect(parseFault('skew s2 -30s')).toEqual({ kind: 'skew', node: 's2', byMs: -30_000 });
    expect(parseFault('skew s2 +1.5s')).toEqual({ kind: 'skew', node: 's2', byMs: 1500 });
    expect(parseFault('skew s2 250ms')).toEqual({ kind: 'skew', node: 's2', byMs: 250 });
    expect(parseFault('skew s2 -0s')).toEqual({ kind: 'skew', node: 's2', byMs: 0 });
    for (const l of ['skew s2 -30s', 'skew s2 +250ms', 'skew s1 0ms']) expect(printFault(parseFault(l))).toBe(l);
    expect(tellFault(parseFault('skew s2 -30s'))).toMatch(/^s2's wall clock is now 30s behind: .*ctime and mtime/);
    expect(tellFault(parseFault('skew s2 0s'))).toBe("s2's wall clock is right again.");
  });

  it('refuses what is not an offset, and says why', () => {
    expect(why(() => parseFault('skew s2'))).toMatch(/skew needs 2 words: skew <node> <offset>/);
    expect(why(() => parseFault('skew s2 30'))).toMatch(/column 9: the skew "30" needs a unit/);
    expect(why(() => parseFault('skew s2 --30s'))).toMatch(/the skew "-30s" is not a time/);
    expect(why(() => parseFault('skew s2 -2000000s'))).toMatch(/more than 1000000000 ms/);
    expect(why(() => parseFault('skew -30s s2'))).toMatch(/"-30s" is not a node id/);
    const problems: string[] = [];
    expect(faultFromJson({ at: 0, skew: 's2' }, 'events[0]', problems)).toBeNull();
    expect(faultFromJson({ at: 0, skew: 's2', by: 1.5 }, 'events[1]', problems)).toBeNull();
    expect(faultFromJson({ at: 0, skew: 's2', by: -30000, for: 5 }, 'events[2]', problems)).toBeNull();
    expect(problems).toEqual([
      'events[0]: a skew needs "by": the clock\'s offset in ms (negative: behind)',
      'events[1].by: expected whole ms from -1000000000 to 1000000000, got 1.5',
      'events[2].for: not a field of skew',
    ]);
    expect(faultFromJson({ at: 0, skew: 's2', by: -30000 }, 'e', problems)).toEqual({ kind: 'skew', node: 's2', byMs: -30_000 });
  });

  it("a lab's link carries it, sign and all", () => {
    const inputs = [
      { at: 120, action: parseFault('skew s1 -30s') },
      { at: 130, action: parseFault('skew s2 +250ms') },
    ];
    expect(encodeInputs(inputs)).toBe('120:skew+s1+-30s~130:skew+s2+%2B250ms');
    expect(decodeInputs(encodeInputs(inputs))).toEqual(inputs);
  });
});

describe('skew in the kernel', () => {
  it('wallNow is now plus the host skew, kept across a crash; traced; replayed', () => {
    const sim = new Simulation({ seed: 1 });
    const clock: SimNode['step'] = (input, ctx) => (input.kind === 'request' ? [{ kind: 'output', value: { now: ctx.now, wall: ctx.wallNow } }] : []);
    for (const id of ['a', 'b']) sim.addNode(id, (nodeId) => ({ id: nodeId, step: clock }));
    const read = (id: string) => {
      sim.request(id, 'time?');
      return sim.trace.at(-1)!.kind === 'output' ? (sim.trace.at(-1) as { value: unknown }).value : undefined;
    };
    sim.runFor(100);
    sim.skew('a', -30_000);
    sim.runFor(50);
    expect(sim.trace.filter((e) => e.kind === 'skew')).toMatchObject([{ kind: 'skew', node: 'a', byMs: -30_000, time: 100 }]);
    expect(read('a')).toEqual({ now: 150, wall: 150 - 30_000 });
    sim.crash('a');
    sim.restart('a');
    sim.runFor(10);
    expect(read('a')).toEqual({ now: 160, wall: 160 - 30_000 });
    expect(read('b')).toEqual({ now: 160, wall: 160 });
    sim.skew('a', 0);
    expect(read('a')).toEqual({ now: 160, wall: 160 });
    const again = sim.replayTo(sim.trace.length);
    expect(hashRun(again.trace, again.inputs)).toBe(hashRun(sim.trace, sim.inputs));
    expect(() => sim.skew('a', 0.5)).toThrow(/skew: need an integer ms/);
    expect(() => sim.skew('zz', 5)).toThrow(/no node zz/);
  });
});

describe('skew on a standalone server', () => {
  it('ctime and mtime come from the wall clock; the session does not notice', async () => {
    const sim = standaloneSim(7);
    const out = await runOn(sim, async () => {
      const zk = await connect(sim, { id: 'c1', servers: ['s1'], sessionTimeoutMs: 4000 });
      await zk.create('/e', '', undefined, 'EPHEMERAL');
      const before = (await zk.exists('/e'))!;
      sim.skew('s1', -30_000);
      await zk.create('/later');
      const t = sim.now;
      await zk.setData('/e', 'x');
      const later = (await zk.exists('/later'))!;
      const e = (await zk.exists('/e'))!;
      sim.skew('s1', 60_000); // a jump ahead: no session is older for it
      await sleep(sim, 6000);
      return { before: before.ctime, later: later.ctime, t, mtime: e.mtime, czxids: later.czxid > before.czxid, state: zk.state, eph: await codeOf(zk.exists('/e')) };
    });
    expect(out.later).toBeLessThan(out.before);
    expect(out.mtime - (out.t - 30_000)).toBeGreaterThanOrEqual(0);
    expect(out.mtime - (out.t - 30_000)).toBeLessThan(20);
    expect(out).toMatchObject({ czxids: true, state: 'CONNECTED', eph: 'ok' });
    expect(sim.trace.some((e) => e.kind === 'protocol' && e.event.type === 'session.expire')).toBe(false);
  });

  it("a TTL node's age is wall time minus its mtime: a clock set ahead reaps it early", async () => {
    const ttlKept = async (skewMs: number) => {
      const sim = standaloneSim(7);
      return runOn(sim, async () => {
        const zk = await connect(sim, { id: 'c1', servers: ['s1'], sessionTimeoutMs: 4000 });
        await zk.create('/t', null, undefined, 'PERSISTENT_WITH_TTL', 60_000);
        sim.skew('s1', skewMs);
        await sleep(sim, 1200);
        return (await zk.exists('/t')) !== null;
      });
    };
    expect(await ttlKept(0)).toBe(true);
    expect(await ttlKept(-120_000)).toBe(true);
    expect(await ttlKept(120_000)).toBe(false);
  });
});

describe('skew in an ensemble', () => {
  const program = [
    "const zk = await connect({ sessionTimeoutMs: 8000 });",
    'async function make(path: string) {',
    '  for (;;) {',
    "    try { await zk.create(path, '', OPEN_ACL_UNSAFE, CreateMode.PERSISTENT); break; }",
    "    catch (err) { if (err instanceof KeeperException && err.code === 'NODEEXISTS') break; if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err; await sleep(100); }",
    '  }',
    '  for (;;) {',
    '    try { const s = (await zk.exists(path))!; console.log(`${path} ${s.ctime} ${s.czxid}`); return; }',
    "    catch (err) { if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err; await sleep(100); }",
    '  }',
    '}',
    "await make('/before');",
    'await sleep(4000);',
    "await make('/after');",
    'await zk.close();',
  ].join('\n');
  const schedule = toJsonSchedule(readTextSchedule(['at 0ms skew s1 -30s', 'at 0ms skew s2 -30s', 'at 1s crash s3', 'at 3s restart s3'].join('\n')));

  async function runIt() {
    const target = simTarget({ seed: 4, servers: 3, faults: schedule });
    const compiled = compileProgram(program);
    if (!compiled.ok) throw new Error(compiled.error.message);
    const result = await runProgram(compiled.js, target);
    return { target, result };
  }

  it('a new leader whose clock is behind: ctime goes backwards, czxid grows; same run every time', async () => {
    const { target, result } = await runIt();
    expect(result.status.kind).toBe('finished');
    const facts = result.output.map((l) => l.text.split(' '));
    const [, ctimeBefore, czxidBefore] = facts[0]!;
    const [, ctimeAfter, czxidAfter] = facts[1]!;
    expect(facts.map((f) => f[0])).toEqual(['/before', '/after']);
    expect(Number(ctimeAfter)).toBeLessThan(Number(ctimeBefore));
    expect(BigInt(czxidAfter!)).toBeGreaterThan(BigInt(czxidBefore!));
    // The leader at the start was s3 (the one crashed), with its clock right.
    const leaders = target.sim.trace.filter((e) => e.kind === 'protocol' && e.event.type === 'zab.established').map((e) => (e.kind === 'protocol' ? e.node : ''));
    expect(leaders[0]).toBe('s3');
    expect(leaders.at(-1)).not.toBe('s3');
    const again = await runIt();
    expect(hashRun(again.target.sim.trace, again.target.sim.inputs)).toBe(hashRun(target.sim.trace, target.sim.inputs));
  });
});
