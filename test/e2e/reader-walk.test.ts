/**
 * End to end, the reader walk's findings (review of 2026-12-07) on the built site: a moment
 * link that scrolls up to its lab offers the way back (a button that takes the focus, and
 * Escape), which returns the focus to the link, in view; "How to read this figure" explains in
 * place, so the figure keeps where it stands; the ensemble's key lists only what the lab's
 * run can show (chapter 1: no OBSERVING, FROZEN, DOWN or partition), and gains an entry when
 * the reader's own fault draws it, moving nothing but itself.
 */
import { describe, expect, inject, it } from 'vitest';
import { axeSerious, openPage } from './browser.ts';
import { useBrowser } from './shared-browser.ts';

const base = inject('baseURL');
const browser = useBrowser();

describe('the way back from a moment link', () => {
  for (const [width, height] of [
    [1100, 900],
    [390, 844],
  ] as const) {
    it(`at ${width} px: a button near the figure, focused and announced; it and Escape return the focus to the link, in view`, async () => {
      const probe = await openPage(browser(), `${base}/zab/`, { width, height });
      const { page } = probe;
      const lab = page.locator('ensemble-lab#zab-lab');
      await lab.locator('ensemble-diagram svg g.server').nth(4).waitFor();
      const link = page.locator('[data-moment-link][data-moment="write-proposed"]').first();
      const inView = (): Promise<boolean> => link.evaluate((l) => {
        const r = l.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= innerHeight;
      });
      for (const way of ['button', 'Escape'] as const) {
        await link.scrollIntoViewIfNeeded();
        await link.focus();
        await page.keyboard.press('Enter');
        await expect.poll(() => lab.locator('[data-role="moment"]').textContent()).toBe('Moment: the leader proposes a write.');
        const back = page.locator('button.moment-back');
        await expect.poll(() => back.count()).toBe(1);
        // The figure came into view and the link left it; the button holds the focus and says where the figure stands.
        await expect.poll(inView, { timeout: 3000 }).toBe(false);
        expect(await page.evaluate(() => document.activeElement?.classList.contains('moment-back'))).toBe(true);
        const name = await back.evaluate((b) => b.textContent ?? '');
        expect(name).toContain('Back to the text');
        expect(name).toContain('the leader proposes a write');
        // Near the figure: on screen, under the header, over the figure's top.
        const box = (await back.boundingBox())!;
        expect(box.y).toBeGreaterThan(0);
        expect(box.y + box.height).toBeLessThan(height / 3);
        expect(await back.evaluate((b) => b.nextElementSibling?.matches('figure.ensemble-lab-figure'))).toBe(true);
        if (way === 'button') await page.keyboard.press('Enter');
        else await page.keyboard.press('Escape');
        await expect.poll(() => link.evaluate((l) => document.activeElement === l)).toBe(true);
        await expect.poll(inView, { timeout: 3000 }).toBe(true);
        expect(await back.count()).toBe(0);
      }
      expect(await axeSerious(page)).toEqual([]);
      expect(probe.errors).toEqual([]);
      await probe.context.close();
    });
  }
});

describe('how to read a figure, in place', () => {
  it('opens an explainer of the lab’s own views on the page; the figure keeps its position', async () => {
    const probe = await openPage(browser(), `${base}/zab/`, { width: 1280, height: 900 });
    const { page } = probe;
    const lab = page.locator('ensemble-lab#zab-lab');
    await lab.locator('ensemble-diagram svg g.server').nth(4).waitFor();
    await lab.getByRole('button', { name: 'Step forward' }).click();
    await lab.getByRole('button', { name: 'Step forward' }).click();
    const clock = await lab.locator('.lab-clock').textContent();
    const url = page.url();
    const howto = page.locator('figure.ensemble-lab-figure .lab-howto');
    expect(await howto.locator('a').count()).toBe(0);
    await howto.locator('summary').focus();
    await page.keyboard.press('Enter');
    const items = howto.locator('li');
    await expect.poll(() => items.first().isVisible()).toBe(true);
    const text = (await howto.textContent()) ?? '';
    // Its views: the ensemble, the tree, the log, the lanes; and the controls.
    for (const words of ['servers', 'tree of znodes', 'transaction log', 'space-time diagram', 'Step']) expect(text).toContain(words);
    expect(page.url()).toBe(url);
    expect(await lab.locator('.lab-clock').textContent()).toBe(clock);
    expect(probe.errors).toEqual([]);
    await probe.context.close();
  });

  it('names only the views a lab has (Sessions: no transaction log)', async () => {
    const probe = await openPage(browser(), `${base}/sessions/`);
    const text = (await probe.page.locator('figure.ensemble-lab-figure .lab-howto').first().textContent()) ?? '';
    const views = await probe.page.locator('ensemble-lab#session-lab').evaluate((l) => ['txn-log', 'space-time'].filter((v) => l.querySelector(v)));
    expect(text.includes('transaction log')).toBe(views.includes('txn-log'));
    expect(text.includes('space-time diagram')).toBe(views.includes('space-time'));
    await probe.context.close();
  });
});

describe("the ensemble's key", () => {
  const key = (page: import('playwright-core').Page, lab: string): Promise<string> =>
    page.locator(`ensemble-diagram[data-lab="${lab}"] .live-legend`).evaluate((p) => (p as HTMLElement).innerText);

  it('lists in chapter 1 only what its lab can show, and is a disclosure', async () => {
    const probe = await openPage(browser(), `${base}/why-coordination/`, { width: 1440, height: 900 });
    const { page } = probe;
    await page.locator('ensemble-lab#intro-lab ensemble-diagram svg g.server').nth(2).waitFor();
    const words = await key(page, 'intro-lab');
    for (const never of ['OBSERVING', 'FROZEN', 'DOWN', 'partition', 'INFORM']) expect(words).not.toContain(never);
    for (const shown of ['LEADING', 'FOLLOWING', 'LOOKING', 'epoch', 'messages in flight']) expect(words).toContain(shown);
    expect(words.split(/\s+/).length).toBeLessThanOrEqual(60);
    const details = page.locator('ensemble-diagram[data-lab="intro-lab"] details.live-legend-box');
    expect(await details.getAttribute('open')).not.toBeNull();
    await details.locator('summary').click();
    expect(await details.getAttribute('open')).toBeNull();
    expect(probe.errors).toEqual([]);
    await probe.context.close();
  });

  it('lists OBSERVING where the lab has observers, and gains FROZEN when the reader freezes a server', async () => {
    const probe = await openPage(browser(), `${base}/running-zookeeper/`, { width: 1280, height: 900 });
    const { page } = probe;
    const lab = page.locator('ensemble-lab#run-lab');
    await lab.locator('ensemble-diagram svg g.server').nth(2).waitFor();
    expect(await key(page, 'run-lab')).toContain('OBSERVING');
    expect(await key(page, 'run-lab')).not.toContain('FROZEN');
    await lab.getByRole('button', { name: 'More controls and faults…' }).click();
    await lab.getByRole('button', { name: /^Freeze/ }).first().click();
    await expect.poll(() => key(page, 'run-lab')).toContain('FROZEN');
    expect(probe.errors).toEqual([]);
    await probe.context.close();
  });
});
