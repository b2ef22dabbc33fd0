/**
 * The tour's ring: the target's box grown by its padding, kept inside the lab (which clips
 * while touring), so a client at a 390 px phone's edge keeps its whole ring.
 */
import { describe, expect, it } from 'vitest';
import { spotBox } from '../../../src/components/tour-targets.ts';

const lab = { left: 16, top: 100, width: 358, height: 600 };

describe('spotBox', () => {
  it('grows a target well inside the lab by its padding, in the lab\'s coordinates', () => {
    expect(spotBox({ left: 116, top: 300, width: 40, height: 20 }, lab, 6, 3)).toEqual({ left: 94, top: 194, width: 52, height: 32 });
  });
  it('keeps the ring inside the lab for a target at its edges', () => {
    // c1 at the lab's right edge, its top flush with the lab's.
    const box = spotBox({ left: 340, top: 100, width: 34, height: 24 }, lab, 6, 3);
    expect(box.left + box.width).toBe(lab.width - 3);
    expect(box.top).toBe(3);
    expect(box).toEqual({ left: 318, top: 3, width: 37, height: 27 });
    const left = spotBox({ left: 16, top: 680, width: 30, height: 20 }, lab, 6, 3);
    expect(left.left).toBe(3);
    expect(left.top + left.height).toBe(lab.height - 3);
  });
  it('never has a negative size for a target outside the lab', () => {
    expect(spotBox({ left: 1000, top: 100, width: 10, height: 10 }, lab, 6, 3).width).toBe(0);
  });
});
