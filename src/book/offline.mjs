/**
 * Astro integration: the book reads offline. After the build (and after csp.mjs has put each
 * page's policy into its HTML, so the precached pages are the served ones), Workbox's
 * `generateSW` writes `dist/sw.js`, a service worker that precaches the whole built site:
 * every page's HTML, the JS and CSS chunks (Monaco's lazily loaded chunks and workers
 * included), the Playground sandbox's worker scripts, Pagefind's index, fonts and icons.
 * Each file is precached by content revision, so a new deployment replaces exactly what
 * changed; the new worker waits until the reader accepts the update prompt
 * (`offline-register.ts`), and then takes over and the page reloads.
 *
 * On `astro build` only, every page gets `offline-register.ts` (a tiny module that registers
 * the worker once the page is idle); `astro dev` has no service worker at all. Plain ESM
 * JavaScript because astro.config.mjs imports it; Node and workbox-build at build time only.
 */
import { generateSW } from 'workbox-build';
import { fileURLToPath } from 'node:url';

/** The worker's file name, at the site's root so its scope is the whole book. */
export const SERVICE_WORKER = 'sw.js';

/** What the worker precaches, relative to dist/; everything the book serves. */
export const PRECACHE_PATTERNS = ['**/*.{html,js,mjs,css,json,webmanifest,svg,png,ico,woff,woff2,ttf,wasm}', 'pagefind/**/*'];

/** Monaco's TypeScript worker is about 7 MB; no file the book serves is above this. */
const LARGEST_FILE = 16 * 1024 * 1024;

/** The generateSW options for a built site in `dir` (exported for the unit test). */
export function workboxOptions(dir) {
  return {
    globDirectory: dir,
    globPatterns: PRECACHE_PATTERNS,
    swDest: `${dir}/${SERVICE_WORKER}`,
    maximumFileSizeToCacheInBytes: LARGEST_FILE,
    // Vite's chunk names carry their content hash: no cache-busting query needed.
    dontCacheBustURLsMatching: /^_astro\//,
    // Pagefind adds ?ts=<build id> to its index requests.
    ignoreURLParametersMatching: [/^ts$/, /^utm_/],
    directoryIndex: 'index.html',
    cleanupOutdatedCaches: true,
    // A new version waits for the reader's "Reload" (offline-register.ts), but the first
    // install takes the open page at once so its lazy chunks are served offline too.
    skipWaiting: false,
    clientsClaim: true,
    inlineWorkboxRuntime: true,
    sourcemap: false,
    mode: 'production',
  };
}

export function offlineBook() {
  return {
    name: 'ensemble:offline',
    hooks: {
      'astro:config:setup': ({ command, injectScript }) => {
        if (command === 'build') injectScript('page', `import '${fileURLToPath(new URL('./offline-register.ts', import.meta.url))}';`);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const { count, size, warnings } = await generateSW(workboxOptions(fileURLToPath(dir).replace(/\/$/, '')));
        for (const w of warnings) logger.warn(w);
        logger.info(`${SERVICE_WORKER} precaches ${count} files (${Math.round(size / 1024)} KB).`);
      },
    },
  };
}
