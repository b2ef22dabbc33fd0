/**
 * The book's one chapter order (src/book/chapters.mjs): every chapter file is in the list
 * exactly once and the list names no missing file; no chapter keeps an `order:` of its own
 * (two sources of the order would drift); and the check refuses a file left out, a slug
 * listed twice and a slug with no file, each with a message naming it.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHAPTER_ORDER, chapterNumber, chapterOrderProblems, inBookOrder, readChapters, sidebarFromChapters } from '../../../src/book/chapters.mjs';
import { localeOfId, pageHref, partName, slugOfId } from '../../../src/book/locales.mjs';

const files = readdirSync('content/chapters').filter((f) => f.endsWith('.mdx'));
const slugs = files.map((f) => f.replace(/\.mdx$/, ''));

describe('the chapter order', () => {
  it('lists every chapter file exactly once and no missing file', () => {
    expect(chapterOrderProblems(CHAPTER_ORDER, slugs)).toEqual([]);
    expect([...CHAPTER_ORDER].sort()).toEqual([...slugs].sort());
    expect(new Set(CHAPTER_ORDER).size).toBe(CHAPTER_ORDER.length);
  });

  it('is the only order: no page keeps an order field in its frontmatter', () => {
    for (const f of [...files.map((x) => `content/chapters/${x}`), 'content/index.mdx']) {
      const front = /^---\n([\s\S]*?)\n---/.exec(readFileSync(f, 'utf8'))?.[1] ?? '';
      expect(/^order:/m.test(front), f).toBe(false);
    }
  });

  it('builds the sidebar the book has had: parts in first-appearance order, chapters in list order', () => {
    const groups = sidebarFromChapters(readChapters('content/chapters'));
    expect(groups.map((g: { label: string }) => g.label)).toEqual(['Foundations', 'Using ZooKeeper', 'Recipes', 'Consensus', 'In practice', 'Appendix']);
    expect(groups.flatMap((g: { items: string[] }) => g.items)).toEqual([...CHAPTER_ORDER]);
    expect(CHAPTER_ORDER[0]).toBe('why-coordination');
    expect(chapterNumber('zab')).toBe(12);
    expect(chapterNumber('index')).toBeUndefined();
    expect(inBookOrder([{ id: 'zab' }, { id: 'index' }, { id: 'paxos' }]).map((e) => e.id)).toEqual(['paxos', 'zab']);
  });

  it('refuses a file left out, a slug listed twice and a slug with no file', () => {
    expect(chapterOrderProblems(['a', 'b', 'a', 'ghost'], ['a', 'b', 'c'])).toEqual([
      'src/book/chapters.mjs: "a" is listed twice in CHAPTER_ORDER',
      'src/book/chapters.mjs: CHAPTER_ORDER names "ghost", but content/chapters/ghost.mdx does not exist',
      'content/chapters/c.mdx is not in CHAPTER_ORDER (src/book/chapters.mjs): add it where it belongs in the book',
    ]);
  });

  it('readChapters fails on a folder the list does not match, and reads parts from one that does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chapters-'));
    try {
      writeFileSync(join(dir, 'one.mdx'), '---\ntitle: One\n---\n');
      writeFileSync(join(dir, 'two.mdx'), '---\ntitle: Two\npart: Later\n---\n');
      expect(() => readChapters(dir, ['one'])).toThrow('content/chapters/two.mdx is not in CHAPTER_ORDER');
      expect(() => readChapters(dir, ['one', 'two', 'three'])).toThrow('CHAPTER_ORDER names "three"');
      expect(readChapters(dir, ['two', 'one'])).toEqual([{ slug: 'two', part: 'Later' }, { slug: 'one', part: 'Foundations' }]);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('is one order for both languages: a locale\'s entries in the same order, parts named in each language', () => {
    const entries = [{ id: 'zh-cn/zab' }, { id: 'zab' }, { id: 'zh-cn' }, { id: 'zh-cn/paxos' }, { id: 'index' }, { id: 'paxos' }];
    expect(inBookOrder(entries).map((e) => e.id)).toEqual(['paxos', 'zab']);
    expect(inBookOrder(entries, 'zh-cn').map((e) => e.id)).toEqual(['zh-cn/paxos', 'zh-cn/zab']);
    expect([localeOfId('zh-cn/zab'), localeOfId('zh-cn'), localeOfId('zab'), localeOfId('zh-cnx/zab')]).toEqual(['zh-cn', 'zh-cn', undefined, undefined]);
    expect([slugOfId('zh-cn/zab'), slugOfId('zh-cn'), slugOfId('zab')]).toEqual(['zab', 'index', 'zab']);
    expect([pageHref('zab', 'zh-cn'), pageHref('index', 'zh-cn'), pageHref('zab', undefined), pageHref('index', undefined)]).toEqual(['/zh-cn/zab/', '/zh-cn/', '/zab/', '/']);
    const groups = sidebarFromChapters(readChapters('content/chapters'));
    // Every part has a Chinese name (a new part without one would show in English on Chinese pages).
    for (const g of groups) expect(g.translations['zh-CN'], g.label).not.toBe(g.label);
    expect(partName('Consensus', 'zh-cn')).toBe('共识');
    expect(partName('A part with no translation', 'zh-cn')).toBe('A part with no translation');
  });
});
