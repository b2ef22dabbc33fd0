/**
 * The book's languages. English is the root locale (pages at `/<slug>/`); Simplified Chinese
 * lives under `/zh-cn/` (pages at `/zh-cn/<slug>/`, files in `content/zh-cn/`: the landing
 * page `content/zh-cn/index.mdx`, chapters in `content/zh-cn/chapters/<slug>.mdx` with the
 * English chapter's slug). A page not yet translated is served under `/zh-cn/` by Starlight
 * from the English file, with its fallback notice.
 *
 * This file holds Starlight's `locales` table, what a content entry's id says about its
 * locale (`zh-cn/glossary` → locale `zh-cn`, slug `glossary`), where a slug's page is in a
 * locale, and the part names (sidebar groups) in each language: a chapter's `part` is set
 * once, in English, in the English file's frontmatter; a translation carries only its title,
 * description and text. Plain ESM JavaScript (no TypeScript) because astro.config.mjs imports it.
 */

/** Starlight's `locales` option: the root locale is English. */
export const LOCALES = Object.freeze({
  root: { label: 'English', lang: 'en' },
  'zh-cn': { label: '简体中文', lang: 'zh-CN' },
});

/** The locales other than the root, by their path prefix. */
export const TRANSLATIONS = Object.freeze(['zh-cn']);

/**
 * A content entry id's locale: `zh-cn` for `zh-cn` (the Chinese landing page) and
 * `zh-cn/<slug>`; undefined (the root, English) otherwise.
 * @param {string} id
 * @returns {string | undefined}
 */
export function localeOfId(id) {
  return TRANSLATIONS.find((l) => id === l || id.startsWith(`${l}/`));
}

/**
 * A content entry id's slug without its locale: `zh-cn/glossary` → `glossary`, `zh-cn` → `index`.
 * @param {string} id
 * @returns {string}
 */
export function slugOfId(id) {
  const locale = localeOfId(id);
  if (locale === undefined) return id;
  return id === locale ? 'index' : id.slice(locale.length + 1);
}

/**
 * Where a page is in a locale: `pageHref('glossary', 'zh-cn')` → `/zh-cn/glossary/`;
 * `index` is the locale's landing page.
 * @param {string} slug
 * @param {string | undefined} locale
 * @returns {string}
 */
export function pageHref(slug, locale) {
  const prefix = locale === undefined ? '/' : `/${locale}/`;
  return slug === 'index' || slug === '' ? prefix : `${prefix}${slug}/`;
}

/** The parts of the book (sidebar groups) in each translation, keyed by the English name. */
export const PART_NAMES = Object.freeze({
  'zh-cn': Object.freeze({
    Foundations: '基础',
    'Using ZooKeeper': '使用 ZooKeeper',
    Recipes: '典型用法',
    Consensus: '共识',
    'In practice': '实战',
    Appendix: '附录',
  }),
});

/**
 * A part's name in a locale (the English name for the root or a part with no translation yet).
 * @param {string} part
 * @param {string | undefined} locale
 * @returns {string}
 */
export function partName(part, locale) {
  return (locale === undefined ? undefined : PART_NAMES[locale]?.[part]) ?? part;
}
