/**
 * The Zab chapter's Multi-Paxos stepper (PaxosMulti.astro) as a reader uses it, on a phone:
 * its first frame is in the page before its script; by keyboard alone (Enter on Step, then
 * Alt+→) the reader takes the Zab paper's run to its end, where the grid chooses C in
 * instance 1 and B in instance 2 and the verdict says primary order is broken; the hash then
 * reopens that very position in a fresh page; Alt+← steps back; a reader's own move puts
 * the log in the link; a bad link says why and shows the start; axe finds nothing serious, in
 * the light and dark themes. The figure's height does not change when its script arrives.
 */
import { describe, expect, inject, it } from 'vitest';
import { axeSerious, openPage } from './browser.ts';
import { useBrowser } from './shared-browser.ts';

const base = inject('baseURL');
const browser = useBrowser();
const VERDICT = 'B is chosen in instance 2 but A, which p1 proposed before B, is never chosen: primary order is broken.';
const END = '#paxos-multi=zab-primary-order&v=1&run=primary-order&at=40';

describe('the Multi-Paxos stepper in the Zab chapter', () => {
  it('steps through the paper run by keyboard to the verdict, and the link reopens it', async () => {
    const probe = await openPage(browser(), `${base}/zab/`, {
      width: 390,
      height: 844,
    });
    const { page } = probe;
    const fig = page.locator('paxos-multi#zab-primary-order');
    // The first frame was written at build time: the grid and the leaders are there before any script.
    expect(await fig.locator('table.pm-grid tbody tr').count()).toBe(3);
    expect(await fig.locator('.pm-leader').count()).toBe(3);
    const before = await fig.boundingBox();
    await fig.scrollIntoViewIfNeeded();
    await page.waitForFunction(() => customElements.get('paxos-multi') !== undefined);
    expect((await fig.boundingBox())!.height).toBe(before!.height);

    const step = fig.locator('.pm-bar button[data-action="step"]');
    await step.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => fig.locator('[data-role="position"]').textContent()).toBe('step 1 of 40');
    expect(await fig.locator('[data-role="narration"]').textContent()).toMatch(/^p1 starts leading with ballot 1\.1/);
    expect(await fig.locator('.pm-msg').count()).toBe(3);
    for (let i = 1; i < 40; i++) await page.keyboard.press('Alt+ArrowRight');
    await expect.poll(() => fig.locator('[data-role="position"]').textContent()).toBe('step 40 of 40');
    expect(await fig.locator('[data-role="verdict"]').textContent()).toBe(VERDICT);
    expect(await fig.locator('[data-role="verdict"]').getAttribute('data-kind')).toBe('broken');
    expect(await fig.locator('tfoot td').allTextContents()).toEqual(['✓ C', '✓ B']);
    expect(await fig.locator('[data-role="narration"]').textContent()).toMatch(/the log runs B without A\.$/);
    // Step is done; the focus stayed in the figure, on Back.
    expect(await step.isDisabled()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-action'))).toBe('back');
    expect(new URL(page.url()).hash).toBe(END);

    expect(await axeSerious(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
    expect(await axeSerious(page)).toEqual([]);

    // A fresh page at the link: the same position, the same words.
    const other = await openPage(browser(), `${base}/zab/${END}`, {
      width: 1440,
      height: 900,
    });
    const again = other.page.locator('paxos-multi#zab-primary-order');
    await expect.poll(() => again.locator('[data-role="verdict"]').textContent()).toBe(VERDICT);
    expect(await again.locator('[data-role="narration"]').textContent()).toBe(await fig.locator('[data-role="narration"]').textContent());
    await again.locator('.pm-bar button[data-action="back"]').focus();
    await other.page.keyboard.press('Alt+ArrowLeft');
    await expect.poll(() => again.locator('[data-role="position"]').textContent()).toBe('step 39 of 40');
    expect(await again.locator('[data-role="verdict"]').textContent()).toBe("Chosen: C in instance 1. Every leader's commands run in the order it proposed them.");
    expect(other.errors).toEqual([]);
    await other.context.close();

    // The reader's own move from the start: the link carries the log.
    await fig.locator('.pm-bar button[data-action="reset"]').click();
    await fig.locator('.pm-leader button[data-action="lead"][data-arg="p2"]').click();
    expect(new URL(page.url()).hash).toBe('#paxos-multi=zab-primary-order&v=1&steps=lead+p2&at=1');
    expect(await fig.locator('.pm-msg').count()).toBe(3);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-action'))).toBe('deliver');
    expect(probe.errors).toEqual([]);
    await probe.context.close();
  });

  it('a bad link says why and shows the start', async () => {
    const probe = await openPage(browser(), `${base}/zab/#paxos-multi=zab-primary-order&v=1&run=raft&at=0`);
    const fig = probe.page.locator('paxos-multi#zab-primary-order');
    await expect.poll(() => fig.locator('[data-role="narration"]').textContent()).toMatch(/^This link could not be opened \("raft" is not a run of this figure/);
    expect(await fig.locator('[data-role="position"]').textContent()).toBe('step 0 of 40');
    expect(probe.errors).toEqual([]);
    await probe.context.close();
  });
});
