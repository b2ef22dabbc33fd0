/**
 * End to end, the narration a reader reads and hears: in every lab of the book, 300 steps
 * told without an internal identifier, and the words at a position the same whether the
 * reader stepped there or opened the link to it in a fresh page. The Paxos stepper's
 * position travels in the link too: a fresh page opened at it shows the same step and
 * words; a page opened at a heading keeps its anchor; a malformed link says why.
 */
import { describe, expect, inject, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { openPage } from './browser.ts';
import { useBrowser } from './shared-browser.ts';
import { bookLabs, internalIdentifiers } from '../harness/plain-words.ts';

const base = inject('baseURL');
const browser = useBrowser();

const words = async (fig: Locator, ...roles: string[]): Promise<string[]> => Promise.all(roles.map(async (r) => (await fig.locator(`[data-role="${r}"]`).first().textContent()) ?? ''));
/** The lab's own narration (its bar's), not a live view's line inside the lab. */
const labWords = (fig: Locator): Promise<string[]> => words(fig.locator('.lab-bar'), 'now', 'narration');

describe('narration in plain words', () => {
  it.each(bookLabs().map((l) => [l.chapter, l] as const))('%s: 300 steps, then the link tells the same', async (chapter, lab) => {
    const probe = await openPage(browser(), `${base}/${chapter}/`);
    const { page } = probe;
    const fig = page.locator(`ensemble-lab#${lab.id}`);
    await fig.locator('[data-action="forward"]').waitFor();
    // The bar is in the page before the lab's code: wait until the lab has begun (its tables are
    // no longer pending), or the 300 presses would land on a bar nothing listens to yet.
    await fig.locator('[data-role="tables"]:not([data-pending])').waitFor({ state: 'attached' });
    // Step as a reader does (the Step button), 300 times, reading the narration after each.
    const told = await fig.evaluate((labEl) => {
      const forward = labEl.querySelector<HTMLButtonElement>('[data-action="forward"]')!;
      const out: string[] = [];
      for (let i = 0; i < 300; i++) {
        forward.click();
        out.push(`${labEl.querySelector('.lab-bar [data-role="now"]')!.textContent} || ${labEl.querySelector('.lab-bar [data-role="narration"]')!.textContent}`);
      }
      return out;
    });
    expect(told.length).toBe(300);
    told.forEach((line, i) => {
      expect(line.replace(' || ', '').trim().length, `step ${i + 1}`).toBeGreaterThan(0);
      expect(internalIdentifiers(line), `step ${i + 1}: ${line}`).toEqual([]);
    });
    await expect.poll(() => page.url()).toContain(`#lab=${lab.id}&`);
    const here = await labWords(fig);
    const other = await openPage(browser(), page.url());
    const otherFig = other.page.locator(`ensemble-lab#${lab.id}`);
    await otherFig.locator('[data-action="forward"]').waitFor();
    await expect.poll(() => labWords(otherFig)).toEqual(here);
    expect(await otherFig.locator('.lab-clock').textContent()).toBe(await fig.locator('.lab-clock').textContent());
    expect(other.errors).toEqual([]);
    expect(probe.errors).toEqual([]);
    await other.context.close();
    await probe.context.close();
  });
});

describe('the Paxos stepper in the link', () => {
  it('a fresh page opened at the link shows the same step and words; old anchors stay; a bad link says why', async () => {
    const probe = await openPage(browser(), `${base}/paxos/#why-it-is-safe`);
    const { page } = probe;
    const stepper = page.locator('paxos-stepper').nth(1);
    await stepper.locator('svg.paxos-svg').waitFor();
    // Opened at a heading: the anchor stays until the reader moves.
    expect(new URL(page.url()).hash).toBe('#why-it-is-safe');
    const forward = stepper.getByRole('button', { name: 'Step forward' });
    for (let i = 0; i < 7; i++) await forward.click();
    // The reader's own step after the run's: the link carries the log.
    await stepper.locator('.px-msg-button').first().click();
    await stepper.getByRole('button', { name: 'Drop' }).click();
    const hash = new URL(page.url()).hash;
    expect(hash).toMatch(/^#paxos=paxos-competing-proposers&v=1&steps=.*&at=8$/);
    const here = await words(stepper, 'narration', 'position', 'banner', 'table');
    expect(here[1]).toBe('step 8 of 8');

    const other = await openPage(browser(), page.url());
    const again = other.page.locator('paxos-stepper#paxos-competing-proposers');
    await again.locator('svg.paxos-svg').waitFor();
    await expect.poll(() => words(again, 'narration', 'position', 'banner', 'table')).toEqual(here);
    // The other figures on the page start as the chapter sets them.
    expect(await other.page.locator('paxos-stepper#paxos-duelling-proposers [data-role="position"]').textContent()).toBe('step 0 of 26');
    expect(other.errors).toEqual([]);
    await other.context.close();

    // Back to a classic run's own step: the link names the run.
    await stepper.getByRole('button', { name: 'Load run' }).click();
    for (let i = 0; i < 3; i++) await forward.click();
    expect(new URL(page.url()).hash).toBe('#paxos=paxos-competing-proposers&v=1&run=competing-proposers&at=3');

    const bad = await openPage(browser(), `${base}/paxos/#paxos=paxos-competing-proposers&v=1&run=competing-proposers&at=99`);
    const badStepper = bad.page.locator('paxos-stepper#paxos-competing-proposers');
    await expect.poll(() => badStepper.locator('[data-role="narration"]').textContent()).toContain('This link could not be opened (position 99 is past its');
    expect(await badStepper.locator('[data-role="position"]').textContent()).toMatch(/^step 0 of /);
    expect(bad.errors).toEqual([]);
    await bad.context.close();
    expect(probe.errors).toEqual([]);
    await probe.context.close();
  });
});
