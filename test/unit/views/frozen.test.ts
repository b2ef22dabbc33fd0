/**
 * A frozen host in the live views: the digest marks it frozen (and the fast digest agrees
 * with a fold from scratch across the freeze and the thaw), the ensemble draws it FROZEN
 * with the messages sent to it waiting at its door, the space-time diagram draws a frozen
 * band on its lane from the freeze to the thaw (open while it lasts), and the narration says the fault language's sentence, then the thaw's.
 */
import { describe, expect, it } from 'vitest';
import { SCENARIOS, Timeline } from '../../../playground/timeline/index.ts';
import { buildEnsembleModel } from '../../../src/views/ensemble-model.ts';
import { narrate } from '../../../src/views/narration.ts';
import { BandIndex } from '../../../src/views/space-time-bands.ts';
import { buildSpaceTimeModel } from '../../../src/views/space-time-model.ts';
import { clusterAt, TraceDigest } from '../../../src/views/trace-digest.ts';

function frozenLeaderRun(): { tl: Timeline; leader: string; at: number; time: number } {
  const tl = new Timeline(SCENARIOS.get('failures')!, 1);
  tl.seekTime(3000);
  const st = clusterAt(tl.trace, tl.position, tl.servers, tl.clients);
  const leader = [...st.servers.values()].find((s) => s.up && s.role === 'LEADING')!.id;
  const at = tl.position;
  const time = tl.time;
  tl.act({ kind: 'freeze', node: leader, forMs: 2000 });
  return { tl, leader, at, time };
}

describe('a frozen host in the views', () => {
  it('the digest marks it frozen until the thaw, and agrees with a fold from scratch', () => {
    const { tl, leader, time } = frozenLeaderRun();
    tl.seekTime(time + 500);
    const mid = tl.position;
    tl.seekTime(time + 2500);
    const digest = new TraceDigest(tl.trace, tl.servers, tl.clients);
    expect(digest.at(mid).servers.get(leader)!.frozen).toBe(true);
    expect(digest.at(tl.position).servers.get(leader)!.frozen).toBe(false);
    for (const p of [mid, tl.position, mid - 1, mid + 7]) expect(digest.at(p).servers.get(leader)).toEqual(clusterAt(tl.trace, p, tl.servers, tl.clients).servers.get(leader));
  });

  it('draws it FROZEN, with what was sent to it waiting at its door', () => {
    const { tl, leader, time } = frozenLeaderRun();
    tl.seekTime(time + 300);
    const st = clusterAt(tl.trace, tl.position, tl.servers, tl.clients);
    const model = buildEnsembleModel(st, tl.time, tl.servers, tl.clients);
    const mark = model.servers.find((s) => s.id === leader)!;
    expect(mark).toMatchObject({ frozen: true, up: true, roleLine: '❄ FROZEN' });
    expect(mark.label).toContain('its host frozen');
    const waiting = model.messages.filter((m) => m.to === leader && m.held);
    expect(waiting.length).toBeGreaterThan(0);
    for (const m of waiting) {
      expect(m.progress).toBe(1);
      expect(m.summary).toContain(`waiting for ${leader}'s frozen host`);
    }
    expect(model.servers.filter((s) => s.frozen).map((s) => s.id)).toEqual([leader]);
  });

  it('draws a frozen band on its lane from the freeze to the thaw, and narrates both', () => {
    const { tl, leader, at, time } = frozenLeaderRun();
    tl.seekTime(time + 500);
    const during = tl.position;
    tl.seekTime(time + 2100);
    const digest = new TraceDigest(tl.trace, tl.servers, tl.clients);
    const bands = new BandIndex(tl.trace, tl.servers, tl.clients);
    const frozen = (position: number) =>
      buildSpaceTimeModel(tl.trace, position, digest.at(position), tl.trace[position - 1]!.time, tl.servers, tl.clients, (i) => digest.endOf(i), { windowMs: 4000, bands })
        .bands.filter((b) => b.kind === 'frozen')
        .map((b) => [b.lane, b.open, b.label.replace(/ from .*/, '')]);
    expect(frozen(tl.position)).toEqual([[leader, false, `${leader} frozen`]]);
    expect(frozen(during)).toEqual([[leader, true, `${leader} frozen`]]);
    expect(frozen(at)).toEqual([]);
    expect(narrate(tl.trace, at, at + 1)).toEqual([`${leader}'s host froze for 2s (as in a long GC pause): it sends, receives and times nothing, and closes nothing, so its peers notice only when their own timers run out.`]);
    const thaw = tl.trace.findIndex((e) => e.kind === 'thaw');
    expect(narrate(tl.trace, thaw, thaw + 1)).toEqual([`${leader}'s host runs again: it takes in what arrived while it was frozen, then its overdue timers fire.`]);
  });
});
