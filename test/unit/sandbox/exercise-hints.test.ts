/**
 * The hints a <Playground> shows come from `hints.md` rendered to HTML, split at its `<h2>`
 * headings: nothing before the first heading, nothing of a heading in a body, an `<h3>` kept
 * inside its hint.
 */
import { describe, expect, it } from 'vitest';
import { splitHints } from '../../../playground/exercises/hints.ts';

describe('splitHints', () => {
  it('cuts at <h2> headings and drops what comes before the first', () => {
    expect(splitHints('<p>intro</p>\n<h2 id="a-nudge">A nudge</h2>\n<p>one <code>x</code></p>\n<h3>not a hint</h3>\n<h2 id="b">Two</h2><p>two</p>')).toEqual([
      { title: 'A nudge', html: '<p>one <code>x</code></p>\n<h3>not a hint</h3>' },
      { title: 'Two', html: '<p>two</p>' },
    ]);
  });
  it('finds no hints without a heading', () => {
    expect(splitHints('<p>no headings</p>')).toEqual([]);
    expect(splitHints('')).toEqual([]);
  });
});
