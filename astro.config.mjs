// Astro + Starlight configuration for the book. The sidebar (and so prev/next) is built
// from the book's one chapter list, CHAPTER_ORDER in src/book/chapters.mjs; Monaco's CSS is kept
// out of chapter pages by the monaco-css-inline Vite plugin (see src/editor/vite-monaco-css.mjs),
// the editor's declarations of the reader globals are built with the site (src/editor/vite-reader-dts.mjs),
// and Pagefind's UI loads when the reader reaches for search (src/book/vite-lazy-search.mjs).
// At config time every lab's scenario and every moment a chapter names must exist (src/book/lab-ids.mjs).
// When the build is done, every link inside the book must resolve to a built page and, with
// a #fragment, to an id on it; a broken one fails the build (src/book/internal-links.mjs).
// Every page then gets its Content-Security-Policy, with the hashes of its own inline scripts
// and of the Playground sandbox's boot script (src/book/csp.mjs); last, the service worker
// that lets the book read offline precaches the finished pages (src/book/offline.mjs).
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import { fileURLToPath } from 'node:url';
import { readChapters, readTranslations, sidebarFromChapters } from './src/book/chapters.mjs';
import { LOCALES } from './src/book/locales.mjs';
import { headingIds } from './src/book/heading-ids.mjs';
import { monacoCssInline } from './src/editor/vite-monaco-css.mjs';
import { readerApiDts } from './src/editor/vite-reader-dts.mjs';
import { lazySearch } from './src/book/vite-lazy-search.mjs';
import { internalLinks } from './src/book/internal-links.mjs';
import { labIds } from './src/book/lab-ids.mjs';
import { contentSecurityPolicy, sandboxScriptHashes } from './src/book/csp.mjs';
import { offlineBook } from './src/book/offline.mjs';
import { tableRegions } from './src/book/table-regions.mjs';

const chapters = readChapters(fileURLToPath(new URL('./content/chapters', import.meta.url)));
// Every translated chapter keeps an English chapter's slug (one order for every language).
readTranslations(fileURLToPath(new URL('./content', import.meta.url)));

export default defineConfig({
  site: 'https://ensemble.invalid',
  integrations: [
    // A translated heading keeps its English id: `## 标题 {/* #english-id */}` (src/book/heading-ids.mjs).
    headingIds(),
    starlight({
      title: 'Ensemble',
      description: 'An interactive book about Apache ZooKeeper, with a live simulated ensemble in every chapter.',
      favicon: '/favicon.svg',
      // English at the root, Simplified Chinese under /zh-cn/ (src/book/locales.mjs); a page
      // not yet translated is served there from English with Starlight's fallback notice.
      locales: LOCALES,
      // Installable as an app (public/manifest.webmanifest); see src/book/offline.mjs.
      head: [
        { tag: 'link', attrs: { rel: 'manifest', href: '/manifest.webmanifest' } },
        { tag: 'meta', attrs: { name: 'theme-color', content: '#2b7bb9' } },
      ],
      sidebar: sidebarFromChapters(chapters),
      pagination: true,
      tableOfContents: { minHeadingLevel: 2, maxHeadingLevel: 3 },
      customCss: ['./src/styles/book.css', './src/styles/ensemble-svg.css', './src/styles/znode-tree-svg.css', './src/styles/offline.css'],
      // The reader's progress: chapter links carry their exercises (route-progress.ts), and the
      // sidebar loads the script that marks chapters read and exercises passed.
      routeMiddleware: './src/book/route-progress.ts',
      components: { Sidebar: './src/book/Sidebar.astro' },
      lastUpdated: false,
      // The chapters live outside src/content/docs: without this, Starlight's Markdown
      // features (asides such as :::caution, heading anchors) skip them. Not the exercises'
      // Markdown (content/zh-cn/exercises): a hint's heading is cut out, its anchor must not stay.
      markdown: { processedDirs: ['./content/chapters', './content/zh-cn/chapters'] },
    }),
    // Every <EnsembleLab scenario> and named moment of the book exists (at config time, so
    // `astro check` fails on a typo too: it does not type-check MDX).
    labIds(),
    internalLinks(),
    // A chapter's tables scroll sideways in a named, focusable region with a visible cue
    // (src/book/table-regions.mjs); before csp and offline, which see the pages as served.
    tableRegions(),
    contentSecurityPolicy({ extraScriptHashes: sandboxScriptHashes(fileURLToPath(new URL('./src/sandbox/sandbox-host.ts', import.meta.url))) }),
    // After csp: the worker precaches each page as served, policy included.
    offlineBook(),
  ],
  vite: {
    plugins: [monacoCssInline(), readerApiDts(), lazySearch()],
    resolve: {
      alias: {
        '~': fileURLToPath(new URL('./src', import.meta.url)),
        '@playground': fileURLToPath(new URL('./playground', import.meta.url)),
      },
    },
    build: { chunkSizeWarningLimit: 8000 },
  },
});
