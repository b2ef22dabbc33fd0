/**
 * Links inside the book, checked against the built site: every `<a href>` that stays on the
 * site must name a page that was built and, when it has a `#fragment`, an element with that
 * id on that page. The Astro integration `internalLinks()` runs the check when the build is
 * done and fails the build on the first broken link, naming the page, the link and, where the
 * page is a chapter, the line of its MDX source that holds the link.
 *
 * Why the built HTML and not the MDX: it is what a reader clicks, so links made by components
 * (the table of contents, prev/next, the landing page's chapter list and hero) are checked
 * too, and heading ids are Astro's own, not a guess at its slug rules.
 *
 * Plain ESM JavaScript because astro.config.mjs imports it; Node's fs only, at build time.
 * `brokenLinks` is pure (pages in, problems out) and unit-tested with planted broken links.
 */
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { localeOfId, slugOfId } from './locales.mjs';

/** HTML attribute text → the string it stands for (the few entities a URL or id can hold). */
function unescapeAttr(s) {
  return s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;|&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

/** Every `id` on a page. */
export function idsOf(html) {
  const ids = new Set();
  for (const m of html.matchAll(/\sid=(?:"([^"]*)"|'([^']*)')/g)) ids.add(unescapeAttr(m[1] ?? m[2] ?? ''));
  return ids;
}

/** Every `href` of an `<a>` on a page. */
export function anchorHrefsOf(html) {
  const hrefs = [];
  for (const m of html.matchAll(/<a\b[^>]*?\shref=(?:"([^"]*)"|'([^']*)')/g)) hrefs.push(unescapeAttr(m[1] ?? m[2] ?? ''));
  return hrefs;
}

/**
 * The broken internal links of a built site. `pages` maps each page's route (`/`,
 * `/data-model/`, `/404.html`) to its HTML; `files` is every other built file's path
 * (`/favicon.svg`). Returns `{ page, href, problem }` for each broken link, in page order.
 */
export function brokenLinks(pages, files = new Set()) {
  const idsByRoute = new Map([...pages].map(([route, html]) => [route, idsOf(html)]));
  const problems = [];
  for (const [route, html] of pages) {
    for (const href of anchorHrefsOf(html)) {
      if (href === '' || /^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) continue;
      const url = new URL(href, `https://book.invalid${route}`);
      let target = decodeURIComponent(url.pathname);
      if (!idsByRoute.has(target)) {
        const asDir = target.endsWith('/') ? target : `${target}/`;
        if (idsByRoute.has(asDir)) target = asDir;
        else if (files.has(target)) continue;
        else {
          problems.push({ page: route, href, problem: `no page ${target}` });
          continue;
        }
      }
      const fragment = decodeURIComponent(url.hash.slice(1));
      if (fragment !== '' && !idsByRoute.get(target).has(fragment)) {
        problems.push({ page: route, href, problem: `no element with id "${fragment}" on ${target}` });
      }
    }
  }
  return problems;
}

/** Every file under `dir`, as site paths (`/data-model/index.html`). */
function builtFiles(dir, base = dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...builtFiles(full, base));
    else out.push('/' + relative(base, full).split(sep).join('/'));
  }
  return out;
}

/** A built page's route: `/x/index.html` → `/x/`, `/404.html` stays. */
function routeOf(file) {
  return file.endsWith('/index.html') ? file.slice(0, -'index.html'.length) : file;
}

/** Where a page's link is in the book's source: `content/chapters/<slug>.mdx:<line>` (`content/zh-cn/chapters/…` for a translation), or the page. */
export function sourceOf(root, route, href) {
  const id = route.replace(/^\/|\/$/g, '');
  const locale = localeOfId(id);
  const slug = slugOfId(id);
  const dir = locale === undefined ? 'content' : `content/${locale}`;
  const path = slug === '' || slug === 'index' ? `${dir}/index.mdx` : `${dir}/chapters/${slug}.mdx`;
  if (!existsSync(join(root, path))) return route;
  const lines = readFileSync(join(root, path), 'utf8').split('\n');
  const at = lines.findIndex((l) => l.includes(`(${href})`) || l.includes(`"${href}"`) || l.includes(`: ${href}`));
  return at >= 0 ? `${path}:${at + 1}` : `${path} (made by a component)`;
}

/** The check over a build output directory: messages for its broken links. */
export function checkBuiltSite(distDir, root) {
  const all = builtFiles(distDir);
  const pages = new Map();
  const files = new Set();
  for (const f of all) {
    if (f.endsWith('.html')) pages.set(routeOf(f), readFileSync(join(distDir, f), 'utf8'));
    else files.add(f);
  }
  return brokenLinks(pages, files).map((b) => `${sourceOf(root, b.page, b.href)}: link ${b.href} on ${b.page}: ${b.problem}`);
}

/** The Astro integration: fails the build when a link inside the book is broken. */
export function internalLinks() {
  let root = process.cwd();
  return {
    name: 'ensemble:internal-links',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = fileURLToPath(config.root);
      },
      'astro:build:done': ({ dir, logger }) => {
        const problems = checkBuiltSite(fileURLToPath(dir), root);
        if (problems.length > 0) {
          throw new Error(`${problems.length} broken link(s) inside the book:\n  ${problems.join('\n  ')}`);
        }
        logger.info('every link inside the book resolves');
      },
    },
  };
}
