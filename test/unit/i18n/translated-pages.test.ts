/**
 * The Chinese pages (content/zh-cn/): each is a translation of an English page (the same
 * slug, one order for both languages), its prose is mostly Chinese, its links inside the
 * book stay in Chinese, and it holds its English page's labs and exercises (the same ids, so
 * progress, links and lab checks mean the same). Each rule rejects a planted bad page.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHAPTER_ORDER, readTranslations, translationProblems } from '../../../src/book/chapters.mjs';
import { exerciseIds } from '../../../src/book/exercise-ids.ts';
import { bookLinks, cjkShare, hardWrappedCjk } from './text-rules.ts';

const zhChapters = readdirSync('content/zh-cn/chapters').filter((f) => f.endsWith('.mdx'));
const pages = [
  { path: 'content/zh-cn/index.mdx', english: 'content/index.mdx' },
  ...zhChapters.map((f) => ({ path: `content/zh-cn/chapters/${f}`, english: `content/chapters/${f}` })),
].map((p) => ({ ...p, text: readFileSync(p.path, 'utf8') }));

/** Chinese pages must be at least this share Chinese (the rest: ZooKeeper, znode, API names). */
const MIN_SHARE = 0.5;
/** Each lab as its id and the props that are not words (scenario, seed, opening, speed, controls…), which a translation keeps. */
const LAB_PROPS = ['id', 'scenario', 'seed', 'opening', 'speed', 'controls', 'howToRead', 'moreOpen'];
const labIds = (mdx: string): string[] =>
  [...mdx.matchAll(/<EnsembleLab\b[^>]*/g)].map((m) =>
    LAB_PROPS.map((k) => new RegExp(`\\b${k}=("[^"]*"|\\{[^}]*\\})`).exec(m[0])?.[0] ?? `${k}: none`).join(' '),
  );

describe('the Chinese pages', () => {
  it('each translate an English page of the book, and a stray file is refused', () => {
    expect(() => readTranslations('content')).not.toThrow();
    for (const p of pages) expect(existsSync(p.english), p.path).toBe(true);
    expect(translationProblems(CHAPTER_ORDER, 'zh-cn', ['glossary', 'glosary'])).toEqual([
      'content/zh-cn/chapters/glosary.mdx has no English chapter content/chapters/glosary.mdx in CHAPTER_ORDER: a translation keeps its English page\'s slug',
    ]);
  });

  it.each(pages)('$path is mostly Chinese', ({ text }) => {
    expect(cjkShare(text)).toBeGreaterThanOrEqual(MIN_SHARE);
  });

  it('the share rejects an English page, and a Chinese one padded with English prose', () => {
    expect(cjkShare(readFileSync('content/index.mdx', 'utf8'))).toBeLessThan(0.01);
    const zh = pages[0]!.text;
    const padded = `${zh}\n\n${readFileSync('content/chapters/why-coordination.mdx', 'utf8').replace(/^---[\s\S]*?---/, '')}`;
    expect(cjkShare(padded)).toBeLessThan(MIN_SHARE);
    // Code, tags and link targets are not prose: a Chinese sentence around them still counts as Chinese.
    expect(cjkShare('先读这一段。\n\n```ts\nconst zk = await connect("127.0.0.1:2181");\n```\n<EnsembleLab id="lab" scenario="sessions" />\n[数据模型](/zh-cn/data-model/)')).toBe(1);
  });

  it.each(pages)('$path writes each Chinese paragraph on one line (a line break would show as a space)', ({ text }) => {
    expect(hardWrappedCjk(text)).toEqual([]);
  });

  it('the wrap rule finds a wrapped Chinese paragraph and leaves English, code and blocks alone', () => {
    expect(hardWrappedCjk('---\ntitle: 标题\ndescription: 说明\n---\n\n第一行，\n第二行。\n\nOne line,\nanother line.\n\n```ts\n// 注释\n// 注释\n```\n\n- 一项\n- 两项\n\n说的是 ZooKeeper\n自己的协议。\n\nexport const code = `const a = 1;\n// 注释\n// 注释\nexport {};`;\n\n又一行，\n再一行。')).toEqual([6, 20, 28]);
  });

  it.each(pages)('$path links only to Chinese pages of the book', ({ text }) => {
    expect(bookLinks(text).filter((href) => !href.startsWith('/zh-cn/'))).toEqual([]);
  });

  it('a lab that opens elsewhere than its English page is told apart', () => {
    expect(labIds('<EnsembleLab id="a" scenario="s" seed={1} caption="一" />')).not.toEqual(labIds('<EnsembleLab id="a" scenario="s" seed={1} opening="serving" caption="one" />'));
    expect(labIds('<EnsembleLab id="a" seed={1} caption="一" />')).toEqual(labIds('<EnsembleLab id="a" seed={1} caption="one" />'));
  });

  it('the link rule finds an English link in text, in JSX and in the hero', () => {
    expect(bookLinks('见[数据模型](/data-model/#stat)。<a href="/zh-cn/sessions/">会话</a>\n    link: /why-coordination/')).toEqual(['/data-model/', '/zh-cn/sessions/', '/why-coordination/']);
  });

  it.each(pages.filter((p) => p.path.includes('/chapters/')))('$path holds its English page\'s labs and exercises', ({ text, english }) => {
    const en = readFileSync(english, 'utf8');
    expect(labIds(text)).toEqual(labIds(en));
    expect(exerciseIds(text)).toEqual(exerciseIds(en));
  });
});
