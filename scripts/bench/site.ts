/**
 * Site benchmarks: build time, and what a chapter page costs a reader.
 *
 * Builds the site (timed), serves dist/ with `astro preview`, and loads the landing page and
 * each chapter in Debian's chromium. Page weight is the gzip -9 size of every JavaScript
 * response the page requested before any interaction (a first visit: no service worker yet);
 * the editor's weight is the JavaScript (incl. workers) fetched after clicking the first
 * <code-editor>, and the time until it was ready. Then Lighthouse (`lighthouse.ts`) scores
 * every page with the mobile and the desktop preset, median of 3, with its cumulative layout
 * shift, and one table prints it all: page, JS before interaction, LH mobile, LH desktop, CLS.
 * `ENSEMBLE_BENCH_PAGES=zab,paxos` limits the pages (`landing` is the landing page),
 * `ENSEMBLE_BENCH_RUNS=1` the Lighthouse runs per preset, for a quicker look, and
 * `ENSEMBLE_SKIP_BUILD=1` measures the dist/ already there.
 */
import { build, preview } from 'astro';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Response } from 'playwright-core';
import { readChapters } from '../../src/book/chapters.mjs';
import { launch, NO_SERVICE_WORKER } from '../../test/e2e/browser.ts';
import { jsWeight } from '../../test/e2e/js-weight.ts';
import { lighthouseBrowser, type PageScore } from './lighthouse.ts';

import type { Figure } from './figure.ts';

const kb = (n: number) => Math.round((n / 1024) * 10) / 10;

/** The pages measured: the landing page and every chapter, or those ENSEMBLE_BENCH_PAGES names. */
function pages(): { name: string; path: string }[] {
  const all = [{ name: 'landing', path: '/' }, ...readChapters('content/chapters').map((c: { slug: string }) => ({ name: c.slug, path: `/${c.slug}/` }))];
  const wanted = process.env.ENSEMBLE_BENCH_PAGES?.split(',').map((p) => p.trim()).filter(Boolean);
  if (wanted === undefined || wanted.length === 0) return all;
  const unknown = wanted.filter((w) => !all.some((p) => p.name === w || p.path === w));
  if (unknown.length > 0) throw new Error(`ENSEMBLE_BENCH_PAGES names no page: ${unknown.join(', ')} (pages: ${all.map((p) => p.name).join(', ')})`);
  return all.filter((p) => wanted.includes(p.name) || wanted.includes(p.path));
}

function runs(): number {
  const n = Number(process.env.ENSEMBLE_BENCH_RUNS ?? 3);
  if (!Number.isInteger(n) || n < 1) throw new Error(`ENSEMBLE_BENCH_RUNS must be a whole number of runs, at least 1 (got ${process.env.ENSEMBLE_BENCH_RUNS})`);
  return n;
}

interface Row {
  page: string;
  js: number;
  mobile: PageScore;
  desktop: PageScore;
}

function table(rows: Row[], n: number): string {
  const head = ['page', 'JS before interaction (gzip)', `LH mobile (median of ${n})`, `LH desktop (median of ${n})`, 'CLS mobile · desktop'];
  const lines = rows.map((r) => [r.page, `${r.js} KB`, String(r.mobile.score), String(r.desktop.score), `${r.mobile.cls} · ${r.desktop.cls}`]);
  const out = [head, head.map(() => '---'), ...lines].map((cells) => `| ${cells.join(' | ')} |`);
  return out.join('\n');
}

export async function bench(): Promise<Figure[]> {
  process.env.ASTRO_TELEMETRY_DISABLED = '1';
  const measured = pages();
  const n = runs();
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const figures: Figure[] = [];
  // As for the e2e tests, ENSEMBLE_SKIP_BUILD=1 measures the dist/ already built.
  if (!(process.env.ENSEMBLE_SKIP_BUILD === '1' && existsSync(`${root}dist/index.html`))) {
    const t0 = process.hrtime.bigint();
    await build({ root, logLevel: 'error' });
    figures.push({ name: 'build time', value: Number((process.hrtime.bigint() - t0) / 1_000_000n) / 1000, unit: 's' });
  }

  // Another bench may hold 4398: astro then serves on the next free port, which is the one to load.
  const server = await preview({ root, logLevel: 'error', server: { host: '127.0.0.1', port: 4398 } });
  const origin = `http://127.0.0.1:${server.port}`;
  const js = new Map<string, number>();
  const browser = await launch();
  try {
    for (const { name, path } of measured) {
      // A first visit: the service worker would serve later requests from its cache.
      const context = await browser.newContext({ ...NO_SERVICE_WORKER });
      const page = await context.newPage();
      const responses: Response[] = [];
      page.on('response', (r) => responses.push(r));
      await page.goto(`${origin}${path}`, { waitUntil: 'networkidle' });
      const before = await jsWeight(responses);
      js.set(name, kb(before.gz));
      figures.push({ name: `${name}: JS before the editor (gzip)`, value: kb(before.gz), unit: 'KB' });
      const editor = page.locator('code-editor .ce-static').first();
      if ((await editor.count()) > 0) {
        const seen = responses.length;
        const start = Date.now();
        await editor.click();
        await page.locator('code-editor .monaco-editor .view-lines').first().waitFor({ timeout: 60_000 });
        const readyMs = Date.now() - start;
        await page.waitForLoadState('networkidle');
        const after = await jsWeight(responses.slice(seen));
        figures.push({ name: `${name}: editor chunks (gzip)`, value: kb(after.gz), unit: 'KB' });
        figures.push({ name: `${name}: editor chunks (raw)`, value: kb(after.raw), unit: 'KB' });
        figures.push({ name: `${name}: editor ready after click`, value: readyMs, unit: 'ms' });
      }
      await context.close();
    }
  } finally {
    await browser.close();
  }

  const rows: Row[] = [];
  const lh = await lighthouseBrowser();
  try {
    for (const { name, path } of measured) {
      const mobile = await lh.score(`${origin}${path}`, 'mobile', n);
      const desktop = await lh.score(`${origin}${path}`, 'desktop', n);
      rows.push({ page: name, js: js.get(name)!, mobile, desktop });
      figures.push({ name: `${name}: Lighthouse mobile`, value: mobile.score, unit: '' });
      figures.push({ name: `${name}: Lighthouse desktop`, value: desktop.score, unit: '' });
      figures.push({ name: `${name}: CLS mobile`, value: mobile.cls, unit: '' });
      figures.push({ name: `${name}: CLS desktop`, value: desktop.cls, unit: '' });
    }
  } finally {
    await lh.close();
    await server.stop();
  }
  console.log(table(rows, n));
  return figures;
}
