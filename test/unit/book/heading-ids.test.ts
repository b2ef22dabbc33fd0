/**
 * A heading's fixed id (src/book/heading-ids.mjs): `## 会话过期 {/* #session-expiry *\/}`
 * gets the id `session-expiry` and loses the comment; a heading without the comment, with
 * another comment, with an id that is not an id, or with the comment not at its end is left
 * alone; and the integration refuses a Markdown processor it cannot add the plugin to.
 */
import { describe, expect, it } from 'vitest';
import { fixedHeadingId, fixedHeadingIds, footnoteLabel, footnoteLabelFor, headingIds } from '../../../src/book/heading-ids.mjs';

interface Node {
  type: string;
  tagName?: string;
  value?: string;
  children?: Node[];
}

const h2 = (...children: Node[]): Node => ({ type: 'element', tagName: 'h2', children });
const text = (value: string): Node => ({ type: 'text', value });
const comment = (value: string): Node => ({ type: 'mdxTextExpression', value });

describe('fixed heading ids', () => {
  it('sets the id of a trailing {/* #id */} and removes the comment', () => {
    const last = comment('/* #session-expiry */');
    const words = text('会话过期 ');
    const node = h2(words, last);
    const done: unknown[] = [];
    const ctx = { setProperty: (...a: unknown[]) => done.push(['set', ...a]), removeNode: (n: unknown) => done.push(['remove', n]), replaceNode: (n: unknown, m: unknown) => done.push(['replace', n, m]) };
    fixedHeadingIds().element.visit(node, ctx);
    expect(done).toEqual([
      ['set', node, 'id', 'session-expiry'],
      ['remove', last],
      ['replace', words, text('会话过期')],
    ]);
  });

  it('leaves other headings alone', () => {
    expect(fixedHeadingId(h2(text('会话')))).toBeUndefined();
    expect(fixedHeadingId(h2(text('会话 '), comment('/* a note */')))).toBeUndefined();
    expect(fixedHeadingId(h2(text('会话 '), comment('/* #会话 */')))).toBeUndefined();
    expect(fixedHeadingId(h2(comment('/* #first */'), text(' 会话')))).toBeUndefined();
    const done: unknown[] = [];
    fixedHeadingIds().element.visit(h2(text('Sessions')), { setProperty: () => done.push('set'), removeNode: () => done.push('remove') });
    expect(done).toEqual([]);
  });

  it('goes first among the processor\'s hast plugins, and refuses a processor without them', () => {
    const hastPlugins = [{ name: 'heading-ids' }];
    headingIds().hooks['astro:config:setup']({ config: { markdown: { processor: { options: { hastPlugins } } } } });
    expect(hastPlugins.map((p) => (typeof p === 'function' ? 'per file' : p.name))).toEqual(['ensemble-fixed-heading-ids', 'per file', 'heading-ids']);
    expect(() => headingIds().hooks['astro:config:setup']({ config: { markdown: { processor: { options: {} } } } })).toThrow('takes no hast plugins');
  });

  it('names the footnotes 脚注 on a Chinese page only', () => {
    expect(footnoteLabelFor('file:///book/content/zh-cn/chapters/glossary.mdx')).toBe('脚注');
    expect(footnoteLabelFor('file:///book/content/chapters/glossary.mdx')).toBeUndefined();
    const node = { type: 'element', tagName: 'h2', properties: { id: 'footnote-label' }, children: [text('Footnotes')] };
    const done: unknown[] = [];
    footnoteLabel('脚注').element.visit(node, { replaceNode: (n: unknown, m: Node) => done.push([n, m.children]) });
    footnoteLabel('脚注').element.visit(h2(text('Other')), { replaceNode: () => done.push('wrong heading') });
    expect(done).toEqual([[node, [text('脚注')]]]);
  });
});
