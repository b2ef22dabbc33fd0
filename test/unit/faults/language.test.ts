/**
 * The fault language (playground/sim/faults.ts, fault-schedule.ts, command-line.ts): its
 * printer and parser are inverse on every fault (a property test), the JSON spelling reads
 * back what it writes, every malformed line or event is refused with a message that says why
 * and where, and a schedule written as text runs exactly as the same schedule in JSON.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CommandError, formatMs, MAX_COMMAND_MS, parseMs, tokenize } from '../../../playground/sim/command-line.ts';
import { parseTimedFault, printTimedFault, readJsonSchedule, readSchedule, readTextSchedule, scheduleFaults, toJsonSchedule, toTextSchedule, type TimedFault } from '../../../playground/sim/fault-schedule.ts';
import { applyFault, checkFault, faultFromJson, faultToJson, parseFault, printFault, type Fault, type KnownNodes } from '../../../playground/sim/faults.ts';
import { Simulation } from '../../../playground/sim/simulation.ts';
import { addEnsemble, runUntilReady } from '../../../playground/zab/ensemble.ts';
import { FAST } from '../zab/helpers.ts';
import { hashRun } from '../trace-hash.ts';
import { why } from './why.ts';

const node = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,15}$/);
const ms = fc.integer({ min: 0, max: MAX_COMMAND_MS });
const range = fc.tuple(ms, ms).map(([a, b]): [number, number] => (a <= b ? [a, b] : [b, a]));

const fault: fc.Arbitrary<Fault> = fc.oneof(
  node.map((n) => ({ kind: 'crash', node: n }) as const),
  node.map((n) => ({ kind: 'restart', node: n }) as const),
  fc.tuple(node, fc.integer({ min: 1, max: MAX_COMMAND_MS })).map(([n, forMs]) => ({ kind: 'freeze', node: n, forMs }) as const),
  fc.uniqueArray(node, { minLength: 1, maxLength: 8 }).chain((ids) =>
    fc.integer({ min: 1, max: ids.length }).chain((k) =>
      fc.array(fc.integer({ min: 0, max: k - 1 }), { minLength: ids.length, maxLength: ids.length }).map((sideOf) => {
        const groups: string[][] = Array.from({ length: k }, () => []);
        ids.forEach((id, i) => groups[sideOf[i]!]!.push(id));
        return { kind: 'partition', groups: groups.filter((g) => g.length > 0) } as const;
      }),
    ),
  ),
  fc.constant({ kind: 'heal' } as const),
  fc.tuple(node, node).filter(([a, b]) => a !== b).map(([a, b]) => ({ kind: 'break', a, b }) as const),
  range.map(([minMs, maxMs]) => ({ kind: 'latency', minMs, maxMs }) as const),
  fc.tuple(range, node, node).filter(([, a, b]) => a !== b).map(([[minMs, maxMs], a, b]) => ({ kind: 'latency', minMs, maxMs, between: [a, b] }) as const),
  fc.tuple(node, fc.integer({ min: -MAX_COMMAND_MS, max: MAX_COMMAND_MS })).map(([n, byMs]) => ({ kind: 'skew', node: n, byMs: byMs || 0 }) as const),
);

const KNOWN: KnownNodes = { servers: ['s1', 's2', 's3'], clients: 'numbered' };

describe('printer and parser', () => {
  it('parse(print(f)) is f, for every fault (property)', () => {
    fc.assert(
      fc.property(fault, (f) => {
        expect(parseFault(printFault(f))).toEqual(f);
      }),
      { numRuns: 2000 },
    );
  });

  it('so is a timed fault, and the JSON spelling reads back what it writes', () => {
    fc.assert(
      fc.property(ms, fault, (at, f) => {
        const t: TimedFault = { at, fault: f };
        expect(parseTimedFault(printTimedFault(t))).toEqual(t);
        const problems: string[] = [];
        expect(faultFromJson({ at, ...faultToJson(f) }, 'e', problems)).toEqual(f);
        expect(problems).toEqual([]);
        expect(readJsonSchedule(toJsonSchedule([t]))).toEqual([t]);
      }),
      { numRuns: 1000 },
    );
  });

  it('prints canonical lines, and reads the friendlier spellings too', () => {
    const lines = ['crash s1', 'restart s1', 'freeze s2 8s', 'freeze c1 3900ms', 'latency c1 s1 3900ms', 'latency c1 s1 1ms 20ms', 'partition s1 c1 | s2 s3', 'heal', 'break c1 s2', 'latency 1ms 20ms', 'latency 5ms'];
    for (const l of lines) expect(printFault(parseFault(l))).toBe(l);
    expect(parseFault('partition s1|s2\ts3')).toEqual({ kind: 'partition', groups: [['s1'], ['s2', 's3']] });
    expect(parseFault('  latency   1.5s 2s ')).toEqual({ kind: 'latency', minMs: 1500, maxMs: 2000 });
    expect(parseTimedFault('at 8s heal   # the end')).toEqual({ at: 8000, fault: { kind: 'heal' } });
    expect([0, 1, 999, 1000, 3900, 8000, 61_000].map(formatMs)).toEqual(['0ms', '1ms', '999ms', '1s', '3900ms', '8s', '61s']);
  });

  it('splits words as zkCli does, with quotes and escapes', () => {
    expect(tokenize('create /a "two words" "say \\"hi\\""').map((w) => w.text)).toEqual(['create', '/a', 'two words', 'say "hi"']);
    expect(tokenize('heal # later', { comments: true }).map((w) => w.text)).toEqual(['heal']);
  });
});

describe('the validator refuses what is wrong, and says why and where', () => {
  const refused: readonly (readonly [string, RegExp])[] = [
    ['explode s1', /column 1: "explode" is not a fault \(crash, restart, freeze, partition, heal, break, latency, skew\)/],
    ['crash', /column 6: crash needs a node: crash <node>/],
    ['crash s1 s2', /column 10: crash takes 1 word: crash <node>/],
    ['crash 1x', /column 7: "1x" is not a node id such as s1 or c2/],
    ['crash "s1"', /is not a node id/],
    ['heal now', /column 6: heal takes nothing more/],
    ['break s1 s1', /a connection needs two different nodes, not s1 twice/],
    ['break s1', /break needs 2 words/],
    ['partition', /partition needs the nodes of a side/],
    ['partition s1 | | s2', /column 16: a side of the partition is empty/],
    ['partition s1 |', /a side of the partition is empty/],
    ['partition s1 s2 | s1', /s1 is in two groups/],
    ['latency', /latency needs a delay/],
    ['latency 20', /column 9: the delay "20" needs a unit: 20ms or 20s/],
    ['latency 20ms 10ms', /the range 20ms\.\.10ms ends below its start/],
    ['latency 1ms 2ms 3ms', /column 17: latency takes a delay or a range/],
    ['latency 1.5ms', /not a whole number of milliseconds/],
    ['latency 1.0005s', /finer than a millisecond/],
    ['latency 1000001s', /more than 1000000000 ms/],
    ['latency 99999999999999999999ms', /more than 1000000000 ms/],
    ['latency 5x', /"5x" is not a time such as 800ms or 8s/],
    ['latency fast', /latency between two nodes names both/],
  ];
  for (const [line, message] of refused) {
    it(`"${line}"`, () => {
      const m = why(() => parseFault(line));
      expect(m).toMatch(message);
      expect(why(() => parseFault(line)) !== 'no error').toBe(true);
    });
  }

  it('refuses nodes the ensemble does not have, naming the ones it has', () => {
    expect(checkFault(parseFault('crash s4'), KNOWN)).toEqual(['s4 is not a node of this ensemble (servers s1, s2, s3; clients c1, c2, …)']);
    expect(checkFault(parseFault('partition s1 c7 | x9'), KNOWN)).toEqual(['x9 is not a node of this ensemble (servers s1, s2, s3; clients c1, c2, …)']);
    expect(checkFault(parseFault('break c0 s1'), { servers: ['s1'], clients: ['c1', 'c2'] })).toEqual(['c0 is not a node of this ensemble (servers s1; clients c1, c2)']);
    expect(checkFault(parseFault('crash c12'), KNOWN)).toEqual([]);
  });

  it('text schedules: every problem with its line and column; comments and blank lines skipped', () => {
    const text = ['# a schedule', '', 'at 800ms crash s1', 'crash s2', 'at 1s crash s9', 'at 2 heal', 'at 3s latency 9ms 1ms', 'at 4s'].join('\n');
    const m = why(() => readTextSchedule(text, KNOWN));
    expect(m).toContain('line 4, column 1: a scheduled fault starts with its time: at 800ms crash s1');
    expect(m).toContain('line 5: s9 is not a node of this ensemble');
    expect(m).toContain('line 6, column 4: the time "2" needs a unit: 2ms or 2s');
    expect(m).toContain('line 7, column 7: the range 9ms..1ms ends below its start');
    expect(m).toContain('line 8, column 6: a fault is missing');
    expect(m).not.toContain('line 3');
    expect(readTextSchedule('# nothing\n\n')).toEqual([]);
  });

  it('JSON schedules: every problem with its path', () => {
    const bad = {
      version: 2,
      extra: 1,
      events: [
        { at: -1, crash: 's1' },
        { at: 5, crash: 's1', heal: true },
        { at: 5, partition: [['s1'], ['s1']] },
        { at: 1, latency: [5, 1] },
        { at: 1, frobnicate: 1 },
        { at: 1e300, heal: true },
        { at: 1.5, heal: true },
        { at: 1, crash: 's7' },
        { at: 1, break: ['s1'] },
        { at: 1, latency: [1, 2 ** 60] },
        { at: 1, heal: 'yes' },
        'crash s1',
      ],
    };
    const m = why(() => readJsonSchedule(bad, KNOWN));
    for (const part of [
      'version: expected 1, got 2',
      'extra: unknown field',
      'events[0].at: expected whole ms from 0 to 1000000000, got -1',
      'events[1]: expected exactly one of crash, restart, freeze, partition, heal, break, latency, skew, got crash and heal',
      'events[2].partition: s1 is in two groups',
      'events[3].latency: the range 5ms..1ms ends below its start',
      'events[4].frobnicate: unknown field',
      'events[4]: expected exactly one of',
      'events[5].at: expected whole ms from 0 to 1000000000, got 1e+300',
      'events[6].at: expected whole ms',
      'events[7]: s7 is not a node of this ensemble (servers s1, s2, s3; clients c1, c2, …)',
      'events[8].break: expected two node ids such as ["c1", "s2"], got ["s1"]',
      'events[9].latency: expected [min, max], whole ms from 0 to 1000000000, got [1,1152921504606847000]',
      'events[10].heal: expected true, got "yes"',
      'events[11]: expected an object',
    ]) expect(m).toContain(part);
    expect(why(() => readSchedule('{'))).toMatch(/not JSON/);
  });

  it('CommandError carries the reason and the column apart', () => {
    let err: unknown;
    try {
      parseMs({ text: '7', quoted: false, column: 3 }, 'the time');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CommandError);
    expect((err as CommandError).column).toBe(3);
    expect((err as CommandError).why).toBe('the time "7" needs a unit: 7ms or 7s');
  });
});

describe('the applier', () => {
  function ensemble(): Simulation {
    const sim = new Simulation({ seed: 3 });
    addEnsemble(sim, { size: 3, config: FAST });
    runUntilReady(sim, 10_000);
    return sim;
  }

  it('skips what cannot apply, and says so', () => {
    const sim = ensemble();
    expect(applyFault(sim, parseFault('crash s1'))).toBe(true);
    expect(applyFault(sim, parseFault('crash s1'))).toBe(false);
    expect(applyFault(sim, parseFault('restart s2'))).toBe(false);
    expect(applyFault(sim, parseFault('restart s1'))).toBe(true);
    expect(applyFault(sim, parseFault('crash s9'))).toBe(false);
    expect(applyFault(sim, parseFault('break s1 c9'))).toBe(false);
    expect(applyFault(sim, { kind: 'break', a: 's1', b: 's1' })).toBe(false);
    expect(applyFault(sim, { kind: 'latency', minMs: 5, maxMs: 1 })).toBe(false);
    expect(applyFault(sim, parseFault('partition s1 s2 s3'), { everyone: ['s1', 's2', 's3'] })).toBe(false);
    expect(applyFault(sim, parseFault('partition s1'), { everyone: ['s1', 's2', 's3'] })).toBe(true);
    expect(sim.trace.at(-1)).toMatchObject({ kind: 'partition', groups: [['s1'], ['s2', 's3']] });
  });

  it('a schedule written as text runs exactly as the same schedule in JSON', () => {
    const text = ['at 300ms crash s3', 'at 500ms partition s1 | s2 s3', 'at 900ms heal', 'at 1s latency 1ms 20ms', 'at 1200ms restart s3', 'at 1300ms break s1 s2'].join('\n');
    const json = JSON.stringify(toJsonSchedule(readTextSchedule(text)));
    expect(toTextSchedule(readSchedule(json))).toEqual(text.split('\n'));
    const run = (schedule: string): string => {
      const sim = ensemble();
      scheduleFaults(sim, readSchedule(schedule, KNOWN));
      sim.runFor(4000);
      return hashRun(sim.trace, sim.inputs);
    };
    expect(run(text)).toBe(run(json));
  });
});
