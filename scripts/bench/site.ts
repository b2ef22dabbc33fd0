/**
 * Site benchmarks: build time, and what a chapter page costs a reader.
 *
 * Builds the site (timed), serves dist/ with `astro preview`, and loads each chapter in
 * Debian's chromium. Page weight is the gzip -9 size of every JavaScript response the page
 * requested before any editor was touched; the editor's weight is the JavaScript (incl.
 * workers) fetched after clicking the first <code-editor>, and the time until it was ready.
 */
import { build, preview } from 'astro';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Response } from 'playwright-core';
import { readChapters } from '../../src/book/chapters.mjs';
import { launch } from '../../test/e2e/browser.ts';

import type { Figure } from './figure.ts';

const kb = (n: number) => Math.round((n / 1024) * 10) / 10;

async function jsWeight(responses: Response[]): Promise<{ raw: number; gz: number }> {
  let raw = 0;
  let gz = 0;
  for (const r of responses) {
    const type = r.headers()['content-type'] ?? '';
    if (!/javascript/.test(type) && !/\.m?js(\?|$)/.test(r.url())) continue;
    const body = await r.body().catch(() => Buffer.alloc(0));
    raw += body.length;
    gz += gzipSync(body, { level: 9 }).length;
  }
  return { raw, gz };
}

export async function bench(): Promise<Figure[]> {
  process.env.ASTRO_TELEMETRY_DISABLED = '1';
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const figures: Figure[] = [];
  const t0 = process.hrtime.bigint();
  await build({ root, logLevel: 'error' });
  figures.push({ name: 'build time', value: Number((process.hrtime.bigint() - t0) / 1_000_000n) / 1000, unit: 's' });

  // Another bench may hold 4398: astro then serves on the next free port, which is the one to load.
  const server = await preview({ root, logLevel: 'error', server: { host: '127.0.0.1', port: 4398 } });
  const origin = `http://127.0.0.1:${server.port}`;
  const browser = await launch();
  try {
    for (const chapter of readChapters('content/chapters')) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const responses: Response[] = [];
      page.on('response', (r) => responses.push(r));
      await page.goto(`${origin}/${chapter.slug}/`, { waitUntil: 'networkidle' });
      const before = await jsWeight(responses);
      figures.push({ name: `${chapter.slug}: JS before the editor (gzip)`, value: kb(before.gz), unit: 'KB' });
      const editor = page.locator('code-editor .ce-static').first();
      if ((await editor.count()) > 0) {
        const seen = responses.length;
        const start = Date.now();
        await editor.click();
        await page.locator('code-editor .monaco-editor .view-lines').first().waitFor({ timeout: 60_000 });
        const readyMs = Date.now() - start;
        await page.waitForLoadState('networkidle');
        const after = await jsWeight(responses.slice(seen));
        figures.push({ name: `${chapter.slug}: editor chunks (gzip)`, value: kb(after.gz), unit: 'KB' });
        figures.push({ name: `${chapter.slug}: editor chunks (raw)`, value: kb(after.raw), unit: 'KB' });
        figures.push({ name: `${chapter.slug}: editor ready after click`, value: readyMs, unit: 'ms' });
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  return figures;
}
