/**
 * A lab's first frame at build time: the bar's state at a position (lab-bar-state.ts, which
 * the page's bar is rendered from and the lab's script keeps) and the ensemble drawn into
 * its views' markup (first-frame.ts). The drawing is the live view's (the same servers,
 * roles and places as ensemble-view.ts draws in the page), in both layouts, as a closed
 * shadow root's fallback content; only canvases marked for this lab get it.
 */
import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { SCENARIOS } from '../../../playground/timeline/scenarios/index.ts';
import { Timeline } from '../../../playground/timeline/timeline.ts';
import { barState, OPEN_AHEAD_MS } from '../../../src/components/lab-bar-state.ts';
import { drawFirstFrames, firstFrameMarker, type FirstFrame } from '../../../src/components/first-frame.ts';
import { TraceDigest } from '../../../src/views/trace-digest.ts';
import { ServerTrees } from '../../../src/views/server-trees.ts';
import { stepStartOf } from '../../../src/views/narration.ts';

function opened(scenario: string, seed: number): { tl: Timeline; digest: TraceDigest; frame: FirstFrame } {
  const tl = new Timeline(SCENARIOS.get(scenario)!, seed, []);
  tl.computeToTime(tl.time + OPEN_AHEAD_MS);
  const digest = new TraceDigest(tl.trace, tl.servers, tl.clients);
  return { tl, digest, frame: { state: digest.at(tl.position), now: tl.time, servers: tl.servers, clients: tl.clients, trees: new ServerTrees(tl.trace), position: tl.position, stepStart: stepStartOf(tl.boundaries, tl.position) } };
}

const marked = (lab: string, caption: string): string =>
  `<div class="ensemble-canvas" data-role="canvas" ${Object.entries(firstFrameMarker(lab, caption))
    .map(([k, v]) => `${k}="${v.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`)
    .join(' ')}></div>`;

describe('barState', () => {
  it('at the run\'s start: nothing to go back to, undo or heal, no leader to kill; the chosen server can be killed, not restarted', () => {
    const { tl, digest } = opened('zab', 7);
    const bar = barState(tl, digest.at(tl.position), tl.time, { server: 's1', freezeNode: 's1' });
    expect([...bar.disabled].sort()).toEqual(['back', 'crash-leader', 'freeze-leader', 'heal', 'isolate-leader', 'redo', 'restart', 'undo']);
    expect([bar.time, bar.event]).toEqual(['t = 0 ms', `event ${tl.position}`]);
    expect(bar.scrubValue).toBe(0);
    expect(bar.scrubMax).toBe(tl.boundaries.length - 1);
  });

  it('once a leader is elected and a server crashed, the leader controls, Back, Undo and Restart of that server are enabled', () => {
    const { tl } = opened('zab', 7);
    tl.computeToTime(6000);
    tl.seekTime(5000);
    tl.act({ kind: 'crash', node: 's2' });
    const state = new TraceDigest(tl.trace, tl.servers, tl.clients).at(tl.position);
    const bar = barState(tl, state, tl.time, { server: 's2', freezeNode: 's2' });
    expect(bar.disabled.has('back')).toBe(false);
    expect(bar.disabled.has('undo')).toBe(false);
    expect(bar.disabled.has('restart')).toBe(false);
    expect(bar.disabled.has('crash')).toBe(true);
    expect(bar.disabled.has('freeze')).toBe(true);
    expect(bar.disabled.has('crash-leader')).toBe(false);
    expect(bar.scrubValue).toBeGreaterThan(0);
  });
});

describe('drawFirstFrames', () => {
  it('draws the run\'s start into the canvas marked for this lab, in both layouts, as the live view draws it', () => {
    const { frame } = opened('zab', 7);
    const html = drawFirstFrames(`<p>before</p>${marked('zab-lab', 'The "ensemble" & co')}<p>after</p>`, 'zab-lab', frame, { ensemble: '.ensemble-svg { display: block; }', tree: '' });
    const { document } = parseHTML(`<html><body>${html}</body></html>`);
    const canvas = document.querySelector('.ensemble-canvas')!;
    expect(canvas.hasAttribute('data-first-frame')).toBe(true);
    expect(canvas.getAttribute('data-first-frame-of')).toBeNull();
    expect(canvas.getAttribute('data-role')).toBe('canvas');
    const template = canvas.querySelector('template')!;
    expect(template.getAttribute('shadowrootmode')).toBe('closed');
    const svgs = [...template.querySelectorAll('slot > svg')];
    expect(svgs.map((s) => s.getAttribute('data-first-frame'))).toEqual(['wide', 'compact']);
    for (const svg of svgs) {
      expect(svg.getAttribute('aria-label')).toBe('The "ensemble" & co');
      const servers = [...svg.querySelectorAll('g.server')];
      expect(servers.map((s) => s.getAttribute('data-server'))).toEqual(['s1', 's2', 's3', 's4', 's5']);
      expect(servers.every((s) => s.getAttribute('data-role') === 'LOOKING')).toBe(true);
      // A picture until the code comes: no tab stops.
      expect(svg.querySelectorAll('[tabindex]').length).toBe(0);
    }
    expect(svgs[0]!.getAttribute('data-layout')).toBe('wide');
    expect(svgs[1]!.getAttribute('data-layout')).toBe('compact');
    expect(template.querySelector('style')!.textContent).toContain('.ensemble-svg { display: block; }');
    expect(html.startsWith('<p>before</p>')).toBe(true);
    expect(html.endsWith('<p>after</p>')).toBe(true);
  });

  it('draws a live tree\'s first frame and the line above it, for the server it names', () => {
    const { frame } = opened('zab', 7);
    const attrs = (part: 'canvas' | 'now'): string =>
      Object.entries(firstFrameMarker('zab-lab', 'Tree', { part, choice: { server: 's2', everyServer: false, showSystem: false } }))
        .map(([k, v]) => `${k}="${v}"`)
        .join(' ');
    const html = drawFirstFrames(`<p class="zt-now" ${attrs('now')}></p><div class="zt-canvas" ${attrs('canvas')}></div>`, 'zab-lab', frame, { ensemble: '', tree: '.znode-tree-svg {}' });
    const { document } = parseHTML(`<html><body>${html}</body></html>`);
    expect(document.querySelector('p.zt-now')!.textContent).toMatch(/^s2: \d+ znodes, last applied zxid /);
    const svg = document.querySelector('.zt-canvas[data-first-frame] template')!.querySelector('slot > svg.znode-tree-svg')!;
    expect(svg.getAttribute('aria-label')).toBe("Tree: s2's tree");
    expect(svg.querySelectorAll('g.znode').length).toBeGreaterThan(0);
    expect(svg.querySelectorAll('[tabindex]').length).toBe(0);
  });

  it('leaves alone a canvas marked for another lab, an unmarked one, and markup without canvases', () => {
    const { frame } = opened('zab', 7);
    const other = marked('other-lab', 'x');
    const plain = '<div class="ensemble-canvas" data-role="canvas"></div>';
    const css = { ensemble: '', tree: '' };
    expect(drawFirstFrames(other + plain, 'zab-lab', frame, css)).toBe(other + plain);
    expect(drawFirstFrames('<p>text</p>', 'zab-lab', frame, css)).toBe('<p>text</p>');
  });
});
