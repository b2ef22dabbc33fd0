/**
 * The build-time halves of the lab's parts: which controls a lab's bar shows (lab-controls.ts:
 * the chapter's, plus Undo when one changes the run; unknown or repeated names refused), the
 * Markdown a component's text may carry (inline-markdown.ts: code, bold, emphasis; everything
 * else escaped), and the tour's target names (tour-targets.ts).
 */
import { describe, expect, it } from 'vitest';
import { LAB_CONTROLS, splitControls } from '../../../src/components/lab-controls.ts';
import { escapeHtml, inlineMarkdown } from '../../../src/components/inline-markdown.ts';
import { isTourTarget, TOUR_TARGETS } from '../../../src/components/tour-targets.ts';

describe('splitControls', () => {
  it('puts the declared controls in the bar, in the order given, and the rest behind "More"', () => {
    const { bar, more } = splitControls(['next-commit', 'next-election'], 'lab');
    expect(bar).toEqual(['next-commit', 'next-election']);
    expect(more).toEqual(LAB_CONTROLS.filter((c) => c !== 'next-commit' && c !== 'next-election'));
  });

  it('adds Undo when a declared control changes the run, and only then', () => {
    expect(splitControls(['kill-leader', 'heal'], 'lab').bar).toEqual(['kill-leader', 'heal', 'undo']);
    expect(splitControls(['next-commit'], 'lab').bar).toEqual(['next-commit']);
    expect(splitControls(['undo', 'crash'], 'lab').bar).toEqual(['undo', 'crash']);
  });

  it('renders every control exactly once', () => {
    const { bar, more } = splitControls(['crash', 'partition'], 'lab');
    expect([...bar, ...more].sort()).toEqual([...LAB_CONTROLS].sort());
    expect(splitControls([], 'lab').more).toEqual([...LAB_CONTROLS]);
  });

  it('refuses an unknown or repeated name, saying where', () => {
    expect(() => splitControls(['kill-the-leader'], '<EnsembleLab id="x">')).toThrow('<EnsembleLab id="x">: unknown lab control "kill-the-leader"; known: next-election,');
    expect(() => splitControls(['heal', 'heal'], 'lab')).toThrow('lab control "heal" is declared twice');
  });
});

describe('inlineMarkdown', () => {
  it('renders code, bold and emphasis', () => {
    expect(inlineMarkdown('Only `c5` **notices**, *at once*')).toBe('Only <code>c5</code> <strong>notices</strong>, <em>at once</em>');
  });

  it('escapes everything else, inside code too, and never reads emphasis inside code', () => {
    expect(inlineMarkdown('<b>x</b> & "y"')).toBe('&lt;b&gt;x&lt;/b&gt; &amp; &quot;y&quot;');
    expect(inlineMarkdown('`a*b*c <i>`')).toBe('<code>a*b*c &lt;i&gt;</code>');
    expect(inlineMarkdown("it's")).toBe('it&#39;s');
    expect(escapeHtml('<&>')).toBe('&lt;&amp;&gt;');
  });

  it('leaves an unclosed backtick as text', () => {
    expect(inlineMarkdown('a `b')).toBe('a `b');
  });
});

describe('tour targets', () => {
  it('names each part the tour can ring, and nothing else', () => {
    for (const name of ['leader', 'client', 'message', 'tree', 'lanes', 'log', 'controls']) expect(isTourTarget(name), name).toBe(true);
    expect(isTourTarget('toString')).toBe(false);
    expect(isTourTarget('server')).toBe(false);
    expect(Object.values(TOUR_TARGETS).every((sel) => sel.length > 0)).toBe(true);
  });
});
