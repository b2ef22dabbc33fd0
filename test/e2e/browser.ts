/**
 * Launching Debian's chromium through playwright-core (no browser downloads), and the
 * per-page helpers the e2e tests share: console-error capture, request log, screenshots.
 */
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

export interface PageProbe {
  context: BrowserContext;
  page: Page;
  errors: string[];
  requests: string[];
}

/** A fresh context and page that records console errors, page errors and every request URL. */
export async function openPage(browser: Browser, url: string, viewport = { width: 1280, height: 900 }): Promise<PageProbe> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r: Request) => requests.push(r.url()));
  await page.goto(url, { waitUntil: 'networkidle' });
  return { context, page, errors, requests };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync('test-results/screenshots', { recursive: true });
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

export const isMonacoRequest = (url: string): boolean => /monaco|editor\.api|ts\.worker|editor\.worker|codicon|tsMode|\/typescript\./i.test(url);
