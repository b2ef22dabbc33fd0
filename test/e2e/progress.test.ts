/**
 * The reader's progress across the book (issue 16), in Debian's chromium against the built
 * site: a chapter is marked read when the reader scrolls to its end (the sidebar's ✓, the
 * landing page's figures and "Continue with"), never by a link that opens at its end; the
 * landing page's box keeps its place whether or not there is progress to show (no layout
 * shift at 390 and 1280 px), and is reachable and clean by keyboard and axe.
 */
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeSerious, screenshot, NO_SERVICE_WORKER } from './browser.ts';
import { useBrowser } from './shared-browser.ts';

const base = inject('baseURL');
const browser = useBrowser();

const readMark = (slug: string): string => `nav.sidebar a[href="/${slug}/"] .book-mark`;
/** The signs a mark shows (its words for screen readers aside). */
const signs = (page: Page, selector: string): Promise<string> => page.evaluate((sel) => document.querySelector(`${sel} [aria-hidden="true"]`)?.textContent ?? '', selector);

describe('progress across the book', () => {
  it('a chapter read to its end by scrolling is marked; a link to its end marks nothing', async () => {
    const context = await browser().newContext({ ...NO_SERVICE_WORKER, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    // Opened at its end by a link: nothing is marked.
    await page.goto(`${base}/data-model/#whats-next`, { waitUntil: 'networkidle' });
    await page.waitForTimeout(500);
    expect(await signs(page, readMark('data-model'))).toBe('');
    // The reader scrolls (a wheel) to the end: marked, in the sidebar at once.
    await page.goto(`${base}/data-model/`, { waitUntil: 'networkidle' });
    await page.mouse.move(640, 450);
    for (let i = 0; i < 80 && (await signs(page, readMark('data-model'))) === ''; i++) {
      await page.mouse.wheel(0, 1500);
      await page.waitForTimeout(50);
    }
    expect(await signs(page, readMark('data-model'))).toBe('✓');
    expect(await page.locator(readMark('data-model')).textContent()).toContain('(read)');
    expect(await signs(page, readMark('why-coordination'))).toBe('');
    // The landing page counts it and continues with the next chapter.
    await page.goto(`${base}/`, { waitUntil: 'networkidle' });
    const box = page.locator('[data-book-progress]');
    expect(await box.locator('[data-role="summary"]').innerText()).toMatch(/^You have read 1 of \d+ chapters and passed 0 of \d+ exercises\.$/);
    const next = box.locator('[data-role="next"] a');
    expect(await next.getAttribute('href')).toBe('/client-api/');
    expect(await signs(page, '.chapter-list a[href="/data-model/"] .book-mark')).toBe('✓');
    await context.close();
  });

  it('the landing box: no layout shift with progress or without; keyboard; axe; light and dark', async () => {
    for (const width of [390, 1280]) {
      for (const theme of ['light', 'dark'] as const) {
        for (const seeded of [false, true]) {
          const context = await browser().newContext({ ...NO_SERVICE_WORKER, viewport: { width, height: 900 } });
          await context.addInitScript(
            ([t, s]) => {
              localStorage.setItem('starlight-theme', t);
              if (s) {
                localStorage.setItem('ensemble.progress.v1:read:/why-coordination/', 'read');
                localStorage.setItem('ensemble.progress.v1:last:', '/why-coordination/');
                localStorage.setItem('ensemble.progress.v1:exercise:/client-api/#first-program', 'passed');
              }
              const w = window as unknown as { cls: number };
              w.cls = 0;
              new PerformanceObserver((list) => {
                for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) if (!e.hadRecentInput) w.cls += e.value;
              }).observe({ type: 'layout-shift', buffered: true });
            },
            [theme, seeded] as const,
          );
          const page = await context.newPage();
          const errors: string[] = [];
          page.on('pageerror', (e) => errors.push(e.message));
          await page.goto(`${base}/`, { waitUntil: 'networkidle' });
          await page.waitForTimeout(500);
          const box = page.locator('[data-book-progress]');
          expect(await page.evaluate(() => (window as unknown as { cls: number }).cls), `${width} px ${theme} ${seeded ? 'with' : 'without'} progress`).toBeLessThanOrEqual(0.02);
          expect(await box.locator('[data-role="summary"]').innerText()).toMatch(seeded ? /^You have read 1 of \d+ chapters and passed 1 of \d+ exercises\.$/ : /^Nothing read yet in this browser\.$/);
          if (seeded) expect(await box.locator('[data-role="next"] a').getAttribute('href')).toBe('/data-model/');
          // Keyboard: Tab reaches "Reset my progress…"; Enter asks; Cancel is focused.
          await box.locator('[data-role="next"] a').focus();
          await page.keyboard.press('Tab');
          expect(await page.evaluate(() => document.activeElement?.getAttribute('data-role'))).toBe('ask');
          await page.keyboard.press('Enter');
          expect(await box.locator('[data-role="confirm"]').isVisible()).toBe(true);
          expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
          await box.scrollIntoViewIfNeeded();
          await screenshot(page, `progress-landing-${width}-${theme}-${seeded ? 'progress' : 'new'}`);
          expect(await axeSerious(page)).toEqual([]);
          expect(errors).toEqual([]);
          await context.close();
        }
      }
    }
  });
});
