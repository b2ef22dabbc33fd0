/**
 * The JavaScript budget (issue 18): every page of the book — the landing page and every
 * chapter — requests at most 60 KB of gzipped JavaScript before the reader does anything, on
 * a first visit (no service worker), at the bench's desktop viewport and at a phone's. Bytes
 * are stable, so this is a test; times are not, so they stay in `npm run bench site`, which
 * prints this same measure (js-weight.ts). A failure lists the page's scripts, largest first.
 *
 * The measure must see what loads late: on the Zab chapter, whose first screen is a lab, a
 * press on Play loads the lab's engine, and the same measure then counts well over the budget.
 */
import { describe, expect, inject, it } from 'vitest';
import type { Response } from 'playwright-core';
import { readChapters } from '../../src/book/chapters.mjs';
import { NO_SERVICE_WORKER } from './browser.ts';
import { jsWeight, type JsWeight } from './js-weight.ts';
import { useBrowser } from './shared-browser.ts';

const base = inject('baseURL');
const browser = useBrowser();

const BUDGET_KB = 60;
const PAGES = ['', ...readChapters('content/chapters').map((c: { slug: string }) => c.slug)];
/** The bench's viewport (Playwright's default) and a phone's. */
const VIEWPORTS = [{ width: 1280, height: 720 }, { width: 390, height: 844 }];

const kb = (bytes: number): number => Math.round((bytes / 1024) * 10) / 10;
const listing = (w: JsWeight): string => w.chunks.map((c) => `${kb(c.gz).toFixed(1).padStart(6)} KB ${c.path}`).join('\n');

/** Opens `path` on a first visit and returns its JavaScript once the network is idle, then after `act` if given. */
async function weigh(path: string, viewport: { width: number; height: number }, act?: (p: import('playwright-core').Page) => Promise<void>): Promise<{ before: JsWeight; after?: JsWeight }> {
  const context = await browser().newContext({ ...NO_SERVICE_WORKER, viewport });
  try {
    const page = await context.newPage();
    const responses: Response[] = [];
    page.on('response', (r) => responses.push(r));
    await page.goto(`${base}/${path}`, { waitUntil: 'networkidle' });
    const before = await jsWeight(responses);
    if (act === undefined) return { before };
    await act(page);
    await page.waitForLoadState('networkidle');
    return { before, after: await jsWeight(responses) };
  } finally {
    await context.close();
  }
}

describe(`JavaScript before interaction: at most ${BUDGET_KB} KB gzipped on every page`, () => {
  for (const path of PAGES) {
    it(`/${path}: at ${VIEWPORTS.map((v) => `${v.width}×${v.height}`).join(' and ')}`, async () => {
      for (const viewport of VIEWPORTS) {
        const { before } = await weigh(path, viewport);
        expect(kb(before.gz), `/${path} at ${viewport.width} px requests ${kb(before.gz)} KB of gzipped JavaScript before any interaction:\n${listing(before)}`).toBeLessThanOrEqual(BUDGET_KB);
      }
    }, 120_000);
  }

  it('counts what loads late: on the Zab chapter a press on the lab\'s Play loads its engine, over the budget', async () => {
    const { before, after } = await weigh('zab/', VIEWPORTS[0]!, async (page) => {
      await page.locator('ensemble-lab .lab-bar [data-action="play"]').first().click();
      await page.locator('ensemble-lab .lab-bar [data-action="play"][aria-label="Pause"]').first().waitFor();
    });
    expect(kb(before.gz)).toBeLessThanOrEqual(BUDGET_KB);
    expect(kb(after!.gz), listing(after!)).toBeGreaterThan(BUDGET_KB);
    expect(after!.chunks.some((c) => /ensemble-lab/.test(c.path)), listing(after!)).toBe(true);
  }, 120_000);
});
