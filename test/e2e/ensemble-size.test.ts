/**
 * The Running ZooKeeper chapter's ensemble-size figure, as a reader uses it: by keyboard, pick
 * 7 voters and 2 observers; the one panel shown is that shape's (quorum 4 of 7, a PROPOSAL,
 * ACK and COMMIT for six followers, an INFORM for each observer), the live region says it,
 * and the figure's height did not change; axe finds nothing serious, in the dark theme too.
 */
import { describe, expect, inject, it } from 'vitest';
import { axeSerious, openPage } from './browser.ts';
import { useBrowser } from './shared-browser.ts';

const base = inject('baseURL');
const browser = useBrowser();

describe('ensemble-size figure', () => {
  it('shows the shape the reader picks by keyboard, without moving the page', async () => {
    const probe = await openPage(browser(), `${base}/running-zookeeper/`, { width: 390, height: 844 });
    const { page } = probe;
    const figure = page.locator('#size-figure');
    const visible = figure.locator('.ens-size-panel[data-active]');
    await figure.scrollIntoViewIfNeeded();
    const before = await figure.boundingBox();
    await expect(visible.count()).resolves.toBe(1);
    await expect(visible.getAttribute('data-shape')).resolves.toBe('3-0');

    await figure.locator('input[name="size-figure-voters"]:checked').focus();
    await page.keyboard.press('ArrowRight'); // 5
    await page.keyboard.press('ArrowRight'); // 7
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowRight'); // 1
    await page.keyboard.press('ArrowRight'); // 2
    await expect(visible.count()).resolves.toBe(1);
    await expect(visible.getAttribute('data-shape')).resolves.toBe('7-2');
    const quorum = await visible.locator('dd').first().textContent();
    expect(quorum).toMatch(/4 of 7/);
    const messages = await visible.locator('div', { hasText: 'Messages per write' }).locator('.ens-size-detail').textContent();
    expect(messages).toMatch(/6 PROPOSAL · 6 ACK · 6 COMMIT · 2 INFORM/);
    expect(await visible.locator('line.ens-size-link-inform').count()).toBe(2);
    expect(await visible.locator('line.ens-size-link-vote').count()).toBe(6);
    await expect(figure.locator('[data-role="news"]').textContent()).resolves.toMatch(/^7 voters and 2 observers: a quorum is 4, 3 voters may fail/);
    expect((await figure.boundingBox())!.height).toBe(before!.height);
    expect(probe.errors).toEqual([]);
    expect(await axeSerious(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
    expect(await axeSerious(page)).toEqual([]);
    await probe.context.close();
  });
});
