/**
 * End to end, in Debian's chromium against the built site: the Paxos chapter's stepper.
 * A reader completes a round by keyboard alone and sees the value chosen; Back returns to
 * the previous state; a classic run loads and steps Forward; a tap on a drawn message selects
 * it; no console errors; axe finds no serious or critical violations; the figure fits a
 * 390 px phone. Screenshots go to test-results/screenshots/.
 */
import { describe, expect, inject, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import { openPage, screenshot, NO_SERVICE_WORKER } from './browser.ts';
import { useBrowser } from './shared-browser.ts';

const base = inject('baseURL');
const browser = useBrowser();

async function axeSerious(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const banner = (stepper: Locator) => stepper.locator('[data-role="banner"]');
const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? '');

describe('Paxos stepper', () => {
  it('an empty stepper says what to press first, and takes the reader to the start form', async () => {
    const probe = await openPage(browser(), `${base}/paxos/`, { width: 1440, height: 900 });
    const { page } = probe;
    const stepper = page.locator('paxos-stepper').first();
    await stepper.locator('svg.paxos-svg').waitFor();
    // Not "step 0 of 0" with every button greyed: what to do, and a way to it.
    expect(await stepper.locator('[data-role="position"]').textContent()).toBe('no steps yet');
    expect(await stepper.locator('[data-role="narration"]').textContent()).toMatch(/^Nothing has happened yet\. To begin, start a round: .*press Start round/);
    const toStart = stepper.locator('button[data-action="to-start"]');
    expect(await stepper.getByRole('button', { name: 'Start a round ↓' }).isVisible()).toBe(true);
    // The form is below the picture, out of the window at first.
    expect(await stepper.locator('[data-role="start"]').evaluate((f) => f.getBoundingClientRect().top > innerHeight)).toBe(true);
    await toStart.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.role ?? null)).toBe('proposer');
    await expect.poll(() => stepper.locator('[data-role="start"]').evaluate((f) => { const r = f.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }), { timeout: 3000 }).toBe(true);
    await stepper.getByRole('button', { name: 'Start round' }).click();
    await expect.poll(() => stepper.locator('[data-role="position"]').textContent()).toBe('step 1 of 1');
    // With a step to go back over, the way to the form steps aside (its room kept).
    expect(await toStart.evaluate((b) => getComputedStyle(b).visibility)).toBe('hidden');
    await stepper.getByRole('button', { name: 'Step back' }).click();
    expect(await stepper.locator('[data-role="narration"]').textContent()).toBe('The start: nothing has happened yet. Forward ▶ takes the first of its 1 steps.');
    // A classic run's stepper starts with its steps to take, and no such button.
    const run = page.locator('paxos-stepper#paxos-duelling-proposers');
    expect(await run.locator('button[data-action="to-start"]').count()).toBe(0);
    expect(await run.locator('[data-role="position"]').textContent()).toMatch(/^step 0 of \d+$/);
    expect(probe.errors).toEqual([]);
    await probe.context.close();
  });

  it('a reader completes a round by keyboard alone, sees X chosen, and Back undoes the last step', async () => {
    const probe = await openPage(browser(), `${base}/paxos/`);
    const { page } = probe;
    const stepper = page.locator('paxos-stepper').first();
    await stepper.locator('svg.paxos-svg').waitFor();
    await expect.poll(() => banner(stepper).getAttribute('data-kind')).toBe('none');

    // Keyboard only from here: Tab into the start form, type the value, Enter.
    await stepper.locator('[data-role="proposer"]').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('X');
    await page.keyboard.press('Enter');
    await expect.poll(() => stepper.locator('.px-msg-button').count()).toBe(3);
    expect(await focusedText(page)).toContain('p1 → a1: prepare 1.1');

    // Enter selects the focused message and moves focus to Deliver; Enter delivers.
    let steps = 0;
    while ((await banner(stepper).getAttribute('data-kind')) !== 'chosen' && steps < 20) {
      await page.keyboard.press('Enter');
      expect(await focusedText(page)).toBe('Deliver');
      await page.keyboard.press('Enter');
      steps += 1;
    }
    expect(await banner(stepper).textContent()).toMatch(/^X is chosen/);
    expect(await stepper.locator('[data-role="narration"]').textContent()).toContain('accepts proposal 1.1:X');
    const chosenTable = await stepper.locator('[data-role="table"]').textContent();
    await screenshot(page, 'paxos-chosen-1280');

    // Back by keyboard: Alt+ArrowLeft, then the Back button itself.
    await page.keyboard.press('Alt+ArrowLeft');
    await expect.poll(() => banner(stepper).getAttribute('data-kind')).toBe('none');
    expect(await stepper.locator('[data-role="position"]').textContent()).toBe(`step ${steps} of ${steps + 1}`);
    await stepper.getByRole('button', { name: 'Step forward' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => banner(stepper).getAttribute('data-kind')).toBe('chosen');
    expect(await stepper.locator('[data-role="table"]').textContent()).toBe(chosenTable);
    await stepper.getByRole('button', { name: 'Step back' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => banner(stepper).getAttribute('data-kind')).toBe('none');

    expect(probe.errors).toEqual([]);
    expect(await axeSerious(page)).toEqual([]);
    await probe.context.close();
  });

  it('loads a classic run, steps it Forward, and a tap on a drawn message selects it', async () => {
    const probe = await openPage(browser(), `${base}/paxos/`);
    const { page } = probe;
    const stepper = page.locator('paxos-stepper').first();
    await stepper.locator('svg.paxos-svg').waitFor();
    await stepper.locator('[data-role="run"]').selectOption('lost-accept');
    await stepper.getByRole('button', { name: 'Load run' }).click();
    await expect.poll(() => stepper.locator('[data-role="position"]').textContent()).toBe('step 0 of 19');
    const forward = stepper.getByRole('button', { name: 'Step forward' });
    while (await forward.isEnabled()) await forward.click();
    expect(await banner(stepper).textContent()).toMatch(/^X is chosen: a1, a2 accepted proposal 1.2:X/);

    // A broken rule: the banner says so when agreement breaks.
    await stepper.locator('[data-role="mutant"]').selectOption('ignore-accepted-value');
    await stepper.getByRole('button', { name: 'Start round' }).click();
    const drawn = stepper.locator('svg g.px-msg').first();
    // Tap it once it has landed (it flies out from its sender first).
    await expect.poll(() => drawn.evaluate((g) => getComputedStyle(g).opacity)).toBe('1');
    await drawn.click();
    await expect.poll(() => stepper.locator('.px-msg-button[aria-pressed="true"]').count()).toBe(1);
    expect(probe.errors).toEqual([]);
    await probe.context.close();
  });

  it('works at 390 px: nothing overflows, controls reachable, axe clean', async () => {
    const probe = await openPage(browser(), `${base}/paxos/`, { width: 390, height: 844 });
    const { page } = probe;
    const stepper = page.locator('paxos-stepper').first();
    await stepper.locator('svg.paxos-svg').waitFor();
    await stepper.getByRole('button', { name: 'Start round' }).click();
    await stepper.locator('.px-msg-button').first().click();
    await stepper.getByRole('button', { name: 'Deliver' }).click();
    await expect.poll(() => stepper.locator('.px-msg-button').count()).toBe(3);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await axeSerious(page)).toEqual([]);
    expect(probe.errors).toEqual([]);
    await stepper.scrollIntoViewIfNeeded();
    await screenshot(page, 'paxos-390');
    await probe.context.close();
  });

  it('honours prefers-reduced-motion and the dark theme', async () => {
    const context = await browser().newContext({ ...NO_SERVICE_WORKER, viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce', colorScheme: 'dark' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${base}/paxos/`, { waitUntil: 'networkidle' });
    const stepper = page.locator('paxos-stepper').nth(2);
    await stepper.scrollIntoViewIfNeeded();
    const forward = stepper.getByRole('button', { name: 'Step forward' });
    for (let i = 0; i < 6; i++) await forward.click();
    // With reduced motion, messages are at their places at once (no transition in progress).
    const opacity = await stepper.locator('svg g.px-msg').first().evaluate((g) => getComputedStyle(g).opacity);
    expect(opacity).toBe('1');
    expect(await axeSerious(page)).toEqual([]);
    expect(errors).toEqual([]);
    await stepper.screenshot({ path: 'test-results/screenshots/paxos-dark-duel.png' });
    await context.close();
  });

  it('messages fly from their sender along their route, and stand still under reduced motion', async () => {
    const flight = async (reducedMotion: 'reduce' | 'no-preference'): Promise<string[]> => {
      const context = await browser().newContext({ ...NO_SERVICE_WORKER, viewport: { width: 1280, height: 900 }, reducedMotion });
      const page = await context.newPage();
      await page.goto(`${base}/paxos/`, { waitUntil: 'networkidle' });
      const stepper = page.locator('paxos-stepper').first();
      await stepper.locator('svg.paxos-svg').waitFor();
      await stepper.scrollIntoViewIfNeeded();
      await stepper.getByRole('button', { name: 'Start round' }).click();
      // Where the first prepare is drawn on each of 15 frames after the click (its box on
      // screen: the motion is an animation of its CSS transform, its attribute is its place).
      const seen = await stepper.locator('svg g.px-msg').first().evaluate(async (g) => {
        const out: string[] = [];
        for (let i = 0; i < 15; i++) {
          const r = g.getBoundingClientRect();
          out.push(`${Math.round(r.x)},${Math.round(r.y)}`);
          await new Promise((r) => requestAnimationFrame(r));
        }
        return out;
      });
      // Either way, the message list says the same in words.
      expect(await stepper.locator('.px-msg-button').first().textContent()).toBe('p1 → a1: prepare 1.1');
      await context.close();
      return [...new Set(seen)];
    };
    expect((await flight('no-preference')).length).toBeGreaterThan(2);
    expect(await flight('reduce')).toHaveLength(1);
  });
});
