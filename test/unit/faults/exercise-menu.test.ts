/**
 * The exercises' fault menus draw the new faults when a check asks for them, written in the
 * one language: `freeze-server` (a hung server), `freeze-client` (the lock holder's GC pause:
 * its session expires while it is frozen, and it hears so only after) and `slow-link` (one
 * client's links slowed to seconds). The old menu items draw what they always drew
 * (test/unit/faults/compat.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { describeSchedule, drawFaults, type FaultMenu } from '../../../playground/exercises/faults.ts';
import { compileProgram } from '../../../playground/programs/compile.ts';
import { runProgram } from '../../../playground/programs/run-program.ts';
import { simTarget } from '../../../playground/programs/sim-target.ts';
import { readJsonSchedule } from '../../../playground/sim/fault-schedule.ts';

const MENU: Omit<FaultMenu, 'kinds'> = { servers: ['s1', 's2', 's3'], clients: ['c1'], sessionTimeoutMs: 4000, startMs: 500, endMs: 1000, maxEpisodes: 1 };
const KNOWN = { servers: ['s1', 's2', 's3'], clients: 'numbered' as const };

describe('exercise menus draw the new faults', () => {
  it('freeze-server, freeze-client and slow-link: valid schedules, printed as lines', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const server = readJsonSchedule(drawFaults(seed, { ...MENU, kinds: ['freeze-server'] }), KNOWN);
      expect(server.map((t) => t.fault.kind)).toEqual(['freeze']);
      const client = readJsonSchedule(drawFaults(seed, { ...MENU, kinds: ['freeze-client'] }), KNOWN);
      expect(client).toHaveLength(1);
      const f = client[0]!.fault;
      expect(f.kind === 'freeze' && f.node === 'c1' && f.forMs >= 6000 && f.forMs <= 10_000).toBe(true);
      const slow = readJsonSchedule(drawFaults(seed, { ...MENU, kinds: ['slow-link'] }), KNOWN);
      expect(slow.map((t) => (t.fault.kind === 'latency' ? (t.fault.between?.join('-') ?? 'everywhere') : t.fault.kind))).toEqual(['c1-s1', 'c1-s2', 'c1-s3', 'everywhere']);
    }
    expect(describeSchedule(drawFaults(1, { ...MENU, kinds: ['freeze-client'] }))[0]).toMatch(/^at \d+ms freeze c1 \d+(ms|s)$/);
  });

  it("freeze-client: the session expires while the client is frozen, and the program hears so only after", async () => {
    const faults = drawFaults(3, { ...MENU, kinds: ['freeze-client'] });
    const [t] = readJsonSchedule(faults);
    const target = simTarget({ seed: 3, servers: 3, faults });
    const c = compileProgram(
      [
        'const zk = await connect({ sessionTimeoutMs: 4000, watcher: (e) => { if (e.state === "Expired") console.log("expired"); } });',
        "await zk.create('/held', 'x', OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);",
        'await sleep(20000);',
      ].join('\n'),
    );
    if (!c.ok) throw new Error(c.error.message);
    const result = await runProgram(c.js, target);
    expect(result.status.kind).toBe('finished');
    const freeze = target.sim.trace.find((e) => e.kind === 'freeze')!;
    const protocol = (type: string) => target.sim.trace.filter((e) => e.kind === 'protocol' && e.event.type === type);
    const expiry = protocol('session.expire')[0]!;
    expect(expiry.time).toBeGreaterThan(freeze.time);
    expect(expiry.time).toBeLessThan(freeze.time + (t!.fault.kind === 'freeze' ? t!.fault.forMs : 0));
    expect(protocol('client.expired')[0]!.time).toBeGreaterThanOrEqual(freeze.time + (t!.fault.kind === 'freeze' ? t!.fault.forMs : 0));
    expect(result.output.map((l) => l.text)).toEqual(['expired']);
  });
});
