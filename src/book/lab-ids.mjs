/**
 * An Astro integration that checks, when the config is set up, every lab reference of the
 * book's pages (src/book/lab-references.ts: an `<EnsembleLab>`'s scenario, each moment a
 * page names) and stops with the list of problems. It runs under `astro sync`, so under
 * `astro check` (`npm run check`) as well as `astro build` and `astro dev`: a typo in a
 * chapter's `scenario="…"` or `moment="…"` fails the check with its file and line, although
 * `astro check` itself does not type-check MDX. Every language's pages are checked (a
 * translation under content/zh-cn/ names the same labs). Config time only; reads the pages from disk.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { labReferenceProblems } from './lab-references.ts';
import { TRANSLATIONS } from './locales.mjs';

/** The landing page and every chapter, in every language, as `{ path, text }` with repository paths. */
export function readPages(root) {
  const pages = [];
  for (const dir of ['content', ...TRANSLATIONS.map((l) => `content/${l}`)]) {
    const chapterDir = join(root, dir, 'chapters');
    const chapters = existsSync(chapterDir) ? readdirSync(chapterDir).filter((f) => /^[^_].*\.mdx$/.test(f)).sort().map((f) => `${dir}/chapters/${f}`) : [];
    if (existsSync(join(root, dir, 'index.mdx'))) pages.push(`${dir}/index.mdx`);
    pages.push(...chapters);
  }
  return pages.map((path) => ({ path, text: readFileSync(join(root, path), 'utf8') }));
}

export function labIds() {
  return {
    name: 'ensemble-lab-ids',
    hooks: {
      'astro:config:setup': ({ config }) => {
        const problems = labReferenceProblems(readPages(fileURLToPath(config.root)));
        if (problems.length > 0) throw new Error(`the book names labs, scenarios or moments that do not exist:\n${problems.join('\n')}`);
      },
    },
  };
}
