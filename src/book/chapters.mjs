/**
 * The book's table of contents: the chapters in reading order, in one list.
 *
 * `CHAPTER_ORDER` names every page of `content/chapters/` by slug (its file name without
 * `.mdx`), first chapter first; it is the only place the order lives. astro.config.mjs reads
 * it at config time (through `readChapters`) to build Starlight's sidebar, so prev/next
 * follow it; the landing page's chapter list, its "start with" link and the sidebar's
 * progress marks read it too. A chapter's `part` (its sidebar group) stays in its
 * frontmatter. `readChapters` refuses a chapter file the list leaves out, a slug the list
 * names twice, and one that names no file, so the list and the folder cannot drift apart.
 * One order for every language: a translation (`content/zh-cn/chapters/<slug>.mdx`, see
 * locales.mjs) takes its English chapter's place, and `translationProblems` refuses one whose
 * slug is not a chapter of the list.
 * Plain ESM JavaScript (no TypeScript) because astro.config.mjs imports it directly.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCALES, localeOfId, partName, slugOfId, TRANSLATIONS } from './locales.mjs';

/** Every chapter and appendix page, in the order the book reads. */
export const CHAPTER_ORDER = Object.freeze([
  'why-coordination',
  'data-model',
  'client-api',
  'znode-kinds',
  'sessions',
  'watches',
  'guarantees',
  'recipes-config',
  'recipes-locks',
  'recipes-queues',
  'paxos',
  'zab',
  'failure-lab',
  'zookeeper-etcd-consul',
  'running-zookeeper',
  'glossary',
  'for-developers',
]);

/**
 * What is wrong between an order list and the chapter files' slugs: a file the list leaves
 * out, a slug listed twice, a slug with no file. Empty when they agree.
 * @param {readonly string[]} order
 * @param {readonly string[]} slugs
 * @returns {string[]}
 */
export function chapterOrderProblems(order, slugs) {
  const problems = [];
  const files = new Set(slugs);
  const seen = new Set();
  for (const slug of order) {
    if (seen.has(slug)) problems.push(`src/book/chapters.mjs: "${slug}" is listed twice in CHAPTER_ORDER`);
    seen.add(slug);
    if (!files.has(slug)) problems.push(`src/book/chapters.mjs: CHAPTER_ORDER names "${slug}", but content/chapters/${slug}.mdx does not exist`);
  }
  for (const slug of slugs) {
    if (!seen.has(slug)) problems.push(`content/chapters/${slug}.mdx is not in CHAPTER_ORDER (src/book/chapters.mjs): add it where it belongs in the book`);
  }
  return problems;
}

/**
 * The chapters of `dir` in book order, with their part; throws when the files and the list disagree.
 * @param {string} dir
 * @param {readonly string[]} [order]
 * @returns {{ slug: string, part: string }[]}
 */
export function readChapters(dir, order = CHAPTER_ORDER) {
  const files = readdirSync(dir).filter((f) => /^[^_].*\.mdx?$/.test(f));
  const slugs = files.map((f) => f.replace(/\.mdx?$/, ''));
  const problems = chapterOrderProblems(order, slugs);
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return order.map((slug) => {
    const text = readFileSync(join(dir, files[slugs.indexOf(slug)]), 'utf8');
    const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
    const part = front && /^part:\s*(.+?)\s*$/m.exec(front[1]);
    return { slug, part: part ? part[1].replace(/^['"]|['"]$/g, '') : 'Foundations' };
  });
}

/**
 * What is wrong with a locale's translated chapters: a file whose slug names no chapter of
 * the order (a typo, or a chapter renamed in English). Empty when every one has its English page.
 * @param {readonly string[]} order
 * @param {string} locale
 * @param {readonly string[]} slugs
 * @returns {string[]}
 */
export function translationProblems(order, locale, slugs) {
  return slugs.filter((s) => !order.includes(s)).map((s) => `content/${locale}/chapters/${s}.mdx has no English chapter content/chapters/${s}.mdx in CHAPTER_ORDER: a translation keeps its English page's slug`);
}

/**
 * The translated chapters' slugs of each translation under `contentDir`; throws on a file
 * with no English chapter.
 * @param {string} contentDir
 * @param {readonly string[]} [order]
 * @returns {Record<string, string[]>}
 */
export function readTranslations(contentDir, order = CHAPTER_ORDER) {
  /** @type {Record<string, string[]>} */
  const out = {};
  const problems = [];
  for (const locale of TRANSLATIONS) {
    const dir = join(contentDir, locale, 'chapters');
    const slugs = existsSync(dir) ? readdirSync(dir).filter((f) => /^[^_].*\.mdx$/.test(f)).map((f) => f.replace(/\.mdx$/, '')) : [];
    problems.push(...translationProblems(order, locale, slugs));
    out[locale] = slugs;
  }
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return out;
}

/**
 * A page's place in the book: 1 for the first chapter, undefined for a page not in the list
 * (the landing page).
 * @param {string} slug
 * @returns {number | undefined}
 */
export function chapterNumber(slug) {
  const i = CHAPTER_ORDER.indexOf(slug);
  return i < 0 ? undefined : i + 1;
}

/**
 * Content entries (`{ id }`) that are chapters of one locale (the root, English, when
 * `locale` is undefined), in book order.
 * @template {{ id: string }} T
 * @param {readonly T[]} entries
 * @param {string | undefined} [locale]
 * @returns {T[]}
 */
export function inBookOrder(entries, locale = undefined) {
  const place = (/** @type {T} */ e) => /** @type {number} */ (chapterNumber(slugOfId(e.id)));
  return entries.filter((e) => localeOfId(e.id) === locale && chapterNumber(slugOfId(e.id)) !== undefined).sort((a, b) => place(a) - place(b));
}

/**
 * Starlight sidebar groups: one group per `part`, in the order parts first appear, its label
 * translated for each translation (Starlight keys a label's translations by the locale's `lang`).
 */
export function sidebarFromChapters(chapters) {
  const groups = [];
  for (const c of chapters) {
    let group = groups.find((g) => g.label === c.part);
    if (!group) {
      const translations = Object.fromEntries(TRANSLATIONS.map((l) => [LOCALES[l].lang, partName(c.part, l)]));
      groups.push((group = { label: c.part, translations, items: [] }));
    }
    group.items.push(c.slug);
  }
  return groups;
}
