/**
 * The fenced counter's clock episode (content/exercises/fenced-counter/check.ts): in every
 * schedule the servers' wall clocks disagree, s3 (the first leader) ahead by 5 to 40 s and
 * the others by at most 2 s, so that a leader change sets ctime back; in most schedules the
 * leader crashes, never while another server is down (the ensemble keeps a majority), and
 * comes back. Without these a ctime fencing token would pass the check.
 */
import { describe, expect, it } from 'vitest';
import type { ExerciseCheck } from '../../../playground/exercises/exercise.ts';
import { readJsonSchedule } from '../../../playground/sim/fault-schedule.ts';

const check = ((await import('../../../content/exercises/fenced-counter/check.ts')) as { default: ExerciseCheck }).default;

describe('fenced-counter: the servers’ clocks and the leader crash', () => {
  it('every schedule skews the clocks; most crash the leader while the others are up', () => {
    let leaderCrashes = 0;
    for (let seed = 1; seed <= check.schedules; seed++) {
      const schedule = readJsonSchedule(check.faults(seed), { servers: ['s1', 's2', 's3'], clients: 'numbered' });
      const skews = new Map(schedule.flatMap((t) => (t.fault.kind === 'skew' && t.at === 0 ? [[t.fault.node, t.fault.byMs] as const] : [])));
      expect(skews.get('s3'), `seed ${seed}`).toBeGreaterThanOrEqual(5000);
      for (const s of ['s1', 's2']) expect(Math.abs(skews.get(s) ?? Infinity), `seed ${seed} ${s}`).toBeLessThanOrEqual(2000);
      // Servers down over time: never two at once.
      const down = new Set<string>();
      for (const t of schedule) {
        if (t.fault.kind === 'crash') {
          down.add(t.fault.node);
          expect(down.size, `seed ${seed}: at ${t.at} ms ${[...down].join(' and ')} are down`).toBe(1);
          if (t.fault.node === 's3') leaderCrashes++;
        }
        if (t.fault.kind === 'restart') down.delete(t.fault.node);
      }
      expect(down.size, `seed ${seed}: a server never comes back`).toBe(0);
    }
    expect(leaderCrashes).toBeGreaterThanOrEqual(check.schedules / 2);
  });
});
