/**
 * The space-time diagram's bands and window on real runs: an election from the start until a
 * leader serves, and again after the leader crashes; the crashed server down until it
 * restarts; a partition from its start to the heal; a band that ends after the position is
 * drawn open (the diagram is a function of the position, however far the trace was computed);
 * and the case: after 60 steps of the Zab lab the arrows spread over the plot instead
 * of its first 40 px, with no two labels overlapping.
 */
import { describe, expect, it } from 'vitest';
import { SCENARIOS, Timeline } from '../../../playground/timeline/index.ts';
import { BandIndex, type Band } from '../../../src/views/space-time-bands.ts';
import { buildSpaceTimeModel } from '../../../src/views/space-time-model.ts';
import { fitSpan, followWindow } from '../../../src/views/space-time-window.ts';
import { TraceDigest } from '../../../src/views/trace-digest.ts';

const leaderAt = (d: TraceDigest, p: number): string | undefined => [...d.at(p).servers.values()].find((s) => s.up && s.role === 'LEADING' && s.phase === 'BROADCAST')?.id;
const brief = (b: Band) => [b.kind, b.lane, b.to === null ? 'open' : 'closed'];

describe('space-time bands', () => {
  it('an election until a leader serves; down from the crash to the restart; the next election; a partition', () => {
    const tl = new Timeline(SCENARIOS.get('zab')!, 7);
    tl.seekTime(1200);
    const d1 = new TraceDigest(tl.trace, tl.servers, tl.clients);
    const leader = leaderAt(d1, tl.position)!;
    expect(leader).toMatch(/^s\d$/);
    const beforeCrash = tl.position;
    tl.act({ kind: 'crash', node: leader });
    const crashed = tl.position;
    const crashTime = tl.time;
    tl.seekTime(tl.time + 3000);
    tl.act({ kind: 'restart', node: leader });
    tl.act({ kind: 'partition', groups: [['s1', 's2']] });
    const parted = tl.position;
    tl.seekTime(tl.time + 500);
    tl.act({ kind: 'heal' });
    tl.seekTime(tl.time + 100);
    const bands = new BandIndex(tl.trace, tl.servers, tl.clients);
    const all = bands.bandsIn(0, tl.time, tl.position);
    const elections = all.filter((b) => b.kind === 'election');
    expect(elections.length).toBeGreaterThanOrEqual(2);
    expect(elections[0]!.from).toBe(0);
    expect(elections.some((b) => b.from === crashTime && b.to !== null)).toBe(true);
    expect(all.filter((b) => b.kind === 'down').map(brief)).toEqual([['down', leader, 'closed']]);
    expect(all.filter((b) => b.kind === 'partition').map((b) => [b.text, b.fromIndex < parted, b.to !== null])).toEqual([['partition s1 s2 | s3 s4 s5 c1 c2 c3 c4', true, true]]);
    expect(all.filter((b) => b.kind === 'leading').length).toBeGreaterThanOrEqual(2);
    // Seen from a position inside the crash, the down band is open; before it, absent.
    expect(bands.bandsIn(0, tl.time, crashed + 5).filter((b) => b.kind === 'down').map(brief)).toEqual([['down', leader, 'open']]);
    expect(bands.bandsIn(0, tl.time, beforeCrash).filter((b) => b.kind === 'down')).toEqual([]);
    // A window before the crash has none of it.
    expect(bands.bandsIn(0, 100, tl.position).every((b) => b.from <= 100)).toBe(true);
  });

  it('after 60 steps of the Zab lab, the arrows spread over the plot, and labels never overlap', () => {
    const tl = new Timeline(SCENARIOS.get('zab')!, 7);
    for (let i = 0; i < 60; i++) tl.stepForward();
    const digest = new TraceDigest(tl.trace, tl.servers, tl.clients);
    const sends = tl.trace.slice(0, tl.position).flatMap((e) => (e.kind === 'send' ? [e.sentAt] : []));
    const window = followWindow(tl.time, fitSpan(sends, tl.time, 24, { minSpan: 20, maxSpan: 800 }));
    const model = buildSpaceTimeModel(tl.trace, tl.position, digest.at(tl.position), tl.time, tl.servers, tl.clients, (i) => digest.endOf(i), {
      window,
      width: 640,
      hidePings: true,
      bands: new BandIndex(tl.trace, tl.servers, tl.clients),
    });
    const xs = model.arrows.flatMap((a) => [a.x1 + model.shift, a.x2 + model.shift]);
    expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(0.6 * model.plotW);
    // The old fixed 800 ms window put them all in its first 40 px.
    const old = buildSpaceTimeModel(tl.trace, tl.position, digest.at(tl.position), tl.time, tl.servers, tl.clients, (i) => digest.endOf(i), { window: { t0: 0, t1: 800 }, width: 640 });
    const oldXs = old.arrows.flatMap((a) => [a.x1 + old.shift, a.x2 + old.shift]);
    expect(Math.max(...oldXs) - Math.min(...oldXs)).toBeLessThan(40);
    expect(model.bands.some((b) => b.kind === 'election' && b.open)).toBe(true);
    for (let i = 0; i < model.labels.length; i++)
      for (let j = i + 1; j < model.labels.length; j++) {
        const a = model.labels[i]!;
        const b = model.labels[j]!;
        const wa = a.text.length * 5.5;
        const wb = b.text.length * 5.5;
        const ax = a.anchor === 'start' ? a.x : a.x - wa / 2;
        const bx = b.anchor === 'start' ? b.x : b.x - wb / 2;
        const overlap = ax < bx + wb && bx < ax + wa && a.y - 9 < b.y + 2 && b.y - 9 < a.y + 2;
        expect(overlap, `${a.text} / ${b.text}`).toBe(false);
      }
  });
});
