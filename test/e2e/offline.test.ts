/**
 * The book reads offline (src/book/offline.mjs, src/book/offline-register.ts), in Debian's
 * chromium against the built site: after one visit, with the browser offline, every chapter
 * loads with nothing failing, search finds a word, a lab steps, Monaco opens and an
 * exercise's Check runs in the sandbox. And when a new version is deployed, the open page
 * offers it in a fixed toast, reachable by keyboard, whose Reload brings the new version in.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { readChapters } from '../../src/book/chapters.mjs';
import { axeSerious } from './browser.ts';
import { useBrowser } from './shared-browser.ts';
import { idle, openEditor } from './playground-page.ts';

const base = inject('baseURL');
const browser = useBrowser();

/** A chapter's title, from its frontmatter (what its <h1> shows). */
function titleOf(slug: string): string {
  const text = readFileSync(`content/chapters/${slug}.mdx`, 'utf8');
  const title = /^title:\s*(.+?)\s*$/m.exec(text)?.[1];
  if (title === undefined) throw new Error(`content/chapters/${slug}.mdx has no title`);
  return title.replace(/^(['"])(.*)\1$/, '$2');
}

/** Open `url` in a fresh context and wait until the service worker controls the page (its precache is complete by then). */
async function firstVisit(url: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser().newContext();
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 120_000 });
  return { context, page };
}

/** Requests the page could not get, and its errors: with everything precached, none. */
function watchFailures(page: Page): string[] {
  const failed: string[] = [];
  // blob: URLs are the sandbox's workers, never the network; a realm that ends aborts them.
  page.on('requestfailed', (r) => {
    if (!r.url().startsWith('blob:')) failed.push(`${r.url()} ${r.failure()?.errorText ?? ''}`);
  });
  page.on('pageerror', (e) => failed.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') failed.push(m.text());
  });
  return failed;
}

describe('offline', () => {
  it('after one visit, every chapter, search, a lab, Monaco and an exercise check work with the network off', async () => {
    const { context, page } = await firstVisit(`${base}/`);
    await context.setOffline(true);
    const failed = watchFailures(page);

    for (const { slug } of readChapters('content/chapters')) {
      // networkidle: moving on while the favicon loads would abort it, a failure of the test's making.
      await page.goto(`${base}/${slug}/`, { waitUntil: 'networkidle' });
      await expect.poll(() => page.locator('main h1').first().innerText(), { message: slug }).toBe(titleOf(slug));
    }
    await page.goto(`${base}/`, { waitUntil: 'networkidle' });
    expect(await page.locator('h1').first().isVisible()).toBe(true);

    // Pagefind's index comes from the precache too.
    await page.locator('site-search button[data-open-modal]').first().click();
    await page.locator('site-search input').fill('ephemeral');
    await page.locator('.pagefind-ui__result').first().waitFor({ timeout: 15_000 });
    await page.keyboard.press('Escape');

    // A lab plays: Step forward moves its event counter.
    await page.goto(`${base}/zab/`, { waitUntil: 'networkidle' });
    const lab = page.locator('ensemble-lab#zab-lab');
    const event = async (): Promise<number> => Number(/event (\d+)/.exec((await lab.locator('.lab-clock').textContent()) ?? '')?.[1] ?? NaN);
    await expect.poll(event).toBeGreaterThanOrEqual(0);
    const start = await event();
    await lab.getByRole('button', { name: 'Step forward' }).click();
    await expect.poll(event).toBeGreaterThan(start);

    // The editor's lazily loaded chunks and workers, and the sandbox's workers, are offline too.
    await page.goto(`${base}/recipes-locks/`, { waitUntil: 'networkidle' });
    const pg = page.locator('#herd-free-lock');
    await pg.locator('[data-action="check"]').click();
    await idle(page, 'herd-free-lock');
    expect(await pg.locator('[data-role="check"]').innerText()).toMatch(/Failed on fault schedule \d+/);
    await openEditor(page, pg);
    await pg.locator('.monaco-editor .view-lines').waitFor();

    expect(failed).toEqual([]);
    await context.close();
  }, 240_000);
});

/**
 * dist/ served by hand, so a test can deploy a "new version": the same site whose sw.js
 * differs by a byte, as any change to a precached file makes it differ.
 */
const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.webmanifest': 'application/manifest+json', '.wasm': 'application/wasm' };
let deployed = 1;
let site: Server;
let siteURL = '';
beforeAll(async () => {
  site = createServer((req, res) => {
    let path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (path.endsWith('/')) path += 'index.html';
    try {
      let body = readFileSync(join(DIST, path));
      if (path === '/sw.js') body = Buffer.concat([body, Buffer.from(`\n// version ${deployed}\n`)]);
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteURL = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => site.close(() => resolve())));

describe('a new version', () => {
  it('is offered in a fixed toast; Reload, by keyboard, brings it in', async () => {
    deployed = 1;
    const { context, page } = await firstVisit(`${siteURL}/zab/`);
    // Installing the first version offers nothing.
    expect(await page.locator('#book-update').count()).toBe(0);

    deployed = 2;
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    const toast = page.getByRole('status').filter({ hasText: 'A new version of the book is ready.' });
    await toast.waitFor({ timeout: 120_000 });
    // Fixed: it moves nothing on the page.
    expect(await toast.evaluate((e) => getComputedStyle(e).position)).toBe('fixed');
    mkdirSync('test-results/screenshots', { recursive: true });
    await page.screenshot({ path: 'test-results/screenshots/offline-update-1280-light.png' });
    expect(await axeSerious(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: 'test-results/screenshots/offline-update-390-dark.png' });
    expect(await axeSerious(page)).toEqual([]);
    const reload = toast.getByRole('button', { name: 'Reload' });
    await reload.focus();
    // The page reloads only once the new worker has taken over (controllerchange).
    const navigated = page.waitForEvent('framenavigated');
    await page.keyboard.press('Enter');
    await navigated;
    await page.waitForLoadState('load');
    const now = await page.evaluate(async () => {
      const r = await navigator.serviceWorker.getRegistration();
      return { waiting: r?.waiting ?? null, controlled: navigator.serviceWorker.controller !== null };
    });
    expect(now).toEqual({ waiting: null, controlled: true });
    expect(await page.locator('#book-update').count()).toBe(0);
    await context.close();
  }, 240_000);
});
