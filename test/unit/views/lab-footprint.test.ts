/**
 * A lab's footprint (the room a page reserves for its views before they draw) must be what
 * the views then draw at the run's start, for every scenario: the ensemble in each layout on
 * either side of the width where the wide one starts, the space-time diagram's height, a
 * transaction-log row per server. And the CSS must name the lab and reserve each of them.
 */
import { describe, expect, it } from 'vitest';
import { SCENARIO_IDS, SCENARIOS } from '../../../playground/timeline/scenarios/index.ts';
import { Timeline } from '../../../playground/timeline/timeline.ts';
import { buildEnsembleModel } from '../../../src/views/ensemble-model.ts';
import { footprintCss, labFootprint } from '../../../src/views/lab-footprint.ts';
import { buildSpaceTimeModel } from '../../../src/views/space-time-model.ts';
import { TraceDigest } from '../../../src/views/trace-digest.ts';

describe('lab footprint', () => {
  for (const id of SCENARIO_IDS) {
    it(`${id}: is what the views draw at the run's start`, () => {
      const tl = new Timeline(SCENARIOS.get(id)!, 1, []);
      const digest = new TraceDigest(tl.trace, tl.servers, tl.clients);
      const state = digest.at(tl.position);
      const f = labFootprint(state, tl.time, tl.servers, tl.clients);
      const drawn = (width: number): [number, number, string] => {
        const m = buildEnsembleModel(state, tl.time, tl.servers, tl.clients, { width });
        return [m.width, m.height, m.layout];
      };
      expect(drawn(Math.ceil(f.ensemble.wideFromPx))).toEqual([...f.ensemble.wide, 'wide']);
      expect(drawn(2000)).toEqual([...f.ensemble.wide, 'wide']);
      expect(drawn(Math.floor(f.ensemble.wideFromPx) - 1)).toEqual([...f.ensemble.compact, 'compact']);
      expect(drawn(f.ensemble.wideFromPx / 2)).toEqual([...f.ensemble.compact, 'compact']);
      for (const width of [320, 700, 1100]) {
        const st = buildSpaceTimeModel(tl.trace, tl.position, state, tl.time, tl.servers, tl.clients, (i) => digest.endOf(i), { width });
        expect(st.height, `space-time at ${width} px`).toBe(f.spaceTimePx);
      }
      expect(f.txnRows.empty + f.txnRows.withEntries).toBe(tl.servers.length);
    });
  }

  it('writes CSS that reserves each view of the lab it names, and only of that lab', () => {
    const tl = new Timeline(SCENARIOS.get('zab')!, 7, []);
    const state = new TraceDigest(tl.trace, tl.servers, tl.clients).at(tl.position);
    const f = labFootprint(state, tl.time, tl.servers, tl.clients);
    const css = footprintCss('zab-lab', f);
    expect(css).toContain(`ensemble-diagram[data-lab="zab-lab"] .ensemble-canvas { min-height: min(60vh, 30rem, max(290px, 100cqw) * ${Math.round((f.ensemble.wide[1] / f.ensemble.wide[0]) * 1000) / 1000}); }`);
    expect(css).toContain(`@container (width < ${Math.round(f.ensemble.wideFromPx * 1000) / 1000}px)`);
    expect(css).toContain(`space-time[data-lab="zab-lab"] .space-time-canvas { min-height: ${f.spaceTimePx}px; }`);
    expect(css).toContain('txn-log[data-lab="zab-lab"] .txn-rows { min-height: calc(');
    // Once a log has entries, the row of epochs over the grid's columns is reserved too.
    expect(footprintCss('x', { ...f, txnRows: { empty: 3, withEntries: 2 } })).toContain('.txn-rows { min-height: calc(3 * 1lh + 2 * 1.8rem + 4 * 0.2rem + 1.4rem); }');
    expect(footprintCss('x', { ...f, txnRows: { empty: 5, withEntries: 0 } })).toContain('.txn-rows { min-height: calc(5 * 1lh + 0 * 1.8rem + 4 * 0.2rem); }');
    expect(css).not.toMatch(/data-lab="(?!zab-lab")/);
    // A lab id cannot break out of its attribute selector.
    expect(footprintCss('a"] *, x[y="', f)).not.toContain('"]  *');
    expect(footprintCss('a"] *, x[y="', f)).toContain('[data-lab="a] *, x[y="]');
  });
});
