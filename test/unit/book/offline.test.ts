/**
 * The offline service worker's precache (src/book/offline.mjs), built by Workbox from a
 * small stand-in for dist/: every page, chunk, worker script, Pagefind file and icon is in
 * it, the worker itself and the build's leftovers (.prerender) are not, Vite's hashed chunks
 * are listed without a revision (their name is their revision) and the rest with one that
 * changes when the file does.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { generateSW } from 'workbox-build';
import { SERVICE_WORKER, workboxOptions } from '../../../src/book/offline.mjs';

const FILES = [
  'index.html',
  '404.html',
  'zab/index.html',
  '_astro/page.Ab12Cd34.js',
  '_astro/sandbox.worker-Xy98.js',
  '_astro/ts.worker-Q1.js',
  '_astro/index.Zz.css',
  '_astro/codicon.Kk.ttf',
  'pagefind/pagefind.js',
  'pagefind/pagefind-entry.json',
  'pagefind/wasm.en.pagefind',
  'pagefind/fragment/en_1a2b.pf_fragment',
  'pagefind/index/en_3c4d.pf_index',
  'manifest.webmanifest',
  'icon-192.png',
  'favicon.svg',
];

function fakeDist(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ensemble-offline-'));
  for (const f of [...FILES, '.prerender/chunks/x.mjs']) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    writeFileSync(join(dir, f), `content of ${f}`);
  }
  return dir;
}

/** The precache list that sw.js was built with: [url, revision] pairs. */
function precacheOf(dir: string): Map<string, string | null> {
  const sw = readFileSync(join(dir, SERVICE_WORKER), 'utf8');
  return new Map([...sw.matchAll(/\{url:"([^"]+)",revision:(null|"[^"]*")\}/g)].map((m) => [m[1]!, m[2] === 'null' ? null : m[2]!.slice(1, -1)]));
}

/** Workbox bundles and minifies the worker: seconds, more on a busy machine. */
const SLOW = 120_000;

describe('offline precache', () => {
  let dir = '';
  beforeAll(async () => {
    dir = fakeDist();
    await generateSW(workboxOptions(dir));
  }, SLOW);

  it('holds every file the book serves, and nothing else', () => {
    const precache = precacheOf(dir);
    expect([...precache.keys()].sort()).toEqual([...FILES].sort());
    expect(precache.has(SERVICE_WORKER)).toBe(false);
  });

  it('waits for the reader before a new version takes over, and serves /zab/ from zab/index.html', () => {
    const sw = readFileSync(join(dir, SERVICE_WORKER), 'utf8');
    // skipWaiting() only inside the listener for the page's message, never on install.
    expect(sw).toMatch(/"SKIP_WAITING"===\w+\.data\.type&&self\.skipWaiting\(\)/);
    expect(sw.match(/skipWaiting\(\)/g)).toHaveLength(1);
    expect(sw).toMatch(/directoryIndex:"index\.html"/);
  });

  it('lists hashed chunks by name alone, and changes the revision of a page that changed', async () => {
    const before = precacheOf(dir);
    expect(before.get('_astro/page.Ab12Cd34.js')).toBeNull();
    expect(before.get('zab/index.html')).toMatch(/^[0-9a-f]{32}$/);
    writeFileSync(join(dir, 'zab/index.html'), 'a new edition');
    await generateSW(workboxOptions(dir));
    const after = precacheOf(dir);
    expect(after.get('zab/index.html')).not.toBe(before.get('zab/index.html'));
    expect(after.get('index.html')).toBe(before.get('index.html'));
  }, SLOW);
});
