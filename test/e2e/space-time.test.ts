/**
 * End to end, the space-time diagram that reads: after 60 steps of the Zab lab its arrows
 * spread over the plot (they sat in its first 40 px of an 800 ms axis); the reader zooms and
 * pans by keyboard (without stepping the lab), by Ctrl + wheel and Shift + wheel, while a
 * plain wheel still scrolls the page, and End follows now again; a crash, a partition and an
 * election show as bands; no two drawn labels overlap; it fits a 390 px phone; axe is clean.
 */
import { describe, expect, inject, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import { openPage } from './browser.ts';
import { useBrowser } from './shared-browser.ts';

const base = inject('baseURL');
const browser = useBrowser();

async function axeSerious(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The drawn arrows' horizontal extent, as a fraction of the plot's width. */
const spread = (st: Locator): Promise<number> =>
  st.evaluate((el) => {
    const clip = el.querySelector('rect.plot-clip')!.getBoundingClientRect();
    const xs = [...el.querySelectorAll('g.arrow line.shaft')].flatMap((l) => {
      const r = l.getBoundingClientRect();
      return [r.left, r.right];
    });
    return (Math.max(...xs) - Math.min(...xs)) / clip.width;
  });

/** Pairs of drawn labels whose boxes overlap. */
const overlapping = (st: Locator): Promise<string[]> =>
  st.evaluate((el) => {
    const boxes = [...el.querySelectorAll<SVGTextElement>('g.labels text')].map((t) => ({ t: t.textContent, r: t.getBoundingClientRect() }));
    const out: string[] = [];
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!.r;
        const b = boxes[j]!.r;
        if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) out.push(`${boxes[i]!.t} / ${boxes[j]!.t}`);
      }
    return out;
  });

const windowText = (st: Locator): Promise<string> => st.locator('[data-role="window"]').textContent().then((t) => t ?? '');
const spanOf = (text: string): number => {
  const m = /([\d.]+) (ms|s) to ([\d.]+) (ms|s)/.exec(text)!;
  const ms = (v: string, u: string) => Number(v) * (u === 's' ? 1000 : 1);
  return ms(m[3]!, m[4]!) - ms(m[1]!, m[2]!);
};

describe('the space-time diagram', () => {
  it('spreads 60 steps of the Zab lab over the plot, zooms and pans, and follows now again', async () => {
    const probe = await openPage(browser(), `${base}/zab/#lab=zab-lab&v=2&s=zab&seed=7&at=175`);
    const { page } = probe;
    const lab = page.locator('ensemble-lab#zab-lab');
    const st = lab.locator('space-time');
    await st.scrollIntoViewIfNeeded();
    await st.locator('g.arrow').first().waitFor();
    expect(await spread(st)).toBeGreaterThan(0.6);
    expect(await windowText(st)).toMatch(/^Following now: 0 ms to \d+ ms$/);
    expect(await st.locator('rect.band[data-kind="election"]').count()).toBe(1);
    expect(await overlapping(st)).toEqual([]);
    const clock = await lab.locator('.lab-clock').textContent();

    // Keyboard: + zooms in, ← pans back in time (the lab does not step), End follows now.
    const canvas = st.locator('[data-role="canvas"]');
    await canvas.focus();
    const before = spanOf(await windowText(st));
    await page.keyboard.press('+');
    await expect.poll(async () => spanOf(await windowText(st))).toBeCloseTo(before / 2, 0);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => windowText(st)).toMatch(/^Fixed: /);
    expect(await lab.locator('.lab-clock').textContent()).toBe(clock);
    await page.keyboard.press('-');
    await page.keyboard.press('End');
    await expect.poll(() => windowText(st)).toMatch(/^Following now: /);
    expect(spanOf(await windowText(st))).toBe(before);

    // Ctrl + wheel zooms in at the pointer; Shift + wheel pans back; a plain wheel scrolls the page.
    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -300);
    await page.keyboard.up('Control');
    await expect.poll(async () => spanOf(await windowText(st))).toBeLessThan(before);
    await page.keyboard.down('Shift');
    await page.mouse.wheel(0, -200);
    await page.keyboard.up('Shift');
    await expect.poll(() => windowText(st)).toMatch(/^Fixed: /);
    const fixed = await windowText(st);
    const scrolled = await page.evaluate(() => window.scrollY);
    await page.mouse.wheel(0, 200);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(scrolled);
    expect(await windowText(st)).toBe(fixed);
    // The Now button follows now with the fitted width.
    await st.getByRole('button', { name: /Follow now/ }).click();
    expect(await windowText(st)).toMatch(/^Following now: 0 ms to \d+ ms$/);
    expect(await axeSerious(page)).toEqual([]);
    expect(probe.errors).toEqual([]);
    await probe.context.close();
  });

  it('shows a crash, a partition and an election as bands, and fits a phone', async () => {
    const link = 'lab=failure-lab&v=2&s=failures&seed=1&at=1591&in=1231:crash+s2~1330:partition+s1+c1~1439:heal';
    for (const viewport of [
      { width: 1280, height: 900 },
      { width: 390, height: 844 },
    ]) {
      const probe = await openPage(browser(), `${base}/failure-lab/#${link}`, viewport);
      const { page } = probe;
      const st = page.locator('ensemble-lab#failure-lab space-time');
      await st.scrollIntoViewIfNeeded();
      await st.locator('g.arrow').first().waitFor();
      await st.locator('[data-role="canvas"]').focus();
      for (let i = 0; i < 3; i++) await page.keyboard.press('-');
      await expect.poll(() => st.locator('rect.band[data-kind="partition"]').count()).toBe(1);
      expect(await st.locator('rect.band[data-kind="down"]').getAttribute('aria-label')).toMatch(/^s2 down from \d+ ms, still now$/);
      expect(await st.locator('rect.band[data-kind="election"]').count()).toBeGreaterThanOrEqual(1);
      expect(await st.locator('g.labels text', { hasText: 'partition' }).count()).toBe(1);
      expect(await overlapping(st)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      await st.screenshot({ path: `test-results/screenshots/space-time-failures-${viewport.width}.png` });
      expect(probe.errors).toEqual([]);
      await probe.context.close();
    }
  });
});
