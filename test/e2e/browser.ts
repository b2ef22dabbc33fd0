/**
 * Launching Debian's chromium through playwright-core (no browser downloads), and the
 * per-page helpers the e2e tests share: console-error capture, request log, screenshots, and
 * axe's serious and critical findings.
 */
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page, type Request } from 'playwright-core';
import { mkdirSync } from 'node:fs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/**
 * Context options for a test of the page itself: no service worker. Every fresh context
 * would otherwise register the book's worker (src/book/offline.mjs) and download its whole
 * precache (about 16 MB) in the background while the test measures the page.
 * test/e2e/offline.test.ts tests the worker, in contexts of its own.
 */
export const NO_SERVICE_WORKER = { serviceWorkers: 'block' } as const;

export interface PageProbe {
  context: BrowserContext;
  page: Page;
  errors: string[];
  requests: string[];
}

/**
 * A fresh context (no service worker) and page that records console errors, page errors and
 * every request URL; once the page has loaded, the reader's first act, a turn of the wheel
 * that scrolls nothing: a lab waits for one before it loads its code (load-near.ts; the page
 * shows its first frame until then), as a reader who goes on to use it makes one.
 * js-budget.test.ts weighs the pages before any act.
 */
export async function openPage(browser: Browser, url: string, viewport = { width: 1280, height: 900 }): Promise<PageProbe> {
  const context = await browser.newContext({ ...NO_SERVICE_WORKER, viewport });
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r: Request) => requests.push(r.url()));
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.mouse.wheel(0, 0);
  return { context, page, errors, requests };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync('test-results/screenshots', { recursive: true });
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

export const isMonacoRequest = (url: string): boolean => /monaco|editor\.api|ts\.worker|editor\.worker|codicon|tsMode|\/typescript\./i.test(url);

/** axe's serious and critical findings on the page (WCAG 2.1 A and AA), one line each. */
export async function axeSerious(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
