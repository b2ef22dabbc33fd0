/**
 * End to end, a <LabStage> (the passage that drives a lab) on the built site: at 1440 × 900
 * its lab's picture stays in view beside the text while the reader scrolls through the
 * passage, a moment link in it changes the picture without scrolling the page, the dock never
 * covers the text and the keyboard meets the passage's links and the dock's buttons in the
 * page's order, each in view; on a 390 px phone and in a short window nothing is kept in view
 * and a moment link brings the lab into view as elsewhere; axe finds nothing serious.
 */
import { describe, expect, inject, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { axeSerious, openPage } from './browser.ts';
import { useBrowser } from './shared-browser.ts';

const base = inject('baseURL');
const browser = useBrowser();

interface Box { top: number; bottom: number; left: number; right: number }
const box = (l: Locator): Promise<Box> => l.evaluate((e) => { const r = e.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, left: r.left, right: r.right }; });
const headerBottom = (page: Page): Promise<number> => page.evaluate(() => document.querySelector('header.header')!.getBoundingClientRect().bottom);
/** Scroll so that the page's `y` (document coordinates) is at the window's top, and let the stage react. */
async function scrollToY(page: Page, y: number): Promise<void> {
  await page.evaluate((to) => scrollTo({ top: to, behavior: 'instant' }), y);
  await page.waitForTimeout(150);
}
const docTop = (l: Locator): Promise<number> => l.evaluate((e) => e.getBoundingClientRect().top + scrollY);
const docBottom = (l: Locator): Promise<number> => l.evaluate((e) => e.getBoundingClientRect().bottom + scrollY);

describe('a lab stage at 1440 × 900', () => {
  for (const { chapter, lab, servers, moments } of [
    { chapter: 'zab', lab: 'zab-lab', servers: 5, moments: ['write-proposed', 'two-leaders', 'old-leader-trunc'] },
    { chapter: 'sessions', lab: 'session-lab', servers: 3, moments: ['server-crash', 'c1-expired', 'c1-rejoins'] },
  ]) {
    it(`${chapter}: the picture stays in view through the passage, and its moment links do not scroll the page`, async () => {
      const probe = await openPage(browser(), `${base}/${chapter}/`, { width: 1440, height: 900 });
      const { page } = probe;
      const stage = page.locator(`lab-stage[data-lab="${lab}"]`);
      const dock = stage.locator('.lab-stage-dock');
      await page.locator(`ensemble-lab#${lab} ensemble-diagram svg g.server`).nth(servers - 1).waitFor();
      const nav = await headerBottom(page);
      const figureEnd = await docBottom(page.locator(`figure:has(> ensemble-lab#${lab})`));
      const [from, to] = [await docTop(stage), await docBottom(stage)];
      expect(to - from).toBeGreaterThan(1200);
      // Through the passage, a window at a time, from where the figure has gone to where the
      // dock would leave the passage: the dock's drawing is whole on screen, beside the text.
      const text = await box(stage);
      const start = Math.max(from, figureEnd - nav + 1);
      let stops = 0;
      for (let y = start; y < to - 900; y += 450) {
        await scrollToY(page, y);
        await expect.poll(() => stage.getAttribute('data-docked'), { timeout: 2000 }).toBe('');
        const svg = dock.locator('ensemble-diagram svg');
        await expect.poll(() => svg.locator('g.server').count()).toBe(servers);
        const pic = await box(svg);
        expect(pic.top).toBeGreaterThanOrEqual(nav);
        expect(pic.bottom).toBeLessThanOrEqual(900);
        expect(pic.bottom - pic.top).toBeGreaterThan(200);
        expect((await box(dock)).left).toBeGreaterThanOrEqual(text.right);
        stops++;
      }
      expect(stops).toBeGreaterThanOrEqual(2);
      // The contents it covers cannot take the focus.
      expect(await page.locator('.right-sidebar a').first().evaluate((a) => getComputedStyle(a).visibility)).toBe('hidden');
      // Each moment link: the picture changes, the page does not move.
      for (const moment of moments) {
        const link = stage.locator(`[data-moment-link][data-moment="${moment}"]`).first();
        // The link in the window's middle, or as high as it can be with the figure gone.
        const figureNow = await docBottom(page.locator(`figure:has(> ensemble-lab#${lab})`));
        await scrollToY(page, Math.max((await docTop(link)) - 450, figureNow - nav + 1));
        await expect.poll(() => stage.getAttribute('data-docked')).toBe('');
        const [before, scrolled] = [(await box(link)).top, await page.evaluate(() => scrollY)];
        const badge = await dock.locator('[data-role="stage-moment"]').textContent();
        await link.click();
        await expect.poll(() => dock.locator('[data-role="stage-moment"]').textContent(), { timeout: 5000 }).not.toBe(badge);
        expect(await dock.locator('[data-role="stage-moment"]').textContent()).toMatch(/^Moment: /);
        expect(await page.locator(`ensemble-lab#${lab} [data-role="moment"]`).textContent()).toBe(await dock.locator('[data-role="stage-moment"]').textContent());
        await page.waitForTimeout(600);
        // The text stays where it was (the browser may compensate for the lab growing above
        // it by a line; a scroll to the lab would be thousands of pixels).
        expect(Math.abs((await box(link)).top - before)).toBeLessThanOrEqual(1);
        expect(Math.abs((await page.evaluate(() => scrollY)) - scrolled)).toBeLessThan(100);
        expect(await stage.getAttribute('data-docked')).toBe('');
      }
      // The dock's buttons step the lab.
      const clock = page.locator(`ensemble-lab#${lab} .lab-clock`);
      const at = await clock.textContent();
      await dock.getByRole('button', { name: 'Step forward' }).click();
      await expect.poll(() => clock.textContent()).not.toBe(at);
      expect(await axeSerious(page)).toEqual([]);
      await page.screenshot({ path: `test-results/screenshots/stage-${chapter}-1440.png` });
      // Back at the figure, the dock goes (the figure and the dock share the column).
      await scrollToY(page, (await docTop(page.locator(`ensemble-lab#${lab}`))) - 100);
      await expect.poll(() => stage.getAttribute('data-docked')).toBeNull();
      expect(await dock.isHidden()).toBe(true);
      expect(probe.errors).toEqual([]);
      await probe.context.close();
    });
  }

  it("the dock copies the lab only while it is shown: undocked, the lab's frames cost it nothing", async () => {
    const probe = await openPage(browser(), `${base}/sessions/`, { width: 1440, height: 900 });
    const { page } = probe;
    const stage = page.locator('lab-stage[data-lab="session-lab"]');
    const lab = page.locator('ensemble-lab#session-lab');
    await page.locator('figure:has(> ensemble-lab#session-lab)').evaluate((f) => f.scrollIntoView({ block: 'start', behavior: 'instant' }));
    await lab.locator('ensemble-diagram svg g.server').nth(2).waitFor();
    expect(await stage.getAttribute('data-docked')).toBeNull();
    const dockNow = stage.locator('[data-role="stage-now"]');
    const labNow = lab.locator('.lab-bar [data-role="now"]');
    // The lab steps and plays; the hidden dock is not written to.
    const writes = await stage.evaluate((s) => {
      const w = { count: 0 };
      new MutationObserver((records) => (w.count += records.length)).observe(s.querySelector('.lab-stage-dock')!, { subtree: true, childList: true, characterData: true, attributes: true });
      (window as unknown as { dockWrites: typeof w }).dockWrites = w;
      return w.count;
    });
    expect(writes).toBe(0);
    for (let i = 0; i < 3; i++) await lab.getByRole('button', { name: 'Step forward' }).click();
    await lab.getByRole('button', { name: 'Play' }).click();
    await page.waitForTimeout(600);
    await lab.getByRole('button', { name: 'Pause' }).click();
    expect(await page.evaluate(() => (window as unknown as { dockWrites: { count: number } }).dockWrites.count)).toBe(0);
    // Docked, it says what the lab says at once, and follows it from then on.
    await scrollToY(page, (await docBottom(page.locator('figure:has(> ensemble-lab#session-lab)'))) + 10);
    await expect.poll(() => stage.getAttribute('data-docked')).toBe('');
    expect(await dockNow.textContent()).toBe(await labNow.textContent());
    await stage.locator('[data-stage-action="forward"]').click();
    await expect.poll(() => dockNow.textContent()).toBe(await labNow.textContent());
    expect(probe.errors).toEqual([]);
    await probe.context.close();
  });

  it('the keyboard meets the passage and the dock in the page order, and nothing it focuses is covered', async () => {
    const probe = await openPage(browser(), `${base}/sessions/`, { width: 1440, height: 900 });
    const { page } = probe;
    const stage = page.locator('lab-stage[data-lab="session-lab"]');
    await page.locator('ensemble-lab#session-lab ensemble-diagram svg g.server').nth(2).waitFor();
    /** Where the focus is: its words, whether it is in the stage or its dock, in view and uncovered. */
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const r = el.getBoundingClientRect();
        const stageEl = document.querySelector('lab-stage[data-lab="session-lab"]')!;
        const dockEl = stageEl.querySelector<HTMLElement>('.lab-stage-dock')!;
        const d = dockEl.hidden ? null : dockEl.getBoundingClientRect();
        const nav = document.querySelector('header.header')!.getBoundingClientRect().bottom;
        return {
          text: (el.textContent ?? '').trim().slice(0, 40),
          inStage: stageEl.contains(el),
          inDock: dockEl.contains(el),
          // Less than a pixel out counts as in: the browser scrolls by whole pixels, and a
          // focused heading at a fractional offset can end half a pixel past the window's edge.
          inView: r.top > nav - 1 && r.bottom < innerHeight + 1,
          covered: d !== null && !dockEl.contains(el) && r.left < d.right && r.right > d.left && r.top < d.bottom && r.bottom > d.top,
          visible: getComputedStyle(el).visibility === 'visible',
        };
      });
    // From the figure's last control into the passage, one Tab at a time.
    await page.locator('ensemble-lab#session-lab [data-role="tables"] > summary').focus();
    const seen: string[] = [];
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      await page.waitForTimeout(80);
      const f = await focused();
      if (!f.inStage) break;
      seen.push(f.text);
      expect(f, f.text).toMatchObject({ inView: true, covered: false, visible: true });
    }
    // The passage's moment links, in reading order.
    const links = seen.filter((t) => t.endsWith('(show in the figure)'));
    expect(links.slice(0, 3)).toEqual(['Show it (show in the figure)', 'show the expiry (show in the figure)', 'show it (show in the figure)']);
    // Docked, the dock's buttons come just before the passage: Shift+Tab from its first link.
    await scrollToY(page, (await docBottom(page.locator('figure:has(> ensemble-lab#session-lab)'))) + 10);
    await expect.poll(() => stage.getAttribute('data-docked')).toBe('');
    await stage.locator('[data-moment-link]').first().focus();
    const back: string[] = [];
    for (let i = 0; i < 2; i++) {
      await page.keyboard.press('Shift+Tab');
      await page.waitForTimeout(80);
      const f = await focused();
      back.push(f.text);
      expect(f, f.text).toMatchObject({ inDock: true, inView: true, covered: false, visible: true });
    }
    // (Back is disabled at the run's start, so the keyboard skips it.)
    expect(back).toEqual(['All controls ↑', 'Step ▶']);
    // The dock's way back to the figure takes the focus there.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('ensemble-lab')?.id ?? null)).toBe('session-lab');
    await expect.poll(() => page.locator('ensemble-lab#session-lab .lab-views').evaluate((v) => Math.round(v.getBoundingClientRect().top)), { timeout: 3000 }).toBeGreaterThanOrEqual(0);
    expect(probe.errors).toEqual([]);
    await probe.context.close();
  });
});

describe('a lab stage where there is no room', () => {
  for (const viewport of [{ width: 390, height: 844 }, { width: 1440, height: 560 }]) {
    it(`at ${viewport.width} × ${viewport.height} nothing is kept in view, and a moment link brings the lab into view`, async () => {
      const probe = await openPage(browser(), `${base}/sessions/`, viewport);
      const { page } = probe;
      const stage = page.locator('lab-stage[data-lab="session-lab"]');
      const lab = page.locator('ensemble-lab#session-lab');
      await lab.locator('ensemble-diagram svg g.server').nth(2).waitFor();
      const link = stage.locator('[data-moment-link][data-moment="c1-expired"]');
      await link.scrollIntoViewIfNeeded();
      await page.waitForTimeout(200);
      expect(await stage.getAttribute('data-docked')).toBeNull();
      expect(await stage.locator('.lab-stage-anchor').evaluate((a) => getComputedStyle(a).display)).toBe('none');
      expect(await lab.locator('.lab-views').evaluate((v) => v.getBoundingClientRect().bottom < 0)).toBe(true);
      await link.click();
      await expect.poll(() => lab.locator('[data-role="moment"]').textContent(), { timeout: 5000 }).toMatch(/^Moment: /);
      await expect.poll(() => lab.locator('.lab-views').evaluate((v) => Math.round(v.getBoundingClientRect().top)), { timeout: 3000 }).toBeGreaterThanOrEqual(0);
      expect(await stage.getAttribute('data-docked')).toBeNull();
      expect(probe.errors).toEqual([]);
      await probe.context.close();
    });
  }
});
