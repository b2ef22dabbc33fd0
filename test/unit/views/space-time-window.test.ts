/**
 * The space-time diagram's window maths: the 1–2–5 ladder, the width that fits the recent
 * messages, following now, zoom anchored at a time (that time keeps its place on the plot),
 * pan within [0, now], the limits, and the way back to following. Plus the label placer:
 * no two placed labels overlap, the important ones win, and blocked areas stay clear.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fitSpan, followWindow, ladderStep, panWindow, reachesNow, RIGHT_PAD, tickText, ticksFor, timeAt, zoomWindow } from '../../../src/views/space-time-window.ts';
import { placeLabels, type LabelCandidate } from '../../../src/views/space-time-model.ts';

const limits = { minSpan: 10, maxSpan: 60_000 };

describe('the time window', () => {
  it('rounds up on a 1–2–5 ladder', () => {
    expect([1, 7, 10, 11, 20, 21, 47.6, 50, 51, 180, 999, 1001].map(ladderStep)).toEqual([1, 10, 10, 20, 20, 50, 50, 50, 100, 200, 1000, 2000]);
    expect(ladderStep(0)).toBe(1);
    expect(ladderStep(-5)).toBe(1);
  });

  it('fits the recent messages: the 60-step Zab case fills the plot instead of its first 40 px', () => {
    // Messages sent over the first 40 ms, now = 43 ms: the latest 24 (from 16 ms) fit 50 ms, not 800.
    const sends = Array.from({ length: 40 }, (_, i) => i);
    expect(fitSpan(sends, 43, 24, { minSpan: 20, maxSpan: 800 })).toBe(50);
    expect(fitSpan(sends, 43, 40, { minSpan: 20, maxSpan: 800 })).toBe(100);
    expect(fitSpan(sends.slice(0, 10), 12, 24, { minSpan: 20, maxSpan: 800 })).toBe(20);
    // The 24th latest send decides, not the oldest.
    const spread = [0, 100, 200, ...Array.from({ length: 24 }, (_, i) => 1000 + i)];
    expect(fitSpan(spread, 1030, 24, { minSpan: 20, maxSpan: 800 })).toBe(50);
    // Within the limits.
    expect(fitSpan([0], 100_000, 24, { minSpan: 20, maxSpan: 800 })).toBe(800);
    expect(fitSpan([], 500, 24, { minSpan: 20, maxSpan: 800 })).toBe(20);
  });

  it('follows now, starting at 0 until now is far enough', () => {
    expect(followWindow(30, 100)).toEqual({ t0: 0, t1: 100 });
    const w = followWindow(1000, 100);
    expect(w.t1 - w.t0).toBe(100);
    expect(w.t1).toBeCloseTo(1000 + 100 * RIGHT_PAD);
    expect(reachesNow(w, 1000)).toBe(true);
    expect(reachesNow({ t0: 500, t1: 600 }, 1000)).toBe(false);
  });

  it('zooms around an anchor that keeps its place on the plot', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 50, max: 2000 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0.25, max: 4, noNaN: true }), (t0, span, at, factor) => {
        const now = 100_000;
        const w = { t0, t1: t0 + span };
        const anchor = t0 + at * span;
        const z = zoomWindow(w, factor, anchor, now, limits);
        expect(z.t1 - z.t0).toBeCloseTo(Math.min(limits.maxSpan, Math.max(limits.minSpan, span * factor)), 6);
        // Unless the window hit 0, the anchor is at the same fraction of the plot.
        if (z.t0 > 1e-9) expect((anchor - z.t0) / (z.t1 - z.t0)).toBeCloseTo(at, 6);
        expect(z.t0).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('zooming in then out by the same factor returns the window', () => {
    const w = { t0: 2000, t1: 2400 };
    const back = zoomWindow(zoomWindow(w, 0.5, 2100, 10_000, limits), 2, 2100, 10_000, limits);
    expect(back.t0).toBeCloseTo(2000, 6);
    expect(back.t1).toBeCloseTo(2400, 6);
  });

  it('keeps the span within its limits', () => {
    expect(zoomWindow({ t0: 0, t1: 20 }, 0.01, 10, 1000, limits).t1 - zoomWindow({ t0: 0, t1: 20 }, 0.01, 10, 1000, limits).t0).toBe(10);
    const wide = zoomWindow({ t0: 0, t1: 50_000 }, 100, 0, 1_000_000, limits);
    expect(wide.t1 - wide.t0).toBe(60_000);
  });

  it('pans within [0, now + a little]', () => {
    expect(panWindow({ t0: 100, t1: 200 }, -500, 1000)).toEqual({ t0: 0, t1: 100 });
    const right = panWindow({ t0: 100, t1: 200 }, 5000, 1000);
    expect(right.t1).toBeCloseTo(1000 + 100 * RIGHT_PAD);
    expect(reachesNow(right, 1000)).toBe(true);
    expect(panWindow({ t0: 300, t1: 400 }, 50, 1000)).toEqual({ t0: 350, t1: 450 });
  });

  it('maps a plot x back to a time, and ticks the window', () => {
    expect(timeAt(40, { t0: 100, t1: 300 }, 40, 200)).toBe(100);
    expect(timeAt(240, { t0: 100, t1: 300 }, 40, 200)).toBe(300);
    expect(ticksFor({ t0: 0, t1: 50 }, 5)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(ticksFor({ t0: 1234, t1: 2234 }, 5)).toEqual([1400, 1600, 1800, 2000, 2200]);
    expect(tickText(250, 50)).toBe('250 ms');
    expect(tickText(12_000, 2000)).toBe('12 s');
    expect(tickText(12_500, 500)).toBe('12.5 s');
  });
});

describe('label placement', () => {
  const box = (l: { x: number; y: number; text: string; anchor: 'start' | 'middle' }) => {
    const w = l.text.length * 5.5;
    const x0 = l.anchor === 'start' ? l.x : l.x - w / 2;
    return { x0, x1: x0 + w, y0: l.y - 9, y1: l.y + 2 };
  };
  it('never overlaps two labels, and places the important first', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ x: fc.integer({ min: 0, max: 300 }), y: fc.integer({ min: 0, max: 100 }), len: fc.integer({ min: 1, max: 12 }) }), { maxLength: 60 }), (raw) => {
        const cands: LabelCandidate[] = raw.map((r, i) => ({ id: `c${i}`, x: r.x, y: r.y, text: 'x'.repeat(r.len), anchor: i % 2 ? 'start' : 'middle', kind: 'arrow', alternatives: [[0, 12]] }));
        const placed = placeLabels(cands);
        if (cands.length > 0) expect(placed[0]!.id).toBe('c0');
        for (let i = 0; i < placed.length; i++)
          for (let j = i + 1; j < placed.length; j++) {
            const a = box(placed[i]!);
            const b = box(placed[j]!);
            expect(a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1, `${placed[i]!.id} and ${placed[j]!.id}`).toBe(false);
          }
      }),
    );
  });
  it('moves a label to its alternative, or leaves it out', () => {
    const a: LabelCandidate = { id: 'a', x: 100, y: 50, text: 'commit 1:4', anchor: 'middle', kind: 'commit' };
    const b: LabelCandidate = { ...a, id: 'b', alternatives: [[0, 17]] };
    const c: LabelCandidate = { ...a, id: 'c' };
    expect(placeLabels([a, b, c]).map((l) => [l.id, l.y])).toEqual([
      ['a', 50],
      ['b', 67],
    ]);
    expect(placeLabels([a], [{ x0: 0, x1: 200, y0: 0, y1: 100 }])).toEqual([]);
  });
});
